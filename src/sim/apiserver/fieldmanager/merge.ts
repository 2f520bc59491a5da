/**
 * Server-side apply's merge of a configuration into the live object (maps merged key by
 * key, keyed lists item by item, sets as unions, atomic values replaced), and the removal
 * of the fields an applier dropped from its configuration.
 */
import { deepClone } from '../../api/objects';
import { keyElement, valueElement, type FieldPath } from './fieldset';
import { isAlwaysPresent, isAtomicField, itemKey, listKindOf } from './schema';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mergeConfig(live: unknown, config: unknown, name = ''): unknown {
  if (isObj(config)) {
    if (!isObj(live) || isAtomicField(name)) return deepClone(config);
    const out: Obj = { ...live };
    for (const [k, v] of Object.entries(config)) {
      if (v === null || v === undefined) continue;
      out[k] = mergeConfig(live[k], v, k);
    }
    return out;
  }
  if (Array.isArray(config) && Array.isArray(live)) {
    const kind = listKindOf(name, [...config, ...live]);
    if (kind.type === 'set') {
      const seen = new Set(live.map((x) => JSON.stringify(x)));
      return [...live, ...config.filter((x) => !seen.has(JSON.stringify(x)))];
    }
    if (kind.type === 'map') return mergeKeyed(live, config, kind.keys);
  }
  return deepClone(config);
}

/** Live items keep their places; configuration items come in the configuration's order. */
function mergeKeyed(live: unknown[], config: unknown[], keys: readonly string[]): unknown[] {
  const keyOf = (x: unknown): string => JSON.stringify(itemKey(x, keys) ?? null);
  const configIndex = new Map(config.map((x, i) => [keyOf(x), i]));
  const liveByKey = new Map(live.map((x) => [keyOf(x), x]));
  const out: unknown[] = [];
  let next = 0;
  const emitUpTo = (j: number): void => {
    for (; next <= j; next++) {
      const item = config[next];
      out.push(mergeConfig(liveByKey.get(keyOf(item)), item));
    }
  };
  for (const item of live) {
    const j = configIndex.get(keyOf(item));
    if (j === undefined) out.push(item);
    else if (j >= next) emitUpTo(j);
  }
  emitUpTo(config.length - 1);
  return out;
}

/** Removes the value at each path; maps and lists emptied by the removal go too. */
export function removePaths(obj: Obj, paths: readonly FieldPath[]): void {
  for (const path of paths) removeOne(obj, path, 0, '');
}

function removeOne(parent: unknown, path: FieldPath, depth: number, name: string): boolean {
  const el = path[depth];
  if (el === undefined) return false;
  const last = depth === path.length - 1;
  if (isObj(parent) && el.startsWith('f:')) {
    const key = el.slice(2);
    if (!(key in parent)) return false;
    if (last) {
      delete parent[key];
      return true;
    }
    const removed = removeOne(parent[key], path, depth + 1, key);
    if (removed && isEmptyContainer(parent[key]) && !isAlwaysPresent(key)) delete parent[key];
    return removed;
  }
  if (Array.isArray(parent)) {
    const kind = listKindOf(name, parent);
    const i = parent.findIndex((item) =>
      kind.type === 'map' ? keyElement(itemKey(item, kind.keys) ?? {}) === el : valueElement(item) === el,
    );
    if (i < 0) return false;
    if (last) {
      parent.splice(i, 1);
      return true;
    }
    return removeOne(parent[i], path, depth + 1, '');
  }
  return false;
}

function isEmptyContainer(v: unknown): boolean {
  return (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
}
