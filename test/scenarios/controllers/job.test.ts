/**
 * Golden scenario for the Job controller on a whole cluster: a pod that runs `exit 1` with
 * restartPolicy Never and backoffLimit 2 fails three times, each retry after a longer
 * back-off (10 s, then 20 s), and the Job ends Failed with reason BackoffLimitExceeded
 * (FailureTarget first, as 1.33 does), with upstream's events.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../../../src/sim/cluster';
import { R } from '../../../src/sim/client';
import { events, expectEvent, follow, yamlDocs, type Obj } from './helpers';

const manifest = `
apiVersion: batch/v1
kind: Job
metadata:
  name: fails
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "exit 1"]
`;

const MESSAGE = 'Job has reached the specified backoff limit';

describe('Job: exit 1 with backoffLimit 2 ends in BackoffLimitExceeded', () => {
  const c = createCluster({ seed: 3 });
  const created: { name: string; atMs: number }[] = [];
  const failedAt = new Map<string, number>();
  const watch = follow(c, [{ gvr: R.pods, prefix: 'pod' }], 'default', (_s, ch) => {
    const name = ch.object.metadata.name as string;
    if (ch.type === 'ADDED') created.push({ name, atMs: ch.atMs });
    if (ch.object.status?.phase === 'Failed' && !failedAt.has(name)) failedAt.set(name, ch.atMs);
  });
  c.apply(yamlDocs(manifest), { source: 'job.yaml' });
  const quiet = c.runUntilQuiet();
  watch.stop();

  test('three pods, each failing with exit code 1; retries wait 10 s then 20 s', () => {
    assert.equal(quiet, true);
    assert.equal(created.length, 3, created.map((x) => x.name).join(','));
    const pods = c.kubectl.list<Obj>(R.pods, 'default', { labelSelector: 'job-name=fails' }).items;
    assert.equal(pods.length, 3);
    for (const p of pods) {
      assert.match(p.metadata.name, /^fails-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      assert.equal(p.status.phase, 'Failed');
      const term = p.status.containerStatuses[0].state.terminated;
      assert.deepEqual([term.exitCode, term.reason], [1, 'Error']);
      assert.equal(p.metadata.labels['batch.kubernetes.io/controller-uid'], c.kubectl.get<Obj>(R.jobs, 'default', 'fails').metadata.uid);
      // Tracked with the finalizer while running; removed once counted.
      assert.ok(!(p.metadata.finalizers ?? []).includes('batch.kubernetes.io/job-tracking'));
    }
    // The next pod waits out the back-off counted from the previous failure.
    const [a, b, x] = created;
    const waits = [b!.atMs - failedAt.get(a!.name)!, x!.atMs - failedAt.get(b!.name)!];
    assert.ok(waits[0]! >= 10_000 && waits[0]! < 20_000, `first retry after ${waits[0]} ms`);
    assert.ok(waits[1]! >= 20_000 && waits[1]! < 40_000, `second retry after ${waits[1]} ms`);
  });

  test('status: FailureTarget then Failed, both BackoffLimitExceeded with upstream message', () => {
    const job = c.kubectl.get<Obj>(R.jobs, 'default', 'fails');
    const conditions = (job.status.conditions as Obj[]).map((x) => [x.type, x.status, x.reason, x.message]);
    assert.deepEqual(conditions, [
      ['FailureTarget', 'True', 'BackoffLimitExceeded', MESSAGE],
      ['Failed', 'True', 'BackoffLimitExceeded', MESSAGE],
    ]);
    assert.equal(job.status.failed, 3);
    assert.equal(job.status.succeeded ?? 0, 0);
    assert.equal(job.status.active ?? 0, 0);
    assert.equal(job.status.ready, 0);
    assert.equal(job.status.terminating, 0);
    assert.equal(job.status.completionTime, undefined);
    assert.ok(job.status.startTime);
  });

  test('events: SuccessfulCreate per pod and BackoffLimitExceeded from job-controller', () => {
    const ev = events(c, 'default');
    const creates = ev.filter((e) => e.source === 'job-controller' && e.reason === 'SuccessfulCreate');
    assert.equal(creates.reduce((n, e) => n + e.count, 0), 3);
    expectEvent(ev, 'job-controller', 'SuccessfulCreate', /^Created pod: fails-[bcdfghjklmnpqrstvwxz2456789]{5}$/, 'job/fails');
    const failed = expectEvent(ev, 'job-controller', 'BackoffLimitExceeded', new RegExp(`^${MESSAGE}$`), 'job/fails');
    assert.equal(failed.type, 'Warning');
    for (const name of created.map((x) => x.name)) {
      expectEvent(ev, 'kubelet', 'Started', /^Started container main$/, `pod/${name}`);
    }
  });
});
