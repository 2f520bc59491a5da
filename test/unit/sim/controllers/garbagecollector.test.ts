import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { Harness, deployment } from './harness';

type Obj = KubeObject & Record<string, any>;

function start(): Harness {
  const h = new Harness().start(['deployment-controller', 'replicaset-controller', 'generic-garbage-collector']);
  h.defaultServiceAccount();
  h.autoKubelet();
  h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 3, 'nginx:1.14.2'));
  h.run();
  assert.equal(h.list(R.pods, 'default').length, 3);
  return h;
}

describe('garbage collector', () => {
  test('Background: the Deployment goes at once, then its ReplicaSet, then the pods', () => {
    const h = start();
    h.kubectl.delete(R.deployments, 'default', 'nginx-deployment', { propagationPolicy: 'Background' });
    assert.equal(h.get(R.deployments, 'default', 'nginx-deployment'), undefined);
    h.run();
    assert.equal(h.list(R.replicasets, 'default').length, 0);
    assert.equal(h.list(R.pods, 'default').length, 0);
    const deletes = h.tracer.events().filter((e) => e.channel === 'http-request' && e.verb === 'DELETE' && e.from === 'generic-garbage-collector');
    assert.ok(deletes.some((e) => e.path?.includes('/replicasets/')));
    assert.equal(deletes.filter((e) => e.path?.includes('/pods/')).length, 3);
    h.stop();
  });

  test('Foreground: the owner waits with the foregroundDeletion finalizer until its dependents are gone', () => {
    const h = start();
    h.kubectl.delete(R.deployments, 'default', 'nginx-deployment', { propagationPolicy: 'Foreground' });
    const d = h.get<Obj>(R.deployments, 'default', 'nginx-deployment') as Obj;
    assert.ok(d.metadata.deletionTimestamp);
    assert.deepEqual(d.metadata.finalizers, ['foregroundDeletion']);
    // While pods are still terminating, the Deployment and ReplicaSet are still there.
    h.advance(300);
    assert.ok(h.get(R.deployments, 'default', 'nginx-deployment'));
    const rs = h.list<Obj>(R.replicasets, 'default')[0] as Obj;
    assert.deepEqual(rs.metadata.finalizers, ['foregroundDeletion']);
    h.run();
    assert.equal(h.get(R.deployments, 'default', 'nginx-deployment'), undefined);
    assert.equal(h.list(R.replicasets, 'default').length, 0);
    assert.equal(h.list(R.pods, 'default').length, 0);
    h.stop();
  });

  test('Orphan: the dependents stay, without their ownerReference', () => {
    const h = start();
    const [rsBefore] = h.list<Obj>(R.replicasets, 'default');
    h.kubectl.delete(R.deployments, 'default', 'nginx-deployment', { propagationPolicy: 'Orphan' });
    h.run();
    assert.equal(h.get(R.deployments, 'default', 'nginx-deployment'), undefined);
    const rss = h.list<Obj>(R.replicasets, 'default');
    assert.equal(rss.length, 1);
    assert.equal(rss[0]?.metadata.uid, rsBefore?.metadata.uid);
    assert.deepEqual(rss[0]?.metadata.ownerReferences ?? [], []);
    const pods = h.list<Obj>(R.pods, 'default');
    assert.equal(pods.length, 3);
    for (const p of pods) assert.equal(p.metadata.ownerReferences?.[0]?.uid, rsBefore?.metadata.uid);
    h.stop();
  });

  test('an object created with an owner that does not exist is collected', () => {
    const h = new Harness().start(['generic-garbage-collector']);
    h.kubectl.create(R.configmaps, 'default', {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'child', namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-4000-8000-000000000000' }] },
    });
    h.run();
    assert.equal(h.get(R.configmaps, 'default', 'child'), undefined);
    h.stop();
  });
});
