/**
 * Node tree -> the plain value kubectl would send. YAML follows sigs.k8s.io/yaml's
 * Unmarshal (go-yaml v2, non-strict): scalars resolve per resolve.ts, keys become JSON
 * strings, a repeated key silently keeps its last value, `<<` merges overwrite keys written
 * before them, aliases copy their anchor. JSON values follow encoding/json.
 * Problems are pushed to `ctx.errors`; the best-effort value is returned regardless.
 */
import { isAlias, isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import { deref, isMergeKey, keyOf, nodeRange, scalarSource } from './nodes';
import { resolvePlain, resolveTagged, type Resolved } from './resolve';
import type { ManifestError, ManifestErrorCode, Range } from './types';

export interface DecodeContext {
  text: string;
  doc: Document.Parsed | undefined;
  json: boolean;
  errors: ManifestError[];
  /** 1-based line as go-yaml counts it: from the start of this document's text. */
  docLine(offset: number): number;
  /** 1-based line in the whole file. */
  fileLine(offset: number): number;
  decodeCount: number;
  aliasCount: number;
  inAlias: number;
  expanding: Set<unknown>;
}

class ExcessiveAliasing extends Error {}

const BINARY = 'tag:yaml.org,2002:binary';

export function newDecodeContext(
  text: string, doc: Document.Parsed | undefined, json: boolean, errors: ManifestError[],
  docLine: (offset: number) => number, fileLine: (offset: number) => number,
): DecodeContext {
  return { text, doc, json, errors, docLine, fileLine, decodeCount: 0, aliasCount: 0, inAlias: 0, expanding: new Set() };
}

/** Decodes the document's root node; never throws. */
export function decodeRoot(node: unknown, ctx: DecodeContext): unknown {
  try {
    return decodeValue(node, ctx);
  } catch (e) {
    if (!(e instanceof ExcessiveAliasing)) throw e;
    report(ctx, 'bad-alias', 'yaml: document contains excessive aliasing', rangeOf(node, ctx), true);
    return null;
  }
}

export function report(
  ctx: Pick<DecodeContext, 'errors'>, code: ManifestErrorCode, message: string, range: Range,
  fatal: boolean, detail?: string, severity: 'error' | 'warning' = 'error',
): void {
  if (ctx.errors.some((e) => e.code === code && e.range.start === range.start && e.message === message)) return;
  ctx.errors.push({ code, message, range, severity, fatal, ...(detail ? { detail } : {}) });
}

function rangeOf(node: unknown, ctx: DecodeContext): Range {
  return nodeRange(node, ctx.text) ?? { start: 0, end: 0 };
}

function count(ctx: DecodeContext): void {
  ctx.decodeCount++;
  if (ctx.inAlias > 0) ctx.aliasCount++;
  // go-yaml v2's guard against alias bombs ("billion laughs"), with its ratio limits.
  const n = ctx.decodeCount;
  const allowed = n <= 400_000 ? 0.99 : n >= 4_000_000 ? 0.1 : 0.99 - 0.89 * ((n - 400_000) / 3_600_000);
  if (ctx.aliasCount > 100 && n > 1000 && ctx.aliasCount / n > allowed) throw new ExcessiveAliasing();
}

export function decodeValue(node: unknown, ctx: DecodeContext): unknown {
  count(ctx);
  if (isAlias(node)) return decodeAlias(node, ctx);
  if (isMap(node)) return decodeMap(node, ctx);
  if (isSeq(node)) return node.items.map((item) => decodeValue(item, ctx));
  if (isScalar(node)) return decodeScalar(node, ctx);
  return null;
}

function decodeAlias(node: unknown, ctx: DecodeContext): unknown {
  const target = deref(node, ctx.doc);
  if (target === node) {
    const name = isAlias(node) ? node.source : '';
    report(ctx, 'bad-alias', `yaml: unknown anchor '${name}' referenced`, rangeOf(node, ctx), true);
    return null;
  }
  if (ctx.expanding.has(target)) {
    const name = isAlias(node) ? node.source : '';
    report(ctx, 'bad-alias', `yaml: anchor '${name}' value contains itself`, rangeOf(node, ctx), true);
    return null;
  }
  ctx.expanding.add(target);
  ctx.inAlias++;
  try {
    return decodeValue(target, ctx);
  } finally {
    ctx.inAlias--;
    ctx.expanding.delete(target);
  }
}

function decodeScalar(node: Scalar, ctx: DecodeContext): unknown {
  const source = scalarSource(node) ?? '';
  if (ctx.json) return node.type === Scalar.PLAIN ? jsonLiteral(source) : source;
  let resolved: Resolved;
  if (node.tag) {
    const r = resolveTagged(node.tag, source);
    if ('error' in r) {
      report(ctx, 'bad-tag', r.error, rangeOf(node, ctx), true);
      return source;
    }
    if (node.tag === BINARY) return decodeBinary(source, node, ctx);
    resolved = r;
  } else if (node.type === Scalar.PLAIN) {
    resolved = resolvePlain(source);
  } else {
    return source;
  }
  if (resolved.tag === 'float' && !Number.isFinite(resolved.value)) {
    const v = Number.isNaN(resolved.value) ? 'NaN' : resolved.value > 0 ? '+Inf' : '-Inf';
    report(ctx, 'unsupported-value', `error converting YAML to JSON: json: unsupported value: ${v}`,
      rangeOf(node, ctx), true, 'JSON has no infinity or NaN, so kubectl cannot send this value.');
  }
  return resolved.value;
}

function jsonLiteral(source: string): unknown {
  if (source === 'true') return true;
  if (source === 'false') return false;
  if (source === 'null') return null;
  return Number(source);
}

function decodeBinary(source: string, node: Scalar, ctx: DecodeContext): string {
  const compact = source.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    report(ctx, 'bad-tag', 'yaml: !!binary value contains invalid base64 data', rangeOf(node, ctx), true);
    return source;
  }
  const bytes = Uint8Array.from(atob(compact), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

interface Entry {
  value: unknown;
  merged: boolean;
  keyOffset: number;
}

function decodeMap(map: YAMLMap, ctx: DecodeContext): Record<string, unknown> {
  const entries = new Map<string, Entry>();
  for (const pair of map.items) {
    if (isMergeKey(pair.key, ctx.json)) {
      mergeInto(entries, pair.value, ctx);
      continue;
    }
    const key = decodeKey(pair.key, pair.value, ctx);
    const value = decodeValue(pair.value, ctx);
    if (key === undefined) continue;
    const keyRange = rangeOf(pair.key, ctx);
    const previous = entries.get(key);
    if (previous && !previous.merged) duplicate(key, previous, keyRange, pair.value, ctx);
    entries.set(key, { value, merged: false, keyOffset: keyRange.start });
  }
  const result: Record<string, unknown> = {};
  // defineProperty keeps a "__proto__" key an ordinary own property, as in JSON.
  for (const [key, entry] of entries) {
    Object.defineProperty(result, key, { value: entry.value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function duplicate(key: string, previous: Entry, keyRange: Range, valueNode: unknown, ctx: DecodeContext): void {
  const at = (nodeRange(valueNode, ctx.text) ?? keyRange).start;
  const message = `line ${ctx.docLine(at)}: key ${JSON.stringify(key)} already set in map`;
  const detail =
    `The key "${key}" appears twice in this mapping (file lines ${ctx.fileLine(previous.keyOffset)} and ` +
    `${ctx.fileLine(keyRange.start)}). kubectl apply -f decodes YAML with go-yaml v2 in non-strict mode, so it ` +
    'keeps the last value and drops the first without a word. Strict decoders (the API server reading a YAML ' +
    'body with fieldValidation=Strict, go-yaml v3) reject the document instead.';
  report(ctx, 'duplicate-key', message, keyRange, false, detail, 'warning');
}

function decodeKey(keyNode: unknown, valueNode: unknown, ctx: DecodeContext): string | undefined {
  const node = deref(keyNode, ctx.doc);
  const range = keyNode ? rangeOf(keyNode, ctx) : rangeOf(valueNode, ctx);
  if (isMap(node) || isSeq(node)) {
    report(ctx, 'unsupported-key', 'yaml: invalid map key: a mapping or sequence cannot be a key', range, true);
    return undefined;
  }
  if (isScalar(node) && node.tag && !ctx.json) {
    const r = resolveTagged(node.tag, scalarSource(node) ?? '');
    if ('error' in r) {
      report(ctx, 'bad-tag', r.error, range, true);
      return undefined;
    }
  }
  const key = keyOf(node, ctx.json, ctx.doc);
  if (key === undefined) {
    report(ctx, 'unsupported-key',
      `error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: ${goValue(valueNode)}`,
      range, true, 'A null key (empty, ~ or null) cannot become a JSON object key.');
  }
  return key;
}

/** Go's %+#v for the simple cases an error message needs. */
function goValue(node: unknown): string {
  if (!isScalar(node)) return node ? '…' : '<nil>';
  const r = node.type === Scalar.PLAIN ? resolvePlain(scalarSource(node) ?? '') : ({ tag: 'str', value: scalarSource(node) ?? '' } as const);
  return r.tag === 'str' ? JSON.stringify(r.value) : r.tag === 'null' ? '<nil>' : String(r.value);
}

function mergeInto(entries: Map<string, Entry>, valueNode: unknown, ctx: DecodeContext): void {
  const value = deref(valueNode, ctx.doc);
  const sources = isSeq(value) ? [...value.items].reverse().map((n) => ({ ref: n, node: deref(n, ctx.doc) })) : [{ ref: valueNode, node: value }];
  for (const { ref, node } of sources) {
    if (!isMap(node)) {
      report(ctx, 'bad-merge', 'yaml: map merge requires map or sequence of maps as the value', rangeOf(valueNode, ctx), true);
      return;
    }
    const merged = decodeValue(ref, ctx);
    if (!merged || typeof merged !== 'object') continue;
    for (const [key, v] of Object.entries(merged)) {
      entries.set(key, { value: v, merged: true, keyOffset: rangeOf(ref, ctx).start });
    }
  }
}
