/**
 * The scheduler's decision card: which pod, how many nodes, where it went (or why it could
 * not go anywhere), and the table. Shown while the current stage holds 'schedule' trace
 * events whose detail is a SchedulingDetail; a dropdown picks among several pods.
 */
import { isSchedulingDetail, type SchedulingDetail } from '../../src/protocol/scheduling';
import type { TraceEvent } from '../../src/protocol/trace';
import { createSelect } from '../components';
import { clear, h, reveal, scrollerOf } from './dom';
import { renderDecisionTable } from './schedulerTable';

export interface Decision {
  seq: number;
  detail: SchedulingDetail;
}

/** The scheduling decisions among `events`, in order. */
export function decisionsOf(events: readonly TraceEvent[]): Decision[] {
  return events.filter((e) => e.channel === 'schedule' && isSchedulingDetail(e.detail)).map((e) => ({ seq: e.seq, detail: e.detail as SchedulingDetail }));
}

export class SchedulerView {
  readonly element: HTMLElement;
  private decisions: Decision[] = [];
  private chosen: number | undefined;
  private shownSeq: number | undefined;

  constructor() {
    this.element = h('section', { class: 'kw-card kw-sched', id: 'kw-scheduler', 'aria-label': 'Scheduler decision', tabindex: -1 });
    this.element.hidden = true;
  }

  /** Scrolls the table into view and moves focus to it. */
  reveal(): void {
    if (this.element.hidden) return;
    // Scroll only what holds the table (its pane, or the page when panes stack), and no
    // further than needed: the drawing above the table (pods on their nodes) stays in view.
    reveal(scrollerOf(this.element), this.element);
    this.element.focus({ preventScroll: true });
  }

  /** Shows the decisions of the current stage; `currentSeq` picks the one in focus. */
  update(decisions: Decision[], currentSeq: number, currentPod: string | undefined): void {
    if (decisions.length === 0) {
      this.element.hidden = true;
      this.decisions = [];
      return;
    }
    const changed = decisions !== this.decisions;
    this.decisions = decisions;
    if (changed) this.chosen = undefined;
    const byPod = currentPod ? decisions.find((d) => d.detail.pod.endsWith(`/${currentPod}`) || d.detail.pod === currentPod) : undefined;
    const latest = [...decisions].reverse().find((d) => d.seq <= currentSeq);
    const shown = decisions.find((d) => d.seq === this.chosen) ?? byPod ?? latest ?? decisions[0];
    if (!shown) return;
    this.element.hidden = false;
    if (changed || shown.seq !== this.shownSeq) this.render(shown);
  }

  private render(shown: Decision): void {
    this.shownSeq = shown.seq;
    clear(this.element);
    const select = createSelect({
      label: 'Pod',
      id: 'kw-sched-pod',
      value: String(shown.seq),
      options: this.decisions.map((d) => ({ value: String(d.seq), text: d.detail.pod })),
      onChange: (value) => {
        this.chosen = Number(value);
        const next = this.decisions.find((d) => d.seq === this.chosen);
        if (next) this.render(next);
      },
    });
    const d = shown.detail;
    const feasible = d.feasibleNodes ?? d.nodes.filter((n) => n.feasible).length;
    const considered = d.evaluatedNodes ?? d.nodes.length;
    const notes: HTMLElement[] = [];
    if (d.message) notes.push(h('p', { class: 'kw-sched-note', 'data-kind': 'message' }, d.message));
    for (const r of d.preFilter ?? []) notes.push(h('p', { class: 'kw-sched-note' }, `PreFilter ${r.plugin}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`));
    if (d.nominatedNode) notes.push(h('p', { class: 'kw-sched-note' }, `Preemption: nominated node ${d.nominatedNode}${d.victims?.length ? `; evicting ${d.victims.join(', ')}` : ''}`));
    if (d.omitted && d.omitted.feasible + d.omitted.infeasible > 0) {
      notes.push(h('p', { class: 'kw-muted kw-sched-note' }, `Not shown: ${d.omitted.feasible} more feasible and ${d.omitted.infeasible} more filtered-out nodes.`));
    }
    this.element.append(
      h('header', { class: 'kw-card-head' }, h('h3', {}, 'Scheduler decision'), this.decisions.length > 1 ? select.element : null),
      h(
        'p',
        { class: 'kw-sched-summary' },
        `${d.pod}${d.attempt && d.attempt > 1 ? ` (attempt ${d.attempt})` : ''}: ${considered} node${considered === 1 ? '' : 's'} considered, ${feasible} feasible, `,
        d.selected ? h('strong', {}, `bound to ${d.selected}`) : h('strong', { class: 'kw-error' }, 'no node fits'),
      ),
      ...notes,
      h('div', { class: 'kw-table-scroll' }, renderDecisionTable(d)),
    );
  }
}
