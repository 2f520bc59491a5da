import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import { rfc3339, rfc3339Micro } from '../../../../src/sim/core';
import type { KubeObject } from '../../../../src/sim/api/types';
import { Harness, deployment } from './harness';

type Obj = KubeObject & Record<string, any>;

/** Test scaffolding: a node object and a heartbeat (Lease renewal every 10 s) as a kubelet would keep them. */
function addNode(h: Harness, name: string, zone: string): { stop(): void } {
  const now = rfc3339(h.loop.now());
  h.apiserverClient.create(R.nodes, undefined, {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone } },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }],
      addresses: [{ type: 'InternalIP', address: '172.18.0.9' }],
    },
  });
  const renew = (): void => {
    const lease = h.kubectl.tryGet<Obj>(R.leases, 'kube-node-lease', name);
    const spec = { holderIdentity: name, leaseDurationSeconds: 40, renewTime: rfc3339Micro(h.loop.now()) };
    if (!lease) h.apiserverClient.create(R.leases, 'kube-node-lease', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-node-lease' }, spec });
    else h.apiserverClient.update(R.leases, { ...lease, spec: { ...lease.spec, ...spec } });
  };
  renew();
  const handle = h.loop.every(10_000, renew, { background: true });
  return { stop: () => handle.cancel() };
}

describe('node-lifecycle-controller and taint-eviction-controller', () => {
  test('a node that stops heartbeating becomes Unknown, is tainted, and its pods are evicted and replaced', () => {
    const h = new Harness().start(['node-lifecycle-controller', 'taint-eviction-controller', 'deployment-controller', 'replicaset-controller']);
    h.defaultServiceAccount();
    const w1 = addNode(h, 'worker-1', 'zone-a');
    addNode(h, 'worker-2', 'zone-b');
    h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 2, 'nginx:1.14.2'));
    h.run();
    for (const p of h.list<Obj>(R.pods, 'default')) h.makeReady(p, 'worker-1');
    h.advance(1000);
    const registered = h.events().filter((e) => e.reason === 'RegisteredNode').map((e) => [e.source, e.message]);
    assert.deepEqual(registered.sort(), [
      ['node-controller', 'Node worker-1 event: Registered Node worker-1 in Controller'],
      ['node-controller', 'Node worker-2 event: Registered Node worker-2 in Controller'],
    ]);

    w1.stop();
    // The controller first saw the node at t=5 s; the grace period is 50 s, checked every 5 s.
    h.advance(50_000);
    let node = h.get<Obj>(R.nodes, undefined, 'worker-1') as Obj;
    assert.equal(node.status.conditions.find((c: any) => c.type === 'Ready').status, 'True');
    h.advance(10_000);
    node = h.get<Obj>(R.nodes, undefined, 'worker-1') as Obj;
    const ready = node.status.conditions.find((c: any) => c.type === 'Ready');
    assert.deepEqual([ready.status, ready.reason, ready.message], ['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.']);
    assert.ok(h.events().some((e) => e.reason === 'NodeNotReady' && e.message === 'Node worker-1 status is now: NodeNotReady' && e.source === 'node-controller'));
    assert.equal(h.events().filter((e) => e.reason === 'NodeNotReady' && e.message === 'Node is not ready' && e.kind === 'Pod').length, 2);
    h.advance(6_000);
    node = h.get<Obj>(R.nodes, undefined, 'worker-1') as Obj;
    const taints = node.spec.taints.map((t: any) => `${t.key}:${t.effect}`).sort();
    assert.deepEqual(taints, ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    assert.equal(h.get<Obj>(R.nodes, undefined, 'worker-2')?.spec?.taints, undefined);

    // DefaultTolerationSeconds gave every pod 300 s for node.kubernetes.io/unreachable.
    const podsBefore = h.list<Obj>(R.pods, 'default').map((p) => p.metadata.name);
    h.advance(290_000);
    assert.equal(h.events().filter((e) => e.reason === 'TaintManagerEviction').length, 0);
    h.advance(15_000);
    const evictions = h.events().filter((e) => e.reason === 'TaintManagerEviction').map((e) => e.message).sort();
    assert.deepEqual(evictions, podsBefore.map((n) => `Marking for deletion Pod default/${n}`).sort());
    const pods = h.list<Obj>(R.pods, 'default');
    const terminating = pods.filter((p) => p.metadata.deletionTimestamp);
    assert.equal(terminating.length, 2);
    for (const p of terminating) {
      const c = p.status.conditions.find((x: any) => x.type === 'DisruptionTarget');
      assert.deepEqual([c.status, c.reason, c.message], ['True', 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint']);
    }
    // The ReplicaSet replaces them at once (they stay Terminating: no kubelet will confirm).
    assert.equal(pods.filter((p) => !p.metadata.deletionTimestamp).length, 2);
    h.stop();
  });

  test('no taints while every node is down (master disruption mode)', () => {
    const h = new Harness().start(['node-lifecycle-controller']);
    const w1 = addNode(h, 'worker-1', 'zone-a');
    h.advance(1000);
    w1.stop();
    h.advance(70_000);
    const node = h.get<Obj>(R.nodes, undefined, 'worker-1') as Obj;
    assert.equal(node.status.conditions.find((c: any) => c.type === 'Ready').status, 'Unknown');
    const taints = (node.spec?.taints ?? []).map((t: any) => `${t.key}:${t.effect}`);
    assert.deepEqual(taints, ['node.kubernetes.io/unreachable:NoSchedule']);
    h.stop();
  });
});
