/**
 * The walkthrough as plain data: stages built from trace events by src/workflow, shown
 * by the panel and the CLI.
 */
import type { ObjectRef, TraceEvent } from './trace';

/** 'prelude' for cluster start, 1..10 for the documented workflow, or a named extra lane. */
export type StageId = string;

export interface Stage {
  id: StageId;
  /** 1..10 for the ten documented stages; 0 for the prelude; undefined for extra lanes. */
  number?: number;
  title: string;
  /** Written in this project's words. */
  explanation: string;
  /** Component names to highlight (as in TraceEvent.from/to). */
  components: string[];
  /** seqs of the trace events that make up this stage, in order. */
  steps: number[];
  /** Virtual time span. */
  start?: number;
  end?: number;
  /** 'done' when it happened, 'failed' when the run stopped here, 'skipped' when it does not apply. */
  status: 'done' | 'failed' | 'skipped';
  /** Where the documented text simplifies, what really happens. */
  note?: string;
  /** Extra lane name: 'service', 'rollout' ... */
  lane?: string;
}

/** One Kubernetes Event as `kubectl get events` lists it. */
export interface EventRow {
  lastSeen: number;
  type: string;
  reason: string;
  object: string;
  message: string;
  source: string;
  count: number;
}

/** Everything the panel needs to replay one apply. */
export interface Walkthrough {
  title: string;
  stages: Stage[];
  trace: TraceEvent[];
  events: EventRow[];
  /** The objects this run was about (what was applied). */
  applied: ObjectRef[];
  /** Component names present in the cluster, for drawing: node names and their agents. */
  topology: Topology;
}

export interface Topology {
  controlPlane: string;
  nodes: { name: string; role: 'control-plane' | 'worker'; ready: boolean }[];
  controllers: string[];
}
