import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SchedHarness, cpuPod } from './harness';
import { R } from '../../../../src/sim/client';
import { isSchedulingDetail, type SchedulingDetail } from '../../../../src/protocol/scheduling';

describe('scheduler scenarios: placement', () => {
  test('three nginx replicas spread across the two workers, never on the tainted control plane', () => {
    const s = new SchedHarness().cluster(2).start();
    for (const n of ['nginx-a', 'nginx-b', 'nginx-c']) s.createPod(n);
    s.run();
    const nodes = ['nginx-a', 'nginx-b', 'nginx-c'].map((n) => s.nodeOf(n));
    assert.ok(nodes.every((n) => n === 'worker-1' || n === 'worker-2'), `placed on ${nodes.join(',')}`);
    assert.ok(nodes.includes('worker-1') && nodes.includes('worker-2'), `not spread: ${nodes.join(',')}`);
    for (const n of ['nginx-a', 'nginx-b', 'nginx-c']) {
      const ev = s.events(n).find((e) => e.reason === 'Scheduled');
      assert.ok(ev, `no Scheduled event for ${n}`);
      assert.equal(ev.message, `Successfully assigned default/${n} to ${s.nodeOf(n)}`);
      assert.equal(ev.type, 'Normal');
      assert.equal(ev.action, 'Binding');
      assert.equal(ev.reportingComponent, 'default-scheduler');
      assert.equal(s.condition(n)?.status, 'True');
    }
  });

  test('each attempt is traced with a per-node explanation', () => {
    const s = new SchedHarness().cluster(2).start();
    s.createPod('web');
    s.run();
    const ev = s.schedules().find((e) => e.verb === 'Scheduled');
    assert.ok(ev);
    assert.equal(ev.from, 'default-scheduler');
    assert.equal(ev.to, 'default-scheduler');
    assert.match(ev.summary, /^default-scheduler picked worker-[12] for default\/web \(2 of 3 nodes feasible\)$/);
    assert.ok(isSchedulingDetail(ev.detail));
    const d: SchedulingDetail = ev.detail;
    assert.equal(d.nodes.length, 3);
    const cp = d.nodes.find((n) => n.node === 'control-plane');
    assert.equal(cp?.feasible, false);
    const taint = cp?.filters.find((f) => f.plugin === 'TaintToleration');
    assert.equal(taint?.status, 'UnschedulableAndUnresolvable');
    assert.equal(taint?.reason, 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
    const w = d.nodes.find((n) => n.node === d.selected);
    assert.ok(w?.feasible && w.scores && w.scores.length > 0);
    const fit = w.scores.find((x) => x.plugin === 'NodeResourcesFit');
    assert.ok(fit && fit.weighted === fit.normalized * 1);
    const tt = w.scores.find((x) => x.plugin === 'TaintToleration');
    assert.ok(tt && tt.weighted === tt.normalized * 3);
    assert.equal(w.total, w.scores.reduce((a, x) => a + x.weighted, 0));
    // The binding POST follows from the decision, which follows from the pod entering the queue.
    const bind = s.h.tracer.events().find((e) => e.channel === 'http-request' && e.path?.endsWith('/pods/web/binding'));
    assert.equal(bind?.cause, ev.seq);
    const queued = s.h.tracer.events().find((e) => e.seq === ev.cause);
    assert.equal(queued?.channel, 'queue');
  });

  test('a burst of pods spreads before any binding comes back (assume)', () => {
    const s = new SchedHarness().cluster(4).start();
    for (let i = 0; i < 8; i++) s.createPod(`p${i}`, cpuPod('500m'));
    s.run();
    const counts = new Map<string, number>();
    for (let i = 0; i < 8; i++) counts.set(s.nodeOf(`p${i}`) ?? '', (counts.get(s.nodeOf(`p${i}`) ?? '') ?? 0) + 1);
    assert.deepEqual([...counts.values()].sort(), [2, 2, 2, 2], JSON.stringify([...counts]));
  });

  test('in a big cluster only part of the nodes is evaluated, and the explanation stays small', () => {
    const s = new SchedHarness();
    for (let i = 0; i < 150; i++) s.addNode(`n-${i}`);
    s.start();
    s.createPod('one');
    s.createPod('two');
    s.run();
    const [d1, d2] = [s.lastDetail('one'), s.lastDetail('two')];
    // 150 nodes: 50% - 150/125 = 49% = 73 nodes, raised to the minimum of 100.
    assert.equal(d1?.totalNodes, 150);
    assert.equal(d1?.evaluatedNodes, 100);
    assert.equal(d1?.nodes.length, 20);
    assert.deepEqual(d1?.omitted, { feasible: 80, infeasible: 0 });
    assert.ok(d1?.nodes.some((n) => n.node === d1.selected));
    assert.equal(d2?.evaluatedNodes, 100);
  });

  test('the same seed gives the same placement', () => {
    const place = (seed: number): string[] => {
      const s = new SchedHarness(seed).cluster(3).start();
      for (let i = 0; i < 6; i++) s.createPod(`p${i}`);
      s.run();
      return Array.from({ length: 6 }, (_, i) => s.nodeOf(`p${i}`) ?? '');
    };
    assert.deepEqual(place(5), place(5));
  });
});

describe('scheduler scenarios: binding', () => {
  test('a binding refused by the API server is reported, forgotten by the cache, and not retried once the pod is bound', () => {
    const s = new SchedHarness().cluster(2, { pods: 2 }).start();
    s.createPod('racer');
    while (s.schedules().length === 0 && s.h.loop.step()) {
      // Step until the scheduling cycle has decided, before its binding cycle runs.
    }
    const picked = s.lastDetail('racer')?.selected;
    const other = picked === 'worker-1' ? 'worker-2' : 'worker-1';
    s.admin.createSubresource(R.pods, 'default', 'racer', 'binding', {
      apiVersion: 'v1', kind: 'Binding', metadata: { name: 'racer', namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: other },
    });
    s.run();
    assert.equal(s.nodeOf('racer'), other);
    const failed = s.schedules().find((e) => e.verb === 'BindingFailed');
    assert.match(failed?.summary ?? '', new RegExp(`could not bind default/racer to ${picked}: .*already assigned to node "${other}"`));
    assert.deepEqual(s.events('racer').map((e) => e.reason), ['FailedScheduling']);
    // The cache counts the pod once, on the node it is bound to: one more pod still fits there.
    s.createPod('next', { nodeName: undefined, nodeSelector: { 'kubernetes.io/hostname': other } });
    s.run();
    assert.equal(s.nodeOf('next'), other);
    assert.equal(s.schedules().filter((e) => e.ref?.name === 'racer').length, 2);
  });
});
