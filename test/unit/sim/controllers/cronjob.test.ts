import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { Harness } from './harness';

type Obj = KubeObject & Record<string, any>;

function cronJob(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default' },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: {
        spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28' }] } } },
      },
      ...spec,
    },
  };
}

const MIN = 60_000;

describe('cronjob-controller', () => {
  test('every minute with Forbid over five minutes: one Job, then JobAlreadyActive until it completes', () => {
    const h = new Harness().start(['cronjob-controller', 'job-controller']);
    h.defaultServiceAccount();
    h.kubectl.create(R.cronjobs, 'default', cronJob('hello', { concurrencyPolicy: 'Forbid' }));
    h.advance(5 * MIN + 1000);
    let jobs = h.list<Obj>(R.jobs, 'default');
    assert.equal(jobs.length, 1);
    const first = jobs[0] as Obj;
    const start = h.loop.now() - (5 * MIN + 1000);
    const slot = Math.floor(start / MIN) * MIN + MIN;
    assert.equal(first.metadata.name, `hello-${slot / MIN}`);
    assert.equal(first.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], new Date(slot).toISOString().replace('.000Z', 'Z'));
    assert.equal(first.metadata.ownerReferences?.[0]?.kind, 'CronJob');
    const ev = h.events().filter((e) => e.kind === 'CronJob');
    assert.ok(ev.some((e) => e.reason === 'SuccessfulCreate' && e.message === `Created job ${first.metadata.name}` && e.source === 'cronjob-controller'));
    const skipped = ev.find((e) => e.reason === 'JobAlreadyActive');
    assert.equal(skipped?.message, 'Not starting job because prior execution is running and concurrency policy is Forbid');
    assert.equal(skipped?.count, 4);
    let cj = h.get<Obj>(R.cronjobs, 'default', 'hello') as Obj;
    assert.equal(cj.status.active.length, 1);
    assert.equal(cj.status.active[0].name, first.metadata.name);

    const [pod] = h.list<Obj>(R.pods, 'default');
    h.finishPod(pod as Obj, 'Succeeded');
    h.advance(MIN);
    cj = h.get<Obj>(R.cronjobs, 'default', 'hello') as Obj;
    assert.ok(cj.status.lastSuccessfulTime);
    assert.ok(h.events().some((e) => e.reason === 'SawCompletedJob' && e.message === `Saw completed job: ${first.metadata.name}, condition: Complete`));
    jobs = h.list<Obj>(R.jobs, 'default');
    assert.equal(jobs.length, 2);
    h.stop();
  });

  test('Allow runs overlap; history limits keep the newest finished Jobs', () => {
    const h = new Harness().start(['cronjob-controller', 'job-controller']);
    h.defaultServiceAccount();
    h.kubectl.create(R.cronjobs, 'default', cronJob('tick', { successfulJobsHistoryLimit: 2 }));
    for (let i = 0; i < 5; i++) {
      h.advance(MIN);
      for (const p of h.list<Obj>(R.pods, 'default')) if (p.status.phase === 'Pending') h.finishPod(p, 'Succeeded');
      h.advance(5000);
    }
    const jobs = h.list<Obj>(R.jobs, 'default').filter((j) => !j.metadata.deletionTimestamp);
    const complete = jobs.filter((j) => (j.status.conditions ?? []).some((c: any) => c.type === 'Complete'));
    assert.ok(complete.length <= 2, `kept ${complete.length} complete jobs`);
    assert.ok(h.events().some((e) => e.reason === 'SuccessfulDelete' && /^Deleted job tick-\d+$/.test(e.message)));
    h.stop();
  });

  test('suspend stops new runs; after resuming, a slot older than startingDeadlineSeconds is skipped', () => {
    const h = new Harness().start(['cronjob-controller']);
    h.defaultServiceAccount();
    h.kubectl.create(R.cronjobs, 'default', cronJob('paused', { suspend: true, startingDeadlineSeconds: 10 }));
    h.advance(3 * MIN);
    assert.equal(h.list(R.jobs, 'default').length, 0);
    // Resume 30 s after the last slot: too late for it, so the next Job waits for the next minute.
    const now = h.loop.now();
    h.advance(Math.ceil(now / MIN) * MIN + 30_000 - now);
    h.kubectl.patch(R.cronjobs, 'default', 'paused', { spec: { suspend: false } }, 'merge');
    h.advance(20_000);
    assert.equal(h.list(R.jobs, 'default').length, 0);
    h.advance(15_000);
    const jobs = h.list<Obj>(R.jobs, 'default');
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]?.metadata.name, `paused-${Math.floor(h.loop.now() / MIN)}`);
    h.stop();
  });
});
