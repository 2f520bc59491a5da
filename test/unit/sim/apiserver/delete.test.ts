/**
 * DELETE as store.Delete does it: graceful pods, finalizers, propagationPolicy's
 * orphan/foregroundDeletion, what the response is; DELETE of a collection; namespaces.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import { rfc3339 } from '../../../../src/sim/core';
import { apiHarness, collect, configMap, deployment, failure, pod, statusOf, type Obj } from './harness';

describe('graceful pod deletion', () => {
  test('a bound pod gets deletionTimestamp = now + terminationGracePeriodSeconds and stays', () => {
    const { admin, clock } = apiHarness();
    admin.create(R.pods, 'default', pod('p', {}, 'worker-1'));
    const out = admin.delete(R.pods, 'default', 'p') as Obj;
    assert.equal(out.kind, 'Pod', 'pods answer a DELETE with the pod');
    assert.equal(out.metadata.deletionTimestamp, rfc3339(clock.now() + 30_000));
    assert.equal(out.metadata.deletionGracePeriodSeconds, 30);
    assert.ok(admin.tryGet(R.pods, 'default', 'p'));
  });

  test('a later DELETE may only shorten the grace period; 0 removes the pod after writing it once more', () => {
    const { admin, clock, loop } = apiHarness();
    admin.create(R.pods, 'default', pod('p', {}, 'worker-1'));
    const start = clock.now();
    admin.delete(R.pods, 'default', 'p', { gracePeriodSeconds: 20 });
    const longer = admin.delete(R.pods, 'default', 'p', { gracePeriodSeconds: 60 }) as Obj;
    assert.equal(longer.metadata.deletionGracePeriodSeconds, 20);
    const shorter = admin.delete(R.pods, 'default', 'p', { gracePeriodSeconds: 5 }) as Obj;
    assert.equal(shorter.metadata.deletionGracePeriodSeconds, 5);
    assert.equal(shorter.metadata.deletionTimestamp, rfc3339(start + 5_000));
    const w = collect(admin, R.pods, 'default', { resourceVersion: shorter.metadata.resourceVersion });
    const gone = admin.delete(R.pods, 'default', 'p', { gracePeriodSeconds: 0 }) as Obj;
    assert.equal(gone.metadata.deletionGracePeriodSeconds, 0);
    assert.equal(admin.tryGet(R.pods, 'default', 'p'), undefined);
    loop.runUntilQuiet();
    assert.deepEqual(w.summary(), ['MODIFIED p', 'DELETED p']);
  });

  test('an unbound pod, or a finished one, is deleted at once', () => {
    const { admin } = apiHarness();
    admin.create(R.pods, 'default', pod('unbound'));
    const out = admin.delete(R.pods, 'default', 'unbound') as Obj;
    assert.equal(out.metadata.deletionGracePeriodSeconds, 0);
    assert.equal(admin.tryGet(R.pods, 'default', 'unbound'), undefined);
    admin.create(R.pods, 'default', pod('done', {}, 'worker-1'));
    admin.patch(R.pods, 'default', 'done', { status: { phase: 'Succeeded' } }, 'merge', 'status');
    admin.delete(R.pods, 'default', 'done');
    assert.equal(admin.tryGet(R.pods, 'default', 'done'), undefined);
  });
});

describe('finalizers and propagationPolicy', () => {
  test('an object with a finalizer is only marked; dropping the last finalizer removes it', () => {
    const { admin } = apiHarness();
    admin.create(R.deployments, 'default', { ...deployment('web'), metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['example.com/hold'] } });
    const marked = admin.delete(R.deployments, 'default', 'web') as Obj;
    assert.equal(marked.kind, 'Deployment', 'a DELETE that did not delete answers with the object');
    assert.equal(marked.metadata.deletionGracePeriodSeconds, 0);
    assert.equal(marked.metadata.generation, 2, 'markAsDeleting bumps generation once');
    const again = admin.delete(R.deployments, 'default', 'web') as Obj;
    assert.equal(again.metadata.resourceVersion, marked.metadata.resourceVersion, 'nothing changes on a second DELETE');
    assert.equal(admin.patch<Obj>(R.deployments, 'default', 'web', { spec: { replicas: 3 } }, 'merge').spec.replicas, 3, 'a terminating object may still change');
    const res = admin.patch<Obj>(R.deployments, 'default', 'web', { metadata: { finalizers: null } }, 'merge');
    assert.equal(res.metadata.finalizers?.[0], 'example.com/hold', 'the answer is the object as last stored');
    assert.equal(admin.tryGet(R.deployments, 'default', 'web'), undefined);
  });

  test('Foreground adds foregroundDeletion, Orphan adds orphan; Background removes them', () => {
    const { admin } = apiHarness();
    admin.create(R.deployments, 'default', deployment('fg'));
    const fg = admin.delete(R.deployments, 'default', 'fg', { propagationPolicy: 'Foreground' }) as Obj;
    assert.deepEqual(fg.metadata.finalizers, ['foregroundDeletion']);
    assert.ok(fg.metadata.deletionTimestamp);
    const orphan = admin.delete(R.deployments, 'default', 'fg', { propagationPolicy: 'Orphan' }) as Obj;
    assert.deepEqual(orphan.metadata.finalizers, ['orphan']);
    const bg = admin.delete(R.deployments, 'default', 'fg', { propagationPolicy: 'Background' });
    assert.equal(bg.kind, 'Status');
    assert.equal(admin.tryGet(R.deployments, 'default', 'fg'), undefined);
  });

  test('a finished delete answers Status Success with the uid; pods, services and namespaces answer the object', () => {
    const { admin } = apiHarness();
    const d = admin.create<Obj>(R.deployments, 'default', deployment('web'));
    assert.deepEqual(admin.delete(R.deployments, 'default', 'web'), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'web', group: 'apps', kind: 'deployments', uid: d.metadata.uid },
    });
    const cm = admin.create<Obj>(R.configmaps, 'default', configMap('c'));
    assert.deepEqual(admin.delete(R.configmaps, 'default', 'c'), {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'c', kind: 'configmaps', uid: cm.metadata.uid },
    });
    admin.create(R.services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } });
    assert.equal(admin.delete(R.services, 'default', 's').kind, 'Service');
  });

  test('deletecollection deletes what the selector picks and answers the list as it was', () => {
    const { admin, api } = apiHarness();
    admin.create(R.configmaps, 'default', configMap('a', { x: '1' }));
    admin.create(R.configmaps, 'default', configMap('b', { x: '1' }));
    admin.create(R.configmaps, 'default', configMap('c'));
    const res = api.handle({ verb: 'deletecollection', ...R.configmaps, namespace: 'default', query: { labelSelector: 'x=1' }, user: admin.identity.user, from: 'test' });
    assert.equal(res.code, 200);
    assert.equal((res.body as Obj).kind, 'ConfigMapList');
    assert.deepEqual((res.body as { items: Obj[] }).items.map((o) => o.metadata.name), ['a', 'b']);
    assert.deepEqual(admin.list(R.configmaps, 'default').items.map((o) => o.metadata.name), ['c']);
  });
});

describe('namespaces', () => {
  test('creating in a missing namespace: 404 namespaces "foo" not found', () => {
    const { admin } = apiHarness();
    assert.deepEqual(
      statusOf(() => admin.create(R.configmaps, 'foo', configMap('c'))),
      failure(404, 'NotFound', 'namespaces "foo" not found', { name: 'foo', kind: 'namespaces' }),
    );
  });

  test('DELETE marks a namespace Terminating; creating in it is forbidden with a NamespaceTerminating cause', () => {
    const { admin } = apiHarness();
    admin.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
    const ns = admin.delete(R.namespaces, undefined, 'demo') as Obj;
    assert.equal(ns.kind, 'Namespace');
    assert.equal(ns.status.phase, 'Terminating');
    assert.ok(ns.metadata.deletionTimestamp);
    assert.equal(ns.metadata.deletionGracePeriodSeconds, undefined);
    assert.deepEqual(ns.spec.finalizers, ['kubernetes']);
    const again = admin.delete(R.namespaces, undefined, 'demo') as Obj;
    assert.equal(again.metadata.resourceVersion, ns.metadata.resourceVersion);
    assert.deepEqual(
      statusOf(() => admin.create(R.configmaps, 'demo', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'cfg-' } })),
      failure(403, 'Forbidden', 'configmaps "cfg-" is forbidden: unable to create new content in namespace demo because it is being terminated', {
        name: 'cfg-',
        kind: 'configmaps',
        causes: [{ reason: 'NamespaceTerminating', message: 'namespace demo is being terminated', field: 'metadata.namespace' }],
      }),
    );
  });

  test('a plain update cannot drop spec.finalizers; namespaces/finalize can, and that removes the namespace', () => {
    const { admin, api } = apiHarness();
    admin.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
    const ns = admin.delete(R.namespaces, undefined, 'demo') as Obj;
    const upd = admin.update<Obj>(R.namespaces, { ...ns, spec: { finalizers: [] } });
    assert.deepEqual(upd.spec.finalizers, ['kubernetes']);
    const res = api.handle({ verb: 'update', ...R.namespaces, name: 'demo', subresource: 'finalize', body: { ...upd, spec: { finalizers: [] } }, user: admin.identity.user, from: 'test' });
    assert.equal(res.code, 200);
    assert.equal(admin.tryGet(R.namespaces, undefined, 'demo'), undefined);
  });

  test('default, kube-system and kube-public may not be deleted', () => {
    const { admin } = apiHarness();
    for (const name of ['default', 'kube-system', 'kube-public']) {
      assert.deepEqual(
        statusOf(() => admin.delete(R.namespaces, undefined, name)),
        failure(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' }),
      );
    }
  });
});
