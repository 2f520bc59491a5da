/**
 * The cluster drawing: frames for nodes, one group per component (data-component = its
 * trace id), pod chips, and the arrow of the current step. Built once per walkthrough;
 * each step only flips data attributes and redraws the pods and the arrow.
 */
import type { TraceEvent } from '../../src/protocol/trace';
import type { Stage } from '../../src/protocol/workflow';
import { arrowLabel, arrowStyle, LEGEND, shortLabel, type ArrowStyle } from '../model/labels';
import { arrowBetween, selfLoop } from '../model/geometry';
import { stageHighlights } from '../model/highlight';
import { podCapacity, podSlots, shortPodName, type CompBox, type Frame, type Layout } from '../model/layout';
import type { PodView, Tone } from '../model/world';
import { attr, clear, h, s } from './dom';

/** Size of the arrow label's backdrop before the text is measured (11.5px monospace). */
const LABEL_CHAR_W = 6.95;
const LABEL_H = 20;

const TONE_GLYPH: Record<Tone, string> = { ok: '●', progress: '◐', pending: '○', error: '✕', done: '✓' };
export const toneGlyph = (tone: Tone): string => TONE_GLYPH[tone];

export interface DiagramStep {
  event: TraceEvent;
  stage: Stage;
  pods: PodView[];
  /** Pods that did not exist one step earlier (they fade in). */
  newPods: ReadonlySet<string>;
  animate: boolean;
  /** How long the dot takes along the arrow; shorter when playing fast. */
  motionMs?: number;
}

export class Diagram {
  readonly element: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly desc: SVGDescElement;
  private readonly comps = new Map<string, SVGGElement>();
  private readonly podLayer: SVGGElement;
  private readonly arrowLayer: SVGGElement;
  /** Every id the drawing has a box or frame for (what a stage can light). */
  private readonly drawn: ReadonlySet<string>;
  private litStage: { stage: Stage; ids: Set<string> } | undefined;

  constructor(private readonly layout: Layout) {
    this.desc = s('desc', { id: 'kw-diagram-desc' });
    this.podLayer = s('g', { class: 'kw-pods' });
    this.arrowLayer = s('g', { class: 'kw-arrows' });
    const frames = s('g', { class: 'kw-frames' }, ...layout.frames.map((f) => frame(f)));
    const comps = s('g', { class: 'kw-components' });
    for (const box of layout.components.values()) {
      if (box.shape === 'frame') continue;
      const g = component(box);
      this.comps.set(box.id, g);
      comps.append(g);
    }
    this.drawn = new Set(layout.components.keys());
    this.svg = s(
      'svg',
      {
        class: 'kw-svg',
        viewBox: `0 0 ${layout.width} ${layout.height}`,
        width: layout.width,
        height: layout.height,
        preserveAspectRatio: 'xMidYMin meet',
        role: 'img',
        'aria-labelledby': 'kw-diagram-title kw-diagram-desc',
      },
      s('title', { id: 'kw-diagram-title' }, 'Cluster diagram'),
      this.desc,
      markers(),
      frames,
      comps,
      this.podLayer,
      this.arrowLayer,
    );
    const legend = h(
      'ul',
      { class: 'kw-legend', 'aria-label': 'Arrow styles' },
      ...LEGEND.map((item) =>
        h('li', { 'data-style': item.style }, legendSwatch(item.style), h('span', {}, item.text)),
      ),
    );
    this.element = h('figure', { class: 'kw-diagram' }, h('div', { class: 'kw-svg-scroll' }, this.svg), legend);
  }

  /** The component group for a trace id, if the drawing has one. */
  box(id: string): CompBox | undefined {
    return this.layout.components.get(id);
  }

  update(step: DiagramStep): void {
    const { event, stage } = step;
    const active = new Map<string, string>();
    if (event.from === event.to) active.set(event.from, 'self');
    else {
      active.set(event.from, 'from');
      active.set(event.to, 'to');
    }
    if (this.litStage?.stage !== stage) this.litStage = { stage, ids: stageHighlights(stage, this.drawn) };
    const inStage = this.litStage.ids;
    this.svg.setAttribute('data-has-step', 'true');
    this.svg.setAttribute('data-style', arrowStyle(event.channel));
    for (const [id, g] of this.comps) {
      attr(g, 'data-active', active.get(id));
      attr(g, 'data-stage', inStage.has(id) ? 'true' : undefined);
      const box = this.layout.components.get(id);
      const role = active.get(id);
      const what = role === 'from' ? 'sending' : role === 'to' ? 'receiving' : role === 'self' ? 'working' : inStage.has(id) ? 'part of this stage' : 'idle';
      const name = !box || box.shape === 'chip' ? id : `${box.label}${box.sub ? ` (${box.sub})` : ''}`;
      g.setAttribute('aria-label', `${name}: ${what}`);
    }
    // An agent inside the controller manager lights the manager frame too.
    const manager = this.svg.querySelector('[data-frame="kube-controller-manager"]');
    if (manager) {
      const ids = [...active.keys()];
      // When the manager itself is an end (its shared informers get the watch), say which.
      attr(manager, 'data-active', active.get('kube-controller-manager') ?? (ids.some((id) => this.isController(id)) ? 'true' : undefined));
      attr(manager, 'data-stage', inStage.has('kube-controller-manager') ? 'true' : undefined);
    }
    this.drawPods(step);
    this.drawArrow(event, step.animate, step.motionMs ?? 700);
    this.desc.textContent = `${event.from} to ${event.to}: ${event.summary}`;
  }

  private isController(id: string): boolean {
    return this.layout.components.get(id)?.shape === 'chip' || id === 'kube-controller-manager';
  }

  private drawPods(step: DiagramStep): void {
    clear(this.podLayer);
    const activePod = step.event.ref?.kind === 'Pod' ? step.event.ref.name : undefined;
    const groups = new Map<string, PodView[]>();
    for (const pod of step.pods) {
      const area = pod.node && this.layout.podAreas.has(pod.node) ? pod.node : '';
      const list = groups.get(area) ?? [];
      list.push(pod);
      groups.set(area, list);
    }
    for (const [area, all] of groups) {
      const rect = area ? this.layout.podAreas.get(area) : this.layout.queueArea;
      if (!rect) continue;
      // Where room runs out, the system's own pods (kube-system) fold first.
      const pods = [...all].sort((a, b) => Number(a.namespace === 'kube-system') - Number(b.namespace === 'kube-system'));
      const room = podCapacity(rect);
      const shown = pods.length > room ? pods.slice(0, room - 1) : pods;
      const slots = podSlots(rect, Math.min(pods.length, room));
      shown.forEach((pod, k) => {
        const slot = slots[k];
        if (!slot) return;
        const title = `Pod ${pod.namespace}/${pod.name}: ${pod.status}${pod.activity ? `, ${pod.activity}` : ''}${pod.node ? ` on ${pod.node}` : ', not scheduled yet'}${pod.ip ? `, IP ${pod.ip}` : ''}`;
        this.podLayer.append(
          s(
            'g',
            {
              class: `kw-pod${step.newPods.has(pod.key) && step.animate ? ' kw-enter' : ''}`,
              'data-pod': pod.name,
              'data-node': pod.node ?? '',
              'data-tone': pod.tone,
              'data-active': pod.name === activePod ? 'true' : undefined,
              role: 'img',
              'aria-label': title,
            },
            s('title', {}, title),
            s('rect', { x: slot.x, y: slot.y, width: slot.w, height: slot.h, rx: 5 }),
            s('text', { class: 'kw-pod-name', x: slot.x + 8, y: slot.y + 14 }, shortPodName(pod.name, pod.node)),
            s('text', { class: 'kw-pod-status', x: slot.x + 8, y: slot.y + 27 }, `${TONE_GLYPH[pod.tone]} ${pod.status}`),
          ),
        );
      });
      const folded = pods.slice(shown.length);
      const slot = slots[shown.length];
      if (folded.length > 0 && slot) {
        const title = `${folded.length} more: ${folded.map((p) => `${p.namespace}/${p.name} (${p.status})`).join(', ')}`;
        this.podLayer.append(
          s(
            'g',
            { class: 'kw-pod kw-pod-more', 'data-more': folded.length, 'data-tone': 'done', role: 'img', 'aria-label': title },
            s('title', {}, title),
            s('rect', { x: slot.x, y: slot.y, width: slot.w, height: slot.h, rx: 5 }),
            s('text', { class: 'kw-pod-name', x: slot.x + 8, y: slot.y + 21 }, `+${folded.length} more`),
          ),
        );
      }
    }
  }

  private drawArrow(event: TraceEvent, animate: boolean, motionMs: number): void {
    clear(this.arrowLayer);
    const from = this.layout.components.get(event.from);
    const to = this.layout.components.get(event.to);
    if (!from || !to) return;
    const style = arrowStyle(event.channel);
    // The controller manager handing work to one of its own controllers: from its title.
    const ends = [from, to].map((box, k) => {
      const other = k === 0 ? to : from;
      return box.shape === 'frame' && contains(box, other) ? { ...box, w: Math.min(box.w, 220), h: 26 } : box;
    });
    const path = event.from === event.to ? selfLoop(from) : arrowBetween(ends[0] ?? from, ends[1] ?? to);
    const full = arrowLabel(event);
    const text = shortLabel(full, 58);
    const line = s('path', { class: 'kw-arrow-line', d: path.d, 'marker-end': `url(#kw-head-${style})` });
    const group = s('g', { class: `kw-arrow${animate ? ' kw-animate' : ''}`, 'data-style': style, 'data-channel': event.channel }, line);
    if (animate) {
      group.append(
        s('circle', { class: 'kw-arrow-dot', r: 4 }, s('animateMotion', { dur: `${Math.max(80, Math.round(motionMs))}ms`, fill: 'freeze', path: path.d, repeatCount: '1' })),
      );
    }
    const label = s('text', { class: 'kw-arrow-text', x: path.label.x, y: path.label.y + 4, 'text-anchor': 'middle' }, text);
    const bg = s('rect', { class: 'kw-arrow-bg', rx: 4 });
    const labelGroup = s('g', { class: 'kw-arrow-label' }, s('title', {}, full), bg, label);
    group.append(labelGroup);
    this.arrowLayer.append(group);
    // The label is monospace: its width follows from its length, so placing it needs no
    // layout now. The measured size (ready by the next frame) then trims the backdrop.
    const place = (w: number, hgt: number): void => {
      const spot = this.labelSpot(path.label, w, hgt, from, to);
      label.setAttribute('x', String(spot.x));
      label.setAttribute('y', String(spot.y + 4));
      bg.setAttribute('x', String(spot.x - w / 2));
      bg.setAttribute('y', String(spot.y - hgt / 2));
      bg.setAttribute('width', String(w));
      bg.setAttribute('height', String(hgt));
    };
    const pad = 5;
    place(text.length * LABEL_CHAR_W + 2 * pad, LABEL_H);
    requestAnimationFrame(() => {
      if (!group.isConnected) return;
      const box = label.getBBox();
      if (box.width > 0) place(box.width + 2 * pad, box.height + 6);
    });
  }

  /** The first of a few candidate centres whose label rectangle overlaps no component. */
  private labelSpot(mid: { x: number; y: number }, w: number, hgt: number, from: CompBox, to: CompBox): { x: number; y: number } {
    const keepIn = (x: number) => Math.max(w / 2 + 2, Math.min(this.layout.width - w / 2 - 2, x));
    // Obstacles: every component, and the title line of every frame.
    const boxes = [
      ...[...this.layout.components.values()].filter((b) => b.shape !== 'frame'),
      ...this.layout.frames.map((f) => ({ x: f.x, y: f.y, w: Math.min(f.w, 250), h: 28 })),
    ];
    const below = Math.max(from.y + from.h, to.y + to.h) + hgt / 2 + 6;
    const above = Math.min(from.y, to.y) - hgt / 2 - 6;
    const candidates = [
      { x: keepIn(mid.x), y: mid.y },
      { x: keepIn(mid.x), y: below },
      { x: keepIn(mid.x), y: above },
      { x: keepIn(mid.x + w / 2), y: mid.y },
      { x: keepIn(mid.x - w / 2), y: mid.y },
      // Crowded spots (a controller's loop inside the manager): look up, then down, nearby.
      ...[-1, 1, -2, 2, -3, 3].flatMap((k) => [mid.x, mid.x - w / 2].map((x) => ({ x: keepIn(x), y: mid.y + k * (hgt + 4) }))),
    ];
    const clear = (c: { x: number; y: number }) =>
      c.y - hgt / 2 > 0 &&
      boxes.every((b) => c.x + w / 2 < b.x || c.x - w / 2 > b.x + b.w || c.y + hgt / 2 < b.y || c.y - hgt / 2 > b.y + b.h);
    return candidates.find(clear) ?? candidates[0] ?? mid;
  }
}

function contains(outer: CompBox, inner: CompBox): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

function frame(f: Frame): SVGGElement {
  const g = s('g', { class: 'kw-frame', 'data-frame': f.id.startsWith('node/') ? f.id : f.id, 'data-kind': f.kind, 'data-ready': f.ready ? 'true' : 'false' });
  g.append(s('rect', { x: f.x, y: f.y, width: f.w, height: f.h, rx: f.kind === 'manager' ? 6 : 10 }));
  const title = s('text', { class: 'kw-frame-title', x: f.x + 12, y: f.y + (f.kind === 'manager' ? 19 : 21) }, f.label);
  if (f.sub) title.append(s('tspan', { class: 'kw-frame-sub', dx: 8 }, f.sub));
  g.append(title);
  if (f.kind === 'worker' || f.kind === 'control-plane') {
    g.append(s('text', { class: 'kw-frame-ready', x: f.x + f.w - 12, y: f.y + 21, 'text-anchor': 'end' }, f.ready ? '● Ready' : '✕ NotReady'));
  }
  if (f.kind === 'worker') {
    g.append(s('text', { class: 'kw-frame-sub', x: f.x + 12, y: f.y + 34 + 46 + 22 }, 'Pods'));
  }
  return g;
}

function component(box: CompBox): SVGGElement {
  const g = s('g', { class: 'kw-comp', 'data-component': box.id, 'data-shape': box.shape, role: 'img', 'aria-label': box.shape === 'chip' ? box.id : box.label });
  g.append(s('title', {}, box.sub && box.shape !== 'chip' ? `${box.id} (${box.sub})` : box.id));
  const cx = box.x + box.w / 2;
  if (box.shape === 'cylinder') {
    const ry = 8;
    g.append(
      s('path', { class: 'kw-shape', d: `M${box.x},${box.y + ry} V${box.y + box.h - ry} A${box.w / 2},${ry} 0 0 0 ${box.x + box.w},${box.y + box.h - ry} V${box.y + ry}` }),
      s('ellipse', { class: 'kw-shape kw-rim', cx, cy: box.y + ry, rx: box.w / 2, ry }),
    );
  } else {
    g.append(s('rect', { class: 'kw-shape', x: box.x, y: box.y, width: box.w, height: box.h, rx: box.shape === 'chip' ? box.h / 2 : 6 }));
  }
  if (box.shape === 'chip') {
    g.append(s('text', { class: 'kw-comp-label kw-chip-label', x: cx, y: box.y + box.h / 2 + 4, 'text-anchor': 'middle' }, box.label));
    return g;
  }
  const labelY = box.shape === 'cylinder' ? box.y + box.h / 2 + 6 : box.y + (box.sub ? box.h / 2 - 2 : box.h / 2 + 4);
  if (box.shape === 'person') {
    const ix = box.x + 22;
    const iy = box.y + box.h / 2;
    g.append(
      s('circle', { class: 'kw-person', cx: ix, cy: iy - 6, r: 5 }),
      s('path', { class: 'kw-person', d: `M${ix - 9},${iy + 12} a9,8 0 0 1 18,0 z` }),
    );
  }
  g.append(s('text', { class: 'kw-comp-label', x: cx, y: labelY, 'text-anchor': 'middle' }, box.label));
  if (box.sub) g.append(s('text', { class: 'kw-comp-sub', x: cx, y: labelY + 15, 'text-anchor': 'middle' }, box.sub));
  return g;
}

function markers(): SVGDefsElement {
  const styles: ArrowStyle[] = ['request', 'response', 'watch', 'etcd', 'cri', 'internal', 'event', 'proxy'];
  return s(
    'defs',
    {},
    ...styles.map((style) =>
      s(
        'marker',
        { id: `kw-head-${style}`, viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', 'data-style': style },
        s('path', { class: 'kw-head', d: 'M0,0 L10,5 L0,10 z' }),
      ),
    ),
  );
}

function legendSwatch(style: ArrowStyle): SVGSVGElement {
  return s(
    'svg',
    { class: 'kw-swatch', viewBox: '0 0 28 10', width: 28, height: 10, 'aria-hidden': 'true', 'data-style': style },
    s('line', { x1: 1, y1: 5, x2: 22, y2: 5 }),
    s('path', { d: 'M20,1 L27,5 L20,9 z' }),
  );
}
