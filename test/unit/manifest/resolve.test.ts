import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFloat32G, keyString, parseGoInt, resolvePlain, resolveTagged } from '../../../src/manifest/resolve';

describe('resolvePlain (go-yaml v2 rules, as kubectl 1.33 reads YAML)', () => {
  const cases: [string, string, unknown][] = [
    ['yes', 'bool', true], ['Yes', 'bool', true], ['YES', 'bool', true], ['y', 'bool', true], ['Y', 'bool', true],
    ['on', 'bool', true], ['ON', 'bool', true], ['true', 'bool', true], ['True', 'bool', true],
    ['no', 'bool', false], ['n', 'bool', false], ['off', 'bool', false], ['Off', 'bool', false], ['FALSE', 'bool', false],
    ['tRue', 'str', 'tRue'], ['yES', 'str', 'yES'], ['onn', 'str', 'onn'],
    ['', 'null', null], ['~', 'null', null], ['null', 'null', null], ['Null', 'null', null], ['NULL', 'null', null],
    ['010', 'int', 8], ['0755', 'int', 493], ['00', 'int', 0], ['-010', 'int', -8],
    ['08', 'float', 8], ['09.5', 'float', 9.5],
    ['1.10', 'float', 1.1], ['1.0', 'float', 1], ['2.', 'float', 2], ['1e3', 'float', 1000], ['.5', 'float', 0.5], ['+.5', 'float', 0.5],
    ['1_000', 'int', 1000], ['0x1F', 'int', 31], ['0X1f', 'int', 31], ['0o17', 'int', 15], ['0b101', 'int', 5], ['-0b101', 'int', -5], ['+1', 'int', 1],
    ['99999999999999999999', 'float', 1e20],
    ['1e400', 'str', '1e400'], ['0x', 'str', '0x'], ['-', 'str', '-'], ['1.2.3', 'str', '1.2.3'],
    ['2024-01-01', 'str', '2024-01-01'], ['190:20:30', 'str', '190:20:30'], ['nginx:1.14.2', 'str', 'nginx:1.14.2'],
  ];
  for (const [text, tag, value] of cases) {
    test(`${JSON.stringify(text)} -> ${tag} ${String(value)}`, () => {
      const r = resolvePlain(text);
      assert.equal(r.tag, tag);
      assert.equal(r.value, value);
    });
  }

  test('infinities and NaN are floats', () => {
    assert.equal(resolvePlain('.inf').value, Infinity);
    assert.equal(resolvePlain('-.Inf').value, -Infinity);
    assert.ok(Number.isNaN(resolvePlain('.NaN').value));
  });

  test('integers past 2^63 but within uint64 stay integers, exactly', () => {
    const r = resolvePlain('12345678901234567890');
    assert.equal(r.tag, 'int');
    assert.equal(r.tag === 'int' ? r.exact : undefined, 12345678901234567890n);
  });
});

describe('parseGoInt (strconv.ParseInt with base 0)', () => {
  test('prefixes and signs', () => {
    assert.equal(parseGoInt('0x10'), 16n);
    assert.equal(parseGoInt('-0o10'), -8n);
    assert.equal(parseGoInt('010'), 8n);
    assert.equal(parseGoInt('0'), 0n);
    assert.equal(parseGoInt('09'), undefined);
    assert.equal(parseGoInt('0b2'), undefined);
    assert.equal(parseGoInt('1.0'), undefined);
  });
});

describe('resolveTagged', () => {
  test('core tags convert or fail with go-yaml text', () => {
    assert.deepEqual(resolveTagged('tag:yaml.org,2002:str', '010'), { tag: 'str', value: '010' });
    assert.equal((resolveTagged('tag:yaml.org,2002:int', '0x10') as { value: number }).value, 16);
    assert.deepEqual(resolveTagged('tag:yaml.org,2002:float', '1'), { tag: 'float', value: 1 });
    assert.deepEqual(resolveTagged('tag:yaml.org,2002:bool', 'yes'), { tag: 'bool', value: true });
    assert.deepEqual(resolveTagged('tag:yaml.org,2002:int', 'abc'), { error: 'yaml: cannot decode !!str `abc` as a !!int' });
  });
  test('custom tags keep the text', () => {
    assert.deepEqual(resolveTagged('!foo', '1'), { tag: 'str', value: '1' });
  });
});

describe('keys as sigs.k8s.io/yaml writes them', () => {
  test('bools, ints and floats become strings', () => {
    assert.equal(keyString(resolvePlain('on')), 'true');
    assert.equal(keyString(resolvePlain('n')), 'false');
    assert.equal(keyString(resolvePlain('010')), '8');
    assert.equal(keyString(resolvePlain('1.10')), '1.1');
    assert.equal(keyString(resolvePlain('app')), 'app');
    assert.equal(keyString(resolvePlain('~')), undefined);
  });
  test("strconv.FormatFloat(f, 'g', -1, 32)", () => {
    assert.equal(formatFloat32G(1.5), '1.5');
    assert.equal(formatFloat32G(1000), '1000');
    assert.equal(formatFloat32G(123456), '123456');
    assert.equal(formatFloat32G(1e6), '1e+06');
    assert.equal(formatFloat32G(0.0001), '0.0001');
    assert.equal(formatFloat32G(0.00001), '1e-05');
    assert.equal(formatFloat32G(3.14159265), '3.1415927');
    assert.equal(formatFloat32G(-2.5), '-2.5');
    assert.equal(formatFloat32G(Infinity), '.inf');
    assert.equal(formatFloat32G(NaN), '.nan');
  });
});
