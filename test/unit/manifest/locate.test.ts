import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { documentAt, parseManifest, pathAt } from '../../../src/manifest';
import type { FieldLocation, Range } from '../../../src/manifest';

const nginx = readFileSync(new URL('../../../examples/nginx.yaml', import.meta.url), 'utf8');
const parsed = parseManifest(nginx);
const slice = (r: Range | undefined): string | undefined => (r ? nginx.slice(r.start, r.end) : undefined);
/** The location at `offsetInNeedle` characters into the first occurrence of `needle`. */
const at = (needle: string, offsetInNeedle = 0, from = 0): FieldLocation | undefined => {
  const i = nginx.indexOf(needle, from);
  assert.ok(i >= 0, needle);
  return pathAt(parsed, i + offsetInNeedle);
};

describe('pathAt', () => {
  test('on a key', () => {
    const loc = at('replicas: 3', 2);
    assert.deepEqual(loc?.path, ['spec', 'replicas']);
    assert.equal(loc?.schemaPath, 'spec.replicas');
    assert.equal(loc?.onKey, true);
    assert.equal(slice(loc?.keyRange), 'replicas');
    assert.equal(slice(loc?.valueRange), '3');
    assert.equal(loc?.kind, 'Deployment');
    assert.equal(loc?.apiVersion, 'apps/v1');
    assert.equal(loc?.documentIndex, 0);
  });

  test('on a value inside a sequence item', () => {
    const loc = at('nginx:1.14.2', 3);
    assert.deepEqual(loc?.path, ['spec', 'template', 'spec', 'containers', '0', 'image']);
    assert.equal(loc?.schemaPath, 'spec.template.spec.containers.image');
    assert.equal(loc?.onKey, false);
    assert.equal(slice(loc?.valueRange), 'nginx:1.14.2');
  });

  test('the end of a word still counts', () => {
    assert.deepEqual(at('replicas: 3', 'replicas'.length)?.path, ['spec', 'replicas']);
  });

  test('label keys are map entries: the schema path stops at the map', () => {
    const loc = at('app: nginx # label value', 1);
    assert.deepEqual(loc?.path, ['spec', 'selector', 'matchLabels', 'app']);
    assert.equal(loc?.schemaPath, 'spec.selector.matchLabels');
  });

  test('second document', () => {
    const loc = at('targetPort: 80', 0);
    assert.deepEqual(loc?.path, ['spec', 'ports', '0', 'targetPort']);
    assert.equal(loc?.kind, 'Service');
    assert.equal(loc?.documentIndex, 1);
  });

  test('comments, separators and the space between keys', () => {
    assert.equal(pathAt(parsed, 0), undefined);
    assert.equal(at('---\n', 1), undefined);
    // In the indentation before a nested key: the innermost field whose text spans the spot.
    const loc = at('    app: nginx\nspec:', 0);
    assert.deepEqual(loc?.path, ['metadata', 'labels']);
    assert.equal(loc?.onKey, false);
    assert.deepEqual(at('    app: nginx\nspec:', 2)?.path, ['metadata', 'labels']);
    assert.deepEqual(at('replicas: 3 # number', 'replicas: 3 #'.length)?.path, ['spec']);
  });

  test('given a document instead of the whole manifest', () => {
    const doc = parsed.documents[1];
    assert.ok(doc);
    assert.deepEqual(pathAt(doc, nginx.indexOf('ClusterIP'))?.path, ['spec', 'type']);
    assert.equal(documentAt(parsed, nginx.indexOf('ClusterIP')), doc);
  });

  test('a scalar item of a sequence has no key', () => {
    const text = 'kind: Pod\nspec:\n  containers:\n  - name: c\n    args: [--a, --b]\n';
    const loc = pathAt(parseManifest(text), text.indexOf('--b') + 1);
    assert.deepEqual(loc?.path, ['spec', 'containers', '0', 'args', '1']);
    assert.equal(loc?.schemaPath, 'spec.containers.args');
    assert.equal(loc?.keyRange, undefined);
    assert.equal(loc && text.slice(loc.valueRange?.start, loc.valueRange?.end), '--b');
  });

  test('list items: the path is relative to the item, with its kind', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  spec:\n    type: NodePort\n';
    const loc = pathAt(parseManifest(text), text.indexOf('NodePort'));
    assert.deepEqual(loc?.path, ['spec', 'type']);
    assert.equal(loc?.itemIndex, 0);
    assert.equal(loc?.kind, 'Service');
  });

  test('JSON', () => {
    const text = '{\n  "kind": "Pod",\n  "spec": {"containers": [{"image": "x"}]}\n}\n';
    const loc = pathAt(parseManifest(text), text.indexOf('"image"') + 2);
    assert.deepEqual(loc?.path, ['spec', 'containers', '0', 'image']);
    assert.equal(loc?.onKey, true);
  });

  test('keys are reported as kubectl sends them', () => {
    const text = 'kind: X\nmetadata:\n  labels:\n    on: a\n';
    assert.deepEqual(pathAt(parseManifest(text), text.indexOf('on:'))?.path, ['metadata', 'labels', 'true']);
  });

  test('a large file: every document and field is found from the parsed manifest', () => {
    let text = '';
    for (let i = 0; i < 300; i++) {
      text += `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  key${i}: value${i}\n`;
    }
    const big = parseManifest(text);
    assert.equal(big.documents.length, 300);
    for (const i of [0, 1, 150, 299]) {
      const loc = pathAt(big, text.indexOf(`value${i}\n`));
      assert.deepEqual(loc?.path, ['data', `key${i}`]);
      assert.equal(loc?.documentIndex, i);
    }
  });
});
