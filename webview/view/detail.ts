/**
 * The step pane: the selected step (who, how, what), the object it carries as YAML, and
 * what changed since the previous snapshot of that same object.
 */
import type { TraceEvent } from '../../src/protocol/trace';
import { countChanges, hunks, lineDiff } from '../model/diff';
import { arrowLabel, arrowStyle, statusText } from '../model/labels';
import { formatOffset, type Timeline } from '../model/timeline';
import { objectKey } from '../model/world';
import { toYaml, withoutManagedFields } from '../model/yaml';
import { clear, h } from './dom';

const CHANNEL_TEXT: Record<string, string> = {
  'http-request': 'HTTP request',
  'http-response': 'HTTP response',
  authn: 'authentication',
  authz: 'authorization',
  admission: 'admission',
  validation: 'validation',
  'etcd-txn': 'etcd transaction',
  watch: 'watch notification',
  queue: 'work queue',
  reconcile: 'reconcile',
  schedule: 'scheduling cycle',
  cri: 'CRI call (gRPC)',
  'proxy-rule': 'proxy rules',
  event: 'Event recorded',
};

export interface DetailHandlers {
  jumpToSeq(seq: number): void;
}

export class Detail {
  readonly element: HTMLElement;
  private readonly stepCard: HTMLElement;
  private readonly objectCard: HTMLElement;
  private timeline: Timeline | undefined;
  private snapshots = new Map<string, { seq: number; snapshot: unknown }[]>();
  private readonly yamlCache = new Map<number, string>();
  private yamlOpen: boolean | undefined;

  constructor(private readonly handlers: DetailHandlers) {
    this.stepCard = h('article', { class: 'kw-card kw-step-card', 'aria-label': 'Selected step' });
    this.objectCard = h('article', { class: 'kw-card kw-object-card', 'aria-label': 'Object snapshot' });
    this.element = h('section', { class: 'kw-detail', id: 'kw-detail', 'aria-label': 'Step details' }, this.stepCard, this.objectCard);
  }

  load(timeline: Timeline): void {
    this.timeline = timeline;
    this.yamlCache.clear();
    this.snapshots = new Map();
    for (const e of [...timeline.walkthrough.trace].sort((a, b) => a.seq - b.seq)) {
      if (!e.ref || e.snapshot === undefined || e.snapshot === null) continue;
      const key = objectKey(e.ref);
      const list = this.snapshots.get(key) ?? [];
      list.push({ seq: e.seq, snapshot: e.snapshot });
      this.snapshots.set(key, list);
    }
  }

  update(index: number): void {
    const tl = this.timeline;
    const pos = tl?.positions[index];
    if (!tl || !pos) return;
    this.renderStep(pos.event, pos.stepIndex, tl.stageLength[pos.stageIndex] ?? 0);
    this.renderObject(pos.event);
  }

  private renderStep(e: TraceEvent, stepIndex: number, count: number): void {
    const tl = this.timeline;
    if (!tl) return;
    clear(this.stepCard);
    const rows: [string, Node | string][] = [
      ['When', h('span', { title: new Date(e.time).toISOString() }, `${formatOffset(tl, e.time)} (virtual time)`)],
      ['From → to', e.from === e.to ? `${e.from} (by itself)` : `${e.from} → ${e.to}`],
      ['Channel', h('span', { class: 'kw-channel', 'data-style': arrowStyle(e.channel) }, CHANNEL_TEXT[e.channel] ?? e.channel)],
      ['What', h('code', { class: 'kw-code' }, arrowLabel(e))],
    ];
    if (e.path && !arrowLabel(e).includes(e.path)) rows.push(['Path', h('code', { class: 'kw-code' }, e.path)]);
    if (e.code !== undefined) rows.push(['Status', statusText(e.code)]);
    if (e.ref) rows.push(['Object', `${e.ref.kind} ${e.ref.namespace ? `${e.ref.namespace}/` : ''}${e.ref.name}`]);
    if (e.resourceVersion) rows.push(['resourceVersion', e.resourceVersion]);
    if (e.cause !== undefined) {
      const cause = tl.bySeq.get(e.cause);
      const button = h('button', { type: 'button', class: 'kw-link', 'data-seq': e.cause }, `#${e.cause}${cause ? `: ${cause.summary}` : ''}`);
      button.addEventListener('click', () => this.handlers.jumpToSeq(e.cause ?? 0));
      rows.push(['Caused by', cause ? button : `#${e.cause}`]);
    }
    this.stepCard.append(
      h('header', { class: 'kw-card-head' }, h('h3', {}, `Step ${stepIndex + 1} of ${count}`), h('span', { class: 'kw-seq' }, `trace #${e.seq}`)),
      h('p', { class: 'kw-step-summary' }, e.summary),
      h('dl', { class: 'kw-facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    );
  }

  private yaml(seq: number, snapshot: unknown): string {
    let text = this.yamlCache.get(seq);
    if (text === undefined) {
      text = toYaml(withoutManagedFields(snapshot));
      this.yamlCache.set(seq, text);
    }
    return text;
  }

  private renderObject(e: TraceEvent): void {
    clear(this.objectCard);
    const history = e.ref ? this.snapshots.get(objectKey(e.ref)) ?? [] : [];
    const here = history.findIndex((x) => x.seq === e.seq);
    const current = here >= 0 ? history[here] : [...history].reverse().find((x) => x.seq < e.seq);
    if (!e.ref || !current) {
      this.objectCard.hidden = !e.ref;
      if (e.ref) this.objectCard.append(h('p', { class: 'kw-muted' }, 'This step carries no object snapshot, and none was recorded for this object before it.'));
      return;
    }
    this.objectCard.hidden = false;
    const name = `${e.ref.kind} ${e.ref.namespace ? `${e.ref.namespace}/` : ''}${e.ref.name}`;
    const what = here < 0 ? `Latest recorded version (from trace #${current.seq})` : e.channel === 'http-request' ? 'Request body' : e.channel === 'etcd-txn' ? 'As stored in etcd' : 'Object';
    this.objectCard.append(h('header', { class: 'kw-card-head kw-object-head' }, h('h3', {}, name), h('span', { class: 'kw-seq' }, what)));
    const previous = here > 0 ? history[here - 1] : undefined;
    const yaml = this.yaml(current.seq, current.snapshot);
    if (previous) {
      const diff = lineDiff(this.yaml(previous.seq, previous.snapshot).split('\n'), yaml.split('\n'));
      const { added, removed } = countChanges(diff);
      const pre = h('pre', { class: 'kw-diff', tabindex: 0, 'aria-label': `Changes since trace #${previous.seq}: ${added} lines added, ${removed} removed` });
      for (const line of hunks(diff, 2)) {
        if (line === null) pre.append(h('span', { class: 'kw-diff-line', 'data-op': 'gap' }, '  ⋯\n'));
        else pre.append(h('span', { class: 'kw-diff-line', 'data-op': line.op === ' ' ? 'same' : line.op === '+' ? 'add' : 'del' }, `${line.op} ${line.text}\n`));
      }
      if (added + removed === 0) pre.append(h('span', { class: 'kw-diff-line', 'data-op': 'same' }, '  (no change)\n'));
      this.objectCard.append(
        h('h4', { class: 'kw-sub' }, `Changed since trace #${previous.seq} `, h('span', { class: 'kw-diff-count' }, `+${added} −${removed}`)),
        pre,
      );
    }
    const open = this.yamlOpen ?? !previous;
    const details = h('details', { class: 'kw-yaml-details', open }, h('summary', {}, previous ? 'Full object (YAML)' : 'Object (YAML)'), h('pre', { class: 'kw-yaml', tabindex: 0 }, yaml));
    // Remember a person's choice to open or close the YAML across steps.
    details.addEventListener('toggle', () => {
      if (details.open !== open) this.yamlOpen = details.open;
    });
    this.objectCard.append(details);
  }
}
