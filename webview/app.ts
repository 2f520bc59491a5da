/**
 * The walkthrough panel: lays out the panes, owns the replay position and the play timer,
 * and on every step tells each pane what to show. Everything it shows comes from the
 * Walkthrough it was given.
 */
import type { HostMessage, StepPosition, WebviewMessage } from '../src/protocol/messages';
import type { Walkthrough } from '../src/protocol/workflow';
import { buildChains } from './model/chain';
import { WorldCursor } from './model/cursor';
import { drawnIds } from './model/highlight';
import { computeLayout } from './model/layout';
import { buildTimeline, formatOffset, indexOf, stageHeading, stageIndexForDigit, toStepPosition, type Timeline } from './model/timeline';
import { peakPods } from './model/world';
import { Caption } from './view/caption';
import { ChainView } from './view/chain';
import { Controls } from './view/controls';
import { Detail } from './view/detail';
import { Diagram } from './view/diagram';
import { clear, h } from './view/dom';
import { EventsTable } from './view/events';
import { installShortcuts } from './view/keyboard';
import { Rail } from './view/rail';
import { StageCard } from './view/stageCard';
import { decisionsOf, SchedulerView, type Decision } from './view/scheduler';
import { Tabs } from './view/tabs';

/** Milliseconds a step stays on screen at 1×; a new stage lingers a little longer. */
const STEP_MS = 1100;
const STAGE_PAUSE_MS = 900;

export interface AppHost {
  post(message: WebviewMessage): void;
  /** Keeps what a reload needs (VS Code's webview state). */
  save(walkthrough: Walkthrough, position: StepPosition | undefined): void;
  reducedMotion(): boolean;
}

export class App {
  private readonly rail: Rail;
  private readonly controls: Controls;
  private readonly caption = new Caption();
  private readonly detail: Detail;
  private readonly stageCard = new StageCard();
  private readonly scheduler = new SchedulerView();
  private readonly events = new EventsTable();
  private readonly chain = new ChainView();
  private readonly diagramSlot: HTMLElement;
  private readonly announcer: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly main: HTMLElement;
  private diagram: Diagram | undefined;
  private timeline: Timeline | undefined;
  private cursor: WorldCursor | undefined;
  private decisions: Decision[][] = [];
  private index = 0;
  private playing = false;
  private speed = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private podKeys = new Set<string>();
  private makeDiagram: ((width: number) => Diagram) | undefined;
  private diagramWidth = 0;

  constructor(private readonly root: HTMLElement, private readonly host: AppHost) {
    this.rail = new Rail({ jumpToStage: (si) => this.jumpToStage(si), jumpToIndex: (i) => this.go(i, 'user') });
    this.controls = new Controls({
      restart: () => this.restart(),
      step: (d) => this.step(d),
      togglePlay: () => this.togglePlay(),
      setSpeed: (x) => this.setSpeed(x),
      seek: (i) => this.go(i, 'user'),
    });
    this.detail = new Detail({ jumpToSeq: (seq) => this.jumpToSeq(seq) });
    this.diagramSlot = h('div', { class: 'kw-diagram-slot' });
    this.announcer = h('div', { class: 'kw-sr-only', id: 'kw-announcer', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.subtitle = h('p', { class: 'kw-subtitle', id: 'kw-subtitle' }, 'Waiting for a walkthrough…');
    this.main = h('main', { class: 'kw-main', id: 'kw-main' }, this.caption.element, this.diagramSlot, this.scheduler.element, this.stageCard.element);
    const side = new Tabs('Step and cluster state', [
      { id: 'step', label: 'Step', content: this.detail.element },
      { id: 'events', label: 'Events', content: this.events.element },
      { id: 'resources', label: 'Resources', content: this.chain.element },
    ]);
    clear(root);
    root.className = 'kw-app';
    root.setAttribute('data-state', 'empty');
    root.append(
      h('header', { class: 'kw-header' }, h('div', { class: 'kw-heading' }, h('h1', {}, 'Kube Walkthrough'), this.subtitle), this.controls.element),
      h('div', { class: 'kw-empty', id: 'kw-empty' }, h('p', {}, 'No walkthrough loaded yet.'), h('p', { class: 'kw-muted' }, 'Right-click a Kubernetes manifest and choose "Apply to Simulated Cluster" to replay what every component does.')),
      h('div', { class: 'kw-body' }, this.rail.element, this.main, h('aside', { class: 'kw-side', 'aria-label': 'Step and cluster state' }, side.element)),
      h('footer', { class: 'kw-footer' }, 'Keys: Space play/pause · ← → step · Home restart · 1–9, 0 stage 1–10'),
      this.announcer,
    );
    new ResizeObserver(() => this.onResize()).observe(this.diagramSlot);
    installShortcuts(document, {
      togglePlay: () => this.togglePlay(),
      step: (d) => this.step(d),
      restart: () => this.restart(),
      jumpToDigit: (d) => {
        const si = this.timeline ? stageIndexForDigit(this.timeline, d) : -1;
        if (si >= 0) this.jumpToStage(si);
      },
    });
  }

  receive(message: HostMessage): void {
    if (message.type === 'walkthrough/didLoad') this.load(message.walkthrough, message.position);
  }

  /** Shows a problem in place of the panel's content (text only). */
  fail(text: string): void {
    this.root.setAttribute('data-state', 'error');
    const empty = this.root.querySelector('#kw-empty');
    if (empty) {
      clear(empty);
      empty.append(h('p', { class: 'kw-error', role: 'alert' }, text));
    }
  }

  load(walkthrough: Walkthrough, position?: StepPosition): void {
    this.pause();
    const tl = buildTimeline(walkthrough);
    this.timeline = tl;
    this.cursor = new WorldCursor(walkthrough.trace);
    const ids = drawnIds(walkthrough.trace);
    const peaks = peakPods(walkthrough.trace);
    this.makeDiagram = (width) => new Diagram(computeLayout(walkthrough.topology, ids, peaks, width));
    this.placeDiagram();
    this.decisions = tl.stages.map((s) => decisionsOf(s.steps.map((q) => tl.bySeq.get(q)).filter((e) => e !== undefined)));
    this.rail.load(tl);
    this.controls.load(tl);
    this.detail.load(tl);
    this.events.load(walkthrough.events, walkthrough.trace);
    this.chain.setFocus(new Set(walkthrough.applied.map((r) => r.namespace ?? 'default')));
    this.subtitle.textContent = walkthrough.title;
    this.podKeys = new Set();
    this.root.setAttribute('data-state', tl.positions.length > 0 ? 'ready' : 'empty');
    if (tl.positions.length === 0) {
      this.fail('This walkthrough has no steps to replay.');
      return;
    }
    this.go(indexOf(tl, position), 'load');
  }

  /** Lays the drawing out for the width it has, one unit per CSS pixel, and shows the step. */
  private placeDiagram(): void {
    if (!this.makeDiagram) return;
    const width = this.diagramSlot.clientWidth || 1000;
    this.diagramWidth = width;
    this.diagram = this.makeDiagram(width);
    clear(this.diagramSlot);
    this.diagramSlot.append(this.diagram.element);
  }

  private onResize(): void {
    const width = this.diagramSlot.clientWidth;
    if (!this.timeline || width === 0 || Math.abs(width - this.diagramWidth) < 24) return;
    this.placeDiagram();
    this.go(this.index, 'redraw');
  }

  private go(index: number, why: 'user' | 'play' | 'load' | 'redraw'): void {
    const tl = this.timeline;
    if (!tl || !this.diagram || !this.cursor) return;
    const clamped = Math.max(0, Math.min(tl.positions.length - 1, index));
    const pos = tl.positions[clamped];
    const stage = pos ? tl.stages[pos.stageIndex] : undefined;
    if (!pos || !stage) return;
    if (why === 'user') this.pause();
    const previous = tl.positions[this.index];
    const forwardOne = (why === 'user' || why === 'play') && clamped === this.index + 1;
    const stageChanged = why === 'load' || previous?.stageIndex !== pos.stageIndex;
    this.index = clamped;
    // The cluster as it was at this step's own seq (time travel), see model/timeline.ts.
    const world = this.cursor.at(pos.event.seq);
    const keys = new Set(world.pods.map((p) => p.key));
    const newPods = forwardOne ? new Set([...keys].filter((k) => !this.podKeys.has(k))) : new Set<string>();
    this.podKeys = keys;
    const count = tl.stageLength[pos.stageIndex] ?? 0;
    // A new stage starts at the top of the main pane: caption and drawing first.
    if (stageChanged && why === 'user') this.main.scrollTop = 0;
    this.root.setAttribute('data-stage-id', stage.id);
    this.root.setAttribute('data-index', String(clamped));
    this.root.setAttribute('data-seq', String(pos.event.seq));
    const decisions = this.decisions[pos.stageIndex] ?? [];
    this.caption.update(stage, pos.event, pos.stepIndex, count, formatOffset(tl, pos.event.time), decisions.length > 0 ? () => this.scheduler.reveal() : undefined, pos.earlier);
    // While playing fast the dot must arrive before the next step replaces the arrow.
    const motionMs = why === 'play' ? Math.min(700, (0.6 * STEP_MS) / this.speed) : 700;
    this.diagram.update({ event: pos.event, stage, pods: world.pods, newPods, animate: forwardOne && motionMs >= 100 && !this.host.reducedMotion(), motionMs });
    this.rail.update(clamped);
    this.controls.update(clamped, this.playing);
    this.stageCard.update(stage);
    this.detail.update(clamped);
    const ref = pos.event.ref;
    this.scheduler.update(decisions, pos.event.seq, ref?.kind === 'Pod' ? ref.name : undefined);
    this.events.update(pos.event.time, pos.event.seq, forwardOne);
    this.chain.update(buildChains(world, tl.walkthrough.topology));
    if (why === 'user' || (why === 'play' && stageChanged)) {
      this.announce(why === 'play' ? `${stageHeading(stage)}: ${stage.title}` : `${stageHeading(stage)}, step ${pos.stepIndex + 1} of ${count}: ${pos.event.summary}`);
    }
    if (why !== 'redraw') this.remember();
  }

  private remember(): void {
    const tl = this.timeline;
    if (!tl) return;
    const position = toStepPosition(tl, this.index);
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      if (position) this.host.post({ type: 'step/didSelect', stageId: position.stageId, seq: position.seq });
      this.host.save(tl.walkthrough, position);
    }, 300);
  }

  private announce(text: string): void {
    this.announcer.textContent = text;
  }

  step(delta: number): void {
    this.go(this.index + delta, 'user');
  }

  restart(): void {
    this.go(0, 'user');
  }

  jumpToStage(stageIndex: number): void {
    const start = this.timeline?.stageStart[stageIndex] ?? -1;
    if (start >= 0) this.go(start, 'user');
  }

  jumpToSeq(seq: number): void {
    const found = this.timeline?.positions.find((p) => p.event.seq === seq);
    if (found) this.go(found.index, 'user');
  }

  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed <= 0) return;
    this.speed = speed;
    if (this.playing) this.schedule();
  }

  togglePlay(): void {
    if (this.playing) this.pause();
    else this.play();
    this.announce(this.playing ? 'Playing' : 'Paused');
  }

  play(): void {
    const tl = this.timeline;
    if (!tl || tl.positions.length === 0) return;
    if (this.index >= tl.positions.length - 1) this.go(0, 'load');
    this.playing = true;
    this.root.setAttribute('data-playing', 'true');
    this.controls.update(this.index, true);
    this.schedule();
  }

  pause(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.playing) return;
    this.playing = false;
    this.root.setAttribute('data-playing', 'false');
    this.controls.update(this.index, false);
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    const tl = this.timeline;
    if (!tl) return;
    const next = tl.positions[this.index + 1];
    const now = tl.positions[this.index];
    const linger = next && now && next.stageIndex !== now.stageIndex ? STAGE_PAUSE_MS : 0;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.playing) return;
      if (this.index >= tl.positions.length - 1) {
        this.pause();
        this.announce('End of the walkthrough');
        return;
      }
      this.go(this.index + 1, 'play');
      this.schedule();
    }, (STEP_MS + linger) / this.speed);
  }
}
