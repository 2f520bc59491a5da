/**
 * The events table, as `kubectl get events --sort-by=.lastTimestamp` lists them: LAST SEEN
 * (age at the current step), TYPE, REASON, OBJECT, MESSAGE. Rows appear as the replay
 * reaches them; the filter box narrows by object.
 */
import type { TraceEvent } from '../../src/protocol/trace';
import type { EventRow } from '../../src/protocol/workflow';
import { createTextField } from '../components';
import { humanDuration } from '../model/age';
import { breakable, h } from './dom';

export class EventsTable {
  readonly element: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly count: HTMLElement;
  private rows: EventRow[] = [];
  /** seq of the trace step that recorded each row, when the trace has it. */
  private recordedAt: (number | undefined)[] = [];
  private filter = '';
  private now = 0;
  private seq = 0;
  private shown = new Set<number>();

  constructor() {
    const field = createTextField({
      label: 'Filter by object',
      placeholder: 'e.g. pod/ or nginx-deployment',
      id: 'kw-events-filter',
      onInput: (value) => {
        this.filter = value.trim().toLowerCase();
        this.render(false);
      },
    });
    this.count = h('p', { class: 'kw-count', 'aria-live': 'polite', id: 'kw-events-count' });
    // Two lines per event (the fields, then the message) so the table reads in a narrow pane.
    this.table = h(
      'table',
      { class: 'kw-table kw-events-table', id: 'kw-events', 'aria-describedby': 'kw-events-count' },
      h('caption', { class: 'kw-sr-only' }, 'Kubernetes events recorded so far, as kubectl get events lists them'),
      h(
        'thead',
        {},
        h('tr', {}, ...['LAST SEEN', 'TYPE', 'REASON', 'OBJECT'].map((t, k) => h('th', { scope: 'col', id: `kw-ev-h${k}` }, t))),
        h('tr', { class: 'kw-event-msg' }, h('td', {}), h('th', { scope: 'col', colspan: 3, id: 'kw-ev-h4' }, 'MESSAGE')),
      ),
    );
    this.element = h('div', { class: 'kw-events' }, h('div', { class: 'kw-filter-row' }, field.element), this.count, h('div', { class: 'kw-table-scroll' }, this.table));
  }

  load(rows: EventRow[], trace: readonly TraceEvent[]): void {
    this.rows = [...rows].sort((a, b) => a.lastSeen - b.lastSeen);
    this.recordedAt = recordingSteps(this.rows, trace);
    this.shown = new Set();
  }

  /**
   * Shows the rows recorded by step `seq` (at virtual time `now`); with `flash`, rows new
   * since the last call blink once.
   */
  update(now: number, seq: number, flash: boolean): void {
    this.now = now;
    this.seq = seq;
    this.render(flash);
    if (!flash) this.shown = new Set(this.visible().map(({ i }) => i));
  }

  /**
   * lastTimestamp has whole seconds, so a row whose recording step is in the trace appears
   * with that step rather than up to a second early; other rows go by their timestamp.
   */
  private visible(): { row: EventRow; i: number }[] {
    return this.rows
      .map((row, i) => ({ row, i }))
      .filter(({ row, i }) => {
        const at = this.recordedAt[i];
        return at !== undefined ? at <= this.seq : row.lastSeen <= this.now;
      });
  }

  private render(markNew: boolean): void {
    for (const body of [...this.table.tBodies]) body.remove();
    const visible = this.visible();
    const matching = visible.filter(({ row }) => !this.filter || row.object.toLowerCase().includes(this.filter));
    const nextShown = new Set(visible.map(({ i }) => i));
    for (const { row, i } of matching) {
      const fresh = markNew && !this.shown.has(i);
      this.table.append(
        h(
          'tbody',
          { class: 'kw-event', 'data-type': row.type, 'data-reason': row.reason, 'data-object': row.object, 'data-new': fresh ? 'true' : undefined },
          h(
            'tr',
            {},
            h('td', { class: 'kw-nowrap', headers: 'kw-ev-h0', title: `count ${row.count}, from ${row.source}` }, humanDuration(this.now - row.lastSeen)),
            h('td', { class: 'kw-nowrap', headers: 'kw-ev-h1' }, row.type === 'Warning' ? `⚠ ${row.type}` : row.type),
            h('td', { class: 'kw-nowrap', headers: 'kw-ev-h2' }, row.reason),
            h('td', { class: 'kw-object', headers: 'kw-ev-h3' }, ...breakable(row.object)),
          ),
          h('tr', { class: 'kw-event-msg' }, h('td', {}), h('td', { class: 'kw-message', colspan: 3, headers: 'kw-ev-h4' }, row.message)),
        ),
      );
    }
    if (markNew) this.shown = nextShown;
    const total = this.rows.length;
    this.count.textContent =
      matching.length === visible.length
        ? `${visible.length} of ${total} events recorded so far`
        : `${matching.length} matching "${this.filter}" (${visible.length} of ${total} recorded so far)`;
    if (matching.length === 0) {
      this.table.append(h('tbody', {}, h('tr', { class: 'kw-empty-row' }, h('td', { colspan: 4 }, visible.length === 0 ? 'No events yet at this step.' : 'No event matches the filter.'))));
    }
  }
}

/** For each row, the seq of the 'event' trace step that recorded it (each step used once). */
function recordingSteps(rows: readonly EventRow[], trace: readonly TraceEvent[]): (number | undefined)[] {
  const recorded = trace.filter((e) => e.channel === 'event').sort((a, b) => a.seq - b.seq);
  const used = new Set<number>();
  return rows.map((row) => {
    const name = row.object.slice(row.object.indexOf('/') + 1);
    const e = recorded.find((t) => !used.has(t.seq) && t.verb === row.reason && t.ref?.name === name && t.summary.endsWith(row.message));
    if (e) used.add(e.seq);
    return e?.seq;
  });
}
