/**
 * Golden scenario for the node actions: `kubectl drain worker-1 --ignore-daemonsets` with
 * the nginx Deployment running. The node is cordoned (and tainted unschedulable by the node
 * lifecycle controller), its pods are evicted through the eviction API, the ReplicaSet
 * replaces them on worker-2, the DaemonSet's kube-proxy stays; uncordon lifts the taint.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCluster } from '../../../src/sim/cluster';
import { R } from '../../../src/sim/client';
import { drain, uncordon } from '../../../src/sim/node';
import { events, expectEvent, yamlDocs, type Obj } from '../controllers/helpers';

const docs = yamlDocs(readFileSync(new URL('../../../examples/nginx.yaml', import.meta.url), 'utf8'));
const on = (c: ReturnType<typeof createCluster>, node: string) =>
  c.kubectl.list<Obj>(R.pods, undefined, { fieldSelector: `spec.nodeName=${node}` }).items.filter((p) => !p.metadata.deletionTimestamp);

describe('kubectl drain worker-1 --ignore-daemonsets', () => {
  const c = createCluster({ seed: 31 });
  c.apply(docs, { source: 'nginx.yaml' });
  c.runUntilQuiet();
  const before = on(c, 'worker-1');
  const movable = before.filter((p) => p.metadata.ownerReferences?.[0]?.kind !== 'DaemonSet');
  const proxy = before.find((p) => p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet');
  const lines = drain(c.kubectl, 'worker-1', { ignoreDaemonSets: true });
  c.runUntilQuiet();

  test("kubectl's lines", () => {
    assert.ok(movable.length > 0 && proxy);
    assert.equal(lines[0], 'node/worker-1 cordoned');
    assert.equal(lines[1], `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxy.metadata.name}`);
    for (const p of movable) {
      assert.ok(lines.includes(`evicting pod ${p.metadata.namespace}/${p.metadata.name}`), lines.join('\n'));
      assert.ok(lines.includes(`pod/${p.metadata.name} evicted`), lines.join('\n'));
    }
    assert.equal(lines[lines.length - 1], 'node/worker-1 drained');
    // Evictions go out together; the "evicted" lines follow them.
    const lastEvicting = Math.max(...lines.map((l, i) => (l.startsWith('evicting pod ') ? i : -1)));
    assert.ok(lines.findIndex((l) => l.endsWith(' evicted')) > lastEvicting, lines.join('\n'));
  });

  test('only the DaemonSet pod is left on worker-1; the others run elsewhere', () => {
    assert.deepEqual(on(c, 'worker-1').map((p) => p.metadata.name), [proxy?.metadata.name]);
    const nginx = c.kubectl.list<Obj>(R.pods, 'default', { labelSelector: 'app=nginx' }).items;
    assert.equal(nginx.length, 3);
    for (const p of nginx) {
      assert.notEqual(p.spec.nodeName, 'worker-1');
      assert.equal(p.status.phase, 'Running');
    }
    for (const p of movable) assert.equal(c.kubectl.tryGet(R.pods, p.metadata.namespace, p.metadata.name), undefined);
    const node = c.kubectl.get<Obj>(R.nodes, undefined, 'worker-1');
    assert.equal(node.spec.unschedulable, true);
    assert.deepEqual((node.spec.taints as Obj[]).map((t) => `${t.key}:${t.effect}`), ['node.kubernetes.io/unschedulable:NoSchedule']);
  });

  test('events: evicted pods killed by the kubelet; the node reported unschedulable', () => {
    c.runFor(20_000);
    const ev = events(c);
    for (const p of movable) {
      expectEvent(ev, 'kubelet', 'Killing', new RegExp(`^Stopping container ${p.spec.containers[0].name}$`), `pod/${p.metadata.name}`);
    }
    expectEvent(ev, 'kubelet', 'NodeNotSchedulable', /^Node worker-1 status is now: NodeNotSchedulable$/, 'node/worker-1');
  });

  test('uncordon: schedulable again, taint gone', () => {
    assert.equal(uncordon(c.kubectl, 'worker-1'), 'node/worker-1 uncordoned');
    c.runFor(20_000);
    const node = c.kubectl.get<Obj>(R.nodes, undefined, 'worker-1');
    assert.equal(node.spec.unschedulable, undefined);
    assert.equal(node.spec.taints, undefined);
    expectEvent(events(c), 'kubelet', 'NodeSchedulable', /^Node worker-1 status is now: NodeSchedulable$/, 'node/worker-1');
  });
});
