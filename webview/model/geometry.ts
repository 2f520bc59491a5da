/**
 * Paths for the arrows between components: a cubic curve leaving one box and entering the
 * other through the sides that face each other, or a loop on a box's corner when a component
 * works on its own. Pure: no DOM.
 */
import type { Rect } from './layout';

export interface ArrowPath {
  d: string;
  /** Where the label sits (the curve's middle, or beside a loop). */
  label: { x: number; y: number };
}

interface Pt {
  x: number;
  y: number;
}

const f = (n: number): string => String(Math.round(n * 10) / 10);

function bezierPoint(p0: Pt, p1: Pt, p2: Pt, p3: Pt, t: number): Pt {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

/** A curve from `from` to `to`; a slight sideways shift keeps request and reply apart. */
export function arrowBetween(from: Rect, to: Rect, shift = 0): ArrowPath {
  const fc = { x: from.x + from.w / 2, y: from.y + from.h / 2 };
  const tc = { x: to.x + to.w / 2, y: to.y + to.h / 2 };
  const dx = tc.x - fc.x;
  const dy = tc.y - fc.y;
  const vertical = Math.abs(dy) / ((from.h + to.h) / 2) >= Math.abs(dx) / ((from.w + to.w) / 2);
  let p0: Pt;
  let p3: Pt;
  let c1: Pt;
  let c2: Pt;
  if (vertical) {
    const down = dy > 0;
    const spanX = (x: number, r: Rect) => Math.min(r.x + r.w - 12, Math.max(r.x + 12, x));
    // Leave and enter near the other box's side, so near-vertical pairs draw straight.
    const x0 = spanX(fc.x + Math.max(-from.w / 4, Math.min(from.w / 4, dx / 2)) + shift, from);
    const x3 = spanX(tc.x - Math.max(-to.w / 4, Math.min(to.w / 4, dx / 2)) + shift, to);
    p0 = { x: x0, y: down ? from.y + from.h : from.y };
    p3 = { x: x3, y: down ? to.y : to.y + to.h };
    const bend = Math.max(24, Math.abs(p3.y - p0.y) * 0.5);
    c1 = { x: p0.x, y: p0.y + (down ? bend : -bend) };
    c2 = { x: p3.x, y: p3.y - (down ? bend : -bend) };
  } else {
    const right = dx > 0;
    const spanY = (y: number, r: Rect) => Math.min(r.y + r.h - 8, Math.max(r.y + 8, y));
    p0 = { x: right ? from.x + from.w : from.x, y: spanY(fc.y + shift, from) };
    p3 = { x: right ? to.x : to.x + to.w, y: spanY(tc.y + shift, to) };
    const bend = Math.max(24, Math.abs(p3.x - p0.x) * 0.5);
    c1 = { x: p0.x + (right ? bend : -bend), y: p0.y };
    c2 = { x: p3.x - (right ? bend : -bend), y: p3.y };
  }
  const mid = bezierPoint(p0, c1, c2, p3, 0.5);
  return {
    d: `M${f(p0.x)},${f(p0.y)} C${f(c1.x)},${f(c1.y)} ${f(c2.x)},${f(c2.y)} ${f(p3.x)},${f(p3.y)}`,
    label: mid,
  };
}

/** A loop over the top-right corner of a box, for work a component does by itself. */
export function selfLoop(box: Rect): ArrowPath {
  const x0 = box.x + box.w - Math.min(56, box.w / 2);
  const y0 = box.y;
  const x3 = box.x + box.w;
  const y3 = box.y + Math.min(18, box.h / 2);
  const d = `M${f(x0)},${f(y0)} C${f(x0)},${f(y0 - 30)} ${f(x3 + 34)},${f(y3 - 34)} ${f(x3)},${f(y3)}`;
  return { d, label: { x: x3 + 10, y: y0 - 22 } };
}
