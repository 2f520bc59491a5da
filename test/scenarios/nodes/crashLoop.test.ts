/**
 * Golden scenario for a container that exits 1 under restartPolicy Always: the kubelet
 * restarts it at once the first time, then waits a back-off that doubles from 10 s (counted
 * from the exit) before each restart; the container waits in CrashLoopBackOff meanwhile,
 * restartCount grows and lastState keeps the exit code. Back-off waits are background work,
 * so the scenario runs for a stretch of virtual time.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../../../src/sim/cluster';
import { R } from '../../../src/sim/client';
import { events, expectEvent, follow, yamlDocs, type Obj } from '../controllers/helpers';

const manifest = `
apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo starting up; exit 1"]
`;

describe('a container that exits 1 reaches CrashLoopBackOff', () => {
  const c = createCluster({ seed: 19 });
  const restarts: { count: number; atMs: number }[] = [];
  const waits: string[] = [];
  const w = follow(c, [{ gvr: R.pods, prefix: 'pod' }], 'default', (_s, ch) => {
    const cs = ch.object.status?.containerStatuses?.[0];
    if (!cs) return;
    if (cs.restartCount !== (restarts[restarts.length - 1]?.count ?? 0)) restarts.push({ count: cs.restartCount, atMs: ch.atMs });
    const reason = cs.state?.waiting?.reason;
    if (reason && waits[waits.length - 1] !== reason) waits.push(reason);
  });
  c.apply(yamlDocs(manifest), { source: 'crasher.yaml' });
  c.runFor(6 * 60_000);
  w.stop();
  const starts = c.tracer
    .events()
    .filter((e) => e.channel === 'cri' && e.verb === 'StartContainer' && e.from.startsWith('kubelet/') && /app/.test(e.summary))
    .map((e) => e.time);

  test('status: waiting in CrashLoopBackOff with the exit in lastState, restartCount grown', () => {
    const p = c.kubectl.get<Obj>(R.pods, 'default', 'crasher');
    assert.equal(p.status.phase, 'Running');
    const cs = p.status.containerStatuses[0];
    assert.equal(cs.restartCount, starts.length - 1);
    assert.ok(cs.restartCount >= 5 && cs.restartCount <= 6, `restartCount ${cs.restartCount}`);
    assert.deepEqual([cs.lastState.terminated.exitCode, cs.lastState.terminated.reason], [1, 'Error']);
    if (cs.state.waiting) {
      assert.equal(cs.state.waiting.reason, 'CrashLoopBackOff');
      assert.match(cs.state.waiting.message, new RegExp(`^back-off (2m40s|5m0s) restarting failed container=app pod=crasher_default\\(${p.metadata.uid}\\)$`));
    }
    assert.equal(cs.ready, false);
    const ready = (p.status.conditions as Obj[]).find((x) => x.type === 'Ready');
    assert.deepEqual([ready?.status, ready?.reason], ['False', 'ContainersNotReady']);
    assert.equal(ready?.message, 'containers with unready status: [app]');
    assert.ok(waits.includes('CrashLoopBackOff'), waits.join(','));
  });

  test('restarts come at once, then after 10 s, 20 s, 40 s, 80 s of back-off', () => {
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    assert.ok(gaps[0]! < 5_000, `first restart after ${gaps[0]} ms`);
    for (let i = 1; i < 5; i++) {
      const backoff = 10_000 * 2 ** (i - 1);
      assert.ok(gaps[i]! >= backoff && gaps[i]! < backoff + 17_000, `restart ${i + 1} after ${gaps[i]} ms, back-off ${backoff}`);
    }
    // restartCount in the API follows each start.
    assert.deepEqual(restarts.map((r) => r.count), restarts.map((_r, i) => i + 1));
  });

  test('events: one Created and Started per run, BackOff warnings between', () => {
    const ev = events(c, 'default').filter((e) => e.object === 'pod/crasher');
    const started = expectEvent(ev, 'kubelet', 'Started', /^Started container app$/);
    assert.equal(started.count, starts.length);
    assert.equal(expectEvent(ev, 'kubelet', 'Created', /^Created container: app$/).count, starts.length);
    const pulled = expectEvent(ev, 'kubelet', 'Pulled', /^Container image "busybox:1\.36" already present on machine$|^Successfully pulled image "busybox:1\.36"/);
    assert.ok(pulled.count >= 1);
    const p = c.kubectl.get<Obj>(R.pods, 'default', 'crasher');
    const backoff = expectEvent(ev, 'kubelet', 'BackOff', new RegExp(`^Back-off restarting failed container app in pod crasher_default\\(${p.metadata.uid}\\)$`));
    assert.equal(backoff.type, 'Warning');
    assert.ok(backoff.count >= 5);
  });

  test('logs show the last run', () => {
    assert.equal(c.logs('default', 'crasher', undefined), 'starting up\n');
  });
});
