/**
 * Playback controls: restart, step back, play/pause, step forward, speed, and the timeline
 * scrubber (a range input over every step) with a strip showing where each stage lies.
 */
import { createButton, createSelect, type ButtonHandle } from '../components';
import type { Timeline } from '../model/timeline';
import { formatOffset, stageBadge, stageHeading } from '../model/timeline';
import { clear, h, s } from './dom';
import { icon, setIcon } from './icons';

export interface ControlHandlers {
  restart(): void;
  step(delta: number): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
  seek(index: number): void;
}

export const SPEEDS = [0.5, 1, 1.5, 2, 4, 8, 16];

export class Controls {
  readonly element: HTMLElement;
  private readonly play: ButtonHandle;
  private readonly playIcon: SVGSVGElement;
  private readonly back: ButtonHandle;
  private readonly forward: ButtonHandle;
  private readonly range: HTMLInputElement;
  private readonly output: HTMLOutputElement;
  private readonly strip: SVGSVGElement;
  private timeline: Timeline | undefined;

  constructor(handlers: ControlHandlers) {
    this.playIcon = icon('play');
    this.play = createButton({ label: 'Play', title: 'Play (Space)', appearance: 'primary', icon: this.playIcon, text: 'Play', id: 'kw-play', onClick: () => handlers.togglePlay() });
    const restart = createButton({ label: 'Restart', title: 'Restart (Home)', appearance: 'icon', icon: icon('restart'), id: 'kw-restart', onClick: () => handlers.restart() });
    this.back = createButton({ label: 'Step back', title: 'Step back (Left arrow)', appearance: 'icon', icon: icon('prev'), id: 'kw-back', onClick: () => handlers.step(-1) });
    this.forward = createButton({ label: 'Step forward', title: 'Step forward (Right arrow)', appearance: 'icon', icon: icon('next'), id: 'kw-forward', onClick: () => handlers.step(1) });
    const speed = createSelect({
      label: 'Playback speed',
      id: 'kw-speed',
      value: '1',
      options: SPEEDS.map((v) => ({ value: String(v), text: `${v}×` })),
      onChange: (value) => handlers.setSpeed(Number(value)),
    });
    this.range = h('input', { type: 'range', min: 0, max: 0, step: 1, value: 0, id: 'kw-scrubber', class: 'kw-scrubber', 'aria-label': 'Timeline: every step of the walkthrough' });
    this.range.addEventListener('input', () => handlers.seek(Number(this.range.value)));
    this.output = h('output', { class: 'kw-position', for: 'kw-scrubber', id: 'kw-position' });
    this.strip = s('svg', { class: 'kw-strip', viewBox: '0 0 1 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' });
    this.element = h(
      'div',
      { class: 'kw-controls' },
      h(
        'div',
        { class: 'kw-toolbar', role: 'toolbar', 'aria-label': 'Playback' },
        restart.element,
        this.back.element,
        this.play.element,
        this.forward.element,
        h('span', { class: 'kw-speed-label', 'aria-hidden': 'true' }, 'Speed'),
        speed.element,
      ),
      h('div', { class: 'kw-timeline' }, h('div', { class: 'kw-range-wrap' }, this.strip, this.range), this.output),
    );
  }

  load(timeline: Timeline): void {
    this.timeline = timeline;
    this.range.max = String(Math.max(0, timeline.positions.length - 1));
    clear(this.strip);
    const total = Math.max(1, timeline.positions.length);
    this.strip.setAttribute('viewBox', `0 0 ${total} 10`);
    timeline.stages.forEach((stage, si) => {
      const start = timeline.stageStart[si] ?? -1;
      const count = timeline.stageLength[si] ?? 0;
      if (start < 0 || count === 0) return;
      this.strip.append(
        s('rect', { class: 'kw-strip-seg', x: start, y: 0, width: count, height: 10, 'data-stage-index': si, 'data-odd': si % 2 === 1 ? 'true' : undefined },
          s('title', {}, `${stageHeading(stage)} (${stageBadge(stage)}): ${stage.title}`)),
      );
    });
  }

  update(index: number, playing: boolean): void {
    const tl = this.timeline;
    const pos = tl?.positions[index];
    if (!tl || !pos) return;
    const total = tl.positions.length;
    this.range.value = String(index);
    const stage = tl.stages[pos.stageIndex];
    const text = `Step ${index + 1} of ${total} · ${formatOffset(tl, pos.event.time)}`;
    this.output.textContent = text;
    this.range.setAttribute('aria-valuetext', `${text}. ${stage ? `${stageHeading(stage)}: ${stage.title}` : ''}`);
    for (const seg of this.strip.querySelectorAll('rect')) {
      seg.setAttribute('data-current', seg.getAttribute('data-stage-index') === String(pos.stageIndex) ? 'true' : 'false');
    }
    this.play.setLabel(playing ? 'Pause' : 'Play', playing ? 'Pause (Space)' : 'Play (Space)', playing ? 'Pause' : 'Play');
    this.play.element.setAttribute('data-playing', playing ? 'true' : 'false');
    setIcon(this.playIcon, playing ? 'pause' : 'play');
    this.back.setDisabled(index <= 0);
    this.forward.setDisabled(index >= total - 1);
  }
}
