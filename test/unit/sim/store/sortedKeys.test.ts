import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SortedKeys, compareKeys } from '../../../../src/sim/store/sortedKeys';

function all(index: SortedKeys<number>, from = ''): string[] {
  const out: string[] = [];
  index.scan(from, (k) => {
    out.push(k);
    return true;
  });
  return out;
}

describe('compareKeys', () => {
  test('orders by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF21 is EF BC A1 in UTF-8; U+1F600 is F0 9F 98 80, so it sorts after.
    assert.ok(compareKeys('\uff21', '\u{1f600}') < 0);
    assert.ok(compareKeys('a', 'ab') < 0);
    assert.ok(compareKeys('b', 'ab') > 0);
    assert.equal(compareKeys('x', 'x'), 0);
  });
});

describe('SortedKeys', () => {
  test('keeps thousands of keys in order across chunk splits and removals', () => {
    const index = new SortedKeys<number>();
    const keys: string[] = [];
    // A fixed permutation so inserts land all over the index.
    for (let i = 0; i < 3000; i++) keys.push(`/k/${String((i * 7919) % 3000).padStart(5, '0')}`);
    for (const k of keys) index.upsert(k, 0, true);
    index.upsert(keys[0] as string, 1, true);
    assert.equal(index.size, 3000);
    const sorted = [...keys].sort();
    assert.deepEqual(all(index), sorted);
    for (let i = 0; i < 3000; i += 3) index.remove(sorted[i] as string);
    index.remove('/k/missing');
    const left = sorted.filter((_, i) => i % 3 !== 0);
    assert.deepEqual(all(index), left);
    assert.deepEqual(all(index, '/k/02000').slice(0, 2), left.filter((k) => k >= '/k/02000').slice(0, 2));
    const values: number[] = [];
    index.scan('', (_, v) => values.push(v) < 5);
    assert.deepEqual(values, [0, 0, 0, 0, 0]);
    index.upsert(left[0] as string, 7, true);
    index.scan('', (_, v) => values.push(v) < 6);
    assert.equal(values[5], 7);
  });

  test('countLive counts live keys from a start key under a prefix', () => {
    const index = new SortedKeys<number>();
    for (let i = 0; i < 2000; i++) index.upsert(`/a/${String(i).padStart(4, '0')}`, i, i % 2 === 0);
    for (let i = 0; i < 10; i++) index.upsert(`/b/${i}`, i, true);
    index.upsert('/a0', 0, true);
    assert.equal(index.countLive('/a/', '/a/'), 1000);
    assert.equal(index.countLive('/a/1000', '/a/'), 500);
    assert.equal(index.countLive('/a/1001', '/a/'), 499);
    assert.equal(index.countLive('/b/', '/b/'), 10);
    assert.equal(index.countLive('', ''), 1011);
    index.upsert('/a/0000', 0, false);
    index.upsert('/a/0001', 1, true);
    assert.equal(index.countLive('/a/', '/a/'), 1000);
  });
});
