import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lineCol, lineColAt, parseManifest } from '../../../src/manifest';
import { lineStartsOf, utf8Length } from '../../../src/manifest/text';

describe('lineCol', () => {
  test('0-based lines and characters', () => {
    const text = 'ab\ncd\r\nef\rgh';
    assert.deepEqual(lineCol(text, 0), { line: 0, character: 0 });
    assert.deepEqual(lineCol(text, 4), { line: 1, character: 1 });
    assert.deepEqual(lineCol(text, 7), { line: 2, character: 0 });
    assert.deepEqual(lineCol(text, 10), { line: 3, character: 0 });
    assert.deepEqual(lineCol(text, text.length), { line: 3, character: 2 });
  });

  test('agrees with the line index a parsed manifest keeps', () => {
    const text = 'a: 1\n---\nb:\n  c: 2\n';
    const parsed = parseManifest(text);
    for (let offset = 0; offset <= text.length; offset++) {
      assert.deepEqual(lineColAt(parsed.lineStarts, offset), lineCol(text, offset));
    }
    assert.deepEqual(lineStartsOf(text), [0, 5, 9, 12, 19]);
  });
});

describe('utf8Length', () => {
  test('counts bytes the way Go error offsets do', () => {
    assert.equal(utf8Length('abc'), 3);
    assert.equal(utf8Length('é'), 2);
    assert.equal(utf8Length('€'), 3);
    assert.equal(utf8Length('😀'), 4);
  });
});
