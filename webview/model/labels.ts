/**
 * Short texts for the diagram: the label an arrow carries for each channel, the channel's
 * drawing style, and reason phrases for HTTP codes. Pure: no DOM.
 */
import type { Channel, TraceEvent } from '../../src/protocol/trace';

/** Arrow styles; each has its own colour and dash pattern in media/panel.css. */
export type ArrowStyle = 'request' | 'response' | 'watch' | 'etcd' | 'cri' | 'internal' | 'event' | 'proxy';

const STYLE: Record<Channel, ArrowStyle> = {
  'http-request': 'request',
  'http-response': 'response',
  authn: 'internal',
  authz: 'internal',
  admission: 'internal',
  validation: 'internal',
  'etcd-txn': 'etcd',
  watch: 'watch',
  queue: 'internal',
  reconcile: 'internal',
  schedule: 'internal',
  cri: 'cri',
  'proxy-rule': 'proxy',
  event: 'event',
};

export function arrowStyle(channel: Channel): ArrowStyle {
  return STYLE[channel];
}

/** Legend entries, in the order the legend shows them. */
export const LEGEND: { style: ArrowStyle; text: string }[] = [
  { style: 'request', text: 'HTTP request' },
  { style: 'response', text: 'HTTP response' },
  { style: 'watch', text: 'watch notification' },
  { style: 'etcd', text: 'etcd write/read' },
  { style: 'cri', text: 'CRI call' },
  { style: 'event', text: 'Event recorded' },
  { style: 'proxy', text: 'proxy rules' },
  { style: 'internal', text: 'inside a component' },
];

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusText(code: number): string {
  return REASONS[code] ? `${code} ${REASONS[code]}` : String(code);
}

function stripQuery(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}

/** The words written on the arrow of one step, full length (the diagram truncates). */
export function arrowLabel(event: TraceEvent): string {
  const verb = event.verb ?? '';
  const path = event.path ?? '';
  const kind = event.ref?.kind ?? '';
  switch (event.channel) {
    case 'http-request':
      return `${verb || 'HTTP'} ${stripQuery(path)}${path.includes('watch=true') ? ' (watch)' : ''}`.trim();
    case 'http-response':
      return event.code !== undefined ? statusText(event.code) : 'response';
    case 'etcd-txn':
      return `txn ${verb || 'put'} ${path}`.trim();
    case 'watch':
      return `WATCH ${verb || 'event'} ${kind}`.trim();
    case 'cri':
      // Without a path, the summary names the call and what it is about ("PullImage nginx:1.14.2").
      if (!path && verb && event.summary.startsWith(`${verb} `)) return event.summary;
      return `${verb} ${path}`.trim() || 'CRI';
    case 'event': {
      // The reason: the event's verb, else the summary's "<Type> <Reason>:" head.
      const reason = event.verb || /^(?:Event|Normal|Warning) (\w+):/.exec(event.summary)?.[1];
      return reason ? `Event ${reason}` : 'Event';
    }
    case 'proxy-rule':
      return `${verb || 'sync rules'} ${path}`.trim();
    case 'schedule':
      return event.ref ? `schedule ${event.ref.name}` : 'schedule';
    case 'queue':
    case 'reconcile':
      return event.ref ? `${event.channel} ${event.ref.kind}/${event.ref.name}` : event.channel;
    default:
      return verb ? `${event.channel}: ${verb}` : event.channel;
  }
}

/**
 * The arrow's text within `max` characters: a long API path first drops its
 * "/api/v1/namespaces/default/" (or "/apis/<group>/<version>/namespaces/<ns>/") prefix,
 * "POST pods/nginx-…/binding" as a person would say it; what is still too long is cut in
 * the middle. The full label stays in the tooltip and the caption.
 */
export function shortLabel(full: string, max: number): string {
  if (full.length <= max) return full;
  const compact = full.replace(/\/apis?\/(?:[^/\s]+\/)?v[0-9][a-z0-9]*\/namespaces\/[^/\s]+\//, '');
  return truncateMiddle(compact, max);
}

/** Cut to `max` characters with an ellipsis in the middle, keeping both ends readable. */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = max - 1;
  const head = Math.ceil(keep * 0.6);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}
