import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseManifest } from '../../../src/manifest';
import type { ManifestDocument, Range } from '../../../src/manifest';

const nginx = readFileSync(new URL('../../../examples/nginx.yaml', import.meta.url), 'utf8');
const slice = (text: string, r: Range | undefined): string | undefined => (r ? text.slice(r.start, r.end) : undefined);
const only = (text: string): ManifestDocument => {
  const docs = parseManifest(text).documents;
  assert.equal(docs.length, 1);
  return docs[0] as ManifestDocument;
};
const codes = (doc: ManifestDocument): string[] => doc.errors.map((e) => e.code);

describe('parseManifest: the nginx example', () => {
  const parsed = parseManifest(nginx);
  test('two documents, a Deployment and a Service', () => {
    assert.equal(parsed.json, false);
    assert.deepEqual(parsed.documents.map((d) => [d.index, d.kind?.value, d.name?.value, d.apiVersion?.value]), [
      [0, 'Deployment', 'nginx-deployment', 'apps/v1'],
      [1, 'Service', 'nginx-service', 'v1'],
    ]);
    assert.deepEqual(parsed.documents.flatMap((d) => d.errors), []);
  });

  test('objects are what kubectl sends (comments gone, numbers numbers)', () => {
    assert.deepEqual(parsed.documents[0]?.object, {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'nginx-deployment', labels: { app: 'nginx' } },
      spec: {
        replicas: 3, selector: { matchLabels: { app: 'nginx' } },
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: { containers: [{ image: 'nginx:1.14.2', name: 'nginx', ports: [{ containerPort: 80 }] }] },
        },
      },
    });
  });

  test('document ranges follow kubectl: the second starts after the --- line', () => {
    const [first, second] = parsed.documents;
    assert.ok(first && second);
    assert.equal(first.range.start, 0);
    assert.equal(nginx.slice(first.range.end, second.range.start), '---\n');
    assert.equal(second.range.end, nginx.length);
  });

  test('field spans point at the key and the value', () => {
    const d = parsed.documents[0];
    assert.equal(slice(nginx, d?.kind?.keyRange), 'kind');
    assert.equal(slice(nginx, d?.kind?.valueRange), 'Deployment');
    assert.equal(slice(nginx, d?.name?.valueRange), 'nginx-deployment');
    assert.equal(d?.namespace, undefined);
  });

  test('each document keeps its yaml Document, with whole-file offsets', () => {
    const d = parsed.documents[1];
    const range = d?.yaml?.contents?.range;
    assert.ok(range);
    assert.equal(nginx.slice(range[0], range[0] + 'apiVersion'.length), 'apiVersion');
  });
});

describe('parseManifest: documents', () => {
  test('comment-only and null documents are empty', () => {
    const docs = parseManifest('# header\n---\n# nothing\n---\n~\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n').documents;
    assert.deepEqual(docs.map((d) => d.empty), [true, true, true, false]);
    assert.equal(docs[3]?.kind?.value, 'Namespace');
  });

  test('an empty file has no documents', () => {
    assert.deepEqual(parseManifest('').documents, []);
  });

  test('CRLF and a byte order mark', () => {
    const text = '\ufeff---\r\napiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: a\r\n';
    const d = only(text);
    assert.equal(d.name?.value, 'a');
    assert.equal(slice(text, d.name?.valueRange), 'a');
  });

  test('flow style', () => {
    const d = only('apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ns}\n');
    assert.deepEqual([d.kind?.value, d.name?.value, d.namespace?.value], ['Pod', 'p', 'ns']);
  });

  test('a file starting with { is read as JSON by kubectl, even when it is YAML flow style', () => {
    const parsed = parseManifest('{apiVersion: v1, kind: Pod}');
    assert.equal(parsed.json, true);
    assert.deepEqual(parsed.documents.flatMap((d) => d.errors.map((e) => e.message)), [
      "json: offset 2: invalid character 'a' looking for beginning of object key string",
    ]);
  });

  test('a document end marker: kubectl reads only the first YAML document of the part', () => {
    const d = only('apiVersion: v1\nkind: Pod\n...\nkind: Service\n');
    assert.equal(d.kind?.value, 'Pod');
    assert.deepEqual(codes(d), ['extra-document']);
  });
});

describe('parseManifest: YAML 1.1 as kubectl reads it', () => {
  test('yes/on/010/1.10 and friends', () => {
    const d = only('kind: ConfigMap\ndata:\n  a: yes\n  b: on\n  c: 010\n  d: 1.10\n  e: 2024-01-01\n  f: "yes"\n  g: |\n    010\n  h: 0x1F\n  i: ~\n  j: 1_000\n');
    assert.deepEqual((d.object as { data: unknown }).data, {
      a: true, b: true, c: 8, d: 1.1, e: '2024-01-01', f: 'yes', g: '010\n', h: 31, i: null, j: 1000,
    });
  });

  test('keys become JSON strings the go-yaml way', () => {
    const d = only('kind: X\nlabels:\n  on: a\n  n: b\n  010: c\n  1.10: d\n  "yes": e\n');
    assert.deepEqual((d.object as { labels: unknown }).labels, { true: 'a', false: 'b', 8: 'c', '1.1': 'd', yes: 'e' });
  });

  test('explicit tags', () => {
    const d = only('kind: X\na: !!str 010\nb: !!int "12"\nc: !!float 1\nd: !custom yes\ne: !!binary aGVsbG8=\n');
    const o = d.object as Record<string, unknown>;
    assert.deepEqual([o.a, o.b, o.c, o.d, o.e], ['010', 12, 1, 'yes', 'hello']);
    assert.deepEqual(codes(only('kind: X\na: !!int abc\n')), ['bad-tag']);
  });

  test('anchors, aliases and go-yaml v2 merge keys (a merge overwrites keys written before it)', () => {
    const d = only('kind: X\nbase: &b {x: 1, z: 2}\nm:\n  z: 9\n  <<: *b\n  x: 3\ncopy: *b\nmany:\n  <<: [{p: first}, {p: second, q: 2}]\n');
    const o = d.object as Record<string, unknown>;
    assert.deepEqual(o.m, { z: 2, x: 3 });
    assert.deepEqual(o.copy, { x: 1, z: 2 });
    assert.deepEqual(o.many, { p: 'first', q: 2 });
    assert.deepEqual(codes(d), []);
    assert.deepEqual(codes(only('kind: X\nm:\n  <<: 5\n')), ['bad-merge']);
  });

  test('an alias bomb stops with go-yaml\'s excessive aliasing error', () => {
    let text = 'kind: X\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const d = only(text);
    assert.deepEqual(d.errors.map((e) => [e.code, e.fatal, e.message]), [['bad-alias', true, 'yaml: document contains excessive aliasing']]);
  });

  test('a __proto__ key is an ordinary field', () => {
    const o = only('kind: X\n__proto__: {polluted: true}\n').object as Record<string, unknown>;
    assert.deepEqual(Object.keys(o), ['kind', '__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('parseManifest: errors', () => {
  test('duplicate keys: a warning, and the last value wins as in kubectl', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n';
    const d = only(text);
    assert.equal(d.name?.value, 'b');
    assert.deepEqual(d.errors.map((e) => [e.code, e.severity, e.fatal, e.message]), [
      ['duplicate-key', 'warning', false, 'line 5: key "name" already set in map'],
    ]);
    assert.equal(slice(text, d.errors[0]?.range), 'name');
    assert.match(d.errors[0]?.detail ?? '', /file lines 4 and 5/);
  });

  test('duplicate-key lines count from the document start, as go-yaml sees it', () => {
    const docs = parseManifest('kind: A\n---\nkind: B\nx: 1\nx: 2\n').documents;
    assert.equal(docs[1]?.errors[0]?.message, 'line 3: key "x" already set in map');
  });

  test('keys that collide only after conversion are duplicates too', () => {
    assert.deepEqual(codes(only('kind: X\nm:\n  on: 1\n  true: 2\n')), ['duplicate-key']);
  });

  test('tabs in indentation are fatal, with go-yaml text', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n';
    const d = only(text);
    const e = d.errors.find((x) => x.code === 'tab-indent');
    assert.equal(e?.message, 'yaml: line 4: found character that cannot start any token');
    assert.equal(e?.fatal, true);
    assert.equal(slice(text, e?.range), '\t');
  });

  test('broken YAML is a fatal syntax error at the right place', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: a: b\n';
    const d = only(text);
    assert.deepEqual(codes(d), ['yaml-syntax']);
    assert.equal(d.errors[0]?.fatal, true);
    assert.equal(d.errors[0]?.range.start, text.indexOf('a: b'));
  });

  test('an invalid separator is fatal', () => {
    const docs = parseManifest('kind: A\n--- {kind: B}\nkind: C\n').documents;
    assert.equal(docs[0]?.errors[0]?.message, 'invalid Yaml document separator: {kind: B}');
    assert.equal(docs[0]?.errors[0]?.fatal, true);
    assert.equal(docs[1]?.kind?.value, 'C');
  });

  test('a missing kind uses apimachinery text with the JSON kubectl made', () => {
    const d = only('metadata: {name: a}\napiVersion: v1\n');
    assert.deepEqual(d.errors.map((e) => [e.code, e.fatal, e.message]), [
      ['missing-kind', false, `Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"a"}}'`],
    ]);
  });

  test('a document that is not a mapping', () => {
    assert.deepEqual(codes(only('- a\n- b\n')), ['not-an-object']);
    assert.deepEqual(codes(only('just text\n')), ['not-an-object']);
  });

  test('infinity and null keys cannot become JSON', () => {
    const d = only('kind: X\na: .inf\n~: 1\n');
    assert.deepEqual(d.errors.map((e) => e.message), [
      'error converting YAML to JSON: json: unsupported value: +Inf',
      'error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: 1',
    ]);
  });

  test('an alias to an unknown anchor is fatal, as in go-yaml', () => {
    const d = only('kind: X\na: *nope\n');
    assert.deepEqual(d.errors.map((e) => [e.code, e.fatal, e.message]), [['bad-alias', true, "yaml: unknown anchor 'nope' referenced"]]);
  });
});

describe('parseManifest: JSON and lists', () => {
  test('a JSON stream', () => {
    const text = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}\n{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b"}, "spec": {"x": "yes"}}\nnull\n';
    const parsed = parseManifest(text);
    assert.equal(parsed.json, true);
    assert.deepEqual(parsed.documents.map((d) => [d.name?.value, d.empty, d.json]), [['a', false, true], ['b', false, true], [undefined, true, true]]);
    assert.deepEqual((parsed.documents[1]?.object as { spec: unknown }).spec, { x: 'yes' });
    assert.equal(slice(text, parsed.documents[1]?.name?.valueRange), '"b"');
  });

  test('JSON syntax errors stop the stream with Go text', () => {
    const docs = parseManifest('{"kind": "A"}\n{"kind": "B",}\n').documents;
    assert.equal(docs.length, 2);
    assert.equal(docs[1]?.errors[0]?.message, "json: offset 15: invalid character '}' looking for beginning of object key string");
    assert.equal(docs[1]?.errors[0]?.fatal, true);
  });

  test('JSON numbers and booleans stay as written, even where YAML 1.1 would differ', () => {
    const o = only('{"kind": "X", "a": "on", "b": 1.10, "c": true}').object as Record<string, unknown>;
    assert.deepEqual([o.a, o.b, o.c], ['on', 1.1, true]);
  });

  test('kind: List exposes each item, with its range; bare items inherit from the list', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: one}\n- metadata: {name: two}\n';
    const d = only(text);
    assert.equal(d.items?.length, 2);
    const [one, two] = d.items ?? [];
    assert.deepEqual([one?.kind?.value, one?.name?.value, one?.itemIndex], ['ConfigMap', 'one', 0]);
    assert.equal(slice(text, one?.range)?.startsWith('apiVersion: v1\n  kind: ConfigMap'), true);
    assert.deepEqual(two?.object, { metadata: { name: 'two' }, apiVersion: 'v1', kind: '' });
    assert.deepEqual(d.errors.map((e) => [e.code, e.itemIndex, e.message]), [
      ['missing-kind', 1, "Object 'Kind' is missing in 'unstructured object has no kind'"],
    ]);
  });

  test('a typed list (PodList) in JSON gives its items the kind Pod', () => {
    const d = only('{"apiVersion": "v1", "kind": "PodList", "items": [{"metadata": {"name": "p"}}]}');
    assert.deepEqual(d.items?.map((i) => [i.kind?.value, i.name?.value, (i.object as { kind: string }).kind]), [['Pod', 'p', 'Pod']]);
  });

  test('a list with an item that is not an object cannot be read', () => {
    const d = only('apiVersion: v1\nkind: List\nitems:\n- 5\n');
    assert.equal(d.items, undefined);
    assert.deepEqual(codes(d), ['not-an-object']);
  });
});
