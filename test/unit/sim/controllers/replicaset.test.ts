import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { Harness, replicaSet } from './harness';

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

describe('replicaset-controller', () => {
  test('creates the missing pods from the template, owned by the ReplicaSet', () => {
    const h = new Harness().start(['replicaset-controller']);
    h.defaultServiceAccount();
    h.kubectl.create(R.replicasets, 'default', replicaSet('web', 3));
    h.run();
    const pods = h.list<Obj>(R.pods, 'default');
    assert.equal(pods.length, 3);
    const rs = h.get<Obj>(R.replicasets, 'default', 'web') as Obj;
    for (const p of pods) {
      assert.match(p.metadata.name ?? '', /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      assert.equal(p.metadata.generateName, 'web-');
      assert.deepEqual(p.metadata.labels, { app: 'web' });
      assert.deepEqual(p.metadata.ownerReferences, [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    const created = h.events().filter((e) => e.reason === 'SuccessfulCreate');
    assert.equal(created.length, 3);
    for (const e of created) {
      assert.equal(e.source, 'replicaset-controller');
      assert.equal(e.kind, 'ReplicaSet');
      assert.match(e.message, /^Created pod: web-[a-z0-9]{5}$/);
    }
    assert.deepEqual(rs.status, { replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    h.stop();
  });

  test('creates in slow-start batches and never twice before the informer catches up', () => {
    const h = new Harness().start(['replicaset-controller']);
    h.defaultServiceAccount();
    h.kubectl.create(R.replicasets, 'default', replicaSet('web', 7));
    h.run();
    assert.equal(h.list(R.pods, 'default').length, 7);
    const posts = h.tracer.events().filter((e) => e.channel === 'http-request' && e.from === 'replicaset-controller' && e.verb === 'POST' && e.path === '/api/v1/namespaces/default/pods');
    assert.equal(posts.length, 7);
    const reconciles = h.tracer.events().filter((e) => e.channel === 'reconcile' && e.from === 'replicaset-controller');
    assert.ok(reconciles.some((e) => e.summary.includes('creating 7 (slow-start batches 1, 2, 4)')), reconciles.map((e) => e.summary).join('\n'));
    h.stop();
  });

  test('reports status readyReplicas and availableReplicas', () => {
    const h = new Harness().start(['replicaset-controller']);
    h.defaultServiceAccount();
    h.kubectl.create(R.replicasets, 'default', replicaSet('web', 2));
    h.run();
    h.readyAll();
    h.run();
    const rs = h.get<Obj>(R.replicasets, 'default', 'web') as Obj;
    assert.deepEqual(rs.status, { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    h.stop();
  });

  test('scales down deleting unready and unscheduled pods first', () => {
    const h = new Harness().start(['replicaset-controller']);
    h.defaultServiceAccount();
    h.kubectl.create(R.replicasets, 'default', replicaSet('web', 4));
    h.run();
    const pods = h.list<Obj>(R.pods, 'default');
    // Two become ready; the other two stay Pending and unscheduled.
    h.makeReady(pods[0] as Obj);
    h.makeReady(pods[2] as Obj);
    h.run();
    const rs = h.get<Obj>(R.replicasets, 'default', 'web') as Obj;
    h.kubectl.update(R.replicasets, { ...rs, spec: { ...rs.spec, replicas: 2 } });
    h.run();
    h.finishDeletions();
    h.run();
    const left = h.list<Obj>(R.pods, 'default').map((p) => p.metadata.name).sort();
    assert.deepEqual(left, [pods[0]?.metadata.name, pods[2]?.metadata.name].sort());
    const deleted = h.events().filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message).sort();
    assert.deepEqual(deleted, [`Deleted pod: ${pods[1]?.metadata.name}`, `Deleted pod: ${pods[3]?.metadata.name}`].sort());
    h.stop();
  });

  test('adopts a matching orphan and releases a pod whose labels stop matching', () => {
    const h = new Harness().start(['replicaset-controller']);
    h.defaultServiceAccount();
    h.kubectl.create(R.pods, 'default', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.14.2' }] },
    });
    h.kubectl.create(R.replicasets, 'default', replicaSet('web', 2));
    h.run();
    const rs = h.get<Obj>(R.replicasets, 'default', 'web') as Obj;
    const orphan = h.get<Obj>(R.pods, 'default', 'orphan') as Obj;
    assert.equal(orphan.metadata.ownerReferences?.[0]?.uid, rs.metadata.uid);
    assert.equal(h.list(R.pods, 'default').length, 2);
    h.kubectl.patch(R.pods, 'default', 'orphan', { metadata: { labels: { app: 'other' } } }, 'merge');
    h.run();
    const released = h.get<Obj>(R.pods, 'default', 'orphan') as Obj;
    assert.deepEqual(released.metadata.ownerReferences ?? [], []);
    assert.equal(h.list(R.pods, 'default').length, 3);
    h.stop();
  });

  test('records FailedCreate with the API error when pods are refused', () => {
    const h = new Harness().start(['replicaset-controller']);
    h.kubectl.create(R.replicasets, 'default', replicaSet('web', 1));
    h.run(5_000);
    const failed = h.events().filter((e) => e.reason === 'FailedCreate');
    assert.ok(failed.length >= 1);
    assert.equal(
      failed[0]?.message,
      'Error creating: pods "web-" is forbidden: error looking up service account default/default: serviceaccount "default" not found',
    );
    const rs = h.get<Obj>(R.replicasets, 'default', 'web') as Obj;
    const cond = (rs.status?.conditions as { type: string; reason: string }[] | undefined)?.[0];
    assert.equal(cond?.type, 'ReplicaFailure');
    assert.equal(cond?.reason, 'FailedCreate');
    h.stop();
  });
});
