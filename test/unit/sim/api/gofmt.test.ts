import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { goNumber, goQuote, goSyntax, GoStringer } from '../../../../src/sim/api/gofmt';
import { errorBody, fieldErrors } from '../../../../src/sim/api/fieldErrors';

describe('Go formatting', () => {
  test('strconv.Quote', () => {
    assert.equal(goQuote('web'), '"web"');
    assert.equal(goQuote('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(goQuote('tab\there\n'), '"tab\\there\\n"');
    assert.equal(goQuote('\x01'), '"\\x01"');
    assert.equal(goQuote('héllo ☃'), '"héllo ☃"');
  });

  test('numbers and %#v', () => {
    assert.equal(goNumber(3), '3');
    assert.equal(goNumber(0.5), '0.5');
    assert.equal(goNumber(1e-5), '1e-05');
    assert.equal(goSyntax([1, 2]), '[]int{1, 2}');
    assert.equal(goSyntax([]), '[]string{}');
    assert.equal(goSyntax(['a', 1]), '[]interface {}{"a", 1}');
    assert.equal(goSyntax({ z: 1, a: 2 }), 'map[string]int{"a":2, "z":1}');
    assert.equal(goSyntax(new GoStringer('1Gi')), '1Gi');
  });

  test('field errors survive structuredClone', () => {
    const e = fieldErrors.tooMany('spec.x', -1, 5);
    assert.equal(e.message, 'spec.x: Too many: must have at most 5 items');
    assert.equal(structuredClone(e).message, e.message);
    assert.equal(errorBody(structuredClone(e)), 'Too many: must have at most 5 items');
  });
});
