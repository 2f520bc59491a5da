import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { call, serverHarness, type Harness } from './harness';
import { KUBERNETES_VERSION } from '../../../src/version';

/** What kubectl 1.33 sends to /api and /apis. */
const KUBECTL_DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface DiscoveryResource {
  resource: string;
  scope: string;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  responseKind: { group: string; version: string; kind: string };
  subresources?: { subresource: string; verbs: string[]; responseKind: { kind: string } }[];
}
interface DiscoveryList {
  kind: string;
  apiVersion: string;
  items: { metadata: { name?: string }; versions: { version: string; resources: DiscoveryResource[] }[] }[];
}

describe('server: version, health and discovery', () => {
  let h: Harness;
  before(async () => {
    h = await serverHarness();
  });
  after(() => h.close());

  test('/version is the 1.33 server kubectl picks its client by', async () => {
    const v = (await call(h, { path: '/version?timeout=5s' })).json<Record<string, string>>();
    assert.equal(v.major, KUBERNETES_VERSION.major);
    assert.equal(v.minor, KUBERNETES_VERSION.minor);
    assert.equal(v.gitVersion, KUBERNETES_VERSION.gitVersion);
    assert.match(v.platform ?? '', /^\w+\/\w+$/);
  });

  test('health checks answer ok, verbose lists checks', async () => {
    for (const p of ['/healthz', '/livez', '/readyz']) assert.equal((await call(h, { path: p })).text, 'ok');
    assert.match((await call(h, { path: '/readyz?verbose' })).text, /\[\+\]etcd ok\n[\s\S]*readyz check passed\n$/);
  });

  test('classic discovery: /api, /apis, APIResourceList with subresources', async () => {
    assert.deepEqual((await call(h, { path: '/api' })).json<{ versions: string[] }>().versions, ['v1']);
    const groups = (await call(h, { path: '/apis' })).json<{ groups: { name: string; preferredVersion: { groupVersion: string } }[] }>().groups;
    assert.equal(groups[0]?.name, 'apps');
    assert.ok(groups.some((g) => g.name === 'rbac.authorization.k8s.io' && g.preferredVersion.groupVersion === 'rbac.authorization.k8s.io/v1'));
    const v1 = (await call(h, { path: '/api/v1' })).json<{ groupVersion: string; resources: { name: string; shortNames?: string[]; namespaced: boolean; kind: string; verbs: string[] }[] }>();
    assert.equal(v1.groupVersion, 'v1');
    const pods = v1.resources.find((r) => r.name === 'pods');
    assert.deepEqual(pods?.shortNames, ['po']);
    assert.equal(pods?.namespaced, true);
    assert.deepEqual(v1.resources.find((r) => r.name === 'pods/log')?.verbs, ['get']);
    assert.deepEqual(v1.resources.find((r) => r.name === 'pods/binding')?.verbs, ['create']);
    const apps = (await call(h, { path: '/apis/apps/v1' })).json<{ resources: { name: string; kind: string; group?: string }[] }>();
    const scale = apps.resources.find((r) => r.name === 'deployments/scale');
    assert.equal(scale?.kind, 'Scale');
    assert.equal(scale?.group, 'autoscaling');
    assert.equal((await call(h, { path: '/apis/apps' })).json<{ kind: string }>().kind, 'APIGroup');
    assert.equal((await call(h, { path: '/apis/nope.example.com/v1' })).status, 404);
  });

  test('aggregated discovery when kubectl asks for it', async () => {
    const r = await call(h, { path: '/apis', headers: { accept: KUBECTL_DISCOVERY_ACCEPT } });
    assert.equal(r.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const list = r.json<DiscoveryList>();
    assert.equal(list.kind, 'APIGroupDiscoveryList');
    assert.equal(list.apiVersion, 'apidiscovery.k8s.io/v2');
    const apps = list.items.find((g) => g.metadata.name === 'apps');
    const deploy = apps?.versions[0]?.resources.find((x) => x.resource === 'deployments');
    assert.equal(deploy?.scope, 'Namespaced');
    assert.deepEqual(deploy?.shortNames, ['deploy']);
    assert.deepEqual(deploy?.categories, ['all']);
    assert.deepEqual(deploy?.responseKind, { group: 'apps', version: 'v1', kind: 'Deployment' });
    assert.deepEqual(deploy?.subresources?.map((s) => s.subresource), ['scale', 'status']);
    assert.equal(list.items.some((g) => !g.metadata.name), false, '/apis holds no legacy group');

    const core = (await call(h, { path: '/api', headers: { accept: KUBECTL_DISCOVERY_ACCEPT } })).json<DiscoveryList>();
    assert.equal(core.items.length, 1);
    const nodes = core.items[0]?.versions[0]?.resources.find((x) => x.resource === 'nodes');
    assert.equal(nodes?.scope, 'Cluster');

    const beta = await call(h, { path: '/api', headers: { accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList' } });
    assert.equal(beta.json<DiscoveryList>().apiVersion, 'apidiscovery.k8s.io/v2beta1');
  });

  test('an unknown path is upstream 404', async () => {
    const r = await call(h, { path: '/nope' });
    assert.equal(r.status, 404);
    assert.equal(r.json<{ message: string }>().message, 'the server could not find the requested resource');
  });
});
