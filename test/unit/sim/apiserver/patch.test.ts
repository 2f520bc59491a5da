/** PATCH: JSON patch (RFC 6902), merge patch (RFC 7396) and strategic merge patch. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import { apiHarness, deployment, failure, statusOf, type Obj } from './harness';

function withTwoContainers() {
  const h = apiHarness();
  const d = deployment('web');
  d.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox:1.36', args: ['sleep', '1d'], env: [{ name: 'A', value: '1' }] });
  h.admin.create(R.deployments, 'default', d);
  const patch = (body: unknown, type: 'json' | 'merge' | 'strategic' = 'strategic') => h.admin.patch<Obj>(R.deployments, 'default', 'web', body, type);
  return { ...h, patch };
}

describe('JSON patch', () => {
  test('add, replace, remove, copy, move and a passing test', () => {
    const { patch } = withTwoContainers();
    const out = patch(
      [
        { op: 'test', path: '/spec/replicas', value: 2 },
        { op: 'replace', path: '/spec/replicas', value: 4 },
        { op: 'add', path: '/metadata/labels/tier', value: 'front' },
        { op: 'add', path: '/spec/template/spec/containers/1/args/-', value: '--verbose' },
        { op: 'copy', from: '/metadata/labels/tier', path: '/metadata/labels/copy' },
        { op: 'move', from: '/metadata/labels/copy', path: '/metadata/labels/moved' },
        { op: 'remove', path: '/spec/template/spec/containers/1/env' },
      ],
      'json',
    );
    assert.equal(out.spec.replicas, 4);
    assert.deepEqual(out.metadata.labels, { app: 'web', tier: 'front', moved: 'front' });
    assert.deepEqual(out.spec.template.spec.containers[1].args, ['sleep', '1d', '--verbose']);
    assert.equal(out.spec.template.spec.containers[1].env, undefined);
  });

  test('a failing test, a missing path or an unknown op is a 422 whose text says nothing more; a non-list body is a 400', () => {
    const { patch, admin } = withTwoContainers();
    const rejected = failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
    assert.deepEqual(statusOf(() => patch([{ op: 'test', path: '/spec/replicas', value: 3 }], 'json')), rejected);
    assert.deepEqual(statusOf(() => patch([{ op: 'remove', path: '/spec/nothing' }], 'json')), rejected);
    assert.deepEqual(statusOf(() => patch([{ op: 'replace', path: '/spec/nothing', value: 1 }], 'json')), rejected);
    assert.deepEqual(statusOf(() => patch([{ op: 'frobnicate', path: '/spec' }], 'json')), rejected);
    assert.deepEqual(
      statusOf(() => patch({ op: 'add', path: '/x', value: 1 }, 'json')),
      failure(400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'),
    );
    assert.equal(admin.get<Obj>(R.deployments, 'default', 'web').spec.replicas, 2, 'a failed patch changes nothing');
  });

  test('patching a missing object is a 404', () => {
    const { admin } = apiHarness();
    assert.deepEqual(
      statusOf(() => admin.patch(R.deployments, 'default', 'nope', { spec: { replicas: 1 } }, 'merge')),
      failure(404, 'NotFound', 'deployments.apps "nope" not found', { name: 'nope', group: 'apps', kind: 'deployments' }),
    );
  });
});

describe('merge patch', () => {
  test('maps merge, null deletes, lists are replaced whole', () => {
    const { patch } = withTwoContainers();
    const out = patch({ metadata: { labels: { app: null, tier: 'x' } }, spec: { template: { spec: { containers: [{ name: 'only', image: 'nginx' }] } } } }, 'merge');
    assert.deepEqual(out.metadata.labels, { tier: 'x' });
    assert.deepEqual(out.spec.template.spec.containers.map((c: Obj) => c.name), ['only']);
  });
});

describe('strategic merge patch', () => {
  test('containers merge by name: one field of one container changes, the other stays', () => {
    const { patch } = withTwoContainers();
    const out = patch({ spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox:1.37' }] } } } });
    const [main, side] = out.spec.template.spec.containers as Obj[];
    assert.equal(main?.image, 'nginx:1.27');
    assert.equal(side?.image, 'busybox:1.37');
    assert.deepEqual(side?.args, ['sleep', '1d']);
    assert.equal(out.metadata.generation, 2);
  });

  test('a new container is appended; env merges by name; ports by containerPort', () => {
    const { patch } = withTwoContainers();
    const out = patch({
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'sidecar', env: [{ name: 'B', value: '2' }] },
              { name: 'nginx', ports: [{ containerPort: 443 }] },
              { name: 'third', image: 'redis:7' },
            ],
          },
        },
      },
    });
    const cs = out.spec.template.spec.containers as Obj[];
    assert.deepEqual(cs.map((c) => c.name), ['nginx', 'sidecar', 'third']);
    assert.deepEqual(cs[1]?.env, [{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    assert.deepEqual(cs[0]?.ports, [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443, protocol: 'TCP' }]);
  });

  test('$patch: delete removes a list item by its key; $patch: replace replaces a list', () => {
    const { patch } = withTwoContainers();
    let out = patch({ spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } });
    assert.deepEqual(out.spec.template.spec.containers.map((c: Obj) => c.name), ['nginx']);
    out = patch({ metadata: { labels: { $patch: 'replace', only: 'this' } } });
    assert.deepEqual(out.metadata.labels, { only: 'this' });
  });

  test('lists of scalars without a merge key are replaced; finalizers merge as a set', () => {
    const { patch } = withTwoContainers();
    let out = patch({ spec: { template: { spec: { containers: [{ name: 'sidecar', args: ['sleep', '2d'] }] } } } });
    assert.deepEqual(out.spec.template.spec.containers[1].args, ['sleep', '2d']);
    out = patch({ metadata: { finalizers: ['a.example.com/x'] } });
    out = patch({ metadata: { finalizers: ['b.example.com/y'] } });
    assert.deepEqual(out.metadata.finalizers, ['a.example.com/x', 'b.example.com/y']);
    out = patch({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example.com/x'] } });
    assert.deepEqual(out.metadata.finalizers, ['b.example.com/y']);
  });
});
