import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { call, serverHarness, NGINX_DEPLOYMENT, type Harness } from './harness';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';

interface Table {
  kind: string;
  columnDefinitions: { name: string; priority: number }[];
  rows: { cells: unknown[]; object?: { kind: string; metadata: { name: string } } }[];
  metadata: { resourceVersion?: string };
}

describe('server: resource requests', () => {
  let h: Harness;
  before(async () => {
    h = await serverHarness();
  });
  after(() => h.close());

  test('POST creates (201), from kubectl as the trace shows; a second POST is 409 AlreadyExists', async () => {
    const r = await call(h, { method: 'POST', path: `${DEPLOYMENTS}?fieldManager=kubectl-client-side-apply&fieldValidation=Strict`, body: NGINX_DEPLOYMENT, headers: { 'user-agent': 'kubectl/v1.33.1' } });
    assert.equal(r.status, 201);
    assert.equal(r.json<{ metadata: { uid?: string } }>().metadata.uid?.length, 36);
    const req = h.tracer.events().filter((e) => e.channel === 'http-request' && e.verb === 'POST').pop();
    assert.equal(req?.from, 'kubectl');
    const again = await call(h, { method: 'POST', path: DEPLOYMENTS, body: NGINX_DEPLOYMENT });
    assert.equal(again.status, 409);
    assert.equal(again.json<{ message: string }>().message, 'deployments.apps "nginx-deployment" already exists');
  });

  test('GET and LIST as objects, as Tables (wide columns included) and as partial metadata', async () => {
    assert.equal((await call(h, { path: `${DEPLOYMENTS}/nginx-deployment` })).json<{ kind: string }>().kind, 'Deployment');
    const t = await call(h, { path: DEPLOYMENTS, headers: { accept: TABLE } });
    assert.equal(t.headers['content-type'], 'application/json;as=Table;v=v1;g=meta.k8s.io');
    const table = t.json<Table>();
    assert.equal(table.kind, 'Table');
    assert.deepEqual(table.columnDefinitions.map((c) => c.name), ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    assert.deepEqual(table.columnDefinitions.map((c) => c.priority), [0, 0, 0, 0, 0, 1, 1, 1]);
    assert.deepEqual(table.rows[0]?.cells.slice(0, 2), ['nginx-deployment', '0/3']);
    assert.equal(table.rows[0]?.object?.kind, 'PartialObjectMetadata');
    assert.ok(table.metadata.resourceVersion);
    const full = (await call(h, { path: `${DEPLOYMENTS}?includeObject=Object`, headers: { accept: TABLE } })).json<Table>();
    assert.equal(full.rows[0]?.object?.kind, 'Deployment');
    const one = (await call(h, { path: `${DEPLOYMENTS}/nginx-deployment`, headers: { accept: TABLE } })).json<Table>();
    assert.equal(one.rows.length, 1);
    const roles = (await call(h, { path: '/apis/rbac.authorization.k8s.io/v1/clusterroles', headers: { accept: TABLE } })).json<Table>();
    assert.deepEqual(roles.columnDefinitions.map((c) => c.name), ['Name', 'Created At']);
    const partial = await call(h, { path: DEPLOYMENTS, headers: { accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io' } });
    assert.equal(partial.json<{ kind: string; items: { kind: string }[] }>().items[0]?.kind, 'PartialObjectMetadata');
  });

  test('namespaces and other printers that were missing print upstream columns', async () => {
    const ns = (await call(h, { path: '/api/v1/namespaces', headers: { accept: TABLE } })).json<Table>();
    assert.deepEqual(ns.columnDefinitions.map((c) => c.name), ['Name', 'Status', 'Age']);
    assert.deepEqual(ns.rows.map((r) => r.cells[0]), ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    const svc = (await call(h, { path: '/api/v1/namespaces/default/services/kubernetes', headers: { accept: TABLE } })).json<Table>();
    assert.deepEqual(svc.rows[0]?.cells.slice(0, 5), ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP']);
  });

  test('limit and continue page a list; a bad limit is 400', async () => {
    const page = (await call(h, { path: '/api/v1/namespaces?limit=2' })).json<{ items: unknown[]; metadata: { continue?: string } }>();
    assert.equal(page.items.length, 2);
    const rest = (await call(h, { path: `/api/v1/namespaces?limit=2&continue=${encodeURIComponent(page.metadata.continue ?? '')}` })).json<{ items: unknown[] }>();
    assert.equal(rest.items.length, 2);
    assert.equal((await call(h, { path: '/api/v1/namespaces?limit=many' })).status, 400);
  });

  test('labelSelector and fieldSelector filter', async () => {
    const byLabel = (await call(h, { path: `${DEPLOYMENTS}?labelSelector=app%3Dnginx` })).json<{ items: unknown[] }>();
    assert.equal(byLabel.items.length, 1);
    const none = (await call(h, { path: `${DEPLOYMENTS}?labelSelector=app%3Dother` })).json<{ items: unknown[] }>();
    assert.equal(none.items.length, 0);
    const byField = (await call(h, { path: '/api/v1/namespaces?fieldSelector=metadata.name%3Dkube-system' })).json<{ items: unknown[] }>();
    assert.equal(byField.items.length, 1);
  });

  test('PATCH by content type: merge, JSON patch, strategic, and 415 for anything else', async () => {
    const merge = await call(h, { method: 'PATCH', path: `${DEPLOYMENTS}/nginx-deployment`, body: { spec: { replicas: 4 } }, headers: { 'content-type': 'application/merge-patch+json' } });
    assert.equal(merge.json<{ spec: { replicas: number } }>().spec.replicas, 4);
    const json = await call(h, { method: 'PATCH', path: `${DEPLOYMENTS}/nginx-deployment`, body: [{ op: 'replace', path: '/spec/replicas', value: 2 }], headers: { 'content-type': 'application/json-patch+json' } });
    assert.equal(json.json<{ spec: { replicas: number } }>().spec.replicas, 2);
    const smp = await call(h, {
      method: 'PATCH',
      path: `${DEPLOYMENTS}/nginx-deployment`,
      body: { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } },
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
    });
    const c = smp.json<{ spec: { template: { spec: { containers: { image: string; ports?: unknown[] }[] } } } }>().spec.template.spec.containers;
    assert.equal(c.length, 1);
    assert.equal(c[0]?.image, 'nginx:1.16.1');
    assert.ok(c[0]?.ports, 'merged by name: the ports stay');
    const bad = await call(h, { method: 'PATCH', path: `${DEPLOYMENTS}/nginx-deployment`, body: {}, headers: { 'content-type': 'text/plain' } });
    assert.equal(bad.status, 415);
    assert.equal(bad.json<{ reason: string }>().reason, 'UnsupportedMediaType');
  });

  test('the scale subresource reads and patches replicas', async () => {
    const scale = await call(h, { method: 'PATCH', path: `${DEPLOYMENTS}/nginx-deployment/scale`, body: { spec: { replicas: 5 } }, headers: { 'content-type': 'application/merge-patch+json' } });
    assert.equal(scale.status, 200);
    assert.equal(scale.json<{ kind: string; spec: { replicas: number } }>().spec.replicas, 5);
    assert.equal((await call(h, { path: `${DEPLOYMENTS}/nginx-deployment` })).json<{ spec: { replicas: number } }>().spec.replicas, 5);
  });

  test('fieldValidation: Strict refuses an unknown field, Warn answers with a Warning header', async () => {
    const body = { ...NGINX_DEPLOYMENT, metadata: { name: 'typo' }, spec: { ...NGINX_DEPLOYMENT.spec, replicaz: 1 } };
    const strict = await call(h, { method: 'POST', path: `${DEPLOYMENTS}?fieldValidation=Strict`, body });
    assert.equal(strict.status, 400);
    assert.equal(strict.json<{ message: string }>().message, 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicaz"');
    const warn = await call(h, { method: 'POST', path: `${DEPLOYMENTS}?fieldValidation=Warn&dryRun=All`, body });
    assert.equal(warn.status, 201);
    assert.equal(warn.headers.warning, '299 - "unknown field \\"spec.replicaz\\""');
    assert.equal((await call(h, { path: `${DEPLOYMENTS}/typo` })).status, 404, 'dryRun=All wrote nothing');
  });

  test('invalid objects get upstream 422 Invalid; a malformed body 400', async () => {
    const body = { ...NGINX_DEPLOYMENT, metadata: { name: 'neg' }, spec: { ...NGINX_DEPLOYMENT.spec, replicas: -1 } };
    const r = await call(h, { method: 'POST', path: DEPLOYMENTS, body });
    assert.equal(r.status, 422);
    assert.match(r.json<{ message: string }>().message, /^Deployment.apps "neg" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0/);
    const junk = await call(h, { method: 'POST', path: DEPLOYMENTS, body: '{not json' });
    assert.equal(junk.status, 400);
  });

  test('DELETE reads DeleteOptions from the body; Foreground leaves the object terminating', async () => {
    const fg = await call(h, { method: 'DELETE', path: `${DEPLOYMENTS}/nginx-deployment`, body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' } });
    assert.equal(fg.status, 200);
    const obj = (await call(h, { path: `${DEPLOYMENTS}/nginx-deployment` })).json<{ metadata: { finalizers?: string[]; deletionTimestamp?: string } }>();
    assert.deepEqual(obj.metadata.finalizers, ['foregroundDeletion']);
    assert.ok(obj.metadata.deletionTimestamp);
  });

  test('a method a path does not serve is 405; an unknown resource 404', async () => {
    assert.equal((await call(h, { method: 'PUT', path: DEPLOYMENTS, body: {} })).status, 405);
    assert.equal((await call(h, { path: '/api/v1/namespaces/default/widgets' })).status, 404);
    // kubectl auth can-i posts a protobuf SelfSubjectAccessReview: an unserved resource is 404 before the body is read.
    const ssar = await call(h, { method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body: 'k8s\u0000junk', headers: { 'content-type': 'application/vnd.kubernetes.protobuf' } });
    assert.equal(ssar.status, 404);
  });

  test('pods/log answers text/plain', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
    assert.equal((await call(h, { method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod })).status, 201);
    const log = await call(h, { path: '/api/v1/namespaces/default/pods/p/log' });
    assert.equal(log.status, 200);
    assert.match(String(log.headers['content-type']), /^text\/plain/);
    assert.equal(log.text, 'hello\nworld\n');
    assert.equal((await call(h, { path: '/api/v1/namespaces/default/pods/p/log?container=nope' })).status, 400);
  });
});
