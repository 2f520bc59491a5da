import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseFieldPath, parseManifest, rangeOfPath } from '../../../src/manifest';
import type { ManifestObject } from '../../../src/manifest';

const nginx = readFileSync(new URL('../../../examples/nginx.yaml', import.meta.url), 'utf8');
const parsed = parseManifest(nginx);
const deployment = parsed.documents[0] as ManifestObject;
const at = (obj: ManifestObject, path: string, prefer?: 'key' | 'value'): string | undefined => {
  const r = rangeOfPath(obj, path, prefer);
  return r ? obj.text.slice(r.start, r.end) : undefined;
};

describe('parseFieldPath', () => {
  test('dots, indexes and bracketed keys', () => {
    assert.deepEqual(parseFieldPath('spec.template.spec.containers[0].ports[1].containerPort'),
      ['spec', 'template', 'spec', 'containers', '0', 'ports', '1', 'containerPort']);
    assert.deepEqual(parseFieldPath('metadata.labels[app]'), ['metadata', 'labels', 'app']);
    assert.deepEqual(parseFieldPath('metadata.annotations[example.com/x]'), ['metadata', 'annotations', 'example.com/x']);
    assert.deepEqual(parseFieldPath('.spec.replicas'), ['spec', 'replicas']);
    assert.deepEqual(parseFieldPath('data["a.b"]'), ['data', 'a.b']);
  });
});

describe('rangeOfPath', () => {
  test('key by default, value on request', () => {
    assert.equal(at(deployment, 'spec.replicas'), 'replicas');
    assert.equal(at(deployment, 'spec.replicas', 'value'), '3');
  });

  test('deep paths through sequences', () => {
    assert.equal(at(deployment, 'spec.template.spec.containers[0].image', 'value'), 'nginx:1.14.2');
    assert.equal(at(deployment, 'spec.template.spec.containers[0].ports[0].containerPort'), 'containerPort');
  });

  test('map keys in brackets', () => {
    assert.equal(at(deployment, 'metadata.labels[app]', 'value'), 'nginx');
  });

  test('a collection value spans its items, without the trailing comment', () => {
    assert.equal(at(deployment, 'spec.selector.matchLabels', 'value'), 'app: nginx');
    assert.equal(at(deployment, 'spec.selector.matchLabels'), 'matchLabels');
  });

  test('deeper than what exists: the deepest existing ancestor key', () => {
    assert.equal(at(deployment, 'spec.template.spec.containers[0].ports[1].containerPort'), 'ports');
    assert.equal(at(deployment, 'metadata.annotations[example.com/x]'), 'metadata');
    assert.equal(at(deployment, 'spec.replicas.foo', 'value'), 'replicas');
    assert.equal(at(deployment, 'spec.template.spec.containers[0].env[0].value'), 'image');
  });

  test('a missing top-level field falls back to the kind key', () => {
    assert.equal(at(deployment, 'status.replicas'), 'kind');
  });

  test('a sequence item: its first key, or its whole value', () => {
    assert.equal(at(deployment, 'spec.template.spec.containers[0]'), 'image');
    assert.equal(at(deployment, 'spec.template.spec.containers[0].ports[0]', 'value'), 'containerPort: 80');
  });

  test('annotation keys with dots and slashes', () => {
    const text = 'kind: Pod\nmetadata:\n  annotations:\n    example.com/x: "1"\n    a.b: c\n';
    const obj = parseManifest(text).documents[0] as ManifestObject;
    assert.equal(at(obj, 'metadata.annotations[example.com/x]', 'value'), '"1"');
    assert.equal(at(obj, 'metadata.annotations[a.b]'), 'a.b');
  });

  test('a key found through a merge points at the anchored text', () => {
    const text = 'kind: X\nbase: &b\n  image: nginx\nspec:\n  <<: *b\n  replicas: 2\n';
    const obj = parseManifest(text).documents[0] as ManifestObject;
    const r = rangeOfPath(obj, 'spec.image', 'value');
    assert.equal(r?.start, text.indexOf('nginx'));
  });

  test('JSON documents', () => {
    const text = '{"kind": "Pod", "spec": {"containers": [{"name": "a", "image": "x"}]}}';
    const obj = parseManifest(text).documents[0] as ManifestObject;
    assert.equal(at(obj, 'spec.containers[0].image', 'value'), '"x"');
    assert.equal(at(obj, 'spec.containers[0].image'), '"image"');
  });

  test('list items resolve relative to the item', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- kind: ConfigMap\n  data: {a: b}\n- kind: Secret\n  data: {c: d}\n';
    const doc = parseManifest(text).documents[0];
    const second = doc?.items?.[1] as ManifestObject;
    assert.equal(at(second, 'data[c]', 'value'), 'd');
    assert.equal(at(second, 'kind', 'value'), 'Secret');
  });

  test('empty document: no range', () => {
    const doc = parseManifest('# nothing\n').documents[0] as ManifestObject;
    assert.equal(rangeOfPath(doc, 'spec'), undefined);
  });
});
