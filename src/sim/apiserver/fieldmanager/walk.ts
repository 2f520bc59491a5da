/**
 * Field sets of objects: the set an applied configuration names (every leaf and every list
 * item it mentions, as ToFieldSet), and what changed between two versions of an object
 * (added, modified, removed; as TypedValue.Compare), which is what an update takes over.
 */
import { FieldSet, field, keyElement, valueElement, type FieldPath } from './fieldset';
import { isAlwaysPresent, isAtomicField, itemKey, listKindOf } from './schema';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function absent(v: unknown): boolean {
  return v === undefined || v === null;
}

/**
 * Every member of a value at `path`. `items` also makes each map (and each pointer
 * struct) a member of its own, as a comparison reports an added map.
 */
function collect(value: unknown, path: FieldPath, name: string, set: FieldSet, items: boolean): void {
  if (absent(value)) return;
  if (isObj(value)) {
    const keys = Object.keys(value).filter((k) => !absent(value[k]));
    if (isAtomicField(name) || keys.length === 0) {
      set.insert(path);
      return;
    }
    if (items && !isAlwaysPresent(name)) set.insert(path);
    for (const k of keys) collect(value[k], [...path, field(k)], k, set, items);
    return;
  }
  if (Array.isArray(value)) {
    const kind = listKindOf(name, value);
    if (kind.type === 'atomic' || value.length === 0) {
      set.insert(path);
      return;
    }
    if (items && !isAlwaysPresent(name)) set.insert(path);
    for (const item of value) {
      if (kind.type === 'set') {
        set.insert([...path, valueElement(item)]);
        continue;
      }
      const key = itemKey(item, kind.keys);
      if (!key || !isObj(item)) continue;
      const at = [...path, keyElement(key)];
      set.insert(at);
      for (const [k, v] of Object.entries(item)) collect(v, [...at, field(k)], k, set, items);
    }
    return;
  }
  set.insert(path);
}

/** The fields an applied configuration sets: leaves and list items (ToFieldSet). */
export function appliedFieldSet(config: Obj): FieldSet {
  const set = new FieldSet();
  for (const [k, v] of Object.entries(config)) collect(v, [field(k)], k, set, false);
  return set;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** What changed from `before` to `after`, path by path. */
export function compareObjects(before: Obj | undefined, after: Obj): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareMaps(before ?? {}, after, [], c);
  return c;
}

function compareMaps(a: Obj, b: Obj, path: FieldPath, c: Comparison): void {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) compareValues(a[k], b[k], [...path, field(k)], k, c);
}

function compareValues(a: unknown, b: unknown, path: FieldPath, name: string, c: Comparison): void {
  if (absent(a) && absent(b)) return;
  if (absent(a)) return collect(b, path, name, c.added, true);
  if (absent(b)) return collect(a, path, name, c.removed, true);
  if (isObj(a) && isObj(b) && !isAtomicField(name)) return compareMaps(a, b, path, c);
  if (Array.isArray(a) && Array.isArray(b)) {
    const kind = listKindOf(name, [...b, ...a]);
    if (kind.type === 'set') return compareSets(a, b, path, c);
    if (kind.type === 'map') return compareKeyed(a, b, kind.keys, path, c);
  }
  if (!sameJson(a, b)) c.modified.insert(path);
}

function compareSets(a: unknown[], b: unknown[], path: FieldPath, c: Comparison): void {
  const as = new Set(a.map((x) => JSON.stringify(x)));
  const bs = new Set(b.map((x) => JSON.stringify(x)));
  for (const x of b) if (!as.has(JSON.stringify(x))) c.added.insert([...path, valueElement(x)]);
  for (const x of a) if (!bs.has(JSON.stringify(x))) c.removed.insert([...path, valueElement(x)]);
}

function compareKeyed(a: unknown[], b: unknown[], keys: readonly string[], path: FieldPath, c: Comparison): void {
  const index = (list: unknown[]): Map<string, Obj> => {
    const m = new Map<string, Obj>();
    for (const item of list) {
      const key = itemKey(item, keys);
      if (key && isObj(item)) m.set(keyElement(key), item);
    }
    return m;
  };
  const ai = index(a);
  const bi = index(b);
  for (const [el, item] of bi) {
    const at = [...path, el];
    const before = ai.get(el);
    if (before) compareMaps(before, item, at, c);
    else {
      c.added.insert(at);
      for (const [k, v] of Object.entries(item)) collect(v, [...at, field(k)], k, c.added, true);
    }
  }
  for (const [el, item] of ai) {
    if (bi.has(el)) continue;
    const at = [...path, el];
    c.removed.insert(at);
    for (const [k, v] of Object.entries(item)) collect(v, [...at, field(k)], k, c.removed, true);
  }
}

/** Equality of JSON values, key order ignored (a stored number and its string differ). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ao = a as Obj;
  const bo = b as Obj;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => sameJson(ao[k], bo[k]));
}
