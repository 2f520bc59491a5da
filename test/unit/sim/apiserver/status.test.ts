/**
 * Every Status shape the API server answers with, compared field by field with what
 * kube-apiserver 1.33 sends (apimachinery's errors package, the generic registry, the
 * decoders and go-restful's 405).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import { apiHarness, configMap, deployment, failure, statusOf, type Obj } from './harness';

describe('Status bodies', () => {
  test('404 NotFound names the qualified resource', () => {
    const { admin } = apiHarness();
    assert.deepEqual(
      statusOf(() => admin.get(R.deployments, 'default', 'web')),
      failure(404, 'NotFound', 'deployments.apps "web" not found', { name: 'web', group: 'apps', kind: 'deployments' }),
    );
    assert.deepEqual(
      statusOf(() => admin.get(R.pods, 'default', 'p')),
      failure(404, 'NotFound', 'pods "p" not found', { name: 'p', kind: 'pods' }),
    );
  });

  test('404 for a resource the server does not serve', () => {
    const { api } = apiHarness();
    const res = api.handle({ verb: 'list', group: 'example.com', version: 'v1', resource: 'widgets', user: { username: 'a', groups: ['system:masters'] }, from: 'test' });
    assert.equal(res.code, 404);
    assert.deepEqual(res.body, failure(404, 'NotFound', 'the server could not find the requested resource', {}));
  });

  test('409 AlreadyExists', () => {
    const { admin } = apiHarness();
    admin.create(R.deployments, 'default', deployment('web'));
    assert.deepEqual(
      statusOf(() => admin.create(R.deployments, 'default', deployment('web'))),
      failure(409, 'AlreadyExists', 'deployments.apps "web" already exists', { name: 'web', group: 'apps', kind: 'deployments' }),
    );
  });

  test('409 Conflict on a stale resourceVersion, for update and for patch', () => {
    const { admin } = apiHarness();
    const first = admin.create<Obj>(R.deployments, 'default', deployment('web'));
    admin.update(R.deployments, { ...first, spec: { ...first.spec, replicas: 3 } });
    const expected = failure(
      409,
      'Conflict',
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
      { name: 'web', group: 'apps', kind: 'deployments' },
    );
    assert.deepEqual(statusOf(() => admin.update(R.deployments, { ...first, spec: { ...first.spec, replicas: 4 } })), expected);
    assert.deepEqual(
      statusOf(() => admin.patch(R.deployments, 'default', 'web', { metadata: { resourceVersion: first.metadata.resourceVersion }, spec: { replicas: 5 } }, 'merge')),
      expected,
    );
  });

  test('422 Invalid: details.causes with reason, message and field, and the joined message', () => {
    const { admin } = apiHarness();
    const bad = deployment('Foo', -1);
    const s = statusOf(() => admin.create(R.deployments, 'default', bad));
    assert.equal(s.code, 422);
    assert.equal(s.reason, 'Invalid');
    assert.equal(s.status, 'Failure');
    const nameMsg =
      "Invalid value: \"Foo\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    assert.deepEqual(s.details, {
      name: 'Foo',
      group: 'apps',
      kind: 'Deployment',
      causes: [
        { reason: 'FieldValueInvalid', message: nameMsg, field: 'metadata.name' },
        { reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' },
      ],
    });
    assert.equal(
      s.message,
      `Deployment.apps "Foo" is invalid: [metadata.name: ${nameMsg}, spec.replicas: Invalid value: -1: must be greater than or equal to 0]`,
    );
  });

  test('400 BadRequest for strict decoding and for type errors; Warn mode answers with warnings', () => {
    const { admin, api } = apiHarness();
    const d = deployment('web');
    const withFoo = { ...d, spec: { ...d.spec, foo: 1 } };
    assert.deepEqual(
      statusOf(() => admin.create(R.deployments, 'default', withFoo, { fieldValidation: 'Strict' })),
      failure(400, 'BadRequest', 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"'),
    );
    assert.deepEqual(
      statusOf(() => admin.create(R.deployments, 'default', { ...d, spec: { ...d.spec, replicas: 'two' } })),
      failure(
        400,
        'BadRequest',
        'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      ),
    );
    const res = api.handle({
      verb: 'create', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', body: withFoo,
      query: { fieldValidation: 'Warn' }, user: { username: 'a', groups: ['system:masters'] }, from: 'test',
    });
    assert.equal(res.code, 201);
    assert.deepEqual(res.warnings, ['unknown field "spec.foo"']);
    assert.equal((res.body as Obj).spec.foo, undefined);
  });

  test('403 Forbidden from RBAC, at namespace and cluster scope', () => {
    const { as } = apiHarness();
    const bob = as('bob');
    assert.deepEqual(
      statusOf(() => bob.list(R.configmaps, 'default')),
      failure(403, 'Forbidden', 'configmaps is forbidden: User "bob" cannot list resource "configmaps" in API group "" in the namespace "default"', { kind: 'configmaps' }),
    );
    assert.deepEqual(
      statusOf(() => bob.get(R.deployments, 'default', 'web')),
      failure(403, 'Forbidden', 'deployments.apps "web" is forbidden: User "bob" cannot get resource "deployments" in API group "apps" in the namespace "default"', {
        name: 'web', group: 'apps', kind: 'deployments',
      }),
    );
    assert.deepEqual(
      statusOf(() => bob.list(R.nodes)),
      failure(403, 'Forbidden', 'nodes is forbidden: User "bob" cannot list resource "nodes" in API group "" at the cluster scope', { kind: 'nodes' }),
    );
    assert.deepEqual(
      statusOf(() => bob.patch(R.deployments, 'default', 'web', { spec: { replicas: 1 } }, 'merge', 'scale')),
      failure(403, 'Forbidden', 'deployments.apps "web" is forbidden: User "bob" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"', {
        name: 'web', group: 'apps', kind: 'deployments',
      }),
    );
  });

  test('405 for a verb the resource does not serve', () => {
    const { api, admin } = apiHarness();
    const res = api.handle({ verb: 'deletecollection', group: '', version: 'v1', resource: 'namespaces', user: { username: 'a', groups: ['system:masters'] }, from: 'test' });
    assert.equal(res.code, 405);
    assert.deepEqual(res.body, failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {}));
    admin.create(R.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const getBinding = api.handle({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace: 'default', name: 'p', subresource: 'binding', user: { username: 'a', groups: ['system:masters'] }, from: 'test' });
    assert.equal(getBinding.code, 405);
  });

  test('504 for a resourceVersion the store has not reached', () => {
    const { admin } = apiHarness();
    const s = statusOf(() => admin.list(R.configmaps, 'default', { resourceVersion: '100000', resourceVersionMatch: 'Exact' }));
    assert.equal(s.code, 504);
    assert.equal(s.reason, 'Timeout');
    assert.match(s.message ?? '', /^Timeout: Too large resource version: 100000, current: \d+$/);
    assert.deepEqual(s.details, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 });
  });

  test('422 on ListOptions that do not go together', () => {
    const { admin } = apiHarness();
    admin.create(R.configmaps, 'default', configMap('a'));
    const s = statusOf(() => admin.list(R.configmaps, 'default', { resourceVersionMatch: 'Exact' }));
    assert.deepEqual(
      s,
      failure(422, 'Invalid', 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided', {
        group: 'meta.k8s.io',
        kind: 'ListOptions',
        causes: [{ reason: 'FieldValueForbidden', message: 'Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided', field: 'resourceVersionMatch' }],
      }),
    );
    const w = statusOf(() => admin.watch(R.configmaps, 'default', { sendInitialEvents: true }, () => undefined));
    assert.equal(w.message, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan');
  });

  test('PatchOptions: apply needs a fieldManager; only apply may force', () => {
    const { admin } = apiHarness();
    admin.create(R.deployments, 'default', deployment('web'));
    assert.deepEqual(
      statusOf(() => admin.patch(R.deployments, 'default', 'web', deployment('web'), 'apply')),
      failure(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', {
        group: 'meta.k8s.io',
        kind: 'PatchOptions',
        causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }],
      }),
    );
    assert.equal(
      statusOf(() => admin.patch(R.deployments, 'default', 'web', { spec: { replicas: 1 } }, 'merge', undefined, { force: true })).message,
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
  });
});
