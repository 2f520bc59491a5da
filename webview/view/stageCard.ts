/** The card under the drawing that explains the current stage, with its note when it has one. */
import type { Stage } from '../../src/protocol/workflow';
import { stageBadge, stageHeading } from '../model/timeline';
import { clear, h } from './dom';

export class StageCard {
  readonly element: HTMLElement;
  private shown: Stage | undefined;

  constructor() {
    this.element = h('article', { class: 'kw-card kw-stage-card', id: 'kw-stage-card', 'aria-label': 'About this stage' });
  }

  update(stage: Stage): void {
    if (stage === this.shown) return;
    this.shown = stage;
    clear(this.element);
    this.element.setAttribute('data-stage-id', stage.id);
    this.element.append(
      h(
        'header',
        { class: 'kw-card-head' },
        h('span', { class: 'kw-stage-badge', 'aria-hidden': 'true' }, stageBadge(stage)),
        h('h2', { class: 'kw-stage-title' }, h('span', { class: 'kw-eyebrow' }, stageHeading(stage)), stage.title),
        h('span', { class: 'kw-status-pill', 'data-status': stage.status }, stage.status === 'done' ? '✓ happened' : stage.status === 'failed' ? '✕ run stopped here' : '– skipped'),
      ),
      h('p', { class: 'kw-explanation' }, stage.explanation),
    );
    if (stage.note) {
      this.element.append(h('aside', { class: 'kw-note', 'aria-label': 'What really happens' }, h('strong', {}, 'What really happens: '), stage.note));
    }
  }
}
