/**
 * Kubernetes field paths (as API server errors print them) -> source ranges.
 * A path is dot-separated with bracketed parts for list indexes and map keys:
 * `spec.template.spec.containers[0].image`, `metadata.labels[app]`,
 * `metadata.annotations[example.com/x]`; a leading dot is allowed.
 */
import { isMap, isSeq } from 'yaml';
import { deref, lookupPair, nodeRange, type AnyPair } from './nodes';
import { headRange } from './object';
import type { ManifestObject, Range } from './types';

/** Splits a field path into its keys and indexes. */
export function parseFieldPath(path: string): string[] {
  const segments: string[] = [];
  let i = path.startsWith('.') ? 1 : 0;
  let current = '';
  let pending = false;
  while (i < path.length) {
    const c = path.charAt(i);
    if (c === '.') {
      if (pending || current) segments.push(current);
      current = '';
      pending = false;
      i++;
    } else if (c === '[') {
      if (pending || current) segments.push(current);
      const close = path.indexOf(']', i + 1);
      const end = close < 0 ? path.length : close;
      let key = path.slice(i + 1, end);
      if (key.length >= 2 && /^(["']).*\1$/.test(key)) key = key.slice(1, -1);
      segments.push(key);
      current = '';
      pending = false;
      i = end + 1;
    } else {
      current += c;
      pending = true;
      i++;
    }
  }
  if (pending || current) segments.push(current);
  return segments;
}

interface Step {
  pair?: AnyPair;
  item?: unknown;
}

/**
 * The source range of the field at `path` in `obj`: of its key (default) or of its value.
 * When the path goes deeper than the object does, the range of the deepest existing
 * ancestor's key; when not even the first step exists, the `kind` key (or the object's head).
 */
export function rangeOfPath(
  obj: ManifestObject, path: string | readonly string[], prefer: 'key' | 'value' = 'key',
): Range | undefined {
  const src = obj.text;
  const segments = typeof path === 'string' ? parseFieldPath(path) : path;
  const doc = obj.yaml;
  const json = obj.json;
  let node: unknown = deref(obj.node, doc);
  if (!node) return undefined;
  let last: Step | undefined;
  let complete = true;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = lookupPair(node, segment, json, doc);
      if (!pair) {
        complete = false;
        break;
      }
      last = { pair };
      node = deref(pair.value, doc);
    } else if (isSeq(node) && /^\d+$/.test(segment) && Number(segment) < node.items.length) {
      const item = node.items[Number(segment)];
      last = { item };
      node = deref(item, doc);
    } else {
      complete = false;
      break;
    }
  }
  if (!last) return segments.length === 0 ? nodeRange(obj.node, src) : fallbackRange(obj, src);
  if (last.pair) {
    const keyRange = nodeRange(last.pair.key, src);
    if (complete && prefer === 'value') {
      const valueRange = nodeRange(last.pair.value, src);
      if (valueRange && valueRange.end > valueRange.start) return valueRange;
    }
    return keyRange;
  }
  if (complete && prefer === 'value') return nodeRange(last.item, src);
  return headRange(deref(last.item, doc), obj.range, src);
}

function fallbackRange(obj: ManifestObject, src: string): Range {
  return obj.kind?.keyRange ?? headRange(obj.node, obj.range, src);
}
