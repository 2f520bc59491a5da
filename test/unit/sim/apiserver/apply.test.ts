/** Server-side apply: PATCH with application/apply-patch+yaml, field managers and conflicts. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R, type Client } from '../../../../src/sim/client';
import { rfc3339 } from '../../../../src/sim/core';
import { apiHarness, deployment, failure, statusOf, type Obj } from './harness';

function apply(client: Client, obj: Obj, manager = 'kubectl', force?: boolean): Obj {
  return client.patch<Obj>(R.deployments, 'default', obj.metadata.name ?? '', obj, 'apply', undefined, { fieldManager: manager, ...(force ? { force } : {}) });
}

const CONTAINER_FIELDS = { '.': {}, 'f:image': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } };

describe('server-side apply', () => {
  test('creates a missing object (201) with an Apply entry owning exactly the applied fields', () => {
    const { admin, api, clock } = apiHarness();
    const res = api.handle({
      verb: 'patch', ...R.deployments, namespace: 'default', name: 'web', body: deployment('web'),
      query: { patchType: 'apply', fieldManager: 'kubectl' }, user: admin.identity.user, from: 'kubectl',
    });
    assert.equal(res.code, 201);
    const d = res.body as Obj;
    assert.equal(d.spec.revisionHistoryLimit, 10, 'defaults fill what the configuration leaves out');
    assert.deepEqual(d.metadata.managedFields, [
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: rfc3339(clock.now()),
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': CONTAINER_FIELDS } },
            },
          },
        },
      },
    ]);
  });

  test('re-applying the same manifest is a no-op: same resourceVersion, nothing written', () => {
    const { admin, api, clock } = apiHarness();
    const first = apply(admin, deployment('web'));
    clock.advanceTo(clock.now() + 60_000);
    const rev = api.ctx.store.revision;
    const again = apply(admin, deployment('web'));
    assert.equal(again.metadata.resourceVersion, first.metadata.resourceVersion);
    assert.equal(api.ctx.store.revision, rev);
    assert.deepEqual(again.metadata.managedFields, first.metadata.managedFields, 'the entry keeps its time');
  });

  test('changed fields win; fields dropped from the configuration are removed', () => {
    const { admin, clock } = apiHarness();
    const withExtra = deployment('web');
    withExtra.metadata.labels = { app: 'web', tier: 'front' };
    withExtra.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox:1.36' });
    apply(admin, withExtra);
    clock.advanceTo(clock.now() + 5_000);
    const next = deployment('web', 3, 'nginx:1.28');
    const out = apply(admin, next);
    assert.equal(out.spec.replicas, 3);
    assert.equal(out.spec.template.spec.containers[0].image, 'nginx:1.28');
    assert.deepEqual(out.metadata.labels, { app: 'web' });
    assert.deepEqual(out.spec.template.spec.containers.map((c: Obj) => c.name), ['nginx']);
    assert.equal(out.metadata.generation, 2);
    assert.equal(out.metadata.managedFields?.[0]?.time, rfc3339(clock.now()));
  });

  test('a field another manager owns with a different value is a 409 conflict in upstream\'s words', () => {
    const { admin } = apiHarness();
    admin.create(R.deployments, 'default', deployment('web', 2), { fieldManager: 'kubectl-client-side-apply' });
    const s = statusOf(() => apply(admin, deployment('web', 5), 'kubectl'));
    assert.deepEqual(
      s,
      failure(409, 'Conflict', 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas', {
        causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }],
      }),
    );
    const multi = statusOf(() => apply(admin, deployment('web', 5, 'nginx:2'), 'kubectl'));
    assert.equal(
      multi.message,
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
    assert.equal(admin.get<Obj>(R.deployments, 'default', 'web').spec.replicas, 2, 'a conflict changes nothing');
  });

  test('the same value is shared without conflict; force takes the field over', () => {
    const { admin } = apiHarness();
    admin.create(R.deployments, 'default', deployment('web', 2), { fieldManager: 'kubectl-client-side-apply' });
    const shared = apply(admin, deployment('web', 2), 'kubectl');
    const owners = (o: Obj) => (o.metadata.managedFields as Obj[]).filter((e) => 'f:replicas' in (e.fieldsV1['f:spec'] ?? {})).map((e) => e.manager);
    assert.deepEqual(owners(shared), ['kubectl', 'kubectl-client-side-apply']);
    const forced = apply(admin, deployment('web', 5), 'kubectl', true);
    assert.equal(forced.spec.replicas, 5);
    assert.deepEqual(owners(forced), ['kubectl']);
  });

  test('an applier loses a field an update changed, and conflicts when it applies its old value', () => {
    const { admin } = apiHarness();
    apply(admin, deployment('web', 2), 'kubectl');
    admin.patch(R.deployments, 'default', 'web', { spec: { replicas: 4 } }, 'merge', 'scale', { fieldManager: 'hpa' });
    const s = statusOf(() => apply(admin, deployment('web', 2), 'kubectl'));
    assert.equal(s.message, 'Apply failed with 1 conflict: conflict with "hpa" using apps/v1: .spec.replicas');
  });

  test('the status subresource can be applied; the main resource ignores status in a configuration', () => {
    const { admin } = apiHarness();
    apply(admin, { ...deployment('web'), status: { replicas: 99 } });
    assert.deepEqual(admin.get<Obj>(R.deployments, 'default', 'web').status, {});
    const st = admin.patch<Obj>(R.deployments, 'default', 'web', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, status: { replicas: 1 } }, 'apply', 'status', { fieldManager: 'my-controller' });
    assert.equal(st.status.replicas, 1);
    const entry = (st.metadata.managedFields as Obj[]).find((e) => e.manager === 'my-controller');
    assert.deepEqual(entry && { operation: entry.operation, subresource: entry.subresource, fieldsV1: entry.fieldsV1 }, {
      operation: 'Apply', subresource: 'status', fieldsV1: { 'f:status': { 'f:replicas': {} } },
    });
  });

  test('YAML text bodies, and the refusals: managedFields in the body, a name that is not the URL\'s', () => {
    const { admin } = apiHarness();
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n';
    const cm = admin.patch<Obj>(R.configmaps, 'default', 'cfg', yaml, 'apply', undefined, { fieldManager: 'kubectl' });
    assert.deepEqual(cm.data, { a: '1' });
    assert.deepEqual(
      statusOf(() => admin.patch(R.configmaps, 'default', 'cfg', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', managedFields: [] } }, 'apply', undefined, { fieldManager: 'kubectl' })),
      failure(400, 'BadRequest', 'metadata.managedFields must be nil'),
    );
    assert.deepEqual(
      statusOf(() => admin.patch(R.configmaps, 'default', 'cfg', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' } }, 'apply', undefined, { fieldManager: 'kubectl' })),
      failure(400, 'BadRequest', 'the name of the object (other) does not match the name on the URL (cfg)'),
    );
  });
});
