import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { call, serverHarness, type Harness } from './harness';
import { fieldAt } from '../../../src/sim/api/schema';

type Json = Record<string, unknown>;

describe('server: OpenAPI', () => {
  let h: Harness;
  let apps: { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };
  before(async () => {
    h = await serverHarness();
    const index = (await call(h, { path: '/openapi/v3' })).json<{ paths: Record<string, { serverRelativeURL: string }> }>();
    const url = index.paths['apis/apps/v1']?.serverRelativeURL ?? '';
    assert.match(url, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
    apps = (await call(h, { path: url })).json();
  });
  after(() => h.close());

  test('the v3 index names one document per group-version', async () => {
    const index = (await call(h, { path: '/openapi/v3' })).json<{ paths: Record<string, unknown> }>();
    for (const key of ['api/v1', 'apis/apps/v1', 'apis/batch/v1', 'apis/rbac.authorization.k8s.io/v1']) assert.ok(key in index.paths, key);
  });

  test('writes declare fieldValidation, PATCH lists the patch types, each op names its GVK', () => {
    const item = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'];
    const patch = item?.patch as { parameters: { name: string; in: string }[]; requestBody: { content: Json }; 'x-kubernetes-group-version-kind': Json; 'x-kubernetes-action': string };
    assert.ok(patch.parameters.some((p) => p.name === 'fieldValidation' && p.in === 'query'));
    assert.ok('application/strategic-merge-patch+json' in patch.requestBody.content);
    assert.ok('application/apply-patch+yaml' in patch.requestBody.content);
    assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: 'apps', kind: 'Deployment', version: 'v1' });
    assert.equal(patch['x-kubernetes-action'], 'patch');
    const post = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments']?.post as { parameters: { name: string }[] };
    assert.ok(post.parameters.some((p) => p.name === 'fieldValidation'));
    const scale = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']?.patch as { 'x-kubernetes-group-version-kind': Json };
    assert.deepEqual(scale['x-kubernetes-group-version-kind'], { group: 'autoscaling', kind: 'Scale', version: 'v1' });
  });

  test('schemas carry the GVK, upstream descriptions, refs and merge keys', () => {
    const s = apps.components.schemas;
    const deployment = s['io.k8s.api.apps.v1.Deployment'] as Json;
    assert.deepEqual(deployment['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    const spec = s['io.k8s.api.apps.v1.DeploymentSpec'] as { properties: Record<string, Json>; required: string[] };
    assert.equal(spec.properties.replicas?.description, fieldAt('apps/v1', 'Deployment', ['spec', 'replicas'])?.description);
    assert.deepEqual(spec.properties.replicas?.type, 'integer');
    assert.deepEqual(spec.properties.template?.allOf, [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec' }]);
    assert.deepEqual(spec.required, ['selector', 'template']);
    const podSpec = s['io.k8s.api.core.v1.PodSpec'] as { properties: Record<string, Json> };
    assert.equal(podSpec.properties.containers?.['x-kubernetes-patch-merge-key'], 'name');
    assert.equal(podSpec.properties.containers?.['x-kubernetes-patch-strategy'], 'merge');
    const container = s['io.k8s.api.core.v1.Container'] as { properties: Record<string, Json> };
    assert.equal(container.properties.ports?.['x-kubernetes-patch-merge-key'], 'containerPort');
    for (const name of ['io.k8s.apimachinery.pkg.util.intstr.IntOrString', 'io.k8s.apimachinery.pkg.apis.meta.v1.Time', 'io.k8s.apimachinery.pkg.apis.meta.v1.Status']) {
      assert.ok(name in s, name);
    }
    // Every reference resolves inside the document.
    const text = JSON.stringify(apps);
    for (const m of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) assert.ok((m[1] as string) in s, m[1]);
  });

  test('/openapi/v2 answers JSON, and 406 to the protobuf kubectl asks for', async () => {
    const pb = await call(h, { path: '/openapi/v2', headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
    assert.equal(pb.status, 406);
    const v2 = (await call(h, { path: '/openapi/v2', headers: { accept: 'application/json' } })).json<{ swagger: string; definitions: Record<string, Json> }>();
    assert.equal(v2.swagger, '2.0');
    assert.ok('io.k8s.api.core.v1.Pod' in v2.definitions);
  });

  test('an unknown group-version has no document', async () => {
    assert.equal((await call(h, { path: '/openapi/v3/apis/nope/v1' })).status, 404);
  });
});
