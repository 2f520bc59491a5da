import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sniffJson, splitYamlStream } from '../../../src/manifest/split';

const texts = (text: string): string[] => splitYamlStream(text, 0).map((c) => text.slice(c.start, c.end));

describe('splitYamlStream (kubectl YAMLReader semantics)', () => {
  test('a --- line ends a document; the line itself belongs to neither', () => {
    assert.deepEqual(texts('a: 1\n---\nb: 2\n'), ['a: 1\n', 'b: 2\n']);
  });

  test('a leading --- stays in the first document', () => {
    assert.deepEqual(texts('---\na: 1\n'), ['---\na: 1\n']);
  });

  test('a trailing --- adds no document', () => {
    assert.deepEqual(texts('a: 1\n---\n'), ['a: 1\n']);
  });

  test('comments after --- are allowed, and a blank line counts as content', () => {
    assert.deepEqual(texts('\n--- # two\nb: 2'), ['\n', 'b: 2']);
  });

  test('two separators in a row: the second opens the next document', () => {
    assert.deepEqual(texts('a: 1\n---\n---\nb: 2\n'), ['a: 1\n', '---\nb: 2\n']);
  });

  test('CRLF line ends', () => {
    assert.deepEqual(texts('a: 1\r\n---\r\nb: 2\r\n'), ['a: 1\r\n', 'b: 2\r\n']);
  });

  test('--- must start the line', () => {
    assert.deepEqual(texts('a: |\n  ---\nb: 2\n'), ['a: |\n  ---\nb: 2\n']);
  });

  test('content after --- is an error that belongs to the document being read', () => {
    const chunks = splitYamlStream('a: 1\n--- {b: 2}\nc: 3\n', 0);
    assert.equal(chunks.length, 2);
    assert.equal(chunks[0]?.separatorError?.message, 'invalid Yaml document separator: {b: 2}');
    assert.deepEqual(chunks[0]?.separatorError?.range, { start: 5, end: 15 });
    assert.equal(chunks[1]?.separatorError, undefined);
  });

  test('---- is not a separator kubectl accepts either', () => {
    const chunks = splitYamlStream('----\na: 1\n', 0);
    assert.equal(chunks[0]?.separatorError?.message, 'invalid Yaml document separator: -');
  });
});

describe('sniffJson', () => {
  test('the first non-space character decides', () => {
    assert.equal(sniffJson('  \n {"a": 1}', 0), true);
    assert.equal(sniffJson('a: {"b": 1}', 0), false);
    assert.equal(sniffJson('[1]', 0), false);
    assert.equal(sniffJson('   ', 0), false);
  });
});
