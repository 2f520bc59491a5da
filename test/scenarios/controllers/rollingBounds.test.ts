/**
 * Rolling updates whose bounds both bite: four replicas with the default 25% / 25% (one
 * surge pod, one unavailable), and three with maxSurge 0 and maxUnavailable 1 (old pods go
 * first). At every store revision that touches a pod the live pods stay within
 * replicas + maxSurge and the ready ones at or above replicas - maxUnavailable.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../../../src/sim/cluster';
import { R } from '../../../src/sim/client';
import { follow, isReady, yamlDocs, type Obj } from './helpers';

const manifest = (replicas: number, image: string, strategy: string) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}${strategy}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
`;

function rollout(seed: number, replicas: number, strategy: string) {
  const c = createCluster({ seed });
  c.apply(yamlDocs(manifest(replicas, 'nginx:1.14.2', strategy)), { source: 'web.yaml' });
  assert.equal(c.runUntilQuiet(), true);
  const seen = { maxPods: 0, minReady: Infinity, revisions: 0 };
  const w = follow(c, [{ gvr: R.pods, prefix: 'pod' }], 'default', (state) => {
    const live = [...state.values()].filter((p) => !p.metadata.deletionTimestamp);
    seen.revisions++;
    seen.maxPods = Math.max(seen.maxPods, live.length);
    seen.minReady = Math.min(seen.minReady, live.filter(isReady).length);
  });
  c.apply(yamlDocs(manifest(replicas, 'nginx:1.16.1', strategy)), { source: 'web.yaml' });
  assert.equal(c.runUntilQuiet(), true);
  w.stop();
  const pods = c.kubectl.list<Obj>(R.pods, 'default').items;
  const sets = c.kubectl.list<Obj>(R.replicasets, 'default').items.map((s) => s.spec.replicas).sort();
  return { seen, pods, sets };
}

describe('rolling update bounds', () => {
  test('4 replicas, 25% / 25%: at most 5 pods, at least 3 ready', () => {
    const r = rollout(41, 4, '');
    assert.ok(r.seen.revisions > 20);
    assert.equal(r.seen.maxPods, 5);
    assert.equal(r.seen.minReady, 3);
    assert.deepEqual(r.sets, [0, 4]);
    assert.ok(r.pods.every((p) => p.spec.containers[0].image === 'nginx:1.16.1' && isReady(p)));
  });

  test('3 replicas, maxSurge 0 / maxUnavailable 1: never more than 3 pods, at least 2 ready', () => {
    const r = rollout(43, 3, '\n  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 1}');
    assert.equal(r.seen.maxPods, 3);
    assert.equal(r.seen.minReady, 2);
    assert.deepEqual(r.sets, [0, 3]);
    assert.ok(r.pods.every((p) => p.spec.containers[0].image === 'nginx:1.16.1' && isReady(p)));
  });

  test('Recreate: every old pod is gone before the first new one is created', () => {
    const c = createCluster({ seed: 47 });
    const strategy = '\n  strategy: {type: Recreate}';
    c.apply(yamlDocs(manifest(3, 'nginx:1.14.2', strategy)), { source: 'web.yaml' });
    c.runUntilQuiet();
    const old = new Set(c.kubectl.list<Obj>(R.pods, 'default').items.map((p) => p.metadata.name as string));
    const order: string[] = [];
    const w = follow(c, [{ gvr: R.pods, prefix: 'pod' }], 'default', (_s, ch) => {
      const name = ch.object.metadata.name as string;
      if (ch.type === 'ADDED') order.push('new');
      if (ch.type === 'DELETED' && old.has(name)) order.push('old gone');
    });
    c.apply(yamlDocs(manifest(3, 'nginx:1.16.1', strategy)), { source: 'web.yaml' });
    assert.equal(c.runUntilQuiet(), true);
    w.stop();
    assert.deepEqual(order, ['old gone', 'old gone', 'old gone', 'new', 'new', 'new']);
  });
});
