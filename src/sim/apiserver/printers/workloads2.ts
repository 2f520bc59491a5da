/** `kubectl get statefulsets`, `daemonsets`, `jobs` and `cronjobs` columns (pkg/printers/internalversion). */
import type { DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Printer, TableColumn } from './types';
import { age, humanDuration, labelSelectorText, mapSelectorText } from './format';
import { AGE_DOC, NAME_DOC, fieldDoc } from './docs';

const CONTAINERS: TableColumn = { name: 'Containers', type: 'string', description: 'Names of each container in the template.', priority: 1 };
const IMAGES: TableColumn = { name: 'Images', type: 'string', description: 'Images referenced by each container in the template.', priority: 1 };
const NAME: TableColumn = { name: 'Name', type: 'string', format: 'name', description: NAME_DOC, priority: 0 };
const AGE: TableColumn = { name: 'Age', type: 'string', description: AGE_DOC, priority: 0 };

function containerCells(spec: { containers?: readonly { name: string; image?: string }[] } | undefined): [string, string] {
  const cs = spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

export const statefulSetPrinter: Printer = {
  columns: [NAME, { name: 'Ready', type: 'string', description: 'Number of the pod with ready state', priority: 0 }, AGE, CONTAINERS, IMAGES],
  row(obj, now) {
    const s = obj as unknown as StatefulSet;
    const [c, i] = containerCells(s.spec?.template.spec);
    return [s.metadata?.name ?? '', `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`, age(s.metadata?.creationTimestamp, now), c, i];
  },
};

const DS = 'io.k8s.api.apps.v1.DaemonSetStatus';
export const daemonSetPrinter: Printer = {
  columns: [
    NAME,
    { name: 'Desired', type: 'integer', description: fieldDoc(DS, 'desiredNumberScheduled'), priority: 0 },
    { name: 'Current', type: 'integer', description: fieldDoc(DS, 'currentNumberScheduled'), priority: 0 },
    { name: 'Ready', type: 'integer', description: fieldDoc(DS, 'numberReady'), priority: 0 },
    { name: 'Up-to-date', type: 'integer', description: fieldDoc(DS, 'updatedNumberScheduled'), priority: 0 },
    { name: 'Available', type: 'integer', description: fieldDoc(DS, 'numberAvailable'), priority: 0 },
    { name: 'Node Selector', type: 'string', description: fieldDoc('io.k8s.api.core.v1.PodSpec', 'nodeSelector'), priority: 0 },
    AGE,
    CONTAINERS,
    IMAGES,
    { name: 'Selector', type: 'string', description: fieldDoc('io.k8s.api.apps.v1.DaemonSetSpec', 'selector'), priority: 1 },
  ],
  row(obj, now) {
    const d = obj as unknown as DaemonSet;
    const st = d.status;
    const [c, i] = containerCells(d.spec?.template.spec);
    return [
      d.metadata?.name ?? '',
      st?.desiredNumberScheduled ?? 0,
      st?.currentNumberScheduled ?? 0,
      st?.numberReady ?? 0,
      st?.updatedNumberScheduled ?? 0,
      st?.numberAvailable ?? 0,
      mapSelectorText(d.spec?.template.spec?.nodeSelector),
      age(d.metadata?.creationTimestamp, now),
      c,
      i,
      labelSelectorText(d.spec?.selector),
    ];
  },
};

function jobCondition(job: Job, type: string): boolean {
  const c = (job.status?.conditions ?? []).find((x) => x.type === type);
  return c?.status === 'True';
}

export const jobPrinter: Printer = {
  columns: [
    NAME,
    { name: 'Status', type: 'string', description: 'Status of the job.', priority: 0 },
    { name: 'Completions', type: 'string', description: fieldDoc('io.k8s.api.batch.v1.JobStatus', 'succeeded'), priority: 0 },
    { name: 'Duration', type: 'string', description: 'Time required to complete the job.', priority: 0 },
    AGE,
    CONTAINERS,
    IMAGES,
    { name: 'Selector', type: 'string', description: fieldDoc('io.k8s.api.batch.v1.JobSpec', 'selector'), priority: 1 },
  ],
  row(obj, now) {
    const job = obj as unknown as Job;
    const succeeded = job.status?.succeeded ?? 0;
    let completions: string;
    if (job.spec?.completions !== undefined) completions = `${succeeded}/${job.spec.completions}`;
    else {
      const parallelism = job.spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    const start = job.status?.startTime;
    const done = job.status?.completionTime;
    let duration = '';
    if (start && !done) duration = humanDuration(now - Date.parse(start));
    else if (start && done) duration = humanDuration(Date.parse(done) - Date.parse(start));
    let status = 'Running';
    if (jobCondition(job, 'Complete')) status = 'Complete';
    else if (jobCondition(job, 'Failed')) status = 'Failed';
    else if (job.metadata?.deletionTimestamp) status = 'Terminating';
    else if (jobCondition(job, 'Suspended')) status = 'Suspended';
    else if (jobCondition(job, 'FailureTarget')) status = 'FailureTarget';
    const [c, i] = containerCells(job.spec?.template.spec);
    return [job.metadata?.name ?? '', status, completions, duration, age(job.metadata?.creationTimestamp, now), c, i, labelSelectorText(job.spec?.selector)];
  },
};

const CJ = 'io.k8s.api.batch.v1.CronJobSpec';
export const cronJobPrinter: Printer = {
  columns: [
    NAME,
    { name: 'Schedule', type: 'string', description: fieldDoc(CJ, 'schedule'), priority: 0 },
    { name: 'Timezone', type: 'string', description: fieldDoc(CJ, 'timeZone'), priority: 0 },
    { name: 'Suspend', type: 'boolean', description: fieldDoc(CJ, 'suspend'), priority: 0 },
    { name: 'Active', type: 'integer', description: fieldDoc('io.k8s.api.batch.v1.CronJobStatus', 'active'), priority: 0 },
    { name: 'Last Schedule', type: 'string', description: fieldDoc('io.k8s.api.batch.v1.CronJobStatus', 'lastScheduleTime'), priority: 0 },
    AGE,
    CONTAINERS,
    IMAGES,
    { name: 'Selector', type: 'string', description: fieldDoc('io.k8s.api.batch.v1.JobSpec', 'selector'), priority: 1 },
  ],
  row(obj, now) {
    const cj = obj as unknown as CronJob;
    const last = cj.status?.lastScheduleTime;
    const tmpl = cj.spec?.jobTemplate.spec;
    const [c, i] = containerCells(tmpl?.template.spec);
    // printBoolPtr: "<unset>" for a nil pointer, else True/False as Go prints booleans.
    const suspend = cj.spec?.suspend === undefined ? '<unset>' : cj.spec.suspend ? 'True' : 'False';
    return [
      cj.metadata?.name ?? '',
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      suspend,
      (cj.status?.active ?? []).length,
      last ? age(last, now) : '<none>',
      age(cj.metadata?.creationTimestamp, now),
      c,
      i,
      labelSelectorText(tmpl?.selector),
    ];
  },
};
