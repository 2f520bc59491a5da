/** Informer: list then watch, a frozen cache with indexes, handlers, re-watch and relist on 410. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, Informer, InformerFactory, IDENTITIES, R, keyOf, splitKey } from '../../../../src/sim/client';
import type { ApiHandler, ApiRequest, ApiWatch, ApiWatchEvent } from '../../../../src/sim/apiserver/types';
import { apiHarness, configMap, pod, type Obj } from '../apiserver/harness';

/** Passes everything to the real server and remembers the last watch, so a test can end it as the server would. */
class Proxy implements ApiHandler {
  lists = 0;
  lastWatch: ApiWatch | undefined;
  constructor(private readonly inner: ApiHandler) {}
  handle(req: ApiRequest) {
    if (req.verb === 'list') this.lists++;
    return this.inner.handle(req);
  }
  watch(req: ApiRequest, onEvent: (ev: ApiWatchEvent) => void, onClose?: () => void) {
    const res = this.inner.watch(req, onEvent, onClose);
    this.lastWatch = res.watch;
    return res;
  }
}

function recorder<T extends Obj>(inf: Informer<T>) {
  const log: string[] = [];
  inf.addHandler({
    add: (o) => log.push(`add ${keyOf(o)}`),
    update: (a, b) => log.push(`update ${keyOf(b)} ${a.metadata.resourceVersion}->${b.metadata.resourceVersion}`),
    delete: (o) => log.push(`delete ${keyOf(o)}`),
  });
  return log;
}

describe('Informer', () => {
  test('lists, then follows the watch: add, update, delete, with a frozen cache', () => {
    const { admin, loop, api } = apiHarness();
    admin.create(R.configmaps, 'default', configMap('a'));
    const inf = new Informer<Obj>(new Client(api, IDENTITIES.admin), R.configmaps, { namespace: 'default' });
    const log = recorder(inf);
    inf.start();
    assert.equal(inf.synced, true);
    assert.deepEqual(log, ['add default/a']);
    const a = admin.patch<Obj>(R.configmaps, 'default', 'a', { data: { k: 'v' } }, 'merge');
    admin.create(R.configmaps, 'default', configMap('b'));
    admin.create(R.configmaps, 'kube-public', configMap('elsewhere'));
    admin.delete(R.configmaps, 'default', 'b');
    loop.runUntilQuiet();
    assert.equal(log[1], `update default/a ${Number(a.metadata.resourceVersion) - 1}->${a.metadata.resourceVersion}`);
    assert.deepEqual(log.slice(2), ['add default/b', 'delete default/b']);
    assert.deepEqual(inf.list().map(keyOf), ['default/a']);
    assert.equal(inf.get('default', 'a')?.data.k, 'v');
    assert.ok(Object.isFrozen(inf.get('default', 'a')));
    assert.throws(() => {
      (inf.get('default', 'a') as Obj).data.k = 'changed';
    });
  });

  test('a handler added after sync hears every cached object as add', () => {
    const { admin, loop, api } = apiHarness();
    admin.create(R.configmaps, 'default', configMap('a'));
    const inf = new Informer<Obj>(new Client(api, IDENTITIES.admin), R.configmaps);
    inf.start();
    loop.runUntilQuiet();
    const log = recorder(inf);
    assert.deepEqual(log, ['add default/a']);
  });

  test('indexes: namespace by default, custom ones kept up to date, added late ones filled', () => {
    const { admin, loop, api } = apiHarness();
    admin.create(R.pods, 'default', pod('p1', { app: 'web' }, 'worker-1'));
    admin.create(R.pods, 'default', pod('p2', { app: 'web' }));
    const inf = new Informer<Obj>(new Client(api, IDENTITIES.admin), R.pods, {
      indexers: { node: (p) => [p.spec.nodeName ?? ''] },
    });
    inf.start();
    assert.deepEqual(inf.byIndex('node', 'worker-1').map(keyOf), ['default/p1']);
    assert.deepEqual(inf.list('default').map(keyOf), ['default/p1', 'default/p2']);
    admin.createSubresource(R.pods, 'default', 'p2', 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p2' }, target: { kind: 'Node', name: 'worker-1' } });
    loop.runUntilQuiet();
    assert.deepEqual(inf.byIndex('node', 'worker-1').map(keyOf).sort(), ['default/p1', 'default/p2']);
    assert.deepEqual(inf.byIndex('node', ''), []);
    inf.addIndexer('app', (p) => [p.metadata.labels?.app ?? '']);
    assert.equal(inf.byIndex('app', 'web').length, 2);
    admin.delete(R.pods, 'default', 'p1', { gracePeriodSeconds: 0 });
    loop.runUntilQuiet();
    assert.deepEqual(inf.byIndex('app', 'web').map(keyOf), ['default/p2']);
    assert.deepEqual(splitKey('default/p2'), { namespace: 'default', name: 'p2' });
    assert.deepEqual(splitKey('worker-1'), { name: 'worker-1' });
  });

  test('when the server ends the watch it watches again from the last resourceVersion, without a list', () => {
    const { admin, loop, api } = apiHarness();
    const proxy = new Proxy(api);
    const inf = new Informer<Obj>(new Client(proxy, IDENTITIES.admin), R.configmaps);
    const log = recorder(inf);
    inf.start();
    admin.create(R.configmaps, 'default', configMap('a'));
    loop.runUntilQuiet();
    proxy.lastWatch?.stop();
    admin.create(R.configmaps, 'default', configMap('b'));
    loop.runUntilQuiet();
    assert.deepEqual(log, ['add default/a', 'add default/b']);
    assert.equal(proxy.lists, 1);
  });

  test('a watch that cannot resume (410 Expired after compaction) relists and catches up', () => {
    const { admin, loop, api } = apiHarness();
    const proxy = new Proxy(api);
    admin.create(R.configmaps, 'default', configMap('a'));
    const inf = new Informer<Obj>(new Client(proxy, IDENTITIES.admin), R.configmaps);
    const log = recorder(inf);
    inf.start();
    loop.runUntilQuiet();
    // Changes the informer has not heard of yet, then history compacted, then the watch ends.
    admin.create(R.configmaps, 'default', configMap('b'));
    admin.delete(R.configmaps, 'default', 'a');
    api.ctx.store.compact(api.ctx.store.revision);
    proxy.lastWatch?.stop();
    loop.runUntilQuiet();
    assert.equal(proxy.lists, 2, 'a second list');
    assert.deepEqual(log, ['add default/a', 'add default/b', 'delete default/a']);
    assert.deepEqual(inf.list().map(keyOf), ['default/b']);
    admin.create(R.configmaps, 'default', configMap('c'));
    loop.runUntilQuiet();
    assert.deepEqual(inf.list().map(keyOf).sort(), ['default/b', 'default/c'], 'and watches on');
  });

  test('stop() ends the watch; a stopped API server ends it for good', () => {
    const { admin, loop, api } = apiHarness();
    const inf = new Informer<Obj>(new Client(api, IDENTITIES.admin), R.configmaps);
    inf.start();
    inf.stop();
    admin.create(R.configmaps, 'default', configMap('a'));
    loop.runUntilQuiet();
    assert.equal(inf.size, 0);
    const live = new Informer<Obj>(new Client(api, IDENTITIES.admin), R.configmaps);
    live.start();
    api.close();
    admin.create(R.configmaps, 'default', configMap('b'));
    loop.runUntilQuiet();
    assert.deepEqual(live.list().map(keyOf), ['default/a']);
  });

  test('InformerFactory shares one informer per resource and selector', () => {
    const { api } = apiHarness();
    const f = new InformerFactory(new Client(api, IDENTITIES.admin));
    const a = f.informer(R.pods);
    const b = f.informer(R.pods, { indexers: { node: (p: Obj) => [p.spec.nodeName ?? ''] } });
    const c = f.informer(R.pods, { fieldSelector: 'spec.nodeName=worker-1' });
    assert.equal(a, b);
    assert.notEqual(a, c);
    f.start();
    assert.equal(a.synced && c.synced, true);
    assert.deepEqual(a.byIndex('node', 'x'), []);
  });
});
