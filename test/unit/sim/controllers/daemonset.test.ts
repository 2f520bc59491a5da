import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import { rfc3339 } from '../../../../src/sim/core';
import type { KubeObject } from '../../../../src/sim/api/types';
import { Harness } from './harness';

type Obj = KubeObject & Record<string, any>;

function node(h: Harness, name: string, taints: unknown[] = [], labels: Record<string, string> = {}): void {
  const now = rfc3339(h.loop.now());
  h.apiserverClient.create(R.nodes, undefined, {
    apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: taints.length ? { taints } : {},
    status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: now, lastTransitionTime: now }] },
  });
}

const daemonSet = (tolerations: unknown[] = []): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'fluentd', namespace: 'default' },
  spec: {
    selector: { matchLabels: { name: 'fluentd' } },
    template: {
      metadata: { labels: { name: 'fluentd' } },
      spec: { tolerations, containers: [{ name: 'fluentd', image: 'fluentd:v1.16' }] },
    },
  },
});

/** Stand-in kubelet: every daemon pod becomes Running and Ready on the node it is pinned to. */
function readyOnTheirNodes(h: Harness): void {
  for (const p of h.list<Obj>(R.pods, 'default')) {
    if (p.metadata.deletionTimestamp || p.status.phase === 'Running') continue;
    const node = p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0];
    h.makeReady(p, node);
  }
}

describe('daemonset-controller', () => {
  test('three nodes, one tainted and the control plane: pods only where the template fits', () => {
    const h = new Harness().start(['daemon-set-controller']);
    h.defaultServiceAccount();
    node(h, 'control-plane', [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    node(h, 'worker-1');
    node(h, 'worker-2', [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    h.kubectl.create(R.daemonsets, 'default', daemonSet());
    h.run();
    const pods = h.list<Obj>(R.pods, 'default');
    assert.equal(pods.length, 1);
    const pod = pods[0] as Obj;
    assert.match(pod.metadata.name ?? '', /^fluentd-[a-z0-9]{5}$/);
    assert.deepEqual(pod.spec.affinity, {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }] } },
    });
    const tolerations = pod.spec.tolerations.map((t: any) => `${t.key}:${t.effect}`);
    for (const k of ['not-ready:NoExecute', 'unreachable:NoExecute', 'disk-pressure:NoSchedule', 'memory-pressure:NoSchedule', 'pid-pressure:NoSchedule', 'unschedulable:NoSchedule']) {
      assert.ok(tolerations.includes(`node.kubernetes.io/${k}`), k);
    }
    const [rev] = h.list<Obj>(R.controllerrevisions, 'default');
    const hash = rev?.metadata.labels?.['controller-revision-hash'];
    assert.equal(rev?.metadata.name, `fluentd-${hash}`);
    assert.equal(rev?.revision, 1);
    assert.equal(pod.metadata.labels?.['controller-revision-hash'], hash);
    assert.equal(pod.metadata.labels?.['pod-template-generation'], '1');
    readyOnTheirNodes(h);
    h.run();
    const ds = h.get<Obj>(R.daemonsets, 'default', 'fluentd') as Obj;
    assert.deepEqual(ds.status, {
      currentNumberScheduled: 1, numberMisscheduled: 0, desiredNumberScheduled: 1, numberReady: 1,
      observedGeneration: 1, updatedNumberScheduled: 1, numberAvailable: 1,
    });
    assert.ok(h.events().some((e) => e.reason === 'SuccessfulCreate' && e.source === 'daemonset-controller' && e.message === `Created pod: ${pod.metadata.name}`));
    h.stop();
  });

  test('a new node gets a pod; tolerating the taint rolls the update out node by node', () => {
    const h = new Harness().start(['daemon-set-controller']);
    h.defaultServiceAccount();
    node(h, 'worker-1');
    node(h, 'worker-2', [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    h.kubectl.create(R.daemonsets, 'default', daemonSet());
    h.run();
    readyOnTheirNodes(h);
    h.run();
    node(h, 'worker-3');
    h.run();
    assert.equal(h.list(R.pods, 'default').length, 2);
    readyOnTheirNodes(h);
    h.run();
    const before = h.list<Obj>(R.pods, 'default').map((p) => p.metadata.name).sort();
    h.kubectl.patch(R.daemonsets, 'default', 'fluentd', { spec: { template: { spec: { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] } } } }, 'merge');
    for (let i = 0; i < 6; i++) {
      h.run();
      h.finishDeletions();
      h.run();
      readyOnTheirNodes(h);
    }
    h.run();
    const pods = h.list<Obj>(R.pods, 'default');
    assert.equal(pods.length, 3);
    const revs = h.list<Obj>(R.controllerrevisions, 'default').sort((a, b) => a.revision - b.revision);
    assert.equal(revs.length, 2);
    const newHash = revs[1]?.metadata.labels?.['controller-revision-hash'];
    for (const p of pods) {
      assert.equal(p.metadata.labels?.['controller-revision-hash'], newHash);
      assert.ok(!before.includes(p.metadata.name));
    }
    const ds = h.get<Obj>(R.daemonsets, 'default', 'fluentd') as Obj;
    assert.equal(ds.status.desiredNumberScheduled, 3);
    assert.equal(ds.status.updatedNumberScheduled, 3);
    h.stop();
  });
});
