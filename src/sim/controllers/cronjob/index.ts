/**
 * The CronJob controller (cronjob-controller): creates a Job named
 * `<cronjob>-<scheduled time in minutes since the epoch>` at each schedule slot, honouring
 * suspend, startingDeadlineSeconds and concurrencyPolicy (Allow, Forbid, Replace), keeps
 * status.active, lastScheduleTime and lastSuccessfulTime, and trims finished Jobs to the
 * history limits.
 */
import type { CronJobStatus } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import { controllerOf, deepClone, keyOf, objectRef, ownerRef } from '../../api/objects';
import { isAlreadyExists, isNotFound } from '../../api/errors';
import { parseTime, rfc3339, type TaskHandle } from '../../core';
import { R, splitKey, type Component, type SyncResult } from '../../client';
import { component, refOf, type ControllerContext, type ControllerSpec } from '../common/context';
import type { CronJobObj, JobObj } from '../common/types';
import { errorText, jsonEqual } from '../common/util';
import { jobNameFor, mostRecentScheduleTime, nextScheduleDelay, parseSchedule, rfc1123z, type Schedule } from './schedule';

export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export const cronJobController: ControllerSpec = { name: 'cronjob-controller', eventSource: 'cronjob-controller', start: startCronJobController };

function finishedCondition(job: JobObj): string | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;
}

export function startCronJobController(ctx: ControllerContext): Component {
  const cjInformer = ctx.informers.informer<CronJobObj>(R.cronjobs);
  const jobInformer = ctx.informers.informer<JobObj>(R.jobs);
  const queue = ctx.queue(sync);

  const owner = (job: JobObj): CronJobObj | undefined => {
    const ref = controllerOf(job);
    if (!ref || ref.kind !== 'CronJob') return undefined;
    const cj = cjInformer.get(job.metadata.namespace, ref.name);
    return cj && cj.metadata.uid === ref.uid ? cj : undefined;
  };
  const onJob = (job: JobObj): void => {
    const cj = owner(job);
    if (cj) queue.add(keyOf(cj));
  };
  cjInformer.addHandler({ add: (c) => queue.add(keyOf(c)), update: (_o, c) => queue.add(keyOf(c)), delete: (c) => wakeAt(keyOf(c), undefined) });
  jobInformer.addHandler({ add: onJob, update: (_o, j) => onJob(j), delete: onJob });

  function sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const cached = cjInformer.get(namespace, name);
    if (!cached) return;
    const cj = deepClone(cached) as CronJobObj;
    const jobs = jobInformer.list(namespace).filter((j) => controllerOf(j)?.uid === cj.metadata.uid);
    const before = deepClone(cj.status ?? {});
    cleanupFinishedJobs(cj, jobs);
    const requeue = syncCronJob(cj, jobs);
    if (!jsonEqual(before, cj.status ?? {})) ctx.client.updateStatus<CronJobObj>(R.cronjobs, cj);
    wakeAt(key, requeue);
  }

  /**
   * The next schedule slot is a wait on the clock, not pending work: a background timer
   * (so a cluster with CronJobs still becomes quiet), replaced on every sync.
   */
  const timers = new Map<string, TaskHandle>();
  function wakeAt(key: string, delayMs: number | undefined): void {
    timers.get(key)?.cancel();
    timers.delete(key);
    if (delayMs === undefined) return;
    timers.set(key, ctx.loop.schedule(Math.max(0, delayMs), () => {
      timers.delete(key);
      queue.add(key);
    }, { background: true, label: `cronjob-controller next schedule ${key}` }));
  }

  /** Returns when to look again (ms), if at all. */
  function syncCronJob(cj: CronJobObj, jobs: JobObj[]): number | undefined {
    const now = ctx.loop.now();
    const status: CronJobStatus = (cj.status ??= {});
    const present = new Map(jobs.map((j) => [j.metadata.uid ?? '', j]));
    const active: ObjectReference[] = [];
    for (const ref of status.active ?? []) {
      const j = present.get(ref.uid ?? '');
      if (!j) {
        ctx.recorder.normal(cj, 'MissingJob', `Active job went missing: ${ref.name ?? ''}`);
        continue;
      }
      const finished = finishedCondition(j);
      if (!finished) {
        active.push(ref);
        continue;
      }
      ctx.recorder.normal(cj, 'SawCompletedJob', `Saw completed job: ${j.metadata.name ?? ''}, condition: ${finished}`);
      const done = j.status?.completionTime;
      if (finished === 'Complete' && done && (!status.lastSuccessfulTime || parseTime(done) > parseTime(status.lastSuccessfulTime))) status.lastSuccessfulTime = done;
    }
    for (const j of jobs) {
      if (finishedCondition(j) || active.some((r) => r.uid === j.metadata.uid)) continue;
      if (status.active?.some((r) => r.uid === j.metadata.uid)) continue;
      ctx.recorder.warning(cj, 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name ?? ''}`);
      active.push(objectRef(j));
    }
    status.active = active.length > 0 ? active : undefined;
    if (!status.active) delete status.active;
    if (cj.metadata.deletionTimestamp || cj.spec?.suspend) return undefined;

    let schedule: Schedule;
    try {
      schedule = parseSchedule(cj.spec?.schedule ?? '', cj.spec?.timeZone ?? undefined);
    } catch (err) {
      ctx.recorder.warning(cj, 'UnparseableSchedule', `unparseable schedule: "${cj.spec?.schedule ?? ''}" : ${errorText(err)}`);
      return undefined;
    }
    let recent;
    try {
      recent = mostRecentScheduleTime(cj, now, schedule, true);
    } catch (err) {
      ctx.recorder.warning(cj, 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule ?? ''} : ${errorText(err)}`);
      return undefined;
    }
    if (recent.missed === 'many') {
      ctx.recorder.warning(cj, 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }
    const next = (): number => nextScheduleDelay(cj, now, schedule);
    const scheduled = recent.mostRecent;
    const cjName = cj.metadata.name ?? '';
    if (scheduled === undefined || scheduled > now) return next();
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
      ctx.recorder.warning(cj, 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return next();
    }
    const jobName = jobNameFor(cj, scheduled);
    const lastScheduled = status.lastScheduleTime ? parseTime(status.lastScheduleTime) : undefined;
    if (active.some((r) => r.name === jobName) || lastScheduled === scheduled) return next();
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length > 0) {
      ctx.reconcile(`${cjName}: the ${rfc3339(scheduled)} run is skipped: ${active.length} job still active and concurrencyPolicy is Forbid`, refOf(cj));
      ctx.recorder.normal(cj, 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return next();
    }
    ctx.reconcile(`${cjName}: schedule slot ${rfc3339(scheduled)} is due: creating Job ${jobName}${policy === 'Replace' && active.length ? ` (replacing ${active.length} active)` : ''}`, refOf(cj));
    if (policy === 'Replace') {
      for (const ref of [...active]) {
        try {
          ctx.client.delete(R.jobs, ref.namespace, ref.name ?? '', { propagationPolicy: 'Background' });
          ctx.recorder.normal(cj, 'SuccessfulDelete', `Deleted job ${ref.name ?? ''}`);
        } catch (err) {
          if (!isNotFound(err)) {
            ctx.recorder.warning(cj, 'FailedDelete', `Deleted job: ${errorText(err)}`);
            throw err;
          }
        }
        active.splice(active.indexOf(ref), 1);
      }
      status.active = active.length > 0 ? active : undefined;
      if (!status.active) delete status.active;
    }
    const template = deepClone(cj.spec?.jobTemplate ?? {});
    const job: JobObj = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace: cj.metadata.namespace,
        labels: template.metadata?.labels ? { ...template.metadata.labels } : undefined,
        annotations: { ...(template.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339(scheduled) },
        ownerReferences: [ownerRef(cj)],
      },
      spec: template.spec as JobObj['spec'],
    };
    if (!job.metadata.labels) delete job.metadata.labels;
    let created: JobObj;
    try {
      created = ctx.client.create<JobObj>(R.jobs, cj.metadata.namespace, job);
    } catch (err) {
      if (isAlreadyExists(err)) return next();
      ctx.recorder.warning(cj, 'FailedCreate', `Error creating job: ${errorText(err)}`);
      throw err;
    }
    ctx.recorder.normal(cj, 'SuccessfulCreate', `Created job ${created.metadata.name ?? ''}`);
    status.active = [...(status.active ?? []), objectRef(created)];
    status.lastScheduleTime = rfc3339(scheduled);
    return next();
  }

  /** cleanupFinishedJobs: keeps the newest successfulJobsHistoryLimit / failedJobsHistoryLimit finished Jobs. */
  function cleanupFinishedJobs(cj: CronJobObj, jobs: JobObj[]): void {
    const trim = (kind: string, limit: number | undefined): void => {
      if (limit === undefined || limit === null) return;
      const finished = jobs.filter((j) => finishedCondition(j) === kind);
      if (finished.length <= limit) return;
      finished.sort((a, b) => {
        const sa = a.status?.startTime;
        const sb = b.status?.startTime;
        if (!sa || !sb) return sa ? 1 : sb ? -1 : (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
        return parseTime(sa) - parseTime(sb) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1);
      });
      for (const j of finished.slice(0, finished.length - limit)) {
        try {
          ctx.client.delete(R.jobs, j.metadata.namespace, j.metadata.name ?? '', { propagationPolicy: 'Background' });
          ctx.recorder.normal(cj, 'SuccessfulDelete', `Deleted job ${j.metadata.name ?? ''}`);
        } catch (err) {
          if (!isNotFound(err)) ctx.recorder.warning(cj, 'FailedDelete', `Deleted job: ${errorText(err)}`);
        }
        if (cj.status?.active) cj.status.active = cj.status.active.filter((r) => r.uid !== j.metadata.uid);
      }
    };
    trim('Complete', cj.spec?.successfulJobsHistoryLimit);
    trim('Failed', cj.spec?.failedJobsHistoryLimit);
  }

  return component('cronjob-controller', [queue], [() => { for (const t of timers.values()) t.cancel(); }]);
}
