/** LIST: label selectors with every operator, field selectors, limit/continue, 410 after compaction. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import { apiHarness, configMap, failure, pod, statusOf, type Obj } from './harness';

function seeded() {
  const h = apiHarness();
  const labels: Record<string, string>[] = [
    { app: 'web', tier: 'front', n: '1' },
    { app: 'web', tier: 'back', n: '5' },
    { app: 'db', n: '10' },
    { app: 'cache' },
    {},
  ];
  labels.forEach((l, i) => h.admin.create(R.configmaps, 'default', configMap(`c${i}`, l)));
  h.admin.create(R.configmaps, 'kube-public', configMap('other', { app: 'web' }));
  const names = (q: Record<string, unknown>, ns: string | null = 'default') =>
    h.admin.list(R.configmaps, ns ?? undefined, q).items.map((o) => o.metadata.name);
  return { ...h, names };
}

describe('list selectors', () => {
  test('label selector operators', () => {
    const { names } = seeded();
    assert.deepEqual(names({ labelSelector: 'app=web' }), ['c0', 'c1']);
    assert.deepEqual(names({ labelSelector: 'app==web' }), ['c0', 'c1']);
    assert.deepEqual(names({ labelSelector: 'app!=web' }), ['c2', 'c3', 'c4'], '!= also matches objects without the key');
    assert.deepEqual(names({ labelSelector: 'app in (db,cache)' }), ['c2', 'c3']);
    assert.deepEqual(names({ labelSelector: 'app notin (web,db)' }), ['c3', 'c4']);
    assert.deepEqual(names({ labelSelector: 'tier' }), ['c0', 'c1']);
    assert.deepEqual(names({ labelSelector: '!tier' }), ['c2', 'c3', 'c4']);
    assert.deepEqual(names({ labelSelector: 'n>4' }), ['c1', 'c2']);
    assert.deepEqual(names({ labelSelector: 'n<5' }), ['c0']);
    assert.deepEqual(names({ labelSelector: 'app=web,tier=back' }), ['c1']);
    assert.deepEqual(names({ labelSelector: 'app=web' }, null), ['c0', 'c1', 'other'], 'all namespaces');
  });

  test('a malformed selector is a 400 with the parser text', () => {
    const { admin } = seeded();
    assert.deepEqual(
      statusOf(() => admin.list(R.configmaps, 'default', { labelSelector: 'app in web' })),
      failure(400, 'BadRequest', 'unable to parse requirement: found \'web\' expected: \'(\''),
    );
  });

  test('field selectors: metadata.name, spec.nodeName and status.phase, with = and !=', () => {
    const { admin } = apiHarness();
    admin.create(R.pods, 'default', pod('a', {}, 'worker-1'));
    admin.create(R.pods, 'default', pod('b', {}, 'worker-2'));
    admin.create(R.pods, 'default', pod('c'));
    admin.patch(R.pods, 'default', 'b', { status: { phase: 'Running' } }, 'merge', 'status');
    const names = (fieldSelector: string) => admin.list(R.pods, 'default', { fieldSelector }).items.map((o) => o.metadata.name);
    assert.deepEqual(names('metadata.name=b'), ['b']);
    assert.deepEqual(names('spec.nodeName=worker-1'), ['a']);
    assert.deepEqual(names('spec.nodeName='), ['c'], 'unscheduled pods (the scheduler\'s list)');
    assert.deepEqual(names('spec.nodeName!=worker-1'), ['b', 'c']);
    assert.deepEqual(names('status.phase=Running'), ['b']);
    assert.deepEqual(names('status.phase!=Running,spec.nodeName=worker-1'), ['a']);
    assert.deepEqual(
      statusOf(() => admin.list(R.configmaps, 'default', { fieldSelector: 'spec.nodeName=x' })),
      failure(400, 'BadRequest', '"spec.nodeName" is not a known field selector: only "metadata.name", "metadata.namespace"'),
    );
  });
});

describe('list paging', () => {
  test('limit and continue walk a consistent snapshot, with remainingItemCount', () => {
    const { admin, api } = seeded();
    const first = api.handle({ verb: 'list', group: '', version: 'v1', resource: 'configmaps', namespace: 'default', query: { limit: 2 }, user: admin.identity.user, from: 'test' });
    const meta1 = (first.body as { metadata: Record<string, unknown> }).metadata;
    assert.deepEqual((first.body as { items: Obj[] }).items.map((o) => o.metadata.name), ['c0', 'c1']);
    assert.equal(meta1.remainingItemCount, 3);
    assert.equal(typeof meta1.continue, 'string');
    assert.match(meta1.continue as string, /^[A-Za-z0-9_-]+$/, 'base64url without padding');
    const token = JSON.parse(atob((meta1.continue as string).replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    assert.deepEqual(token, { v: 'meta.k8s.io/v1', rv: Number(meta1.resourceVersion), start: 'c1\u0000' });
    // Changes after the first page do not show in the rest of the walk.
    admin.create(R.configmaps, 'default', configMap('c10'));
    admin.delete(R.configmaps, 'default', 'c3');
    const second = admin.list(R.configmaps, 'default', { limit: 2, continue: meta1.continue as string });
    assert.deepEqual(second.items.map((o) => o.metadata.name), ['c2', 'c3']);
    assert.equal(second.resourceVersion, meta1.resourceVersion);
    const third = admin.list(R.configmaps, 'default', { limit: 2, continue: second.continue });
    assert.deepEqual(third.items.map((o) => o.metadata.name), ['c4']);
    assert.equal(third.continue, undefined);
  });

  test('with a selector pages fill up to the limit and carry no remainingItemCount', () => {
    const { api, admin } = seeded();
    const res = api.handle({ verb: 'list', group: '', version: 'v1', resource: 'configmaps', namespace: 'default', query: { limit: 2, labelSelector: 'app' }, user: admin.identity.user, from: 'test' });
    const body = res.body as { items: Obj[]; metadata: Record<string, unknown> };
    assert.deepEqual(body.items.map((o) => o.metadata.name), ['c0', 'c1']);
    assert.equal(body.metadata.remainingItemCount, undefined);
    const rest = admin.list(R.configmaps, 'default', { limit: 2, labelSelector: 'app', continue: body.metadata.continue as string });
    assert.deepEqual(rest.items.map((o) => o.metadata.name), ['c2', 'c3']);
  });

  test('a bad continue token is a 400', () => {
    const { admin } = seeded();
    assert.equal(statusOf(() => admin.list(R.configmaps, 'default', { continue: 'bm90LWpzb24' })).code, 400);
  });
});

describe('list after compaction', () => {
  test('an exact resourceVersion below the compacted revision answers 410 Expired', () => {
    const { admin, api } = seeded();
    const old = admin.list(R.configmaps, 'default').resourceVersion;
    admin.create(R.configmaps, 'default', configMap('late'));
    api.ctx.store.compact(api.ctx.store.revision);
    assert.deepEqual(
      statusOf(() => admin.list(R.configmaps, 'default', { resourceVersion: old, resourceVersionMatch: 'Exact' })),
      failure(410, 'Expired', 'The resourceVersion for the provided list is too old.'),
    );
    assert.equal(admin.list(R.configmaps, 'default', { resourceVersion: old }).items.length, 6, 'NotOlderThan is served from the current state');
  });

  test('a continue token from before a compaction answers 410 with a token to go on from the latest state', () => {
    const { admin, api } = seeded();
    const first = admin.list(R.configmaps, 'default', { limit: 2 });
    admin.create(R.configmaps, 'default', configMap('late'));
    api.ctx.store.compact(api.ctx.store.revision);
    const s = statusOf(() => admin.list(R.configmaps, 'default', { limit: 2, continue: first.continue }));
    assert.equal(s.code, 410);
    assert.equal(s.reason, 'Expired');
    assert.match(s.message ?? '', /^The provided continue parameter is too old to display a consistent list result\. You can start a new list without the continue parameter, or use the continue token in this response/);
    const next = (s.metadata as { continue?: string }).continue ?? '';
    const rest = admin.list(R.configmaps, 'default', { limit: 10, continue: next });
    assert.deepEqual(rest.items.map((o) => o.metadata.name), ['c2', 'c3', 'c4', 'late']);
  });
});
