/**
 * Golden scenario for a node that stops heartbeating: the nginx Deployment runs on two
 * workers, worker-1's kubelet stops. After the node monitor grace period (50 s) the node
 * lifecycle controller marks it Unknown, its pods not ready, and taints it unreachable
 * (NoSchedule and NoExecute); 300 s later (the pods' default tolerationSeconds) the
 * taint-eviction-controller deletes them and the ReplicaSet replaces them on worker-2. The
 * evicted pods stay Terminating: no kubelet is left to confirm they stopped.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCluster } from '../../../src/sim/cluster';
import { R } from '../../../src/sim/client';
import { events, expectEvent, isReady, runUntil, yamlDocs, type Obj } from '../controllers/helpers';

const docs = yamlDocs(readFileSync(new URL('../../../examples/nginx.yaml', import.meta.url), 'utf8'));
const nginxPods = (c: ReturnType<typeof createCluster>) => c.kubectl.list<Obj>(R.pods, 'default', { labelSelector: 'app=nginx' }).items;
const readyCondition = (n: Obj) => (n.status.conditions as Obj[]).find((x) => x.type === 'Ready');

describe('a worker whose kubelet stops', () => {
  const c = createCluster({ seed: 21 });
  c.apply(docs, { source: 'nginx.yaml' });
  c.runUntilQuiet();
  const victims = nginxPods(c).filter((p) => p.spec.nodeName === 'worker-1');
  const stoppedAt = c.loop.now();
  c.nodes.get('worker-1')?.stopKubelet();

  test('the seed spreads the pods over both workers', () => {
    assert.ok(victims.length > 0 && victims.length < 3, `${victims.length} pods on worker-1`);
  });

  test('after the grace period: Ready Unknown, unreachable taints, pods not ready', () => {
    const took = runUntil(c, () => readyCondition(c.kubectl.get<Obj>(R.nodes, undefined, 'worker-1'))?.status === 'Unknown', 120_000);
    assert.ok(took > 50_000 && took <= 50_000 + 15_000, `marked Unknown ${took} ms after the kubelet stopped`);
    c.runFor(10_000);
    const node = c.kubectl.get<Obj>(R.nodes, undefined, 'worker-1');
    const ready = readyCondition(node);
    assert.deepEqual([ready?.status, ready?.reason, ready?.message], ['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.']);
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const cond = (node.status.conditions as Obj[]).find((x) => x.type === type);
      assert.equal(cond?.status, 'Unknown', type);
    }
    const taints = (node.spec.taints as Obj[]).map((t) => `${t.key}:${t.effect}`).sort();
    assert.deepEqual(taints, ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    for (const p of victims) {
      const now = c.kubectl.get<Obj>(R.pods, 'default', p.metadata.name);
      assert.equal(isReady(now), false, `${p.metadata.name} still ready`);
      assert.equal(now.status.phase, 'Running');
    }
    // The Service stops sending traffic to pods it cannot vouch for.
    const ep = c.kubectl.get<Obj>(R.endpoints, 'default', 'nginx-service');
    assert.equal(ep.subsets[0].addresses.length, 3 - victims.length);
    assert.equal(ep.subsets[0].notReadyAddresses.length, victims.length);

    const ev = events(c);
    expectEvent(ev, 'node-controller', 'NodeNotReady', /^Node worker-1 status is now: NodeNotReady$/, 'node/worker-1');
    for (const p of victims) expectEvent(ev, 'node-controller', 'NodeNotReady', /^Node is not ready$/, `pod/${p.metadata.name}`);
    assert.ok(!ev.some((e) => e.reason === 'TaintManagerEviction'), 'no eviction before tolerationSeconds');
  });

  test('after tolerationSeconds (300 s) the pods are evicted and replaced on worker-2', () => {
    const taint = (c.kubectl.get<Obj>(R.nodes, undefined, 'worker-1').spec.taints as Obj[]).find((t) => t.effect === 'NoExecute');
    const taintedAt = Date.parse(taint?.timeAdded);
    runUntil(c, () => victims.every((p) => c.kubectl.get<Obj>(R.pods, 'default', p.metadata.name).metadata.deletionTimestamp), 400_000);
    const evictedAfter = c.loop.now() - taintedAt;
    assert.ok(evictedAfter >= 300_000 && evictedAfter < 305_000, `evicted ${evictedAfter} ms after the taint`);
    assert.ok(c.loop.now() - stoppedAt < 380_000);
    c.runFor(30_000);

    for (const p of victims) {
      const gone = c.kubectl.get<Obj>(R.pods, 'default', p.metadata.name);
      assert.ok(gone.metadata.deletionTimestamp, 'Terminating: the stopped kubelet never confirms');
      const disruption = (gone.status.conditions as Obj[]).find((x) => x.type === 'DisruptionTarget');
      assert.deepEqual([disruption?.status, disruption?.reason, disruption?.message], ['True', 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint']);
    }
    const live = nginxPods(c).filter((p) => !p.metadata.deletionTimestamp);
    assert.equal(live.length, 3);
    for (const p of live) {
      assert.equal(p.spec.nodeName, 'worker-2');
      assert.equal(p.status.phase, 'Running');
      assert.ok(isReady(p));
    }
    const d = c.kubectl.get<Obj>(R.deployments, 'default', 'nginx-deployment');
    assert.equal(d.status.availableReplicas, 3);
    // kube-proxy tolerates unreachable:NoExecute without a time limit: it is never evicted.
    const proxy = c.kubectl.list<Obj>(R.pods, 'kube-system', { fieldSelector: 'spec.nodeName=worker-1', labelSelector: 'k8s-app=kube-proxy' }).items;
    assert.equal(proxy.length, 1);
    assert.equal(proxy[0]?.metadata.deletionTimestamp, undefined);
    const ep = c.kubectl.get<Obj>(R.endpoints, 'default', 'nginx-service');
    assert.equal(ep.subsets[0].addresses.length, 3);
    assert.equal(ep.subsets[0].notReadyAddresses, undefined);

    const ev = events(c);
    for (const p of victims) {
      const e = expectEvent(ev, 'taint-eviction-controller', 'TaintManagerEviction', new RegExp(`^Marking for deletion Pod default/${p.metadata.name}$`), `pod/${p.metadata.name}`);
      assert.equal(e.type, 'Normal');
    }
    const rs = victims[0]?.metadata.ownerReferences[0].name;
    const creates = ev.filter((e) => e.source === 'replicaset-controller' && e.reason === 'SuccessfulCreate' && e.object === `replicaset/${rs}`);
    assert.equal(creates.reduce((n, e) => n + e.count, 0), 3 + victims.length);
  });

  test('the kubelet back: it finishes the evicted pods and the node is Ready again', () => {
    c.nodes.get('worker-1')?.startKubelet();
    c.runFor(60_000);
    const node = c.kubectl.get<Obj>(R.nodes, undefined, 'worker-1');
    assert.equal(readyCondition(node)?.status, 'True');
    assert.equal(node.spec.taints, undefined);
    for (const p of victims) assert.equal(c.kubectl.tryGet(R.pods, 'default', p.metadata.name), undefined, `${p.metadata.name} still there`);
    const kubelet = events(c).filter((e) => e.source === 'kubelet' && victims.some((p) => e.object === `pod/${p.metadata.name}`));
    for (const p of victims) expectEvent(kubelet, 'kubelet', 'Killing', /^Stopping container nginx$/, `pod/${p.metadata.name}`);
    assert.equal(nginxPods(c).length, 3);
    // The restarted kubelet's status setters see the conditions the node controller set
    // Unknown and record each change back; "Starting" and allocatable enforcement come with
    // every start.
    const counts = Object.fromEntries(events(c).filter((e) => e.object === 'node/worker-1' && e.source === 'kubelet').map((e) => [e.reason, e.count]));
    assert.deepEqual(counts, { Starting: 2, NodeHasSufficientMemory: 2, NodeHasNoDiskPressure: 2, NodeHasSufficientPID: 2, NodeAllocatableEnforced: 2, NodeReady: 2 });
    expectEvent(events(c), 'kubelet', 'NodeReady', /^Node worker-1 status is now: NodeReady$/, 'node/worker-1');
  });
});
