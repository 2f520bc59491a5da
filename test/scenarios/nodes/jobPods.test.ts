/**
 * Golden scenario for pods that run to completion: examples/job.yaml (three completions,
 * two at a time). Each pod's container exits 0 (Completed), the pod ends Succeeded and not
 * Ready (PodCompleted), its log holds what the command echoed, at most two run at once,
 * and the Job ends Complete with upstream's conditions and events.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCluster } from '../../../src/sim/cluster';
import { R } from '../../../src/sim/client';
import { events, expectEvent, follow, yamlDocs, type Obj } from '../controllers/helpers';

const docs = yamlDocs(readFileSync(new URL('../../../examples/job.yaml', import.meta.url), 'utf8'));
const MESSAGE = 'Reached expected number of succeeded pods';

describe('Job pods run to completion (examples/job.yaml)', () => {
  const c = createCluster({ seed: 23 });
  let mostRunning = 0;
  const w = follow(c, [{ gvr: R.pods, prefix: 'pod' }], 'default', (state) => {
    const running = [...state.values()].filter((p) => !['Succeeded', 'Failed'].includes(p.status?.phase));
    mostRunning = Math.max(mostRunning, running.length);
  });
  c.apply(docs, { source: 'job.yaml' });
  const quiet = c.runUntilQuiet();
  w.stop();
  const pods = c.kubectl.list<Obj>(R.pods, 'default', { labelSelector: 'job-name=count-to-three' }).items;

  test('three pods Succeeded, never more than two at once', () => {
    assert.equal(quiet, true);
    assert.equal(pods.length, 3);
    assert.equal(mostRunning, 2);
    for (const p of pods) {
      assert.equal(p.status.phase, 'Succeeded');
      const cs = p.status.containerStatuses[0];
      assert.deepEqual([cs.state.terminated.exitCode, cs.state.terminated.reason], [0, 'Completed']);
      assert.equal(cs.restartCount, 0);
      const ready = (p.status.conditions as Obj[]).find((x) => x.type === 'Ready');
      assert.deepEqual([ready?.status, ready?.reason], ['False', 'PodCompleted']);
      assert.equal(p.metadata.finalizers, undefined, 'the job-tracking finalizer is removed once counted');
      assert.equal(c.logs('default', p.metadata.name, 'counter'), 'one\ntwo\nthree\n');
    }
  });

  test('the Job is Complete: SuccessCriteriaMet, then Complete', () => {
    const job = c.kubectl.get<Obj>(R.jobs, 'default', 'count-to-three');
    assert.deepEqual(
      (job.status.conditions as Obj[]).map((x) => [x.type, x.status, x.reason, x.message]),
      [
        ['SuccessCriteriaMet', 'True', 'CompletionsReached', MESSAGE],
        ['Complete', 'True', 'CompletionsReached', MESSAGE],
      ],
    );
    assert.equal(job.status.succeeded, 3);
    assert.equal(job.status.active ?? 0, 0);
    assert.ok(Date.parse(job.status.completionTime) >= Date.parse(job.status.startTime));
  });

  test('events: job-controller SuccessfulCreate and Completed, kubelet per pod', () => {
    const ev = events(c, 'default');
    const creates = ev.filter((e) => e.source === 'job-controller' && e.reason === 'SuccessfulCreate' && e.object === 'job/count-to-three');
    assert.equal(creates.reduce((n, e) => n + e.count, 0), 3);
    expectEvent(ev, 'job-controller', 'Completed', /^Job completed$/, 'job/count-to-three');
    for (const p of pods) {
      const mine = ev.filter((e) => e.object === `pod/${p.metadata.name}`);
      expectEvent(mine, 'default-scheduler', 'Scheduled', new RegExp(`^Successfully assigned default/${p.metadata.name} to worker-\\d$`));
      expectEvent(mine, 'kubelet', 'Pulled', /^(Container image "busybox:1\.36" already present on machine|Successfully pulled image "busybox:1\.36" in .+)$/);
      expectEvent(mine, 'kubelet', 'Created', /^Created container: counter$/);
      expectEvent(mine, 'kubelet', 'Started', /^Started container counter$/);
    }
  });
});
