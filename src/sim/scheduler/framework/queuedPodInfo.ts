/** framework.QueuedPodInfo: a pod in the scheduling queue with its attempt bookkeeping. */
import type { PodInfo } from './podInfo';

export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** When the pod was (re)added to the queue; PrioritySort's tie-breaker and the backoff's start. */
  timestamp: number;
  /** Scheduling attempts so far. */
  attempts: number;
  /** Failures because no node fit; drives the back-off. */
  unschedulableCount: number;
  /** Failures by error in a row; drives the back-off after an error. */
  consecutiveErrors: number;
  initialAttemptTimestamp?: number;
  /** Plugins that rejected the pod in its last attempt: only their events requeue it. */
  unschedulablePlugins: Set<string>;
  pendingPlugins: Set<string>;
  /** Rejected by a PreEnqueue plugin (scheduling gates): waits for its own update. */
  gated: boolean;
  gatingMessage?: string;
  /** Trace seq of the pod's last move in the queue: the cause of its next attempt. */
  traceSeq?: number;
}

export function newQueuedPodInfo(podInfo: PodInfo, now: number): QueuedPodInfo {
  return {
    podInfo,
    timestamp: now,
    attempts: 0,
    unschedulableCount: 0,
    consecutiveErrors: 0,
    unschedulablePlugins: new Set(),
    pendingPlugins: new Set(),
    gated: false,
  };
}
