/** kubectl apply (client side): created, unchanged, configured, removals, and kubectl's texts. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LAST_APPLIED, R, applyDocuments, controllerIdentity, Client } from '../../../../src/sim/client';
import { apiHarness, deployment, type Obj } from '../apiserver/harness';

function setup() {
  const h = apiHarness();
  const apply = (docs: unknown[], source = 'app.yaml') => applyDocuments(h.admin, h.api.registry, docs, { source });
  const live = () => h.admin.get<Obj>(R.deployments, 'default', 'web');
  return { ...h, apply, live };
}

describe('kubectl apply', () => {
  test('created, then unchanged, then configured', () => {
    const { apply, live, api } = setup();
    const [created] = apply([deployment('web')]);
    assert.equal(created?.action, 'created');
    assert.equal(created?.message, 'deployment.apps/web created');
    const annotation = live().metadata.annotations?.[LAST_APPLIED] ?? '';
    assert.equal(annotation.endsWith('}\n'), true);
    assert.deepEqual(JSON.parse(annotation), { ...deployment('web'), metadata: { labels: { app: 'web' }, name: 'web', namespace: 'default' } });
    const rev = api.ctx.store.revision;
    const [again] = apply([deployment('web')]);
    assert.equal(again?.message, 'deployment.apps/web unchanged');
    assert.equal(api.ctx.store.revision, rev, 'nothing was written');
    const [changed] = apply([deployment('web', 3)]);
    assert.equal(changed?.message, 'deployment.apps/web configured');
    assert.equal(live().spec.replicas, 3);
    assert.equal(JSON.parse(live().metadata.annotations?.[LAST_APPLIED] ?? '{}').spec.replicas, 3);
  });

  test('a field dropped from the file is removed from the object; fields others set stay', () => {
    const { apply, live, admin } = setup();
    const first = deployment('web');
    first.metadata.labels = { app: 'web', tier: 'front' };
    first.spec.template.spec.containers[0].env = [{ name: 'A', value: '1' }, { name: 'B', value: '2' }];
    apply([first]);
    admin.patch(R.deployments, 'default', 'web', { metadata: { labels: { owner: 'ops' } } }, 'merge');
    const next = deployment('web');
    next.spec.template.spec.containers[0].env = [{ name: 'A', value: '1' }];
    const [res] = apply([next]);
    assert.equal(res?.action, 'configured');
    assert.deepEqual(live().metadata.labels, { app: 'web', owner: 'ops' });
    assert.deepEqual(live().spec.template.spec.containers[0].env, [{ name: 'A', value: '1' }]);
  });

  test('unchanged after controllers changed status and their own annotations', () => {
    const { apply, live, api } = setup();
    apply([deployment('web')]);
    const controller = new Client(api, controllerIdentity('deployment-controller'));
    const d = live();
    controller.updateStatus(R.deployments, {
      ...d,
      metadata: { ...d.metadata, annotations: { ...d.metadata.annotations, 'deployment.kubernetes.io/revision': '1' } },
      status: { observedGeneration: 1, replicas: 2, readyReplicas: 2 },
    });
    const [res] = apply([deployment('web')]);
    assert.equal(res?.message, 'deployment.apps/web unchanged');
  });

  test('a field someone else changed is set back by the next apply', () => {
    const { apply, live, admin } = setup();
    apply([deployment('web', 2)]);
    admin.patch(R.deployments, 'default', 'web', { spec: { replicas: 5 } }, 'merge', 'scale');
    const [res] = apply([deployment('web', 2)]);
    assert.equal(res?.message, 'deployment.apps/web configured');
    assert.equal(live().spec.replicas, 2);
  });

  test('kubectl\'s error texts: invalid object, missing namespace, missing kind, unknown kind', () => {
    const { apply } = setup();
    const results = apply([
      deployment('web', -1),
      { ...deployment('api'), metadata: { name: 'api', namespace: 'nope', labels: { app: 'api' } } },
      { apiVersion: 'v1', metadata: { name: 'x' } },
      { metadata: { name: 'x' } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
    ]);
    assert.deepEqual(
      results.map((r) => r.message),
      [
        'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        'Error from server (NotFound): error when creating "app.yaml": namespaces "nope" not found',
        'error: error validating "app.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
        'error: error validating "app.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
        'error: resource mapping not found for name: "w" namespace: "" from "app.yaml": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first',
      ],
    );
    assert.deepEqual(results.map((r) => r.action), ['failed', 'failed', 'failed', 'failed', 'failed']);
    assert.equal(results[0]?.status?.code, 422);
  });

  test('an object created without kubectl apply gets the annotation, with kubectl\'s warning', () => {
    const { apply, live, admin } = setup();
    admin.create(R.deployments, 'default', deployment('web'));
    const [res] = apply([deployment('web')]);
    assert.equal(res?.action, 'configured');
    assert.deepEqual(res?.warnings, [
      'resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.',
    ]);
    assert.ok(live().metadata.annotations?.[LAST_APPLIED]);
  });

  test('--dry-run=server says so and changes nothing', () => {
    const { admin, api } = setup();
    const [res] = applyDocuments(admin, api.registry, [deployment('web')], { dryRun: true });
    assert.equal(res?.message, 'deployment.apps/web created (server dry run)');
    assert.equal(admin.tryGet(R.deployments, 'default', 'web'), undefined);
  });
});
