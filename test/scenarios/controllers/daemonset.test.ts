/**
 * Golden scenario for the DaemonSet controller on a cluster of three workers, one of them
 * tainted NoSchedule: a daemon pod lands on each untainted worker, none on the tainted one
 * nor on the control plane (its own taint is not tolerated); the pods carry the node
 * affinity and the tolerations upstream adds; removing the taint brings the third pod.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../../../src/sim/cluster';
import { R } from '../../../src/sim/client';
import { events, expectEvent, yamlDocs, type Obj } from './helpers';

const manifest = `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3600"]
`;

const daemonPods = (c: ReturnType<typeof createCluster>) => c.kubectl.list<Obj>(R.pods, 'default', { labelSelector: 'app=log-agent' }).items;
const nodeOf = (p: Obj) => p.spec.nodeName as string;

describe('DaemonSet: three workers, one tainted NoSchedule', () => {
  const c = createCluster({ seed: 5, workers: 3 });
  c.kubectl.patch(R.nodes, undefined, 'worker-3', { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } }, 'merge');
  c.runUntilQuiet();
  c.apply(yamlDocs(manifest), { source: 'daemonset.yaml' });
  const quiet = c.runUntilQuiet();

  test('one Running pod on each untainted worker, none on worker-3 or the control plane', () => {
    assert.equal(quiet, true);
    const pods = daemonPods(c);
    assert.deepEqual(pods.map(nodeOf).sort(), ['worker-1', 'worker-2']);
    for (const p of pods) {
      assert.equal(p.status.phase, 'Running');
      assert.match(p.metadata.name, /^log-agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      assert.equal(p.metadata.ownerReferences[0].kind, 'DaemonSet');
      const terms = p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
      assert.deepEqual(terms, [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeOf(p)] }] }]);
      const tolerations = (p.spec.tolerations as Obj[]).map((t) => `${t.key}:${t.operator}:${t.effect}`).sort();
      assert.deepEqual(tolerations, [
        'node.kubernetes.io/disk-pressure:Exists:NoSchedule',
        'node.kubernetes.io/memory-pressure:Exists:NoSchedule',
        'node.kubernetes.io/not-ready:Exists:NoExecute',
        'node.kubernetes.io/pid-pressure:Exists:NoSchedule',
        'node.kubernetes.io/unreachable:Exists:NoExecute',
        'node.kubernetes.io/unschedulable:Exists:NoSchedule',
      ]);
    }
    const ds = c.kubectl.get<Obj>(R.daemonsets, 'default', 'log-agent');
    assert.deepEqual(
      [ds.status.desiredNumberScheduled, ds.status.currentNumberScheduled, ds.status.numberReady, ds.status.numberAvailable, ds.status.numberMisscheduled],
      [2, 2, 2, 2, 0],
    );
    const ev = events(c, 'default');
    assert.equal(ev.filter((e) => e.source === 'daemonset-controller' && e.reason === 'SuccessfulCreate').length, 2);
    expectEvent(ev, 'daemonset-controller', 'SuccessfulCreate', /^Created pod: log-agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/, 'daemonset/log-agent');
    for (const p of pods) expectEvent(ev, 'default-scheduler', 'Scheduled', new RegExp(`^Successfully assigned default/${p.metadata.name} to ${nodeOf(p)}$`));
  });

  test('the taint removed: worker-3 gets its pod', () => {
    c.kubectl.patch(R.nodes, undefined, 'worker-3', { spec: { taints: null } }, 'merge');
    assert.equal(c.runUntilQuiet(), true);
    assert.deepEqual(daemonPods(c).map(nodeOf).sort(), ['worker-1', 'worker-2', 'worker-3']);
    assert.equal(c.kubectl.get<Obj>(R.daemonsets, 'default', 'log-agent').status.numberReady, 3);
  });

  test('a new worker joins: it gets its daemon pod', () => {
    c.addWorker();
    assert.equal(c.runUntilQuiet(), true);
    assert.deepEqual(daemonPods(c).map(nodeOf).sort(), ['worker-1', 'worker-2', 'worker-3', 'worker-4']);
    const ds = c.kubectl.get<Obj>(R.daemonsets, 'default', 'log-agent');
    assert.deepEqual([ds.status.desiredNumberScheduled, ds.status.numberReady], [4, 4]);
  });
});
