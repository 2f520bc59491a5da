import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintManifest, parseManifest } from '../../../src/manifest';
import type { ManifestDiagnostic } from '../../../src/manifest';

const lint = (text: string): ManifestDiagnostic[] => lintManifest(parseManifest(text));
const summary = (text: string): [string, string, string][] =>
  lint(text).map((d) => [d.code, d.path, text.slice(d.range.start, d.range.end)]);

const pod = (body: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${body}`;

describe('lintManifest', () => {
  test('the nginx example is clean', () => {
    assert.deepEqual(lint(readFileSync(new URL('../../../examples/nginx.yaml', import.meta.url), 'utf8')), []);
  });

  test('labels: YAML 1.1 booleans, numbers and changed keys', () => {
    const text = pod('  labels:\n    enabled: yes\n    version: 1.10\n    build: 0755\n    release: true\n    ok: "yes"\n    on: x\n');
    assert.deepEqual(summary(text), [
      ['yaml11-bool', 'metadata.labels.enabled', 'yes'],
      ['number-in-string-field', 'metadata.labels.version', '1.10'],
      ['number-in-string-field', 'metadata.labels.build', '0755'],
      ['bool-in-string-field', 'metadata.labels.release', 'true'],
      ['key-changed', 'metadata.labels.true', 'on'],
    ]);
    const [bool, version] = lint(text);
    assert.match(bool?.message ?? '', /boolean true .*API server rejects/);
    assert.match(version?.message ?? '', /kubectl reads 1\.10 as the number 1\.1/);
    assert.deepEqual(bool?.fix && { ...bool.fix, range: undefined }, { kind: 'quote', title: 'Quote as "yes"', range: undefined, text: '"yes"' });
    assert.equal(bool?.severity, 'warning');
  });

  test('env values must be strings', () => {
    const text = pod('spec:\n  containers:\n  - name: c\n    image: nginx\n    env:\n    - name: DEBUG\n      value: on\n    - name: PORT\n      value: 8080\n    - name: OK\n      value: "8080"\n');
    assert.deepEqual(summary(text), [
      ['yaml11-bool', 'spec.containers[0].env[0].value', 'on'],
      ['number-in-string-field', 'spec.containers[0].env[1].value', '8080'],
    ]);
  });

  test('boolean fields take yes/no without a warning; unknown fields get one', () => {
    const text = pod('spec:\n  hostNetwork: yes\n  containers:\n  - name: c\n    tty: on\n  custom: no\n');
    assert.deepEqual(summary(text), [['yaml11-bool', 'spec.custom', 'no']]);
    assert.match(lint(text)[0]?.message ?? '', /not as the string "no"/);
  });

  test('octal numbers: fine for file modes, a replace fix for integer fields, a quote elsewhere', () => {
    const text = pod('spec:\n  securityContext:\n    runAsUser: 010\n  volumes:\n  - name: v\n    configMap:\n      name: c\n      defaultMode: 0644\n  zip: 01234\n');
    assert.deepEqual(summary(text), [
      ['octal-number', 'spec.securityContext.runAsUser', '010'],
      ['octal-number', 'spec.zip', '01234'],
    ]);
    const [user, zip] = lint(text);
    assert.equal(user?.fix?.kind, 'replace');
    assert.equal(user?.fix?.text, '10');
    assert.match(user?.message ?? '', /sends 8/);
    assert.equal(zip?.fix?.text, '"01234"');
  });

  test('version-like floats in free fields', () => {
    const text = 'apiVersion: example.com/v1\nkind: Thing\nspec:\n  version: 1.10\n  ratio: 0.5\n  big: 1e3\n';
    assert.deepEqual(summary(text), [['version-float', 'spec.version', '1.10'], ['version-float', 'spec.big', '1e3']]);
  });

  test('args, command and string maps of ConfigMaps and Service selectors', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  port: 8080\n  debug: off\n---\n' +
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector:\n    tier: 1\n  ports:\n  - port: 80\n---\n' +
      pod('spec:\n  containers:\n  - name: c\n    args: [--v, 2, yes]\n');
    assert.deepEqual(lint(text).map((d) => [d.documentIndex, d.code, d.path]), [
      [0, 'number-in-string-field', 'data.port'],
      [0, 'yaml11-bool', 'data.debug'],
      [1, 'number-in-string-field', 'spec.selector.tier'],
      [2, 'number-in-string-field', 'spec.containers[0].args[1]'],
      [2, 'yaml11-bool', 'spec.containers[0].args[2]'],
    ]);
  });

  test('quoted, tagged and block values are left alone', () => {
    assert.deepEqual(lint(pod('  labels:\n    a: "yes"\n    b: \'1.10\'\n    c: !!str on\n  annotations:\n    d: |\n      yes\n')), []);
  });

  test('annotation keys with dots get bracketed paths', () => {
    const text = pod('  annotations:\n    example.com/enabled: yes\n');
    assert.deepEqual(lint(text).map((d) => d.path), ['metadata.annotations[example.com/enabled]']);
  });

  test('JSON: no YAML 1.1 rules, but type mistakes in string fields', () => {
    const text = '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "labels": {"a": "yes"}}, "data": {"n": 1, "b": false, "s": "1.10"}}';
    assert.deepEqual(summary(text), [['number-in-string-field', 'data.n', '1'], ['bool-in-string-field', 'data.b', 'false']]);
    assert.equal(lint(text)[0]?.fix?.text, '"1"');
  });

  test('list items are linted with their own kind', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  data:\n    a: 1\n';
    const [d] = lint(text);
    assert.deepEqual([d?.code, d?.path, d?.itemIndex, d?.documentIndex], ['number-in-string-field', 'data.a', 0, 0]);
  });
});
