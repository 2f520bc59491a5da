/**
 * manageJob: how many pods a Job should be running now, and creating or deleting to get
 * there (slow-start batches, the tracking finalizer, completion indexes for Indexed Jobs).
 */
import { ownerRef } from '../../api/objects';
import { isNotFound } from '../../api/errors';
import { R } from '../../client';
import type { ControllerContext } from '../common/context';
import type { Expectations } from '../common/expectations';
import { isPodReady, podFromTemplate, podKey } from '../common/pods';
import type { JobObj, PodObj } from '../common/types';
import { errorText, isNamespaceTerminating } from '../common/util';
import { slowStartBatch } from '../replicaset/manage';
import { COMPLETION_INDEX, TRACKING_FINALIZER, isIndexed, podIndex } from './util';

export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

export interface Counts {
  active: PodObj[];
  terminating: number;
  succeeded: number;
  succeededIndexes: Set<number>;
}

/** How many more pods (positive) or fewer (negative) the Job wants now. */
export function wantedDelta(job: JobObj, c: Counts): number {
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions;
  let want: number;
  if (completions === undefined || completions === null) {
    want = c.succeeded > 0 ? Math.min(c.active.length, parallelism) : parallelism;
  } else if (isIndexed(job)) {
    want = Math.min(parallelism, completions - c.succeededIndexes.size);
  } else {
    want = Math.min(parallelism, completions - c.succeeded);
  }
  if (job.spec?.podReplacementPolicy === 'Failed') want -= c.terminating;
  return Math.max(0, want) - c.active.length;
}

/** Indexes still to run: not succeeded and without an active pod, lowest first. */
export function pendingIndexes(job: JobObj, c: Counts, n: number): number[] {
  const busy = new Set(c.active.map(podIndex).filter((i): i is number => i !== undefined));
  const out: number[] = [];
  for (let i = 0; i < (job.spec?.completions ?? 0) && out.length < n; i++) {
    if (!c.succeededIndexes.has(i) && !busy.has(i)) out.push(i);
  }
  return out;
}

function jobPod(job: JobObj, index: number | undefined): PodObj {
  const name = job.metadata.name ?? '';
  const parent = index === undefined ? name : `${name}-${index}`;
  const pod = podFromTemplate(job.spec?.template ?? {}, parent, job.metadata.namespace ?? '', ownerRef(job)) as PodObj;
  pod.metadata.finalizers = [...(pod.metadata.finalizers ?? []), TRACKING_FINALIZER];
  if (index !== undefined) {
    pod.metadata.annotations = { ...pod.metadata.annotations, [COMPLETION_INDEX]: String(index) };
    pod.metadata.labels = { ...pod.metadata.labels, [COMPLETION_INDEX]: String(index) };
    if (pod.spec && !pod.spec.hostname) pod.spec.hostname = `${name}-${index}`;
  }
  return pod;
}

export function createPods(ctx: ControllerContext, exp: Expectations, key: string, job: JobObj, count: number, indexes: number[]): unknown {
  const n = Math.min(count, MAX_POD_CREATE_DELETE_PER_SYNC);
  exp.expectCreations(key, n);
  let next = 0;
  const { successes, error } = slowStartBatch(n, () => {
    const pod = jobPod(job, isIndexed(job) ? indexes[next++] : undefined);
    try {
      const created = ctx.client.create<PodObj>(R.pods, job.metadata.namespace, pod);
      ctx.recorder.normal(job, 'SuccessfulCreate', `Created pod: ${created.metadata.name ?? ''}`);
    } catch (err) {
      if (isNamespaceTerminating(err)) return;
      ctx.recorder.warning(job, 'FailedCreate', `Error creating: ${errorText(err)}`);
      throw err;
    }
  });
  for (let i = successes; i < n; i++) exp.creationObserved(key);
  return error;
}

/** Deletes pods, not-ready and newest first as controller.ActivePods orders them. */
export function deletePods(ctx: ControllerContext, exp: Expectations, key: string, job: JobObj, pods: readonly PodObj[], count: number): unknown {
  const order = [...pods].sort((a, b) => {
    const ra = isPodReady(a) ? 1 : 0;
    const rb = isPodReady(b) ? 1 : 0;
    if (ra !== rb) return ra - rb;
    return (b.metadata.creationTimestamp ?? '') < (a.metadata.creationTimestamp ?? '') ? -1 : 1;
  });
  const victims = order.slice(0, Math.min(count, MAX_POD_CREATE_DELETE_PER_SYNC));
  exp.expectDeletions(key, victims.map(podKey));
  let firstErr: unknown;
  for (const pod of victims) {
    const name = pod.metadata.name ?? '';
    try {
      ctx.client.delete(R.pods, pod.metadata.namespace, name);
      ctx.recorder.normal(job, 'SuccessfulDelete', `Deleted pod: ${name}`);
    } catch (err) {
      exp.deletionObserved(key, podKey(pod));
      if (isNotFound(err)) continue;
      ctx.recorder.warning(job, 'FailedDelete', `Error deleting: ${errorText(err)}`);
      firstErr ??= err;
    }
  }
  return firstErr;
}
