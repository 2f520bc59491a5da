/** The selector quick fix: the edited text is what a person would have written. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest, type ManifestObject } from '../../../../src/manifest';
import { selectorLabelsFix } from '../../../../src/host/language/selectorFix';

function fixed(text: string, index = 0): string | undefined {
  const doc = parseManifest(text).documents[index] as ManifestObject;
  const fix = selectorLabelsFix(doc);
  if (!fix) return undefined;
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, e.range.start) + e.text + out.slice(e.range.end);
  return out;
}

const head = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n      tier: "1"\n';

describe('selectorLabelsFix', () => {
  test('corrects a different value and adds a missing key under block labels, keeping comments', () => {
    const text = `${head}  template:\n    metadata:\n      labels:\n        app: api # the app\n    spec: {}\n`;
    assert.equal(fixed(text), `${head}  template:\n    metadata:\n      labels:\n        app: web # the app\n        tier: "1"\n    spec: {}\n`);
  });

  test('adds labels to metadata, and metadata to the template, when they are missing', () => {
    assert.equal(
      fixed(`${head}  template:\n    metadata:\n      name: x\n    spec: {}\n`),
      `${head}  template:\n    metadata:\n      name: x\n      labels:\n        app: web\n        tier: "1"\n    spec: {}\n`,
    );
    assert.equal(
      fixed(`${head}  template:\n    spec: {}\n`),
      `${head}  template:\n    spec: {}\n    metadata:\n      labels:\n        app: web\n        tier: "1"\n`,
    );
  });

  test('fills an empty labels key and a flow mapping', () => {
    assert.equal(
      fixed(`${head}  template:\n    metadata:\n      labels:\n    spec: {}\n`),
      `${head}  template:\n    metadata:\n      labels:\n        app: web\n        tier: "1"\n    spec: {}\n`,
    );
    assert.equal(
      fixed(`${head}  template:\n    metadata:\n      labels: {app: web}\n    spec: {}\n`),
      `${head}  template:\n    metadata:\n      labels: {app: web, tier: "1"}\n    spec: {}\n`,
    );
  });

  test('JSON manifests get JSON', () => {
    const text = '{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {"metadata": {"labels": {"app": "api", "x": "y"}}}}}';
    assert.equal(fixed(text), text.replace('"app": "api"', '"app": "web"'));
    const bare = '{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {"metadata": {"name": "t"}}}}';
    assert.equal(fixed(bare), bare.replace('{"name": "t"}', '{"name": "t", "labels": {"app": "web"}}'));
  });

  test('no fix when the labels already match or there is no selector', () => {
    assert.equal(fixed(`${head}  template:\n    metadata:\n      labels: {app: web, tier: "1"}\n`), undefined);
    assert.equal(fixed('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n'), undefined);
  });
});

test('labels: null becomes a flow mapping', () => {
  assert.equal(
    fixed(`${head}  template:\n    metadata:\n      labels: null\n`),
    `${head}  template:\n    metadata:\n      labels: {app: web, tier: "1"}\n`,
  );
});
