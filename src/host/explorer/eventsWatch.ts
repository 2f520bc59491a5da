/**
 * What `kubectl get events --watch` prints, for a terminal: the list once with its header
 * (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE), then a row each time an event is recorded or
 * seen again. Keys re-sort the list (s: next column, r: reverse) or keep warnings only (w).
 * Pure: the terminal hands in key presses and takes text out.
 */
import type { Event } from 'kubernetes-types/core/v1';
import { humanDuration } from '../../sim/apiserver/printers';
import { GET_TABS, StreamingTable } from './tabwriter';

export const SORT_KEYS = ['lastSeen', 'type', 'reason', 'object'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
const SORT_TITLES: Record<SortKey, string> = { lastSeen: 'LAST SEEN', type: 'TYPE', reason: 'REASON', object: 'OBJECT' };

const HEADER = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
const YELLOW = '\x1b[33m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

function lastSeenMs(e: Event): number {
  return Date.parse(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '') || 0;
}

/** printEvent's cells: LAST SEEN falls back to the first timestamp, then eventTime. */
export function eventCells(e: Event, now: number): string[] {
  const since = (t: string | undefined): string => (t ? humanDuration(now - Date.parse(t)) : '<unknown>');
  const first = e.firstTimestamp ? since(e.firstTimestamp) : since(e.eventTime);
  const last = e.series ? since(e.series.lastObservedTime) : e.lastTimestamp ? since(e.lastTimestamp) : first;
  const kind = (e.involvedObject.kind ?? '').toLowerCase();
  const object = e.involvedObject.name ? `${kind}/${e.involvedObject.name}` : kind;
  return [last, e.type ?? '', e.reason ?? '', object, (e.message ?? '').trim()];
}

function keyOf(e: Event): string {
  return e.metadata?.uid ?? `${e.metadata?.namespace ?? ''}/${e.metadata?.name ?? ''}`;
}

export class EventsWatch {
  private seen = new Map<string, string>();
  private table = new StreamingTable(GET_TABS);
  private events: Event[] = [];
  private now = 0;
  sortKey: SortKey = 'lastSeen';
  descending = false;
  warningsOnly = false;

  /** `write` gets terminal text (CRLF line ends). */
  constructor(private readonly write: (text: string) => void) {}

  help(): string {
    const order = `${SORT_TITLES[this.sortKey]} ${this.descending ? 'descending' : 'ascending'}`;
    return `${DIM}Watching events (sorted by ${order}${this.warningsOnly ? ', warnings only' : ''}). Keys: s sort column, r reverse, w warnings only, c clear, q close.${RESET}\r\n`;
  }

  private visible(e: Event): boolean {
    return !this.warningsOnly || e.type === 'Warning';
  }

  private line(cells: string[], warning: boolean): string {
    const text = this.table.row(cells);
    return `${warning ? `${YELLOW}${text}${RESET}` : text}\r\n`;
  }

  private sorted(events: readonly Event[]): Event[] {
    const value = (e: Event): string | number => {
      switch (this.sortKey) {
        case 'lastSeen':
          return lastSeenMs(e);
        case 'type':
          return e.type ?? '';
        case 'reason':
          return e.reason ?? '';
        case 'object':
          return `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`;
      }
    };
    const out = events.map((e, i) => ({ e, i, v: value(e) }));
    out.sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.i - b.i) * (this.descending ? -1 : 1));
    return out.map((x) => x.e);
  }

  /** Clears the screen and prints the whole (sorted, filtered) list with its header. */
  reprint(): void {
    this.table.reset();
    const rows = this.sorted(this.events.filter((e) => this.visible(e)));
    let text = '\x1b[2J\x1b[3J\x1b[H' + this.help();
    text += this.line(HEADER, false);
    for (const e of rows) text += this.line(eventCells(e, this.now), e.type === 'Warning');
    if (rows.length === 0) text += `${DIM}No resources found.${RESET}\r\n`;
    this.write(text);
  }

  /** Takes the cluster's current events; prints rows for the new and the changed ones. */
  update(events: readonly Event[], now: number, first = false): void {
    this.now = now;
    this.events = [...events];
    const changed: Event[] = [];
    const current = new Map<string, string>();
    for (const e of events) {
      const version = `${e.metadata?.resourceVersion ?? ''}/${e.count ?? 1}`;
      current.set(keyOf(e), version);
      if (this.seen.get(keyOf(e)) !== version) changed.push(e);
    }
    this.seen = current;
    if (first) {
      this.reprint();
      return;
    }
    let text = '';
    // Watch order: as the API server sends them, oldest change first.
    for (const e of [...changed].sort((a, b) => lastSeenMs(a) - lastSeenMs(b))) {
      if (this.visible(e)) text += this.line(eventCells(e, now), e.type === 'Warning');
    }
    if (text) this.write(text);
  }

  /** A key press; returns 'close' when the person asked to stop watching. */
  input(data: string): 'close' | undefined {
    switch (data) {
      case 's':
        this.sortKey = SORT_KEYS[(SORT_KEYS.indexOf(this.sortKey) + 1) % SORT_KEYS.length] ?? 'lastSeen';
        this.reprint();
        return undefined;
      case 'r':
        this.descending = !this.descending;
        this.reprint();
        return undefined;
      case 'w':
        this.warningsOnly = !this.warningsOnly;
        this.reprint();
        return undefined;
      case 'c':
        this.reprint();
        return undefined;
      case 'q':
      case '\x03':
        return 'close';
      default:
        return undefined;
    }
  }
}
