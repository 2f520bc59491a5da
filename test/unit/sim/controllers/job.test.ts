import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { Harness } from './harness';

type Obj = KubeObject & Record<string, any>;

function job(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0' }] } }, ...spec },
  };
}

function start(): Harness {
  const h = new Harness().start(['job-controller']);
  h.defaultServiceAccount();
  return h;
}

const pods = (h: Harness) => h.list<Obj>(R.pods, 'default');
const active = (h: Harness) => pods(h).filter((p) => p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed' && !p.metadata.deletionTimestamp);

describe('job-controller', () => {
  test('runs completions with parallelism, tracks pods with a finalizer, completes', () => {
    const h = start();
    h.kubectl.create(R.jobs, 'default', job('pi', { completions: 3, parallelism: 2 }));
    h.run();
    let running = active(h);
    assert.equal(running.length, 2);
    for (const p of running) {
      assert.match(p.metadata.name ?? '', /^pi-[a-z0-9]{5}$/);
      assert.deepEqual(p.metadata.finalizers, ['batch.kubernetes.io/job-tracking']);
      assert.equal(p.metadata.ownerReferences?.[0]?.kind, 'Job');
    }
    for (const p of running) h.finishPod(p, 'Succeeded');
    h.run();
    running = active(h);
    assert.equal(running.length, 1);
    for (const p of pods(h).filter((x) => x.status.phase === 'Succeeded')) assert.deepEqual(p.metadata.finalizers ?? [], []);
    h.finishPod(running[0] as Obj, 'Succeeded');
    h.run();
    const j = h.get<Obj>(R.jobs, 'default', 'pi') as Obj;
    assert.equal(j.status.succeeded, 3);
    assert.equal(j.status.active, undefined);
    assert.deepEqual(j.status.uncountedTerminatedPods, {});
    assert.ok(j.status.completionTime);
    assert.deepEqual(j.status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message]), [
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    const ev = h.events().filter((e) => e.kind === 'Job');
    assert.equal(ev.filter((e) => e.reason === 'SuccessfulCreate' && e.source === 'job-controller').length, 3);
    assert.ok(ev.some((e) => e.reason === 'Completed' && e.message === 'Job completed'));
    h.stop();
  });

  test('fails into BackoffLimitExceeded after backoffLimit retries, backing off 10 s, 20 s', () => {
    const h = start();
    h.kubectl.create(R.jobs, 'default', job('fail', { backoffLimit: 2 }));
    h.run();
    const created: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const [p] = active(h);
      assert.ok(p, `attempt ${attempt} has a pod`);
      created.push(Date.parse(p.metadata.creationTimestamp ?? ''));
      h.finishPod(p, 'Failed');
      h.run(120_000);
    }
    assert.deepEqual([(created[1] ?? 0) - (created[0] ?? 0) >= 10_000, (created[2] ?? 0) - (created[1] ?? 0) >= 20_000], [true, true]);
    const j = h.get<Obj>(R.jobs, 'default', 'fail') as Obj;
    assert.equal(j.status.failed, 3);
    assert.deepEqual(j.status.conditions.map((c: any) => [c.type, c.reason, c.message]), [
      ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    assert.ok(h.events().some((e) => e.type === 'Warning' && e.reason === 'BackoffLimitExceeded' && e.message === 'Job has reached the specified backoff limit'));
    assert.equal(active(h).length, 0);
    h.stop();
  });

  test('activeDeadlineSeconds ends the Job with DeadlineExceeded and deletes its pods', () => {
    const h = start();
    h.kubectl.create(R.jobs, 'default', job('slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 4 }));
    h.run(120_000);
    h.finishDeletions();
    h.run(120_000);
    const j = h.get<Obj>(R.jobs, 'default', 'slow') as Obj;
    const failed = j.status.conditions.find((c: any) => c.type === 'Failed');
    assert.deepEqual([failed.reason, failed.message], ['DeadlineExceeded', 'Job was active longer than specified deadline']);
    assert.equal(active(h).length, 0);
    h.stop();
  });

  test('Indexed completion: one pod per index, named and annotated with it', () => {
    const h = start();
    h.kubectl.create(R.jobs, 'default', job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    h.run();
    const running = active(h).sort((a, b) => (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1);
    assert.deepEqual(running.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']), ['0', '1', '2']);
    assert.deepEqual(running.map((p) => p.spec.hostname), ['idx-0', 'idx-1', 'idx-2']);
    for (const p of running) assert.match(p.metadata.name ?? '', /^idx-[012]-[a-z0-9]{5}$/);
    h.finishPod(running[1] as Obj, 'Succeeded');
    h.run();
    assert.equal((h.get<Obj>(R.jobs, 'default', 'idx') as Obj).status.completedIndexes, '1');
    h.finishPod(running[0] as Obj, 'Succeeded');
    h.finishPod(running[2] as Obj, 'Succeeded');
    h.run();
    const j = h.get<Obj>(R.jobs, 'default', 'idx') as Obj;
    assert.equal(j.status.completedIndexes, '0-2');
    assert.ok(j.status.conditions.some((c: any) => c.type === 'Complete'));
    h.stop();
  });

  test('a FailJob podFailurePolicy rule fails the Job at once', () => {
    const h = start();
    h.kubectl.create(R.jobs, 'default', job('policy', {
      backoffLimit: 6,
      podReplacementPolicy: 'Failed',
      podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] },
    }));
    h.run();
    const [p] = active(h);
    h.finishPod(p as Obj, 'Failed', 42);
    h.run();
    const j = h.get<Obj>(R.jobs, 'default', 'policy') as Obj;
    const failed = j.status.conditions.find((c: any) => c.type === 'Failed');
    assert.equal(failed.reason, 'PodFailurePolicy');
    assert.equal(failed.message, `Container pi for pod default/${p?.metadata.name} failed with exit code 42 matching FailJob rule at index 0`);
    h.stop();
  });

  test('ttlSecondsAfterFinished deletes the finished Job and, through the garbage collector, its pods', () => {
    const h = new Harness().start(['job-controller', 'ttl-after-finished-controller', 'generic-garbage-collector']);
    h.defaultServiceAccount();
    h.kubectl.create(R.jobs, 'default', job('short', { ttlSecondsAfterFinished: 100 }));
    h.run();
    const [p] = active(h);
    h.finishPod(p as Obj, 'Succeeded');
    h.advance(90_000);
    assert.ok(h.get(R.jobs, 'default', 'short'));
    h.advance(15_000);
    h.run();
    assert.equal(h.get(R.jobs, 'default', 'short'), undefined);
    assert.equal(pods(h).length, 0);
    h.stop();
  });
});
