/**
 * The pieces kubectl describe is made of: a prefix writer (two spaces per level) whose text
 * goes through a tabwriter, labels and annotations one per line, taints and tolerations,
 * times in RFC 1123 with a numeric zone, and the Events table.
 */
import type { Event, Taint, Toleration } from 'kubernetes-types/core/v1';
import { humanDuration } from '../../../sim/apiserver/printers';
import { DESCRIBE_TABS, tabulate } from '../tabwriter';

export class DescribeWriter {
  private text = '';

  write(level: number, s: string): void {
    this.text += '  '.repeat(level) + s;
  }

  line(level: number, s: string): void {
    this.write(level, `${s}\n`);
  }

  /** The finished text, aligned as tabwriter.NewWriter(out, 0, 8, 2, ' ', 0) does. */
  toString(): string {
    return tabulate(this.text, DESCRIBE_TABS);
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** Go's time.RFC1123Z in UTC: "Thu, 01 Jan 2026 00:00:05 +0000". Go's zero time when unset. */
export function rfc1123z(timestamp: string | undefined | null): string {
  const ms = timestamp ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(ms)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** printLabelsMultilineWithIndent: sorted key=value lines under one title. */
export function labelsMultiline(w: DescribeWriter, title: string, labels: Record<string, string> | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${k}=${labels?.[k] ?? ''}\n`);
  });
}

const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** printAnnotationsMultiline: without last-applied-configuration; long or multi-line values below the key. */
export function annotationsMultiline(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIPPED_ANNOTATIONS.has(k)).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, '\t');
    const value = (annotations?.[k] ?? '').replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

export function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/** printNodeTaintsMultiline: sorted by effect, then key. */
export function taintsMultiline(w: DescribeWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  const key = (t: Taint): string => `${t.effect},${t.key}`;
  [...taints].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).forEach((t, i) => {
    if (i > 0) w.write(0, '\t');
    w.write(0, `${taintText(t)}\n`);
  });
}

/** printTolerationsMultilineWithIndent: sorted by key. */
export function tolerationsMultiline(w: DescribeWriter, title: string, tolerations: readonly Toleration[] | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  if (!tolerations || tolerations.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i > 0) w.write(0, `${initialIndent}\t`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

function since(timestamp: string | undefined, now: number): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(now - Date.parse(timestamp));
}

/** DescribeEvents: Type, Reason, Age ("5s", or "2m (x3 over 5m)"), From, Message. */
export function describeEvents(w: DescribeWriter, events: readonly Event[] | undefined, now: number): void {
  if (!events) return;
  if (events.length === 0) {
    w.line(0, 'Events:\t<none>');
    return;
  }
  // SortableEvents orders by lastTimestamp alone: events.k8s.io events (no lastTimestamp) come first.
  const last = (e: Event): number => Date.parse(e.lastTimestamp ?? '') || 0;
  const sorted = [...events].sort((a, b) => last(a) - last(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.line(1, '----\t------\t----\t----\t-------');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval = first;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count ?? 0} over ${first})`;
    const source = e.source?.component || e.reportingComponent || '';
    w.line(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}`);
  }
}
