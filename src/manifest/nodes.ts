/**
 * Small helpers over the `yaml` package's nodes: ranges, keys as kubectl reads them, lookups.
 * Node ranges are already offsets into the whole text (see compose.ts).
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { keyString, resolvePlain, resolveTagged } from './resolve';
import type { Range } from './types';

export type AnyPair = Pair<unknown, unknown>;

/** The node a value stands for: an alias is followed to its anchor. */
export function deref(node: unknown, doc: Document.Parsed | undefined): unknown {
  if (isAlias(node) && doc) return node.resolve(doc) ?? node;
  return node;
}

/** True for a pair whose key is a plain `<<` (a YAML merge key, which go-yaml v2 honours). */
export function isMergeKey(key: unknown, json: boolean): boolean {
  return !json && isScalar(key) && key.type === Scalar.PLAIN && !key.tag && key.source === '<<';
}

/**
 * The JSON key kubectl makes of a mapping key node: `yes` becomes "true", `010` becomes "8".
 * Undefined for keys that cannot be JSON keys (null, collections).
 */
export function keyOf(key: unknown, json: boolean, doc?: Document.Parsed): string | undefined {
  const node = deref(key, doc);
  if (!isScalar(node)) return undefined;
  const source = typeof node.source === 'string' ? node.source : String(node.value ?? '');
  if (json || node.type !== Scalar.PLAIN) {
    if (!node.tag || json) return source;
  }
  if (node.tag) {
    const r = resolveTagged(node.tag, source);
    return 'error' in r ? undefined : keyString(r);
  }
  return keyString(resolvePlain(source));
}

/** The scalar's text as written (folded for multi-line plain scalars), or undefined. */
export function scalarSource(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  return typeof node.source === 'string' ? node.source : undefined;
}

/** Range of a node's value, without trailing comments, newlines or following blank lines. */
export function nodeRange(node: unknown, text: string): Range | undefined {
  if (!node || typeof node !== 'object' || !('range' in node)) return undefined;
  const r = (node as YamlNode).range;
  if (!r) return undefined;
  if (isCollection(node) && !node.flow) {
    const last = node.items[node.items.length - 1];
    const end = last === undefined ? undefined : isPair(last) ? pairRange(last, text)?.end : nodeRange(last, text)?.end;
    return { start: r[0], end: end ?? r[0] };
  }
  let end = r[1];
  while (end > r[0] && /\s/.test(text.charAt(end - 1))) end--;
  return { start: r[0], end };
}

/** From the key's start to the value's end. */
export function pairRange(pair: AnyPair, text: string): Range | undefined {
  const k = nodeRange(pair.key, text);
  if (!k) return undefined;
  const v = nodeRange(pair.value, text);
  return { start: k.start, end: v && v.end > k.end ? v.end : k.end };
}

/**
 * The pair of `map` whose key kubectl reads as `key`: the last one written wins, and keys
 * brought in by a `<<` merge count too (go-yaml v2 lets a merge overwrite the keys written
 * before it, so a pair wins over a merge only when it comes after the merge key).
 */
export function lookupPair(map: YAMLMap, key: string, json: boolean, doc?: Document.Parsed): AnyPair | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i] as AnyPair | undefined;
    if (!pair) continue;
    if (isMergeKey(pair.key, json)) {
      const value = deref(pair.value, doc);
      const sources = isSeq(value) ? value.items.map((n) => deref(n, doc)) : [value];
      for (const source of sources) {
        const found = isMap(source) ? lookupPair(source, key, json, doc) : undefined;
        if (found) return found;
      }
    } else if (keyOf(pair.key, json, doc) === key) return pair;
  }
  return undefined;
}

/** Index of the last item whose start is <= offset, by binary search (items are in order). */
export function lastStartingAtOrBefore<T>(items: readonly T[], offset: number, start: (t: T) => number | undefined): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = items[mid];
    const s = item === undefined ? undefined : start(item);
    if (s !== undefined && s <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Start offset of a map pair (its key) or a sequence item. */
export function itemStart(item: unknown): number | undefined {
  const node = isPair(item) ? item.key : item;
  if (node && typeof node === 'object' && 'range' in node) return (node as YamlNode).range?.[0];
  return undefined;
}
