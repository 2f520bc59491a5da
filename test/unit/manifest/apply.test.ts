import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { documentsForApply, parseManifest, planApply } from '../../../src/manifest';

const names = (text: string): string[] => documentsForApply(parseManifest(text)).map((o) => `${o.kind}/${o.name ?? ''}`);
const ns = (name: string): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: team\n`;

describe('documentsForApply', () => {
  test('the nginx example: the Deployment, then the Service', () => {
    const objects = documentsForApply(parseManifest(readFileSync(new URL('../../../examples/nginx.yaml', import.meta.url), 'utf8')));
    assert.deepEqual(objects.map((o) => [o.documentIndex, o.kind, o.name, o.apiVersion]), [
      [0, 'Deployment', 'nginx-deployment', 'apps/v1'],
      [1, 'Service', 'nginx-service', 'v1'],
    ]);
    assert.equal((objects[0]?.object as { spec: { replicas: number } }).spec.replicas, 3);
  });

  test('file order, with no Namespace-first sorting (kubectl does not sort)', () => {
    assert.deepEqual(names(`${cm('a')}---\n${ns('team')}`), ['ConfigMap/a', 'Namespace/team']);
  });

  test('empty documents are skipped', () => {
    assert.deepEqual(names(`# only a comment\n---\n${cm('a')}---\n---\n~\n`), ['ConfigMap/a']);
  });

  test('lists are flattened into their items', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n- ${ns('x').replace(/\n(?=.)/g, '\n  ')}- ${cm('cfg').replace(/\n(?=.)/g, '\n  ')}`;
    const objects = documentsForApply(parseManifest(text));
    assert.deepEqual(objects.map((o) => [o.kind, o.name, o.namespace, o.itemIndex]), [['Namespace', 'x', undefined, 0], ['ConfigMap', 'cfg', 'team', 1]]);
  });

  test('reading stops at the first document kubectl cannot decode', () => {
    const text = `${cm('a')}---\n${cm('b')}  labels: a: b\n---\n${cm('c')}`;
    const plan = planApply(parseManifest(text));
    assert.deepEqual(plan.objects.map((o) => o.name), ['a']);
    assert.equal(plan.stoppedAt?.documentIndex, 1);
    assert.equal(plan.stoppedAt?.error.code, 'yaml-syntax');
  });

  test('a bad separator loses the document being read too', () => {
    const plan = planApply(parseManifest(`${cm('a')}---\n${cm('b')}--- x\n${cm('c')}`));
    assert.deepEqual(plan.objects.map((o) => o.name), ['a']);
    assert.equal(plan.stoppedAt?.error.message, 'invalid Yaml document separator: x');
  });

  test('an object without a kind is skipped; the rest still goes', () => {
    const plan = planApply(parseManifest(`${cm('a')}---\nmetadata: {name: b}\n---\n${cm('c')}`));
    assert.deepEqual(plan.objects.map((o) => o.name), ['a', 'c']);
    assert.deepEqual(plan.skipped.map((s) => [s.documentIndex, s.error.code]), [[1, 'missing-kind']]);
  });

  test('in a list, an item without a kind ends the list', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {metadata: {name: b}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n';
    const plan = planApply(parseManifest(text));
    assert.deepEqual(plan.objects.map((o) => o.name), ['a']);
    assert.deepEqual(plan.skipped.map((s) => [s.itemIndex, s.error.code]), [[1, 'missing-kind']]);
  });

  test('name: y is the boolean true to kubectl, so the object has no usable name', () => {
    const [o] = documentsForApply(parseManifest(cm('y')));
    assert.equal(o?.name, undefined);
    assert.deepEqual((o?.object as { metadata: unknown }).metadata, { name: true, namespace: 'team' });
  });

  test('duplicate keys do not stop apply; the last value is sent', () => {
    const objects = documentsForApply(parseManifest('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n  name: second\n'));
    assert.deepEqual(objects.map((o) => o.name), ['second']);
  });

  test('JSON streams', () => {
    assert.deepEqual(names('{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "j"}}\n{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}'), ['Namespace/j', 'Pod/p']);
  });
});
