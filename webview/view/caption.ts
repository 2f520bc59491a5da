/** The line above the drawing that says, in words, what the current step is. */
import type { TraceEvent } from '../../src/protocol/trace';
import type { Stage } from '../../src/protocol/workflow';
import { arrowLabel, arrowStyle } from '../model/labels';
import { stageHeading } from '../model/timeline';
import { clear, h } from './dom';

export class Caption {
  private link(onClick: () => void): HTMLButtonElement {
    const button = h('button', { type: 'button', class: 'kw-link kw-caption-link', id: 'kw-show-decision' }, 'Scheduler decision ↓');
    button.addEventListener('click', onClick);
    return button;
  }

  readonly element: HTMLElement;

  constructor() {
    this.element = h('div', { class: 'kw-caption', id: 'kw-caption' });
  }

  /**
   * `showDecision`, when given, adds a link down to the scheduler's decision table; `earlier`
   * says that this step happened before the one replayed just before it (stages group steps
   * by what they are about, so the clock sometimes goes back).
   */
  update(stage: Stage, event: TraceEvent, stepIndex: number, count: number, offset: string, showDecision?: () => void, earlier = false): void {
    clear(this.element);
    this.element.setAttribute('data-style', arrowStyle(event.channel));
    this.element.append(
      h(
        'div',
        { class: 'kw-caption-meta' },
        h('span', { class: 'kw-caption-stage' }, `${stageHeading(stage)} · ${stage.title}`),
        h('span', {}, `Step ${stepIndex + 1} of ${count}`),
        h('span', { class: 'kw-caption-time' }, offset),
        earlier ? h('span', { class: 'kw-caption-earlier', id: 'kw-earlier', title: 'Stages group steps by what they are about, not by time: this one happened before the step shown just before it.' }, '↶ earlier than the previous step') : null,
        showDecision ? this.link(showDecision) : null,
      ),
      h('p', { class: 'kw-caption-summary', id: 'kw-caption-summary' }, event.summary),
      h(
        'p',
        { class: 'kw-caption-route' },
        h('span', { class: 'kw-route-from' }, event.from),
        event.from === event.to ? ' (by itself)' : h('span', { class: 'kw-route-arrow', 'aria-label': 'to' }, ' → '),
        event.from === event.to ? null : h('span', { class: 'kw-route-to' }, event.to),
        h('span', { class: 'kw-route-sep', 'aria-hidden': 'true' }, ' · '),
        h('code', { class: 'kw-code' }, arrowLabel(event)),
      ),
    );
  }
}
