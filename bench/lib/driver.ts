/**
 * Fast-forward as the editor host does it: run loop.step() in ~30 ms slices until only
 * background upkeep is left, timing every step() from the outside. Between slices it
 * samples the heap and lets the caller watch progress. Uses only the loop's public
 * surface (busy, peekTime, step), plus one read of the next task's label for naming the
 * longest steps.
 */
import { getHeapStatistics } from 'node:v8';
import { performance } from 'node:perf_hooks';
import type { EventLoop } from '../../src/sim/core';
import { StepHistogram } from './stats';

export interface LongStep {
  us: number;
  label: string;
  virtualMs: number;
}

export interface DriveOptions {
  /** Virtual deadline (absolute ms); default: one virtual day from now. */
  deadline?: number;
  sliceMs?: number;
  /** Called between slices; return true to stop early. */
  onSlice?: (elapsedMs: number) => boolean | void;
  /** Steps kept in the "longest" list. */
  keepLongest?: number;
}

export interface LabelCost {
  label: string;
  count: number;
  totalMs: number;
  maxUs: number;
}

export interface DriveResult {
  steps: number;
  wallMs: number;
  virtualMs: number;
  quiet: boolean;
  stoppedEarly: boolean;
  hist: StepHistogram;
  longest: LongStep[];
  /** Step time grouped by task label with node names and object keys folded. */
  byLabel: LabelCost[];
  slices: number;
  /** Longest slice (a slice ends after the step that crosses sliceMs). */
  maxSliceMs: number;
  peakHeapBytes: number;
}

/** The label of the task step() will run next (the loop keeps a binary heap). */
function nextLabel(loop: EventLoop): string {
  const heap = (loop as unknown as { heap?: { label?: string }[] }).heap;
  return heap?.[0]?.label ?? '';
}

/** `replicaset-controller default/web-1-abc` -> `replicaset-controller <key>`. */
export function labelGroup(label: string): string {
  if (!label) return '(unlabelled: watch delivery, request latency...)';
  return label
    .replace(/\b(worker-\d+|control-plane)\b/g, '<node>')
    .split(' ')
    .map((t) => (t.includes('/') && !/^(kube-proxy|kubelet)\//.test(t) ? '<key>' : t))
    .join(' ');
}

export function drive(loop: EventLoop, opts: DriveOptions = {}): DriveResult {
  const deadline = opts.deadline ?? loop.now() + 24 * 3600_000;
  const sliceMs = opts.sliceMs ?? 30;
  const keep = opts.keepLongest ?? 10;
  const hist = new StepHistogram();
  const longest: LongStep[] = [];
  const groups = new Map<string, { count: number; us: number; maxUs: number }>();
  // Raw labels carry object keys (one per pod): fold them as they come, keeping few.
  const folds = new Map<string, string>();
  let floor = 0;
  const v0 = loop.now();
  const t0 = performance.now();
  let slices = 0;
  let maxSliceMs = 0;
  let peak = getHeapStatistics().used_heap_size;
  let steps = 0;
  let stoppedEarly = false;
  outer: for (;;) {
    const sliceStart = performance.now();
    let now = sliceStart;
    while (now - sliceStart < sliceMs) {
      if (!loop.busy) break outer;
      const t = loop.peekTime();
      if (t === undefined || t > deadline) break outer;
      const label = nextLabel(loop);
      const before = performance.now();
      loop.step();
      now = performance.now();
      const us = (now - before) * 1000;
      steps++;
      hist.add(us);
      let key = folds.get(label);
      if (key === undefined) {
        if (folds.size > 10_000) folds.clear();
        folds.set(label, (key = labelGroup(label)));
      }
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { count: 0, us: 0, maxUs: 0 }));
      g.count++;
      g.us += us;
      if (us > g.maxUs) g.maxUs = us;
      if (us > floor || longest.length < keep) {
        longest.push({ us, label, virtualMs: loop.now() - v0 });
        longest.sort((a, b) => b.us - a.us);
        if (longest.length > keep) longest.pop();
        floor = longest.length === keep ? (longest[keep - 1] as LongStep).us : 0;
      }
    }
    slices++;
    maxSliceMs = Math.max(maxSliceMs, now - sliceStart);
    peak = Math.max(peak, getHeapStatistics().used_heap_size);
    if (opts.onSlice?.(now - t0)) {
      stoppedEarly = true;
      break;
    }
  }
  slices++;
  const wallMs = performance.now() - t0;
  peak = Math.max(peak, getHeapStatistics().used_heap_size);
  const byLabel = [...groups.entries()].map(([label, g]) => ({ label, count: g.count, totalMs: g.us / 1000, maxUs: g.maxUs }));
  return {
    steps,
    wallMs,
    byLabel: byLabel.sort((a, b) => b.totalMs - a.totalMs),
    virtualMs: loop.now() - v0,
    quiet: !loop.busy,
    stoppedEarly,
    hist,
    longest,
    slices,
    maxSliceMs,
    peakHeapBytes: peak,
  };
}

/** Heap used after a full collection (needs node --expose-gc; NaN without it). */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return NaN;
  gc();
  gc();
  return getHeapStatistics().used_heap_size;
}
