import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompactedError, MemoryStore, type WatchEvent } from '../../../../src/sim/store';

const put = (key: string, value: Record<string, unknown>) => ({ type: 'put' as const, key, value });
const del = (key: string) => ({ type: 'delete' as const, key });

function sample(): MemoryStore {
  const store = new MemoryStore();
  store.txn({ compare: [], success: [put('/p/a', { n: 1, list: [1, { x: 2 }] }), put('/p/b', { n: 1 })] }); // 2
  store.txn({ compare: [], success: [put('/p/a', { n: 2 })] }); // 3
  store.txn({ compare: [], success: [del('/p/b'), put('/q/c', { n: 1 })] }); // 4
  store.txn({ compare: [], success: [put('/p/b', { n: 3 })] }); // 5
  store.compact(3);
  store.txn({ compare: [], success: [del('/p/a')] }); // 6
  return store;
}

function replay(store: MemoryStore, from: number): WatchEvent[][] {
  const calls: WatchEvent[][] = [];
  store.watch('', from, (events) => void calls.push(events)).cancel();
  return calls;
}

describe('MemoryStore snapshot/restore', () => {
  test('a restored store answers every read, revision and replay identically', () => {
    const original = sample();
    const snap = original.snapshot();
    const copy = new MemoryStore();
    copy.restore(JSON.parse(JSON.stringify(snap)));
    assert.equal(copy.revision, 6);
    assert.equal(copy.compactRevision, 3);
    for (let rev = 3; rev <= 6; rev++) {
      assert.deepEqual(copy.range('', { revision: rev }), original.range('', { revision: rev }));
      for (const key of ['/p/a', '/p/b', '/q/c']) {
        assert.deepEqual(copy.get(key, { revision: rev }), original.get(key, { revision: rev }));
      }
    }
    assert.throws(() => copy.get('/p/a', { revision: 2 }), CompactedError);
    assert.deepEqual(replay(copy, 4), replay(original, 4));
    assert.equal(replay(copy, 4).length, 3);
    // Both go on the same way.
    for (const s of [original, copy]) s.txn({ compare: [{ key: '/p/b', modRevision: 5 }], success: [put('/p/b', { n: 4 })] });
    assert.deepEqual(copy.get('/p/b'), original.get('/p/b'));
    assert.equal(copy.get('/p/b')?.version, 2);
  });

  test('the snapshot is plain data sharing nothing with the store', () => {
    const store = sample();
    const snap = store.snapshot();
    assert.deepEqual(JSON.parse(JSON.stringify(snap)), snap);
    const text = JSON.stringify(snap);
    (snap.data as { keys: { history: { value?: { n?: number } }[] }[] }).keys[0]!.history[0]!.value!.n = 99;
    assert.equal(JSON.stringify(store.snapshot()), text);
    const copy = new MemoryStore();
    copy.restore(snap);
    assert.ok(Object.isFrozen(copy.get('/p/b')?.value));
    (snap.data as { keys: unknown[] }).keys.length = 0;
    assert.equal(copy.range('').count, 2);
  });

  test('an empty store round-trips', () => {
    const copy = new MemoryStore();
    copy.restore(new MemoryStore().snapshot());
    assert.equal(copy.revision, 1);
    assert.equal(copy.range('').count, 0);
  });

  test('a malformed snapshot is refused and leaves the store as it was', () => {
    const store = sample();
    const good = store.snapshot();
    assert.throws(() => store.restore({ ...good, data: { format: 'other' } }), /invalid store snapshot/);
    const data = JSON.parse(JSON.stringify(good.data)) as { changes: { keys: string[] }[] };
    data.changes[0]!.keys.push('/nowhere');
    assert.throws(() => store.restore({ ...good, data }), /invalid store snapshot/);
    assert.throws(() => store.restore({ ...good, revision: 2 }), /invalid store snapshot/);
    assert.equal(store.revision, 6);
    assert.equal(store.range('').count, 2);
  });
});
