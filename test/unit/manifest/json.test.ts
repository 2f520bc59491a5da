import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scanJsonStream } from '../../../src/manifest/json';

describe('scanJsonStream (encoding/json Decoder messages)', () => {
  test('finds consecutive values', () => {
    const text = '{"a": 1}\n{"b": [1, 2.5e3, true, null, "x\\u00e9"]}';
    const s = scanJsonStream(text, 0);
    assert.equal(s.error, undefined);
    assert.deepEqual(s.values.map((r) => text.slice(r.start, r.end)), ['{"a": 1}', '{"b": [1, 2.5e3, true, null, "x\\u00e9"]}']);
  });

  const errors: [string, string][] = [
    ['{"a": 1,}', "json: offset 9: invalid character '}' looking for beginning of object key string"],
    ['{"a" 1}', "json: offset 6: invalid character '1' after object key"],
    ['{"a": 1 "b": 2}', "json: offset 9: invalid character '\"' after object key:value pair"],
    ['{"a": [1 2]}', "json: offset 10: invalid character '2' after array element"],
    ['{"a": tru}', "json: offset 10: invalid character '}' in literal true (expecting 'e')"],
    ['{"a": 01}', "json: offset 8: invalid character '1' after object key:value pair"],
    ['{"a": -x}', "json: offset 8: invalid character 'x' in numeric literal"],
    ['{"a": \'x\'}', "json: offset 7: invalid character '\\'' looking for beginning of value"],
    ['{"a": "\\q"}', "json: offset 9: invalid character 'q' in string escape code"],
    ['{"a": 1', 'unexpected EOF'],
  ];
  for (const [text, message] of errors) {
    test(message, () => {
      assert.equal(scanJsonStream(text, 0).error?.message, message);
    });
  }

  test('the offset counts UTF-8 bytes from the end of the previous value', () => {
    const s = scanJsonStream('{"é": 1} ,', 0);
    assert.equal(s.values.length, 1);
    assert.equal(s.error?.message, "json: offset 2: invalid character ',' looking for beginning of value");
    assert.equal(scanJsonStream('{"é" 1}', 0).error?.message, "json: offset 7: invalid character '1' after object key");
  });
});
