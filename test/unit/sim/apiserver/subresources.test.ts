/** Subresources: pods/binding, <workload>/scale, status and pods/log. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import { apiHarness, deployment, failure, pod, statusOf, type Obj } from './harness';

const binding = (name: string, node: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Binding', metadata: { name, ...extra }, target: { apiVersion: 'v1', kind: 'Node', name: node },
});

describe('pods/binding', () => {
  test('binds the pod: spec.nodeName, PodScheduled=True, a 201 Success Status', () => {
    const { admin, clock } = apiHarness();
    admin.create(R.pods, 'default', pod('p'));
    const res = admin.createSubresource(R.pods, 'default', 'p', 'binding', binding('p', 'worker-1'));
    assert.deepEqual(res, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    const p = admin.get<Obj>(R.pods, 'default', 'p');
    assert.equal(p.spec.nodeName, 'worker-1');
    assert.deepEqual(p.status.conditions, [
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: new Date(clock.now()).toISOString().replace('.000Z', 'Z') },
    ]);
  });

  test('409 when the pod is already bound, in upstream\'s words', () => {
    const { admin } = apiHarness();
    admin.create(R.pods, 'default', pod('p', {}, 'worker-1'));
    assert.deepEqual(
      statusOf(() => admin.createSubresource(R.pods, 'default', 'p', 'binding', binding('p', 'worker-2'))),
      failure(409, 'Conflict', 'Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "worker-1"', { name: 'p', kind: 'pods/binding' }),
    );
  });

  test('409 for a pod being deleted, and for a stale uid', () => {
    const { admin } = apiHarness();
    admin.create(R.pods, 'default', { ...pod('p'), metadata: { name: 'p', finalizers: ['example.com/x'] } });
    const live = admin.get<Obj>(R.pods, 'default', 'p');
    assert.equal(
      statusOf(() => admin.createSubresource(R.pods, 'default', 'p', 'binding', binding('p', 'w', { uid: 'not-the-uid' }))).message,
      `Operation cannot be fulfilled on pods "p": Precondition failed: UID in precondition: not-the-uid, UID in object meta: ${live.metadata.uid}`,
    );
    admin.delete(R.pods, 'default', 'p');
    assert.equal(
      statusOf(() => admin.createSubresource(R.pods, 'default', 'p', 'binding', binding('p', 'w'))).message,
      'Operation cannot be fulfilled on pods/binding "p": pod p is being deleted, cannot be assigned to a host',
    );
  });

  test('a Binding without a target name, or naming another pod, is refused', () => {
    const { admin } = apiHarness();
    admin.create(R.pods, 'default', pod('p'));
    assert.deepEqual(
      statusOf(() => admin.createSubresource(R.pods, 'default', 'p', 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: {} })),
      { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'target.name: Required value', code: 500 },
    );
    assert.deepEqual(
      statusOf(() => admin.createSubresource(R.pods, 'default', 'p', 'binding', binding('q', 'w'))),
      failure(400, 'BadRequest', 'name in URL does not match name in Binding object'),
    );
  });
});

describe('scale', () => {
  test('GET, PUT and PATCH of deployments/scale', () => {
    const { admin } = apiHarness();
    const d = admin.create<Obj>(R.deployments, 'default', deployment('web', 2));
    const sc = admin.api.handle({ verb: 'get', ...R.deployments, namespace: 'default', name: 'web', subresource: 'scale', user: admin.identity.user, from: 'test' }).body as Obj;
    assert.deepEqual(sc, {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', namespace: 'default', uid: d.metadata.uid, resourceVersion: d.metadata.resourceVersion, creationTimestamp: d.metadata.creationTimestamp },
      spec: { replicas: 2 },
      status: { replicas: 0, selector: 'app=web' },
    });
    const put = admin.api.handle({ verb: 'update', ...R.deployments, namespace: 'default', name: 'web', subresource: 'scale', body: { ...sc, spec: { replicas: 5 } }, user: admin.identity.user, from: 'test' });
    assert.equal(put.code, 200);
    assert.equal((put.body as Obj).spec.replicas, 5);
    const patched = admin.patch<Obj>(R.deployments, 'default', 'web', { spec: { replicas: 1 } }, 'merge', 'scale');
    assert.equal(patched.kind, 'Scale');
    assert.equal(patched.spec.replicas, 1);
    const live = admin.get<Obj>(R.deployments, 'default', 'web');
    assert.equal(live.spec.replicas, 1);
    assert.equal(live.metadata.generation, 3);
    const stale = admin.api.handle({ verb: 'update', ...R.deployments, namespace: 'default', name: 'web', subresource: 'scale', body: { ...sc, spec: { replicas: 9 } }, user: admin.identity.user, from: 'test' });
    assert.equal(stale.code, 409);
    assert.equal((stale.body as Obj).message, 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again');
  });

  test('a negative replica count is invalid on the Scale', () => {
    const { admin } = apiHarness();
    admin.create(R.deployments, 'default', deployment('web'));
    assert.deepEqual(
      statusOf(() => admin.patch(R.deployments, 'default', 'web', { spec: { replicas: -1 } }, 'merge', 'scale')),
      failure(422, 'Invalid', 'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0', {
        name: 'web',
        group: 'autoscaling',
        kind: 'Scale',
        causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }],
      }),
    );
  });
});

describe('pods/log', () => {
  test('asks for a container when there are several, and names a wrong one', () => {
    const { admin, api } = apiHarness();
    admin.create(R.pods, 'default', { ...pod('p'), spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx' }] } });
    const get = (container?: string) =>
      api.handle({ verb: 'get', ...R.pods, namespace: 'default', name: 'p', subresource: 'log', query: container ? { container } : {}, user: admin.identity.user, from: 'test' });
    assert.deepEqual(get().body, failure(400, 'BadRequest', 'a container name must be specified for pod p, choose one of: [a b]'));
    assert.deepEqual(get('c').body, failure(400, 'BadRequest', 'container c is not valid for pod p'));
    assert.equal(get('a').code, 200);
  });
});
