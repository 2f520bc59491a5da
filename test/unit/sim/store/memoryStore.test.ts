import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompactedError, FutureRevisionError, MemoryStore, type KVStore } from '../../../../src/sim/store';

const put = (key: string, value: Record<string, unknown> = { v: key }) => ({ type: 'put' as const, key, value });
const del = (key: string) => ({ type: 'delete' as const, key });

function write(store: KVStore, ...ops: ReturnType<typeof put | typeof del>[]) {
  return store.txn({ compare: [], success: ops });
}

describe('MemoryStore revisions', () => {
  test('an empty store is at revision 1; each writing txn adds exactly one', () => {
    const store = new MemoryStore();
    assert.equal(store.revision, 1);
    assert.equal(store.compactRevision, 0);
    const r = write(store, put('/a'), put('/b'), put('/c'));
    assert.equal(r.revision, 2);
    assert.equal(store.revision, 2);
    for (const k of ['/a', '/b', '/c']) assert.equal(store.get(k)?.modRevision, 2);
    write(store, put('/a'));
    assert.equal(store.revision, 3);
  });

  test('create revision, mod revision and version follow a key through generations', () => {
    const store = new MemoryStore();
    write(store, put('/k', { n: 1 }));
    write(store, put('/k', { n: 2 }));
    assert.deepEqual(store.get('/k'), { key: '/k', value: { n: 2 }, createRevision: 2, modRevision: 3, version: 2 });
    write(store, del('/k'));
    assert.equal(store.get('/k'), undefined);
    write(store, put('/k', { n: 3 }));
    assert.deepEqual(store.get('/k'), { key: '/k', value: { n: 3 }, createRevision: 5, modRevision: 5, version: 1 });
  });

  test('deleting a missing key writes nothing and keeps the revision', () => {
    const store = new MemoryStore();
    const r = write(store, del('/nope'));
    assert.equal(r.revision, 1);
    assert.deepEqual(r.kvs, [undefined]);
    assert.equal(store.revision, 1);
    const r2 = write(store, del('/nope'), put('/yes'));
    assert.equal(r2.revision, 2);
  });

  test('stores values as given and hands out frozen key-values', () => {
    const store = new MemoryStore();
    const value = Object.freeze({ spec: Object.freeze({ replicas: 3 }) });
    write(store, put('/d', value));
    const kv = store.get('/d');
    assert.equal(kv?.value, value);
    assert.ok(Object.isFrozen(kv));
  });
});

describe('MemoryStore reads', () => {
  test('get and range at an older revision see the state as it was', () => {
    const store = new MemoryStore();
    write(store, put('/p/a', { n: 1 })); // 2
    write(store, put('/p/b', { n: 1 })); // 3
    write(store, put('/p/a', { n: 2 })); // 4
    write(store, del('/p/b')); // 5
    assert.deepEqual(store.get('/p/a', { revision: 3 })?.value, { n: 1 });
    assert.equal(store.get('/p/b', { revision: 2 }), undefined);
    assert.deepEqual(store.get('/p/b', { revision: 4 })?.value, { n: 1 });
    assert.equal(store.get('/p/b'), undefined);
    const at4 = store.range('/p/', { revision: 4 });
    assert.deepEqual(at4.kvs.map((kv) => [kv.key, kv.value]), [['/p/a', { n: 2 }], ['/p/b', { n: 1 }]]);
    assert.equal(at4.revision, 4);
    assert.equal(store.range('/p/').count, 1);
    assert.equal(store.range('/p/').revision, 5);
    assert.equal(store.range('/p/', { revision: 1 }).count, 0);
  });

  test('range returns keys under the prefix only, in byte order', () => {
    const store = new MemoryStore();
    write(store, put('/registry/pods/default/b'), put('/registry/pods/default/a'), put('/registry/pods/default-2/c'));
    write(store, put('/registry/pods/kube-system/x'), put('/registry/podsx'), put('/registry/nodes/n'));
    assert.deepEqual(store.range('/registry/pods/default/').kvs.map((kv) => kv.key), [
      '/registry/pods/default/a',
      '/registry/pods/default/b',
    ]);
    assert.deepEqual(store.range('/registry/pods/').kvs.map((kv) => kv.key), [
      '/registry/pods/default-2/c',
      '/registry/pods/default/a',
      '/registry/pods/default/b',
      '/registry/pods/kube-system/x',
    ]);
  });

  test('limit, startKey, more and count support paging', () => {
    const store = new MemoryStore();
    for (let i = 0; i < 10; i++) write(store, put(`/p/${i}`));
    write(store, put('/q/0'));
    const first = store.range('/p/', { limit: 4 });
    assert.deepEqual(first.kvs.map((kv) => kv.key), ['/p/0', '/p/1', '/p/2', '/p/3']);
    assert.equal(first.more, true);
    assert.equal(first.count, 10);
    const next = store.range('/p/', { limit: 4, startKey: '/p/3\0', revision: first.revision });
    assert.deepEqual(next.kvs.map((kv) => kv.key), ['/p/4', '/p/5', '/p/6', '/p/7']);
    assert.equal(next.count, 6);
    const last = store.range('/p/', { limit: 4, startKey: '/p/8' });
    assert.deepEqual(last.kvs.map((kv) => kv.key), ['/p/8', '/p/9']);
    assert.equal(last.more, false);
    assert.equal(last.count, 2);
    // A historical page counts by walking, and must agree.
    const old = store.range('/p/', { limit: 2, revision: 7 });
    assert.equal(old.count, 6);
    assert.equal(old.more, true);
    assert.throws(() => store.range('/p/', { startKey: '/q/0' }), RangeError);
  });

  test('paging at an old revision counts right however the pages are requested', () => {
    const store = new MemoryStore();
    for (let i = 0; i < 20; i++) write(store, put(`/p/${String(i).padStart(2, '0')}`));
    const rev = store.revision;
    for (let i = 0; i < 20; i += 2) write(store, del(`/p/${String(i).padStart(2, '0')}`));
    const seen: string[] = [];
    let startKey: string | undefined;
    for (;;) {
      const page = store.range('/p/', { revision: rev, limit: 3, startKey });
      assert.equal(page.count, 20 - seen.length);
      seen.push(...page.kvs.map((kv) => kv.key));
      if (!page.more) break;
      startKey = `${seen.at(-1)}\0`;
    }
    assert.equal(seen.length, 20);
    assert.equal(store.range('/p/', { revision: rev, limit: 3 }).count, 20);
    assert.equal(store.range('/p/', { revision: rev, limit: 3, startKey: '/p/05' }).count, 15);
    assert.equal(store.range('/p/', { revision: rev, limit: 5, startKey: '/p/05' }).count, 15);
    assert.equal(store.range('/p/', { limit: 3, startKey: '/p/05' }).count, 8);
  });

  test('range results never share arrays with the store', () => {
    const store = new MemoryStore();
    write(store, put('/a/1'));
    const r = store.range('/a/');
    r.kvs.length = 0;
    assert.equal(store.range('/a/').kvs.length, 1);
  });

  test('reading at a future revision throws FutureRevisionError', () => {
    const store = new MemoryStore();
    assert.throws(() => store.get('/a', { revision: 2 }), FutureRevisionError);
    assert.throws(() => store.range('/', { revision: 5 }), {
      message: 'mvcc: required revision is a future revision',
    });
  });
});

describe('MemoryStore txn', () => {
  test('runs success ops when every compare holds', () => {
    const store = new MemoryStore();
    write(store, put('/a', { n: 1 }));
    const r = store.txn({
      compare: [{ key: '/a', modRevision: 2 }, { key: '/b', modRevision: 0 }],
      success: [put('/a', { n: 2 }), put('/b', { n: 1 })],
      failure: [put('/c')],
    });
    assert.equal(r.succeeded, true);
    assert.equal(r.revision, 3);
    assert.deepEqual(r.kvs.map((kv) => kv?.version), [2, 1]);
    assert.equal(store.get('/c'), undefined);
  });

  test('runs failure ops (or nothing) when a compare fails', () => {
    const store = new MemoryStore();
    write(store, put('/a', { n: 1 }));
    const r = store.txn({ compare: [{ key: '/a', modRevision: 0 }], success: [put('/a', { n: 9 })] });
    assert.equal(r.succeeded, false);
    assert.equal(r.revision, 2);
    assert.deepEqual(r.kvs, []);
    assert.deepEqual(store.get('/a')?.value, { n: 1 });
    const f = store.txn({
      compare: [{ key: '/a', modRevision: 1 }],
      success: [put('/a', { n: 9 })],
      failure: [del('/a')],
    });
    assert.equal(f.succeeded, false);
    assert.equal(f.revision, 3);
    assert.deepEqual(f.kvs[0]?.value, { n: 1 }, 'a delete reports the kv it removed');
    assert.equal(store.get('/a'), undefined);
    const gone = store.txn({ compare: [{ key: '/a', modRevision: 0 }], success: [put('/a')] });
    assert.equal(gone.succeeded, true, 'a deleted key compares as absent');
  });

  test('rejects a branch touching one key twice, before running anything', () => {
    const store = new MemoryStore();
    assert.throws(() => write(store, put('/a'), del('/a')), { message: 'etcdserver: duplicate key given in txn request' });
    assert.throws(() => store.txn({ compare: [], success: [], failure: [put('/x'), put('/x')] }));
    assert.equal(store.revision, 1);
    assert.equal(store.get('/a'), undefined);
  });
});

describe('MemoryStore compaction', () => {
  test('drops history below the compact revision and keeps what reads there need', () => {
    const store = new MemoryStore();
    write(store, put('/a', { n: 1 })); // 2
    write(store, put('/b', { n: 1 })); // 3
    write(store, put('/a', { n: 2 })); // 4
    write(store, del('/b')); // 5
    write(store, put('/c', { n: 1 })); // 6
    store.compact(4);
    assert.equal(store.compactRevision, 4);
    assert.deepEqual(store.get('/a', { revision: 4 })?.value, { n: 2 });
    assert.deepEqual(store.get('/b', { revision: 4 })?.value, { n: 1 });
    assert.equal(store.range('/', { revision: 4 }).count, 2);
    assert.throws(() => store.get('/a', { revision: 3 }), (e: unknown) => {
      assert.ok(e instanceof CompactedError);
      assert.equal(e.message, 'mvcc: required revision has been compacted');
      assert.equal(e.requested, 3);
      assert.equal(e.compactRevision, 4);
      return true;
    });
    assert.throws(() => store.range('/', { revision: 2 }), CompactedError);
    store.compact(6);
    assert.equal(store.range('/', { revision: 6 }).count, 2);
    assert.equal(store.get('/b', { revision: 6 }), undefined);
  });

  test('compacting at or below the compact revision is a no-op; beyond the head throws', () => {
    const store = new MemoryStore();
    write(store, put('/a'));
    write(store, put('/a'));
    store.compact(3);
    store.compact(2);
    assert.equal(store.compactRevision, 3);
    assert.throws(() => store.compact(4), FutureRevisionError);
  });

  test('a key recreated after compaction starts a fresh generation', () => {
    const store = new MemoryStore();
    write(store, put('/a'));
    write(store, del('/a'));
    store.compact(3);
    assert.equal(store.range('/').count, 0);
    write(store, put('/a'));
    assert.deepEqual([store.get('/a')?.createRevision, store.get('/a')?.version], [4, 1]);
  });
});
