/**
 * What kubectl makes of a decoded document: an object (with apiVersion, kind, name and
 * namespace), or a list whose `items` become objects of their own. Mirrors apimachinery's
 * unstructured JSON scheme, which kubectl's resource builder uses:
 * - a document with a top-level `items` field is a list (whatever its kind);
 * - list items with neither kind nor apiVersion take the list's apiVersion and its kind
 *   without the "List" suffix;
 * - an object without a string kind fails with "Object 'Kind' is missing in '<json>'".
 */
import { isMap, isSeq } from 'yaml';
import type { Document } from 'yaml';
import { deref, lookupPair, nodeRange } from './nodes';
import type { FieldSpan, ManifestError, ManifestObject, Range } from './types';

export interface ObjectSource {
  text: string;
  documentIndex: number;
  json: boolean;
  doc: Document.Parsed | undefined;
  /** The document's JSON as kubectl holds it, for error messages. */
  rawJson: () => string;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's json.Marshal of a decoded value: keys sorted, <, > and & escaped. */
export function goJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (!isPlainObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      Object.defineProperty(out, k, { value: sorted(v[k]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return (JSON.stringify(sorted(value)) ?? 'null')
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function span(node: unknown, key: string, value: unknown, src: ObjectSource): FieldSpan | undefined {
  if (typeof value !== 'string' || !isMap(node)) return undefined;
  const pair = lookupPair(node, key, src.json, src.doc);
  const keyRange = pair ? nodeRange(pair.key, src.text) : undefined;
  if (!pair || !keyRange) return undefined;
  return { value, keyRange, valueRange: nodeRange(pair.value, src.text) ?? keyRange };
}

/** Fills apiVersion, kind, name and namespace of `target` from the decoded object and its node. */
export function describe(target: ManifestObject, node: unknown, object: unknown, src: ObjectSource): void {
  if (!isPlainObject(object)) return;
  const apiVersion = span(node, 'apiVersion', object.apiVersion, src);
  const kind = span(node, 'kind', object.kind, src);
  if (apiVersion) target.apiVersion = apiVersion;
  if (kind) target.kind = kind;
  const metadata = object.metadata;
  const metaPair = isMap(node) ? lookupPair(node, 'metadata', src.json, src.doc) : undefined;
  const metaNode = deref(metaPair?.value, src.doc);
  if (isPlainObject(metadata)) {
    const name = span(metaNode, 'name', metadata.name, src);
    const namespace = span(metaNode, 'namespace', metadata.namespace, src);
    if (name) target.name = name;
    if (namespace) target.namespace = namespace;
  }
}

/** Where to underline a problem with a whole object: its first key, or its start. */
export function headRange(node: unknown, fallback: Range, text: string): Range {
  const n = node as { items?: { key?: unknown }[] } | undefined;
  const first = isMap(node) ? nodeRange(n?.items?.[0]?.key, text) : undefined;
  return first ?? nodeRange(node, text) ?? fallback;
}

function error(code: ManifestError['code'], message: string, range: Range, detail?: string): ManifestError {
  return { code, message, range, severity: 'error', fatal: false, ...(detail ? { detail } : {}) };
}

const KIND_DETAIL = 'kubectl needs a kind to know what this object is; it skips the object and goes on with the rest.';

/** Errors about the document as an object (not a mapping, no kind, a bad list). */
export function objectErrors(node: unknown, object: unknown, range: Range, src: ObjectSource): ManifestError[] {
  const at = headRange(node, range, src.text);
  if (!isPlainObject(object)) {
    const what = Array.isArray(object) ? 'a sequence' : `a ${typeof object === 'string' ? 'string' : 'scalar'}`;
    return [error('not-an-object', `a Kubernetes object must be a mapping of fields, but this document is ${what}`, at)];
  }
  const errors: ManifestError[] = [];
  if ('items' in object && object.items !== null && !Array.isArray(object.items)) {
    errors.push(error('not-an-object',
      `json: cannot unmarshal ${goType(object.items)} into Go struct field .items of type []json.RawMessage`, at,
      'A document with a top-level items field is read as a list, and items must be a sequence.'));
  }
  if (typeof object.kind !== 'string' || object.kind === '') {
    errors.push(error('missing-kind', `Object 'Kind' is missing in '${src.rawJson()}'`, at, KIND_DETAIL));
  }
  return errors;
}

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

function goType(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}

/**
 * The objects of a list document. A list with an item that is not a mapping cannot be read at
 * all (`listError`); an item without a kind gets its own error.
 */
export function listItems(node: unknown, object: Record<string, unknown>, src: ObjectSource): { items: ManifestObject[]; listError?: ManifestError } {
  const itemValues = Array.isArray(object.items) ? object.items : [];
  const itemsPair = isMap(node) ? lookupPair(node, 'items', src.json, src.doc) : undefined;
  const seq = deref(itemsPair?.value, src.doc);
  const nodes = isSeq(seq) ? seq.items.map((n) => deref(n, src.doc)) : [];
  const items: ManifestObject[] = [];
  const listKind = typeof object.kind === 'string' ? object.kind : '';
  for (let i = 0; i < itemValues.length; i++) {
    const value = itemValues[i];
    const itemNode = nodes[i];
    const range = nodeRange(itemNode, src.text) ?? headRange(node, { start: 0, end: 0 }, src.text);
    if (!isPlainObject(value)) {
      const listError = error('not-an-object', `json: cannot unmarshal ${Array.isArray(value) ? 'array' : goType(value)} into Go value of type map[string]interface {}`,
        range, 'Every item of a list must be an object; kubectl cannot read this list and skips all of it.');
      return { items, listError };
    }
    const item: ManifestObject = { documentIndex: src.documentIndex, itemIndex: i, range, object: value, text: src.text, json: src.json };
    if (itemNode) item.node = itemNode as NonNullable<ManifestObject['node']>;
    if (src.doc) item.yaml = src.doc;
    describe(item, itemNode, value, src);
    if (!nonEmpty(value.kind) && !nonEmpty(value.apiVersion)) inherit(item, value, object, listKind, node, src);
    items.push(item);
  }
  return { items };
}

function inherit(item: ManifestObject, value: Record<string, unknown>, list: Record<string, unknown>, listKind: string, listNode: unknown, src: ObjectSource): void {
  const kind = listKind.endsWith('List') ? listKind.slice(0, -'List'.length) : listKind;
  const apiVersion = nonEmpty(list.apiVersion) ? list.apiVersion : '';
  const filled: Record<string, unknown> = { ...value, apiVersion, kind };
  item.object = filled;
  const listSpans: ManifestObject = { documentIndex: src.documentIndex, range: item.range, object: list, text: src.text, json: src.json };
  describe(listSpans, listNode, list, src);
  if (listSpans.apiVersion) item.apiVersion = listSpans.apiVersion;
  if (listSpans.kind && kind) item.kind = { ...listSpans.kind, value: kind };
}

/** The error kubectl raises for a list item that has no kind. */
export function itemKindError(item: ManifestObject, text: string): ManifestError | undefined {
  const kind = isPlainObject(item.object) ? item.object.kind : undefined;
  if (typeof kind === 'string' && kind !== '') return undefined;
  const e = error('missing-kind', "Object 'Kind' is missing in 'unstructured object has no kind'",
    headRange(item.node, item.range, text), KIND_DETAIL);
  if (item.itemIndex !== undefined) e.itemIndex = item.itemIndex;
  return e;
}
