import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { explainTypeName, fieldAt, schemaFor, schemaKinds } from '../../../../../src/sim/api/schema';

describe('fieldAt (hover and explain lookups)', () => {
  test('spec.replicas of apps/v1 Deployment carries upstream description and types', () => {
    const f = fieldAt('apps/v1', 'Deployment', ['spec', 'replicas']);
    assert.ok(f);
    assert.match(f.description ?? '', /^Number of desired pods\./);
    assert.equal(f.type, 'int32');
    assert.equal(f.explainType, 'integer');
    assert.equal(f.goType, 'int32');
    assert.equal(f.parentGoType, 'DeploymentSpec');
    assert.equal(f.required, false);
  });

  test('required fields and struct-valued fields', () => {
    const sel = fieldAt('apps/v1', 'Deployment', ['spec', 'selector']);
    assert.equal(sel?.required, true);
    assert.equal(sel?.explainType, 'LabelSelector');
    assert.equal(sel?.definition, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector');
    assert.deepEqual(sel?.fields, ['matchExpressions', 'matchLabels']);
    assert.match(sel?.description ?? '', /^Label selector for pods\./);
  });

  test('array indexes may be skipped, given as numbers, or written containers[0]', () => {
    const paths = [
      ['spec', 'template', 'spec', 'containers', 'image'],
      ['spec', 'template', 'spec', 'containers', 0, 'image'],
      ['spec', 'template', 'spec', 'containers[0]', 'image'],
      ['spec', 'template', 'spec', 'containers', '2', 'image'],
    ];
    for (const p of paths) {
      const f = fieldAt('apps/v1', 'Deployment', p);
      assert.equal(f?.parentGoType, 'Container', JSON.stringify(p));
      assert.deepEqual(f?.path, ['spec', 'template', 'spec', 'containers', 'image']);
      assert.match(f?.description ?? '', /Container image name/);
    }
    const containers = fieldAt('v1', 'Pod', ['spec', 'containers']);
    assert.equal(containers?.explainType, '[]Container');
    assert.equal(containers?.goType, '[]v1.Container');
    assert.equal(containers?.required, true);
  });

  test('a key under a map lands on the value type with the map field docs', () => {
    const f = fieldAt('v1', 'Pod', ['metadata', 'labels', 'app']);
    assert.equal(f?.type, 'string');
    assert.match(f?.description ?? '', /^Map of string keys and values/);
    const limits = fieldAt('v1', 'Pod', ['spec', 'containers', 'resources', 'limits']);
    assert.equal(limits?.explainType, 'map[string]Quantity');
    assert.equal(limits?.goType, 'v1.ResourceList');
    assert.equal(fieldAt('v1', 'Pod', ['spec', 'containers', 'resources', 'limits', 'cpu'])?.type, 'Quantity');
  });

  test('special types: IntOrString, Time, Quantity, base64 data, free-form data', () => {
    assert.equal(fieldAt('v1', 'Service', ['spec', 'ports', 'targetPort'])?.type, 'IntOrString');
    assert.match(fieldAt('v1', 'Service', ['spec', 'ports', 'targetPort'])?.description ?? '', /^Number or name of the port/);
    assert.equal(fieldAt('v1', 'Pod', ['metadata', 'creationTimestamp'])?.explainType, 'string');
    assert.equal(fieldAt('v1', 'Pod', ['metadata', 'creationTimestamp'])?.goType, 'v1.Time');
    assert.equal(fieldAt('v1', 'Pod', ['spec', 'volumes', 'emptyDir', 'sizeLimit'])?.type, 'Quantity');
    assert.deepEqual(fieldAt('v1', 'Secret', ['data'])?.type, { map: 'byte' });
    assert.equal(fieldAt('apps/v1', 'ControllerRevision', ['data'])?.explainType, 'Object');
    assert.equal(explainTypeName({ array: { ref: 'io.k8s.api.core.v1.Container' } }), '[]Container');
  });

  test('descriptions keep upstream paragraph breaks', () => {
    const f = fieldAt('v1', 'Pod', ['metadata', 'creationTimestamp']);
    assert.match(f?.description ?? '', /in UTC\.\n\nPopulated by the system\./);
  });

  test('the empty path is the object; unknown paths and kinds are undefined', () => {
    const root = fieldAt('batch/v1', 'CronJob', []);
    assert.match(root?.description ?? '', /^CronJob represents/);
    assert.ok(root?.fields?.includes('spec'));
    assert.equal(fieldAt('apps/v1', 'Deployment', ['spec', 'replica']), undefined);
    assert.equal(fieldAt('apps/v1', 'Deployment', ['spec', 'replicas', 'x']), undefined);
    assert.equal(fieldAt('apps/v1', 'Widget', []), undefined);
    assert.equal(fieldAt('v1', 'Pod', ['spec', 'constructor']), undefined);
  });
});

describe('schemaFor', () => {
  test('every requested kind is present with its group, version and Go type name', () => {
    const want: [string, string][] = [
      ['v1', 'Namespace'], ['v1', 'Node'], ['v1', 'Pod'], ['v1', 'Binding'], ['v1', 'Service'], ['v1', 'Endpoints'],
      ['v1', 'ConfigMap'], ['v1', 'Secret'], ['v1', 'ServiceAccount'], ['v1', 'Event'], ['v1', 'PersistentVolumeClaim'],
      ['v1', 'PersistentVolume'], ['apps/v1', 'Deployment'], ['apps/v1', 'ReplicaSet'], ['apps/v1', 'StatefulSet'],
      ['apps/v1', 'DaemonSet'], ['apps/v1', 'ControllerRevision'], ['batch/v1', 'Job'], ['batch/v1', 'CronJob'],
      ['discovery.k8s.io/v1', 'EndpointSlice'], ['coordination.k8s.io/v1', 'Lease'], ['scheduling.k8s.io/v1', 'PriorityClass'],
      ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
      ['rbac.authorization.k8s.io/v1', 'RoleBinding'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
      ['autoscaling/v1', 'Scale'], ['v1', 'Status'],
    ];
    for (const [apiVersion, kind] of want) {
      const s = schemaFor(apiVersion, kind);
      assert.equal(s?.goType, kind, `${apiVersion} ${kind}`);
      assert.ok(s?.fields.metadata || kind === 'Status', `${kind} has metadata`);
    }
    assert.equal(schemaKinds().length, want.length);
    assert.equal(schemaFor('v1', 'Event')?.name, 'io.k8s.api.core.v1.Event');
    assert.equal(schemaFor('apps/v1', 'Deployment')?.group, 'apps');
  });
});
