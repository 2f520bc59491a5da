import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../../src/sim/core';
import {
  generateName,
  generateNameFrom,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
} from '../../../../src/sim/api/names';

const subdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('names', () => {
  test('DNS-1123 subdomain', () => {
    assert.deepEqual(isDNS1123Subdomain('web.example-1'), []);
    assert.deepEqual(isDNS1123Subdomain('Web'), [subdomainMsg]);
    assert.deepEqual(isDNS1123Subdomain('a'.repeat(254)), ['must be no more than 253 characters']);
  });

  test('DNS-1123 label', () => {
    assert.deepEqual(isDNS1123Label('nginx'), []);
    assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
    assert.deepEqual(isDNS1123Label('-a'), [
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    assert.deepEqual(isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
  });

  test('DNS-1035 label', () => {
    assert.deepEqual(isDNS1035Label('svc-1'), []);
    assert.deepEqual(isDNS1035Label('1svc'), [
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  test('qualified names (label keys)', () => {
    assert.deepEqual(isQualifiedName('app'), []);
    assert.deepEqual(isQualifiedName('app.kubernetes.io/name'), []);
    assert.deepEqual(isQualifiedName('/x'), ['prefix part must be non-empty']);
    assert.deepEqual(isQualifiedName('example.com/'), ['name part must be non-empty', `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`]);
    assert.deepEqual(isQualifiedName('a/b/c'), [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
    assert.equal(isQualifiedName('Bad_/x')[0]?.startsWith('prefix part a lowercase RFC 1123 subdomain'), true);
  });

  test('label values', () => {
    assert.deepEqual(isValidLabelValue(''), []);
    assert.deepEqual(isValidLabelValue('my_value.1'), []);
    assert.deepEqual(isValidLabelValue('-x'), [
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
    assert.equal(isValidLabelValue('a'.repeat(64))[0], 'must be no more than 63 characters');
  });

  test('config keys and port names', () => {
    assert.deepEqual(isConfigMapKey('game.properties'), []);
    assert.deepEqual(isConfigMapKey('..a'), ["must not start with '..'"]);
    assert.deepEqual(isValidPortName('http'), []);
    assert.deepEqual(isValidPortName('80'), ['must contain at least one letter (a-z)']);
  });

  test('generateName keeps 58 characters of the base', () => {
    assert.equal(generateName('web-7d4b9c8f5d-', 'abcde'), 'web-7d4b9c8f5d-abcde');
    const long = 'x'.repeat(70);
    assert.equal(generateName(long, 'abcde'), 'x'.repeat(58) + 'abcde');
    const a = generateNameFrom('web-', new Rng(1));
    assert.match(a, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.equal(a, generateNameFrom('web-', new Rng(1)));
  });
});
