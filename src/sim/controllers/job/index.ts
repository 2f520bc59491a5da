/**
 * The Job controller (job-controller): runs a Job's pods to completion. Pods carry the
 * batch.kubernetes.io/job-tracking finalizer until the controller has counted them
 * (first as uncountedTerminatedPods, then in succeeded/failed); failures back off
 * (10 s doubling) and end the Job past backoffLimit, activeDeadlineSeconds or a FailJob
 * podFailurePolicy rule; success and failure are announced by SuccessCriteriaMet /
 * FailureTarget and then Complete / Failed, as 1.33 does.
 */
import type { JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import { controllerOf, deepClone, keyOf } from '../../api/objects';
import { isNotFound } from '../../api/errors';
import { labelSelectorAsSelector } from '../../api/selectors';
import { parseTime, rfc3339 } from '../../core';
import { R, splitKey, type Component, type SyncResult } from '../../client';
import { component, refOf, type ControllerContext, type ControllerSpec } from '../common/context';
import { Expectations } from '../common/expectations';
import { isPodReady, podKey } from '../common/pods';
import { claimObjects, recheckOwner } from '../common/refManager';
import type { JobObj, PodObj } from '../common/types';
import { jsonEqual } from '../common/util';
import { matchPodFailurePolicy, type PolicyMatch } from './failurePolicy';
import { createPods, deletePods, pendingIndexes, wantedDelta, type Counts } from './manage';
import {
  MSG, SYNC_JOB_BATCH_PERIOD_MS, TRACKING_FINALIZER, condition, failureBackoffMs, formatIndexes, isFinished, isIndexed, parseIndexes, podFinished, podIndex,
} from './util';

export const jobController: ControllerSpec = { name: 'job-controller', eventSource: 'job-controller', start: startJobController };

export function startJobController(ctx: ControllerContext): Component {
  const jobInformer = ctx.informers.informer<JobObj>(R.jobs);
  const podInformer = ctx.informers.informer<PodObj>(R.pods);
  const exp = new Expectations(() => ctx.loop.now());
  const backoff = new Map<string, { failures: number; last: number }>();
  const queue = ctx.queue(sync);

  const resolve = (pod: PodObj): JobObj | undefined => {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'Job') return undefined;
    const job = jobInformer.get(pod.metadata.namespace, ref.name);
    return job && job.metadata.uid === ref.uid ? job : undefined;
  };
  jobInformer.addHandler({
    add: (j) => queue.add(keyOf(j)),
    update: (_o, j) => queue.add(keyOf(j)),
    delete: (j) => {
      exp.delete(keyOf(j));
      backoff.delete(keyOf(j));
    },
  });
  podInformer.addHandler({
    add: (p) => {
      const job = resolve(p);
      if (!job) return;
      exp.creationObserved(keyOf(job));
      queue.addAfter(keyOf(job), SYNC_JOB_BATCH_PERIOD_MS);
    },
    update: (o, p) => {
      const job = resolve(p);
      if (!job || o.metadata.resourceVersion === p.metadata.resourceVersion) return;
      if (p.metadata.deletionTimestamp) exp.deletionObserved(keyOf(job), podKey(p));
      queue.addAfter(keyOf(job), SYNC_JOB_BATCH_PERIOD_MS);
    },
    delete: (p) => {
      const job = resolve(p);
      if (!job) return;
      exp.deletionObserved(keyOf(job), podKey(p));
      queue.addAfter(keyOf(job), SYNC_JOB_BATCH_PERIOD_MS);
    },
  });

  function sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const cached = jobInformer.get(namespace, name);
    if (!cached || isFinished(cached)) return;
    let job = deepClone(cached) as JobObj;
    const now = ctx.loop.now();
    const satisfied = exp.satisfied(key);
    const selector = labelSelectorAsSelector(job.spec?.selector);
    const pods = claimObjects(podInformer.list(namespace), {
      owner: job, gvr: R.pods, client: ctx.client, match: (p) => selector.matches(p.metadata.labels), canAdopt: recheckOwner(ctx.client, R.jobs, job),
    });
    const status: JobStatus = job.status ?? {};
    const uncounted = { succeeded: new Set(status.uncountedTerminatedPods?.succeeded ?? []), failed: new Set(status.uncountedTerminatedPods?.failed ?? []) };
    const succeededIndexes = parseIndexes(status.completedIndexes);
    const release: PodObj[] = [];
    const newSucceeded: string[] = [];
    const newFailed: string[] = [];
    let failJob: PolicyMatch | undefined;
    for (const pod of pods) {
      if (!(pod.metadata.finalizers ?? []).includes(TRACKING_FINALIZER)) continue;
      const phase = podFinished(pod);
      const uid = pod.metadata.uid ?? '';
      const onlyFailed = job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;
      const failed = phase === 'Failed' || (!onlyFailed && !!pod.metadata.deletionTimestamp && phase !== 'Succeeded');
      if (phase === 'Succeeded') {
        release.push(pod);
        const ix = podIndex(pod);
        if (isIndexed(job)) {
          if (ix !== undefined && ix < (job.spec?.completions ?? 0)) succeededIndexes.add(ix);
        } else if (!uncounted.succeeded.has(uid)) newSucceeded.push(uid);
      } else if (failed) {
        release.push(pod);
        if (uncounted.failed.has(uid)) continue;
        const match = job.spec?.podFailurePolicy ? matchPodFailurePolicy(job, pod) : undefined;
        if (match?.action === 'FailJob') failJob ??= match;
        if (match?.action !== 'Ignore') newFailed.push(uid);
      }
    }
    const record = backoff.get(key) ?? { failures: 0, last: 0 };
    if (newSucceeded.length > 0) record.failures = 0;
    if (newFailed.length > 0) {
      record.failures += newFailed.length;
      record.last = now;
    }
    backoff.set(key, record);

    const active = pods.filter((p) => !podFinished(p) && !p.metadata.deletionTimestamp);
    const terminating = pods.filter((p) => !podFinished(p) && p.metadata.deletionTimestamp).length;
    const prevSucceededCount = (status.succeeded ?? 0) + (isIndexed(job) ? 0 : uncounted.succeeded.size);
    const succeeded = isIndexed(job) ? succeededIndexes.size : prevSucceededCount + newSucceeded.length;
    const failed = (status.failed ?? 0) + uncounted.failed.size + newFailed.length;
    let conditions: JobCondition[] = [...(status.conditions ?? [])];
    const has = (type: string): JobCondition | undefined => conditions.find((c) => c.type === type && c.status === 'True');
    const startTime = status.startTime ?? (job.spec?.suspend ? undefined : rfc3339(now));
    const deadline = job.spec?.activeDeadlineSeconds;
    const deadlineAt = deadline !== undefined && startTime ? parseTime(startTime) + deadline * 1000 : undefined;
    const completions = job.spec?.completions;
    if (!has('FailureTarget') && !has('SuccessCriteriaMet')) {
      if (failJob) conditions.push(condition('FailureTarget', 'PodFailurePolicy', failJob.message ?? '', now));
      else if (failed > (job.spec?.backoffLimit ?? 6)) conditions.push(condition('FailureTarget', 'BackoffLimitExceeded', MSG.backoff, now));
      else if (deadlineAt !== undefined && now >= deadlineAt) conditions.push(condition('FailureTarget', 'DeadlineExceeded', MSG.deadline, now));
      else if (completions !== undefined && completions !== null ? succeeded >= completions : succeeded > 0 && active.length === 0) {
        conditions.push(condition('SuccessCriteriaMet', 'CompletionsReached', MSG.completions, now));
      }
    }
    const ending = has('FailureTarget') ?? has('SuccessCriteriaMet');
    const counts: Counts = { active, terminating, succeeded, succeededIndexes };
    const delta = ending ? -active.length : job.spec?.suspend ? -active.length : wantedDelta(job, counts);
    const waitMs = delta > 0 ? record.last + failureBackoffMs(record.failures) - now : 0;
    ctx.reconcile(summary(job, counts, failed, ending, delta, satisfied, waitMs), refOf(job));

    let manageErr: unknown;
    let activeCount = active.length;
    if (satisfied && delta < 0) {
      manageErr = deletePods(ctx, exp, key, job, active, -delta);
      activeCount += delta;
    } else if (satisfied && delta > 0 && waitMs <= 0) {
      const indexes = isIndexed(job) ? pendingIndexes(job, counts, delta) : [];
      const n = isIndexed(job) ? indexes.length : delta;
      if (n > 0) manageErr = createPods(ctx, exp, key, job, n, indexes);
      activeCount += n;
    }
    let terminal: JobCondition | undefined;
    if (ending && activeCount === 0 && terminating === 0 && delta >= 0) {
      terminal = condition(ending.type === 'FailureTarget' ? 'Failed' : 'Complete', ending.reason ?? '', ending.message ?? '', now);
    }
    const readyCount = active.filter(isPodReady).length;
    const base: JobStatus = {
      ...status,
      active: activeCount > 0 ? activeCount : undefined,
      ready: readyCount,
      terminating,
      startTime,
      conditions: conditions.length > 0 ? conditions : undefined,
    };
    // 1. Record the newly finished pods as uncounted, 2. release their finalizers, 3. count them.
    if (newSucceeded.length + newFailed.length > 0 || release.length > 0) {
      const pending = {
        succeeded: [...uncounted.succeeded, ...newSucceeded],
        failed: [...uncounted.failed, ...newFailed],
      };
      if (newSucceeded.length + newFailed.length > 0) job = writeStatus(job, { ...base, uncountedTerminatedPods: pending });
      for (const pod of release) {
        try {
          ctx.client.patch(R.pods, pod.metadata.namespace, pod.metadata.name ?? '', { metadata: { '$deleteFromPrimitiveList/finalizers': [TRACKING_FINALIZER] } }, 'strategic');
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
      base.succeeded = prevSucceededCount + newSucceeded.length || undefined;
      if (isIndexed(job)) {
        base.succeeded = succeededIndexes.size || undefined;
        base.completedIndexes = formatIndexes(succeededIndexes) || undefined;
      }
      base.failed = failed || undefined;
      base.uncountedTerminatedPods = {};
    }
    if (terminal) {
      conditions = [...conditions, terminal];
      base.conditions = conditions;
      if (terminal.type === 'Complete') base.completionTime = rfc3339(now);
    }
    job = writeStatus(job, base);
    if (terminal?.type === 'Complete') ctx.recorder.normal(job, 'Completed', 'Job completed');
    if (terminal?.type === 'Failed') ctx.recorder.warning(job, terminal.reason ?? '', terminal.message ?? '');
    if (manageErr !== undefined) throw manageErr;
    if (terminal) return;
    if (waitMs > 0) return { requeueAfterMs: waitMs };
    if (deadlineAt !== undefined && deadlineAt > now) return { requeueAfterMs: deadlineAt - now };
    return;
  }

  function writeStatus(job: JobObj, next: JobStatus): JobObj {
    const clean = JSON.parse(JSON.stringify(next)) as JobStatus;
    if (jsonEqual(clean, job.status ?? {})) return job;
    return ctx.client.updateStatus<JobObj>(R.jobs, { ...job, status: clean });
  }

  return component('job-controller', [queue]);
}

function summary(job: JobObj, c: Counts, failed: number, ending: JobCondition | undefined, delta: number, satisfied: boolean, waitMs: number): string {
  const name = job.metadata.name ?? '';
  const head = `${name}: ${c.active.length} active, ${c.succeeded} succeeded, ${failed} failed`;
  if (ending) return `${head}; ${ending.type} (${ending.reason ?? ''})${c.active.length > 0 ? `: deleting ${c.active.length} active pods` : ''}`;
  if (!satisfied) return `${head}; waiting for the informer to observe its own pod creations and deletions`;
  if (delta > 0 && waitMs > 0) return `${head}; backing off ${Math.ceil(waitMs / 1000)}s before the next pod`;
  if (delta > 0) return `${head}: creating ${delta} pod${delta === 1 ? '' : 's'}`;
  if (delta < 0) return `${head}: deleting ${-delta} pod${delta === -1 ? '' : 's'}`;
  return `${head}; updating status`;
}
