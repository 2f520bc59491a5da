import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalQuantity,
  compareQuantities,
  parseQuantity,
  Quantity,
  QUANTITY_ERR_FORMAT,
  tryParseQuantity,
} from '../../../../src/sim/api/quantity';

describe('Quantity', () => {
  test('canonical forms as the apiserver stores them', () => {
    const cases: [string | number, string][] = [
      ['0.5', '500m'],
      ['1.5', '1500m'],
      ['1000', '1k'],
      ['1000m', '1'],
      ['100m', '100m'],
      ['0.1', '100m'],
      ['.5', '500m'],
      ['1Gi', '1Gi'],
      ['1024Mi', '1Gi'],
      ['1536Mi', '1536Mi'],
      ['1.5Gi', '1536Mi'],
      ['0.5Gi', '512Mi'],
      ['0.1Ki', '102400m'],
      ['2048', '2048'],
      ['1e3', '1e3'],
      ['1.5e3', '1500'],
      ['12e6', '12e6'],
      ['129M', '129M'],
      ['128974848', '128974848'],
      ['0.0000000001', '1n'],
      ['-1.5Gi', '-1536Mi'],
      ['0Mi', '0'],
      ['1.0', '1'],
      [1, '1'],
      [0.25, '250m'],
      ['+1', '+1'],
    ];
    for (const [input, want] of cases) assert.equal(canonicalQuantity(input), want, String(input));
  });

  test('parse errors carry upstream texts', () => {
    for (const bad of ['abc', '1Q', '', '1.2.3', ' ']) {
      assert.throws(() => parseQuantity(bad), { message: QUANTITY_ERR_FORMAT }, bad);
    }
    assert.equal(
      QUANTITY_ERR_FORMAT,
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    assert.throws(() => parseQuantity('1K'), { message: "unable to parse quantity's suffix" });
    assert.throws(() => parseQuantity('1e'), { message: "unable to parse quantity's suffix" });
    assert.equal(tryParseQuantity('nope'), undefined);
  });

  test('arithmetic and comparison are exact', () => {
    assert.equal(parseQuantity('0.1').add(parseQuantity('0.2')).toString(), '300m');
    assert.equal(parseQuantity('1Gi').sub(parseQuantity('512Mi')).toString(), '512Mi');
    assert.equal(compareQuantities('1', '1000m'), 0);
    assert.equal(compareQuantities('1Gi', '1G'), 1);
    assert.equal(compareQuantities('100m', '0.2'), -1);
    assert.equal(parseQuantity('250m').milliValue(), 250);
    assert.equal(parseQuantity('1.5').value(), 2);
    assert.equal(parseQuantity('1Gi').asInt64(), 1073741824);
    assert.equal(parseQuantity('1.5').asInt64(), undefined);
    assert.equal(Quantity.fromMilli(1500).toString(), '1500m');
    assert.equal(JSON.stringify({ cpu: parseQuantity('0.5') }), '{"cpu":"500m"}');
    assert.ok(parseQuantity('0').isZero());
  });
});
