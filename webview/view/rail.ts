/**
 * The stage rail: a listbox of stages (prelude, 1..10, extra lanes). The current stage is
 * marked; a stage opens into a group of its steps (summary and +time). Up/Down move focus,
 * Enter or a click jumps there; Left/Right stay free for stepping.
 */
import type { Timeline } from '../model/timeline';
import { formatOffset, stageBadge, stageHeading } from '../model/timeline';
import { arrowLabel } from '../model/labels';
import { attr, clear, h, reveal } from './dom';
import { icon } from './icons';

export interface RailHandlers {
  jumpToStage(stageIndex: number): void;
  jumpToIndex(index: number): void;
}

export class Rail {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private timeline: Timeline | undefined;
  private current = -1;
  private currentStage = -1;
  /** Stages the person opened by hand; the current stage is always open. */
  private readonly pinned = new Set<number>();
  private focusId: string | undefined;
  private currentClosed = false;
  private toShow: HTMLElement | undefined;

  constructor(private readonly handlers: RailHandlers) {
    this.list = h('div', { class: 'kw-rail-list', role: 'listbox', 'aria-label': 'Stages and their steps', id: 'kw-rail' });
    this.list.addEventListener('keydown', (e) => this.onKey(e));
    this.list.addEventListener('click', (e) => this.onClick(e));
    this.element = h('nav', { class: 'kw-rail', 'aria-label': 'Walkthrough stages' }, h('h2', { class: 'kw-pane-title' }, 'Stages'), this.list);
  }

  load(timeline: Timeline): void {
    this.timeline = timeline;
    this.pinned.clear();
    this.current = -1;
    this.currentStage = -1;
  }

  update(index: number): void {
    const tl = this.timeline;
    const pos = tl?.positions[index];
    if (!tl || !pos) return;
    const stageChanged = pos.stageIndex !== this.currentStage;
    if (stageChanged) this.currentClosed = false;
    this.current = index;
    this.currentStage = pos.stageIndex;
    if (stageChanged) this.render();
    else this.mark();
  }

  private render(): void {
    const tl = this.timeline;
    if (!tl) return;
    const hadFocus = this.list.contains(document.activeElement);
    clear(this.list);
    tl.stages.forEach((stage, si) => {
      const count = tl.stageLength[si] ?? 0;
      const open = count > 0 && ((si === this.currentStage && !this.currentClosed) || this.pinned.has(si));
      const option = h(
        'div',
        {
          class: 'kw-rail-stage',
          role: 'option',
          id: `kw-stage-${si}`,
          tabindex: -1,
          'data-stage-index': si,
          'data-stage-id': stage.id,
          'data-status': stage.status,
          'data-current': si === this.currentStage ? 'true' : undefined,
          'data-open': open ? 'true' : undefined,
          'aria-disabled': count === 0 ? 'true' : undefined,
          'aria-label': `${stageHeading(stage)}: ${stage.title}. ${count} step${count === 1 ? '' : 's'}${stage.status !== 'done' ? `, ${stage.status}` : ''}${open ? ', open' : ''}`,
        },
        h('span', { class: 'kw-rail-toggle', 'data-toggle': si, 'aria-hidden': 'true' }, icon('chevron', 'kw-chevron')),
        h('span', { class: 'kw-rail-badge', 'aria-hidden': 'true' }, stageBadge(stage)),
        h('span', { class: 'kw-rail-text' }, h('span', { class: 'kw-rail-title' }, stage.title), h('span', { class: 'kw-rail-meta' }, `${stageHeading(stage)} · ${count} step${count === 1 ? '' : 's'}${stage.status !== 'done' ? ` · ${stage.status}` : ''}`)),
      );
      this.list.append(option);
      if (!open) return;
      const group = h('div', { class: 'kw-rail-steps', role: 'group', 'aria-label': `Steps of ${stageHeading(stage)}` });
      const start = tl.stageStart[si] ?? -1;
      for (let k = 0; k < count; k += 1) {
        const position = tl.positions[start + k];
        if (!position) continue;
        const e = position.event;
        group.append(
          h(
            'div',
            {
              class: 'kw-rail-step',
              role: 'option',
              id: `kw-step-${position.index}`,
              tabindex: -1,
              'data-index': position.index,
              'data-seq': e.seq,
              title: `${e.summary}\n${arrowLabel(e)}`,
              'aria-label': `${formatOffset(tl, e.time)} ${e.summary}`,
            },
            h('span', { class: 'kw-rail-time' }, formatOffset(tl, e.time)),
            h('span', { class: 'kw-rail-summary' }, e.summary),
          ),
        );
      }
      this.list.append(group);
    });
    this.mark();
    if (hadFocus) this.focus(this.focusId);
  }

  /**
   * One option is selected: the current step when its stage is open, else the current
   * stage. The current stage also carries aria-current="step" (its place in the process).
   */
  private mark(): void {
    let selected: HTMLElement | null = null;
    const stepShown = this.list.querySelector(`#kw-step-${this.current}`) !== null;
    for (const el of this.list.querySelectorAll<HTMLElement>('[role="option"]')) {
      const isStep = el.classList.contains('kw-rail-step');
      const isCurrentStage = !isStep && Number(el.dataset.stageIndex) === this.currentStage;
      const on = isStep ? Number(el.dataset.index) === this.current : isCurrentStage && !stepShown;
      attr(el, 'aria-selected', on ? 'true' : 'false');
      if (!isStep) {
        attr(el, 'aria-current', isCurrentStage ? 'step' : undefined);
        attr(el, 'data-current', isCurrentStage ? 'true' : undefined);
        attr(el, 'data-past', Number(el.dataset.stageIndex) < this.currentStage ? 'true' : undefined);
      }
      if (on) selected = el;
    }
    const kept = this.focusId ? this.list.querySelector<HTMLElement>(`#${this.focusId}`) : null;
    const tabStop = kept ?? selected;
    for (const el of this.list.querySelectorAll<HTMLElement>('[role="option"]')) el.tabIndex = el === tabStop ? 0 : -1;
    if (selected) this.showSoon(selected);
  }

  /** Scrolls at the next frame: measuring now would force a layout on every step. */
  private showSoon(option: HTMLElement): void {
    const first = this.toShow === undefined;
    this.toShow = option;
    if (!first) return;
    requestAnimationFrame(() => {
      const el = this.toShow;
      this.toShow = undefined;
      if (el?.isConnected) this.show(el);
    });
  }

  /**
   * Brings an option into view. A long stage's steps scroll inside their own group (stage 10
   * alone has well over a hundred), so the other stages stay a short scroll away.
   */
  private show(option: HTMLElement): void {
    const group = option.parentElement?.classList.contains('kw-rail-steps') ? option.parentElement : null;
    if (!group) {
      reveal(this.list, option);
      return;
    }
    reveal(group, option);
    const header = group.previousElementSibling;
    if (header) reveal(this.list, header);
    reveal(this.list, group);
  }

  private focus(id: string | undefined): void {
    const el = (id ? this.list.querySelector<HTMLElement>(`#${id}`) : null) ?? this.list.querySelector<HTMLElement>('[aria-selected="true"]');
    if (!el) return;
    for (const other of this.list.querySelectorAll<HTMLElement>('[role="option"]')) other.tabIndex = -1;
    el.tabIndex = 0;
    el.focus({ preventScroll: true });
    this.showSoon(el);
    this.focusId = el.id;
  }

  private activate(el: HTMLElement): void {
    if (el.getAttribute('aria-disabled') === 'true') return;
    this.focusId = el.id;
    if (el.classList.contains('kw-rail-step')) {
      this.handlers.jumpToIndex(Number(el.dataset.index));
      return;
    }
    const si = Number(el.dataset.stageIndex);
    if (si === this.currentStage) {
      this.toggle(si);
      return;
    }
    this.handlers.jumpToStage(si);
  }

  private toggle(si: number): void {
    if (si === this.currentStage) {
      // The current stage is open by default; toggling closes it until the stage changes.
      this.currentClosed = !this.currentClosed;
      this.pinned.delete(si);
    } else if (this.pinned.has(si)) {
      this.pinned.delete(si);
    } else {
      this.pinned.add(si);
    }
    this.render();
  }

  private onClick(e: MouseEvent): void {
    const target = e.target instanceof Element ? e.target : null;
    const toggle = target?.closest<HTMLElement>('[data-toggle]');
    if (toggle) {
      this.focusId = `kw-stage-${toggle.dataset.toggle}`;
      this.toggle(Number(toggle.dataset.toggle));
      return;
    }
    const option = target?.closest<HTMLElement>('[role="option"]');
    if (option) this.activate(option);
  }

  private onKey(e: KeyboardEvent): void {
    const options = [...this.list.querySelectorAll<HTMLElement>('[role="option"]')];
    const at = options.findIndex((o) => o === document.activeElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      const next = options[Math.max(0, Math.min(options.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) this.focus(next.id);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      const el = options[at];
      if (el) this.activate(el);
    }
  }
}
