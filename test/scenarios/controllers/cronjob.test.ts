/**
 * Golden scenario for the CronJob controller on a whole cluster: a CronJob every minute with
 * concurrencyPolicy Forbid whose Job runs for ten minutes. Over five virtual minutes the
 * first Job is created at the first minute boundary and no second Job appears while it
 * runs; every later schedule records JobAlreadyActive.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../../../src/sim/cluster';
import { R } from '../../../src/sim/client';
import { events, expectEvent, follow, yamlDocs, type Obj } from './helpers';

const manifest = `
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "* * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox:1.36
            command: ["sh", "-c", "echo start; sleep 600"]
`;

describe('CronJob: every minute, Forbid, a job that runs ten minutes', () => {
  const c = createCluster({ seed: 9 });
  const appliedAt = c.loop.now();
  const jobsSeen: { name: string; atMs: number; activeJobs: number }[] = [];
  const w = follow(c, [{ gvr: R.jobs, prefix: 'job' }], 'default', (state, ch) => {
    if (ch.type !== 'ADDED') return;
    const active = [...state.values()].filter((j) => !(j.status?.conditions ?? []).some((x: Obj) => ['Complete', 'Failed'].includes(x.type) && x.status === 'True'));
    jobsSeen.push({ name: ch.object.metadata.name, atMs: ch.atMs, activeJobs: active.length });
  });
  c.apply(yamlDocs(manifest), { source: 'cronjob.yaml' });
  c.runFor(5 * 60_000);
  w.stop();
  const firstMinute = Math.ceil((appliedAt + 1) / 60_000) * 60_000;

  test('one Job, created at the first minute boundary and named after it', () => {
    assert.equal(jobsSeen.length, 1, jobsSeen.map((j) => j.name).join(','));
    const [job] = jobsSeen;
    assert.equal(job?.name, `report-${firstMinute / 60_000}`);
    assert.ok(job!.atMs >= firstMinute && job!.atMs < firstMinute + 5_000, `created ${job!.atMs - firstMinute} ms after the minute`);
    const j = c.kubectl.get<Obj>(R.jobs, 'default', job!.name);
    assert.equal(j.metadata.ownerReferences[0].kind, 'CronJob');
    assert.equal(j.metadata.ownerReferences[0].controller, true);
    assert.equal(j.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp'], new Date(firstMinute).toISOString().replace('.000Z', 'Z'));
    assert.equal(j.status.active, 1);
    const pods = c.kubectl.list<Obj>(R.pods, 'default', { labelSelector: `job-name=${job!.name}` }).items;
    assert.equal(pods.length, 1);
    assert.equal(pods[0]?.status.phase, 'Running');
  });

  test('status: the running Job active, lastScheduleTime the first minute', () => {
    const cj = c.kubectl.get<Obj>(R.cronjobs, 'default', 'report');
    assert.deepEqual((cj.status.active as Obj[]).map((r) => `${r.kind}/${r.name}`), [`Job/report-${firstMinute / 60_000}`]);
    assert.equal(cj.status.lastScheduleTime, new Date(firstMinute).toISOString().replace('.000Z', 'Z'));
    assert.equal(cj.status.lastSuccessfulTime, undefined);
  });

  test('events: SuccessfulCreate once, then JobAlreadyActive at every later minute', () => {
    const ev = events(c, 'default').filter((e) => e.object === 'cronjob/report');
    assert.ok(ev.every((e) => e.source === 'cronjob-controller'));
    const created = expectEvent(ev, 'cronjob-controller', 'SuccessfulCreate', new RegExp(`^Created job report-${firstMinute / 60_000}$`));
    assert.equal(created.count, 1);
    const skipped = expectEvent(ev, 'cronjob-controller', 'JobAlreadyActive', /^Not starting job because prior execution is running and concurrency policy is Forbid$/);
    assert.equal(skipped.type, 'Normal');
    const later = Math.floor((appliedAt + 5 * 60_000 - firstMinute) / 60_000);
    assert.equal(skipped.count, later, `minutes after the first: ${later}`);
  });

  // Forbid only postpones: the schedule missed while the Job ran stays unmet (lastScheduleTime
  // does not move), so the Job's completion starts it at once, named after that minute.
  test('once the first Job completes, the schedule it blocked runs at once', () => {
    c.runFor(7 * 60_000);
    const first = `report-${firstMinute / 60_000}`;
    const done = c.kubectl.get<Obj>(R.jobs, 'default', first);
    assert.ok((done.status.conditions as Obj[]).some((x) => x.type === 'Complete' && x.status === 'True'));
    const completedAt = Date.parse(done.status.completionTime);
    assert.ok(completedAt >= firstMinute + 600_000, 'the pod sleeps ten minutes');
    const jobs = c.kubectl.list<Obj>(R.jobs, 'default').items.map((j) => j.metadata.name as string).sort();
    const missed = Math.floor(completedAt / 60_000);
    assert.deepEqual(jobs, [first, `report-${missed}`]);
    const second = c.kubectl.get<Obj>(R.jobs, 'default', `report-${missed}`);
    const startedAfter = Date.parse(second.metadata.creationTimestamp) - completedAt;
    assert.ok(startedAfter >= 0 && startedAfter < 5_000, `second Job created ${startedAfter} ms after the first completed`);
    const ev = events(c, 'default').filter((e) => e.object === 'cronjob/report');
    expectEvent(ev, 'cronjob-controller', 'SawCompletedJob', new RegExp(`^Saw completed job: ${first}, condition: Complete$`));
    expectEvent(ev, 'cronjob-controller', 'SuccessfulCreate', new RegExp(`^Created job report-${missed}$`));
    const cj = c.kubectl.get<Obj>(R.cronjobs, 'default', 'report');
    assert.equal(cj.status.lastSuccessfulTime, done.status.completionTime);
  });
});
