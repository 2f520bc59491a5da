/** WorkQueue: de-duplication, back-off from 5 ms doubling, addAfter, requeueAfter, shutdown. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventLoop, VirtualClock } from '../../../../src/sim/core';
import { WorkQueue, type SyncResult } from '../../../../src/sim/client';

function queue(sync: (key: string) => SyncResult, opts: { baseDelayMs?: number; maxDelayMs?: number } = {}) {
  const loop = new EventLoop(new VirtualClock(0));
  const seen: { key: string; at: number }[] = [];
  const q = new WorkQueue(
    loop,
    (key) => {
      seen.push({ key, at: loop.now() });
      return sync(key);
    },
    { from: 'test', controller: 'test-controller', ...opts },
  );
  return { loop, q, seen };
}

describe('WorkQueue', () => {
  test('a key added several times before it is processed is processed once', () => {
    const { loop, q, seen } = queue(() => undefined);
    q.add('a');
    q.add('a');
    q.add('b');
    q.add('a');
    assert.equal(q.length, 2);
    loop.runUntilQuiet();
    assert.deepEqual(seen.map((s) => s.key), ['a', 'b']);
  });

  test('a key added while it is being processed is processed again afterwards, never concurrently', () => {
    let first = true;
    const { loop, q, seen } = queue((key) => {
      if (first) {
        first = false;
        q.add(key);
        q.add(key);
      }
    });
    q.add('a');
    loop.runUntilQuiet();
    assert.deepEqual(seen.map((s) => s.key), ['a', 'a']);
  });

  test('a failing key comes back after 5, 10, 20, 40 ms; success forgets the count', () => {
    let failures = 4;
    const { loop, q, seen } = queue(() => {
      if (failures-- > 0) throw new Error('boom');
    });
    q.add('a');
    loop.runUntilQuiet();
    assert.deepEqual(seen.map((s) => s.at), [0, 5, 15, 35, 75]);
    assert.equal(q.numRequeues('a'), 0);
  });

  test('the back-off stops growing at maxDelayMs', () => {
    let failures = 6;
    const { loop, q, seen } = queue(() => {
      if (failures-- > 0) throw new Error('boom');
    }, { baseDelayMs: 10, maxDelayMs: 50 });
    q.add('a');
    loop.runUntilQuiet();
    const gaps = seen.slice(1).map((s, i) => s.at - (seen[i]?.at ?? 0));
    assert.deepEqual(gaps, [10, 20, 40, 50, 50, 50]);
  });

  test('addAfter waits; the earliest of several due times wins; a plain add does not wait', () => {
    const { loop, q, seen } = queue(() => undefined);
    q.addAfter('a', 1000);
    q.addAfter('a', 300);
    q.addAfter('a', 2000);
    loop.runUntilQuiet();
    assert.deepEqual(seen, [{ key: 'a', at: 300 }]);
    q.addAfter('b', 0);
    loop.runUntilQuiet();
    assert.deepEqual(seen[1], { key: 'b', at: 300 });
  });

  test('a sync may ask to come back after a delay', () => {
    let n = 0;
    const { loop, q, seen } = queue(() => (n++ < 2 ? { requeueAfterMs: 250 } : undefined));
    q.add('a');
    loop.runUntilQuiet();
    assert.deepEqual(seen.map((s) => s.at), [0, 250, 500]);
  });

  test('after shutdown nothing is added or processed', () => {
    const { loop, q, seen } = queue(() => undefined);
    q.addAfter('a', 100);
    q.shutdown();
    q.add('b');
    loop.runUntilQuiet();
    assert.deepEqual(seen, []);
  });
});
