/**
 * The replay order of a walkthrough: every (stage, step) pair in stage order, with the
 * trace event each names. Stages group steps by what they are about, not by when they
 * happened (stage 10 opens with status writes made before the Pods existed), so a step
 * shows the cluster as it was at its own seq, and stepping on may go back in time.
 * Pure: no DOM.
 */
import type { StepPosition } from '../../src/protocol/messages';
import type { TraceEvent } from '../../src/protocol/trace';
import type { Stage, Walkthrough } from '../../src/protocol/workflow';

export interface Position {
  index: number;
  stageIndex: number;
  /** Index of this step inside its stage's steps. */
  stepIndex: number;
  event: TraceEvent;
  /** True when this step happened before the one replayed just before it. */
  earlier: boolean;
}

export interface Timeline {
  walkthrough: Walkthrough;
  stages: Stage[];
  positions: Position[];
  /** First position of each stage, or -1 when the stage has no known steps. */
  stageStart: number[];
  /** Number of playable steps of each stage. */
  stageLength: number[];
  bySeq: Map<number, TraceEvent>;
  /** Virtual time of the first trace event: "+0.000s". */
  runStart: number;
}

export function buildTimeline(walkthrough: Walkthrough): Timeline {
  const bySeq = new Map<number, TraceEvent>();
  for (const event of walkthrough.trace) bySeq.set(event.seq, event);
  const positions: Position[] = [];
  const stageStart: number[] = [];
  const stageLength: number[] = [];
  walkthrough.stages.forEach((stage, stageIndex) => {
    const start = positions.length;
    let stepIndex = 0;
    for (const seq of stage.steps) {
      const event = bySeq.get(seq);
      if (!event) continue;
      const before = positions[positions.length - 1];
      positions.push({ index: positions.length, stageIndex, stepIndex, event, earlier: before !== undefined && before.event.seq > seq });
      stepIndex += 1;
    }
    stageStart.push(stepIndex > 0 ? start : -1);
    stageLength.push(stepIndex);
  });
  const first = walkthrough.trace[0];
  const runStart = walkthrough.trace.reduce((min, e) => Math.min(min, e.time), first ? first.time : 0);
  return { walkthrough, stages: walkthrough.stages, positions, stageStart, stageLength, bySeq, runStart };
}

/** Index of the position a StepPosition names; 0 when it is not found. */
export function indexOf(timeline: Timeline, position: StepPosition | undefined): number {
  if (!position) return 0;
  const stageIndex = timeline.stages.findIndex((s) => s.id === position.stageId);
  const found = timeline.positions.find((p) => p.stageIndex === stageIndex && p.event.seq === position.seq);
  return found ? found.index : 0;
}

export function toStepPosition(timeline: Timeline, index: number): StepPosition | undefined {
  const p = timeline.positions[index];
  const stage = p ? timeline.stages[p.stageIndex] : undefined;
  return p && stage ? { stageId: stage.id, seq: p.event.seq } : undefined;
}

/** Stage index for a keyboard digit: 1..9 are stages 1..9, 0 is stage 10. */
export function stageIndexForDigit(timeline: Timeline, digit: number): number {
  const number = digit === 0 ? 10 : digit;
  return timeline.stages.findIndex((s) => s.number === number);
}

/** "+1.234s" from the start of the run. */
export function formatOffset(timeline: Timeline, time: number): string {
  const ms = Math.max(0, time - timeline.runStart);
  return `+${(ms / 1000).toFixed(3)}s`;
}

/** The visible label of a stage in the rail: "3", "P" for the prelude, or the lane name. */
export function stageBadge(stage: Stage): string {
  if (stage.number !== undefined && stage.number > 0) return String(stage.number);
  if (stage.number === 0 || stage.id === 'prelude') return '0';
  const lane = stage.lane ?? stage.id;
  // kubectl's short names where a lane is named after a resource: "svc" for services.
  return lane === 'service' ? 'svc' : lane.slice(0, 3);
}

/** How a stage is announced and titled: "Stage 3: ...", "Prelude: ...", "Service lane: ...". */
export function stageHeading(stage: Stage): string {
  if (stage.number !== undefined && stage.number > 0) return `Stage ${stage.number}`;
  if (stage.number === 0 || stage.id === 'prelude') return 'Prelude';
  const lane = stage.lane ?? stage.id;
  return `${lane.charAt(0).toUpperCase()}${lane.slice(1)} lane`;
}
