/**
 * The TTL-after-finished controller (ttl-after-finished-controller): a finished Job with
 * ttlSecondsAfterFinished is deleted (Foreground, so its pods go first) that many seconds
 * after it completed or failed.
 */
import { keyOf } from '../../api/objects';
import { isNotFound } from '../../api/errors';
import { parseTime } from '../../core';
import { R, splitKey, type Component, type SyncResult } from '../../client';
import { component, refOf, type ControllerContext, type ControllerSpec } from '../common/context';
import type { JobObj } from '../common/types';

export const ttlAfterFinishedController: ControllerSpec = {
  name: 'ttl-after-finished-controller',
  eventSource: 'ttl-after-finished-controller',
  start: startTTLAfterFinishedController,
};

/** jobFinishTime: the time of the Complete or Failed condition. */
function finishTime(job: JobObj): number | undefined {
  const c = job.status?.conditions?.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c?.lastTransitionTime ? parseTime(c.lastTransitionTime) : undefined;
}

function needsCleanup(job: JobObj): boolean {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  return ttl !== undefined && ttl !== null && finishTime(job) !== undefined && !job.metadata.deletionTimestamp;
}

export function startTTLAfterFinishedController(ctx: ControllerContext): Component {
  const jobInformer = ctx.informers.informer<JobObj>(R.jobs);
  const queue = ctx.queue(sync);
  const onJob = (j: JobObj): void => {
    if (needsCleanup(j)) queue.add(keyOf(j));
  };
  jobInformer.addHandler({ add: onJob, update: (_o, j) => onJob(j) });

  function expiresIn(job: JobObj): number {
    return (finishTime(job) ?? 0) + (job.spec?.ttlSecondsAfterFinished ?? 0) * 1000 - ctx.loop.now();
  }

  function sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const cached = jobInformer.get(namespace, name);
    if (!cached || !needsCleanup(cached)) return;
    const left = expiresIn(cached);
    if (left > 0) return { requeueAfterMs: left };
    // The cache may be stale: check the Job as stored before deleting it.
    const fresh = ctx.client.tryGet<JobObj>(R.jobs, namespace, name);
    if (!fresh || fresh.metadata.uid !== cached.metadata.uid || !needsCleanup(fresh)) return;
    const freshLeft = expiresIn(fresh);
    if (freshLeft > 0) return { requeueAfterMs: freshLeft };
    ctx.reconcile(`Job ${name} finished ${fresh.spec?.ttlSecondsAfterFinished ?? 0}s ago (ttlSecondsAfterFinished): deleting it`, refOf(fresh));
    try {
      ctx.client.delete(R.jobs, namespace, name, { propagationPolicy: 'Foreground' });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  return component('ttl-after-finished-controller', [queue]);
}
