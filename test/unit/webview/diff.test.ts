import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { countChanges, hunks, lineDiff } from '../../../webview/model/diff';

describe('lineDiff', () => {
  test('marks added and removed lines between common ones', () => {
    const diff = lineDiff(['a', 'b', 'c', 'd'], ['a', 'c', 'x', 'd']);
    assert.deepEqual(diff, [
      { op: ' ', text: 'a' },
      { op: '-', text: 'b' },
      { op: ' ', text: 'c' },
      { op: '+', text: 'x' },
      { op: ' ', text: 'd' },
    ]);
    assert.deepEqual(countChanges(diff), { added: 1, removed: 1 });
  });

  test('reproduces both sides exactly (property)', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (before, after) => {
        const diff = lineDiff(before, after);
        assert.deepEqual(diff.filter((l) => l.op !== '+').map((l) => l.text), before);
        assert.deepEqual(diff.filter((l) => l.op !== '-').map((l) => l.text), after);
      }),
    );
  });

  test('keeps only changes and their context, with gaps marked', () => {
    const before = Array.from({ length: 20 }, (_, k) => `line ${k}`);
    const after = [...before];
    after[10] = 'changed';
    const shown = hunks(lineDiff(before, after), 2);
    assert.equal(shown[0], null);
    assert.equal(shown[shown.length - 1], null);
    assert.deepEqual(shown.slice(1, -1).map((l) => `${l?.op}${l?.text}`), [' line 8', ' line 9', '-line 10', '+changed', ' line 11', ' line 12']);
  });
});
