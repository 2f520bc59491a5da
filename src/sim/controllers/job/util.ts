/**
 * Job bookkeeping from pkg/controller/job: labels and annotations of Job pods, the
 * tracking finalizer, completion indexes, the pod failure back-off and the condition
 * reasons and messages.
 */
import type { JobCondition } from 'kubernetes-types/batch/v1';
import { rfc3339 } from '../../core';
import type { JobObj, PodObj } from '../common/types';

export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
export const DEFAULT_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
/** syncJobBatchPeriod: pod events reach the Job a second later, batched. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1_000;

export const MSG = {
  completions: 'Reached expected number of succeeded pods',
  backoff: 'Job has reached the specified backoff limit',
  deadline: 'Job was active longer than specified deadline',
} as const;

export function condition(type: string, reason: string, message: string, now: number): JobCondition {
  const t = rfc3339(now);
  return { type, status: 'True', lastProbeTime: t, lastTransitionTime: t, reason, message };
}

export function hasCondition(job: JobObj, type: string): boolean {
  return (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

export function isFinished(job: JobObj): boolean {
  return hasCondition(job, 'Complete') || hasCondition(job, 'Failed');
}

export const isIndexed = (job: JobObj): boolean => job.spec?.completionMode === 'Indexed';

export function podIndex(pod: PodObj): number | undefined {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX] ?? pod.metadata.labels?.[COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** "1,3-5,7": the format of status.completedIndexes. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function parseIndexes(s: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',').filter(Boolean)) {
    const [a, b] = part.split('-').map(Number);
    if (a === undefined || Number.isNaN(a)) continue;
    for (let i = a; i <= (b ?? a); i++) out.add(i);
  }
  return out;
}

/** Back-off before the next pod after `failures` consecutive failures (10 s doubling, at most 10 min). */
export function failureBackoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(MAX_POD_FAILURE_BACKOFF_MS, DEFAULT_POD_FAILURE_BACKOFF_MS * 2 ** (failures - 1));
}

export function podFinished(pod: PodObj): 'Succeeded' | 'Failed' | undefined {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return phase;
  return undefined;
}
