import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { SchedHarness, CONTROL_PLANE_TAINT, cpuPod } from './harness';

const TAINT_CP = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

describe('scheduler scenarios: node selection constraints', () => {
  test('nodeSelector and required node affinity pick the labelled worker', () => {
    const s = new SchedHarness();
    s.addNode('control-plane', { taints: [CONTROL_PLANE_TAINT] });
    s.addNode('worker-1', { labels: { disktype: 'hdd' } });
    s.addNode('worker-2', { labels: { disktype: 'ssd' } });
    s.start();
    s.createPod('sel', { nodeSelector: { disktype: 'ssd' } });
    s.createPod('aff', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'NotIn', values: ['ssd'] }] }] } } },
    });
    s.createPod('none', { nodeSelector: { disktype: 'nvme' } });
    s.run();
    assert.equal(s.nodeOf('sel'), 'worker-2');
    assert.equal(s.nodeOf('aff'), 'worker-1');
    assert.equal(s.nodeOf('none'), undefined);
    const msg = `0/3 nodes are available: ${TAINT_CP}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`;
    assert.deepEqual(s.events('none').map((e) => [e.type, e.reason, e.message, e.action]), [['Warning', 'FailedScheduling', msg, 'Scheduling']]);
    const cond = s.condition('none');
    assert.equal(cond?.status, 'False');
    assert.equal(cond?.reason, 'Unschedulable');
    assert.equal(cond?.message, msg);
  });

  test('a taint keeps pods off unless they tolerate it', () => {
    const s = new SchedHarness();
    s.addNode('control-plane', { taints: [CONTROL_PLANE_TAINT] });
    s.addNode('gpu-1', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    s.start();
    s.createPod('plain');
    s.createPod('tolerant', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] });
    s.run();
    assert.equal(s.nodeOf('tolerant'), 'gpu-1');
    assert.equal(s.nodeOf('plain'), undefined);
    assert.equal(
      s.condition('plain')?.message,
      '0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  test('Pending on Insufficient cpu, then scheduled once a node is added', () => {
    const s = new SchedHarness().cluster(2).start();
    for (const n of ['a', 'b', 'c']) s.createPod(n, cpuPod('1500m'));
    s.run();
    const placed = ['a', 'b', 'c'].filter((n) => s.nodeOf(n));
    assert.equal(placed.length, 2);
    const pending = ['a', 'b', 'c'].find((n) => !s.nodeOf(n)) as string;
    const msg = `0/3 nodes are available: ${TAINT_CP}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`;
    assert.equal(s.condition(pending)?.message, msg);
    assert.equal(s.condition(pending)?.reason, 'Unschedulable');
    assert.deepEqual(s.events(pending).map((e) => e.message), [msg]);
    s.addNode('worker-3');
    s.run();
    assert.equal(s.nodeOf(pending), 'worker-3');
    assert.equal(s.condition(pending)?.status, 'True');
    assert.equal(s.events(pending).at(-1)?.message, `Successfully assigned default/${pending} to worker-3`);
  });

  test('a node update that frees nothing relevant does not requeue the pod', () => {
    const s = new SchedHarness().cluster(1).start();
    s.createPod('big', cpuPod('3'));
    s.run();
    const attempts = s.schedules().filter((e) => e.ref?.name === 'big').length;
    const node = s.admin.get<KubeObject>(R.nodes, undefined, 'worker-1');
    s.admin.update(R.nodes, { ...node, metadata: { ...node.metadata, labels: { ...node.metadata.labels, team: 'x' } } });
    s.run();
    assert.equal(s.schedules().filter((e) => e.ref?.name === 'big').length, attempts);
  });
});

describe('scheduler scenarios: pods and volumes', () => {
  test('topology spread across zones keeps zones even, not nodes', () => {
    const s = new SchedHarness();
    s.addNode('control-plane', { taints: [CONTROL_PLANE_TAINT] });
    s.addNode('a-1', { zone: 'zone-a' });
    s.addNode('a-2', { zone: 'zone-a' });
    s.addNode('b-1', { zone: 'zone-b' });
    s.start();
    const spread = {
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
    };
    for (let i = 0; i < 4; i++) s.createPod(`web-${i}`, spread, { labels: { app: 'web' } });
    s.run();
    const zones = new Map<string, number>();
    for (let i = 0; i < 4; i++) {
      const n = s.nodeOf(`web-${i}`) ?? '';
      const z = n.startsWith('a-') ? 'zone-a' : n.startsWith('b-') ? 'zone-b' : n;
      zones.set(z, (zones.get(z) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(zones), { 'zone-a': 2, 'zone-b': 2 });
  });

  test('required anti-affinity leaves the third replica Pending with the aggregated message', () => {
    const s = new SchedHarness().cluster(2).start();
    const anti = {
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'nginx' } }, topologyKey: 'kubernetes.io/hostname' }] } },
    };
    for (const n of ['r1', 'r2', 'r3']) s.createPod(n, anti);
    s.run();
    const nodes = ['r1', 'r2', 'r3'].map((n) => s.nodeOf(n));
    assert.deepEqual(nodes.filter(Boolean).sort(), ['worker-1', 'worker-2']);
    const pending = ['r1', 'r2', 'r3'][nodes.indexOf(undefined)] as string;
    assert.equal(
      s.condition(pending)?.message,
      `0/3 nodes are available: ${TAINT_CP}, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  test('a missing PersistentVolumeClaim fails at PreFilter, and its creation (bound) requeues the pod', () => {
    const s = new SchedHarness().cluster(1).start();
    s.createPod('db', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] });
    s.run();
    assert.equal(
      s.condition('db')?.message,
      '0/2 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
    s.admin.create({ group: '', version: 'v1', resource: 'persistentvolumes' }, undefined, {
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
    } as KubeObject);
    s.admin.create({ group: '', version: 'v1', resource: 'persistentvolumeclaims' }, 'default', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: 'pv-1' },
    } as KubeObject);
    s.run();
    assert.equal(s.nodeOf('db'), 'worker-1');
  });

  test('scheduling gates hold a pod without events until the last gate goes', () => {
    const s = new SchedHarness().cluster(1).start();
    s.createPod('gated', { schedulingGates: [{ name: 'example.com/quota' }] });
    s.run();
    assert.equal(s.nodeOf('gated'), undefined);
    assert.deepEqual(s.events('gated'), []);
    const pod = s.pod('gated');
    s.admin.update(R.pods, { ...pod, spec: { ...(pod.spec as object), schedulingGates: [] } });
    s.run();
    assert.equal(s.nodeOf('gated'), 'worker-1');
  });
});
