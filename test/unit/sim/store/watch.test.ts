import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompactedError, MemoryStore, type Watch, type WatchEvent } from '../../../../src/sim/store';

const put = (key: string, value: Record<string, unknown> = { v: key }) => ({ type: 'put' as const, key, value });
const del = (key: string) => ({ type: 'delete' as const, key });

function recorder() {
  const calls: WatchEvent[][] = [];
  return { calls, listener: (events: WatchEvent[]) => void calls.push(events) };
}
const brief = (calls: WatchEvent[][]) =>
  calls.map((c) => c.map((e) => `${e.type} ${e.kv.key}@${e.kv.modRevision}`));

describe('MemoryStore watch', () => {
  test('delivers one call per txn with all its changes under the prefix, synchronously', () => {
    const store = new MemoryStore();
    const rec = recorder();
    store.watch('/pods/', 0, rec.listener);
    store.txn({ compare: [], success: [put('/pods/a'), put('/nodes/x'), put('/pods/b')] });
    assert.deepEqual(brief(rec.calls), [['PUT /pods/a@2', 'PUT /pods/b@2']]);
    store.txn({ compare: [], success: [put('/nodes/y')] });
    assert.equal(rec.calls.length, 1, 'no call for a txn outside the prefix');
  });

  test('events carry prevKv; a delete reports the tombstone revision and the old value', () => {
    const store = new MemoryStore();
    const rec = recorder();
    store.watch('/k', 0, rec.listener);
    store.txn({ compare: [], success: [put('/k', { n: 1 })] });
    store.txn({ compare: [], success: [put('/k', { n: 2 })] });
    store.txn({ compare: [], success: [del('/k')] });
    const [create, update, remove] = rec.calls.map((c) => c[0] as WatchEvent);
    assert.equal(create?.prevKv, undefined);
    assert.deepEqual(update?.prevKv?.value, { n: 1 });
    assert.deepEqual(update?.kv.value, { n: 2 });
    assert.equal(remove?.type, 'DELETE');
    assert.equal(remove?.kv.modRevision, 4);
    assert.deepEqual(remove?.prevKv?.value, { n: 2 });
    assert.equal(remove?.prevKv?.modRevision, 3);
  });

  test('startRevision replays retained history before returning, grouped per revision', () => {
    const store = new MemoryStore();
    store.txn({ compare: [], success: [put('/a/1')] }); // 2
    store.txn({ compare: [], success: [put('/a/2'), put('/a/3')] }); // 3
    store.txn({ compare: [], success: [put('/b/1')] }); // 4
    store.txn({ compare: [], success: [del('/a/1')] }); // 5
    const rec = recorder();
    store.watch('/a/', 3, rec.listener);
    assert.deepEqual(brief(rec.calls), [['PUT /a/2@3', 'PUT /a/3@3'], ['DELETE /a/1@5']]);
    store.txn({ compare: [], success: [put('/a/4')] });
    assert.deepEqual(brief(rec.calls).at(-1), ['PUT /a/4@6']);
  });

  test('a start revision ahead of the head skips changes before it', () => {
    const store = new MemoryStore();
    const rec = recorder();
    store.watch('/', 3, rec.listener);
    store.txn({ compare: [], success: [put('/x')] }); // 2
    store.txn({ compare: [], success: [put('/y')] }); // 3
    assert.deepEqual(brief(rec.calls), [['PUT /y@3']]);
  });

  test('watching from a compacted revision throws CompactedError', () => {
    const store = new MemoryStore();
    store.txn({ compare: [], success: [put('/a')] });
    store.txn({ compare: [], success: [put('/a')] });
    store.compact(2);
    assert.throws(() => store.watch('/', 2, () => {}), CompactedError);
    assert.throws(() => store.watch('/', 1, () => {}), { message: 'mvcc: required revision has been compacted' });
    const rec = recorder();
    store.watch('/', 3, rec.listener);
    assert.deepEqual(brief(rec.calls), [['PUT /a@3']]);
  });

  test('a cancelled watch receives nothing more', () => {
    const store = new MemoryStore();
    const rec = recorder();
    const w = store.watch('/', 0, rec.listener);
    w.cancel();
    w.cancel();
    store.txn({ compare: [], success: [put('/a')] });
    assert.equal(rec.calls.length, 0);
    assert.equal(store.watchCount, 0);
  });

  test('listeners that cancel themselves or others, or start watches, do not disturb delivery', () => {
    const store = new MemoryStore();
    const seen: string[] = [];
    const late = recorder();
    const self: Watch = store.watch('/', 0, () => {
      seen.push('self');
      self.cancel();
      other.cancel();
      store.watch('/', 0, late.listener);
    });
    const other = store.watch('/', 0, () => seen.push('other'));
    const third = recorder();
    store.watch('/a', 0, third.listener);
    store.txn({ compare: [], success: [put('/a')] });
    store.txn({ compare: [], success: [put('/a')] });
    assert.deepEqual(seen, ['self']);
    assert.equal(third.calls.length, 2);
    assert.deepEqual(brief(late.calls), [['PUT /a@3']], 'a watch started mid-delivery sees only later revisions');
  });

  test('a txn committed inside a listener is delivered after the current one, in order', () => {
    const store = new MemoryStore();
    const first = recorder();
    const second = recorder();
    store.watch('/', 0, (events) => {
      first.listener(events);
      if (events[0]?.kv.key === '/a') store.txn({ compare: [], success: [put('/b')] });
    });
    store.watch('/', 0, second.listener);
    store.txn({ compare: [], success: [put('/a')] });
    assert.deepEqual(brief(first.calls), [['PUT /a@2'], ['PUT /b@3']]);
    assert.deepEqual(brief(second.calls), [['PUT /a@2'], ['PUT /b@3']]);
  });

  test('a txn committed during a replay reaches the new watcher after the replay', () => {
    const store = new MemoryStore();
    store.txn({ compare: [], success: [put('/a')] });
    const rec = recorder();
    let wrote = false;
    store.watch('/', 2, (events) => {
      rec.listener(events);
      if (!wrote) {
        wrote = true;
        store.txn({ compare: [], success: [put('/b')] });
      }
    });
    assert.deepEqual(brief(rec.calls), [['PUT /a@2'], ['PUT /b@3']]);
  });

  test('a throwing listener does not stop others; the error surfaces from txn', () => {
    const store = new MemoryStore();
    const rec = recorder();
    store.watch('/', 0, () => {
      throw new Error('boom');
    });
    store.watch('/', 0, rec.listener);
    assert.throws(() => store.txn({ compare: [], success: [put('/a')] }), { message: 'boom' });
    assert.equal(rec.calls.length, 1);
    assert.equal(store.revision, 2);
  });

  test('watch prefixes of any length, including a whole key and the empty prefix', () => {
    const store = new MemoryStore();
    const exact = recorder();
    const all = recorder();
    const partial = recorder();
    store.watch('/registry/pods/default/web', 0, exact.listener);
    store.watch('', 0, all.listener);
    store.watch('/registry/po', 0, partial.listener);
    store.txn({ compare: [], success: [put('/registry/pods/default/web'), put('/registry/pods/default/web-2')] });
    // A prefix, not an exact match: a whole key also covers keys that extend it.
    assert.deepEqual(brief(exact.calls), [['PUT /registry/pods/default/web@2', 'PUT /registry/pods/default/web-2@2']]);
    store.txn({ compare: [], success: [put('/registry/pods/default/we')] });
    assert.equal(exact.calls.length, 1);
    assert.equal(all.calls[0]?.length, 2);
    assert.equal(partial.calls[0]?.length, 2);
    assert.equal(all.calls.length, 2);
  });

  test('restore ends existing watches', () => {
    const store = new MemoryStore();
    const rec = recorder();
    store.watch('/', 0, rec.listener);
    store.restore(new MemoryStore().snapshot());
    store.txn({ compare: [], success: [put('/a')] });
    assert.equal(rec.calls.length, 0);
  });
});
