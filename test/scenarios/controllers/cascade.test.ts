/**
 * Golden scenario for the garbage collector on a whole cluster: the nginx Deployment deleted
 * through the admin client with each propagationPolicy. Background: the Deployment goes at
 * once and its ReplicaSet and pods follow. Foreground: the Deployment and then its ReplicaSet
 * wait behind the foregroundDeletion finalizer until their dependents are gone. Orphan: the
 * orphan finalizer holds the Deployment while the ReplicaSet loses its ownerReference; the
 * ReplicaSet and its pods stay.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCluster, type Cluster } from '../../../src/sim/cluster';
import { R } from '../../../src/sim/client';
import { follow, yamlDocs, type Obj } from './helpers';

const docs = yamlDocs(readFileSync(new URL('../../../examples/nginx.yaml', import.meta.url), 'utf8'));

/**
 * Each object's first step towards deletion and its removal, in store order, with every pod
 * step folded into "pods terminating" / "pods gone" (pods go one by one, in any order).
 */
function deletionSteps(c: Cluster, propagationPolicy: 'Background' | 'Foreground' | 'Orphan') {
  const raw: string[] = [];
  const finalizers = new Map<string, string[]>();
  const w = follow(
    c,
    [
      { gvr: R.deployments, prefix: 'deployment' },
      { gvr: R.replicasets, prefix: 'replicaset' },
      { gvr: R.pods, prefix: 'pod' },
    ],
    'default',
    (_s, ch) => {
      const key = `${(ch.object.kind ?? '').toLowerCase()}/${ch.object.metadata.name}`;
      const f = (ch.object.metadata.finalizers ?? []) as string[];
      if (f.length > 0) finalizers.set(key, [...new Set([...(finalizers.get(key) ?? []), ...f])]);
      const step = ch.type === 'DELETED' ? `gone ${key}` : ch.object.metadata.deletionTimestamp ? `terminating ${key}` : undefined;
      if (step && !raw.includes(step)) raw.push(step);
    },
  );
  c.kubectl.delete(R.deployments, 'default', 'nginx-deployment', { propagationPolicy });
  assert.equal(c.runUntilQuiet(), true);
  w.stop();
  const podSteps = raw.filter((x) => x.includes(' pod/'));
  const terminated = podSteps.filter((x) => x.startsWith('terminating')).length;
  assert.ok(podSteps.length === 0 || (terminated === 3 && podSteps.length === 6), podSteps.join(', '));
  // Where all three pods are terminating, and where the last one is gone.
  const lastTerminating = Math.max(...raw.map((x, i) => (x.startsWith('terminating pod/') ? i : -1)));
  const lastGone = Math.max(...raw.map((x, i) => (x.startsWith('gone pod/') ? i : -1)));
  const steps = raw.flatMap((x, i) => (i === lastTerminating ? ['pods terminating'] : i === lastGone ? ['pods gone'] : x.includes(' pod/') ? [] : [x]));
  return { steps, finalizers };
}

describe('cascading deletion of the nginx Deployment', () => {
  const c = createCluster({ seed: 13 });
  const deploy = () => {
    c.apply(docs, { source: 'nginx.yaml' });
    assert.equal(c.runUntilQuiet(), true);
    const rs = c.kubectl.list<Obj>(R.replicasets, 'default').items;
    assert.equal(rs.length, 1);
    assert.equal(c.kubectl.list<Obj>(R.pods, 'default').items.length, 3);
    return `replicaset/${rs[0]?.metadata.name}`;
  };

  test('Background: the Deployment goes at once, then the ReplicaSet, then its pods', () => {
    const rs = deploy();
    const { steps, finalizers } = deletionSteps(c, 'Background');
    assert.deepEqual(steps, ['gone deployment/nginx-deployment', `gone ${rs}`, 'pods terminating', 'pods gone']);
    assert.deepEqual([...finalizers.keys()], []);
    assert.equal(c.kubectl.list<Obj>(R.replicasets, 'default').items.length, 0);
    assert.equal(c.kubectl.list<Obj>(R.pods, 'default').items.length, 0);
    assert.ok(c.kubectl.tryGet(R.services, 'default', 'nginx-service'), 'the Service is not owned and stays');
  });

  test('Foreground: Deployment and ReplicaSet wait behind foregroundDeletion until the pods are gone', () => {
    const rs = deploy();
    const { steps, finalizers } = deletionSteps(c, 'Foreground');
    assert.deepEqual(steps, ['terminating deployment/nginx-deployment', `terminating ${rs}`, 'pods terminating', 'pods gone', `gone ${rs}`, 'gone deployment/nginx-deployment']);
    assert.deepEqual(finalizers.get('deployment/nginx-deployment'), ['foregroundDeletion']);
    assert.deepEqual(finalizers.get(rs), ['foregroundDeletion']);
    assert.equal(c.kubectl.list<Obj>(R.deployments, 'default').items.length, 0);
    assert.equal(c.kubectl.list<Obj>(R.replicasets, 'default').items.length, 0);
    assert.equal(c.kubectl.list<Obj>(R.pods, 'default').items.length, 0);
  });

  test('Orphan: the orphan finalizer holds the Deployment; the ReplicaSet and pods stay, unowned', () => {
    const rs = deploy();
    const podsBefore = c.kubectl.list<Obj>(R.pods, 'default').items.map((p) => p.metadata.uid).sort();
    const { steps, finalizers } = deletionSteps(c, 'Orphan');
    assert.deepEqual(steps, ['terminating deployment/nginx-deployment', 'gone deployment/nginx-deployment']);
    assert.deepEqual(finalizers.get('deployment/nginx-deployment'), ['orphan']);
    const [left] = c.kubectl.list<Obj>(R.replicasets, 'default').items;
    assert.equal(`replicaset/${left?.metadata.name}`, rs);
    assert.equal(left?.metadata.ownerReferences, undefined);
    assert.equal(left?.spec.replicas, 3);
    const pods = c.kubectl.list<Obj>(R.pods, 'default').items;
    assert.deepEqual(pods.map((p) => p.metadata.uid).sort(), podsBefore);
    for (const p of pods) assert.equal(p.metadata.ownerReferences?.[0]?.name, left?.metadata.name);
  });
});
