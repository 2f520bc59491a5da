/**
 * kubectl apply's three-way patch: from the last applied configuration (original), the
 * file (modified) and the live object (current), the strategic merge patch that makes the
 * live object match the file while leaving fields others set alone.
 */
import { MERGE_PRIMITIVES, mergeKeyFor } from '../api/mergeKeys';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when every field of `want` is present in `have` with an equal value. */
export function isSubset(want: unknown, have: unknown, field = ''): boolean {
  if (isObj(want)) {
    if (!isObj(have)) return false;
    return Object.entries(want).every(([k, v]) => v === null ? have[k] === undefined : isSubset(v, have[k], k));
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(have)) return false;
    if (MERGE_PRIMITIVES.has(field)) return want.every((x) => have.some((y) => JSON.stringify(x) === JSON.stringify(y)));
    const key = mergeKeyFor(field, want);
    if (key) {
      if (want.length !== have.length) return false;
      return want.every((w, i) => isObj(w) && isObj(have[i]) && w[key] === (have[i] as Obj)[key] && isSubset(w, have[i], ''));
    }
    return want.length === have.length && want.every((w, i) => isSubset(w, have[i], ''));
  }
  return want === have || (typeof want === 'number' && typeof have === 'string' && String(want) === have);
}

/** The patch that turns `current` into something `modified` is a subset of, deleting what `original` had and `modified` dropped. */
export function threeWayPatch(original: unknown, modified: Obj, current: Obj): Obj {
  const patch: Obj = {};
  const orig = isObj(original) ? original : {};
  for (const [k, v] of Object.entries(modified)) {
    const cur = current[k];
    if (isObj(v)) {
      if (!isObj(cur)) {
        patch[k] = v;
        continue;
      }
      const sub = threeWayPatch(orig[k], v, cur);
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (Array.isArray(v)) {
      const p = listPatch(k, Array.isArray(orig[k]) ? (orig[k] as unknown[]) : [], v, Array.isArray(cur) ? cur : undefined);
      if (p !== undefined) patch[k] = p;
    } else if (!isSubset(v, cur, k)) {
      patch[k] = v;
    }
  }
  for (const k of Object.keys(orig)) {
    if (!(k in modified) && current[k] !== undefined) patch[k] = null;
  }
  return patch;
}

function listPatch(field: string, original: unknown[], modified: unknown[], current: unknown[] | undefined): unknown[] | undefined {
  if (!current) return modified;
  const key = mergeKeyFor(field, [...modified, ...current]);
  if (!key || !modified.every(isObj)) return isSubset(modified, current, field) && modified.length === current.length ? undefined : modified;
  const out: unknown[] = [];
  let changed = false;
  for (const m of modified as Obj[]) {
    const c = current.find((x) => isObj(x) && x[key] === m[key]) as Obj | undefined;
    const o = original.find((x) => isObj(x) && x[key] === m[key]);
    if (!c) {
      out.push(m);
      changed = true;
      continue;
    }
    const sub = threeWayPatch(o, m, c);
    if (Object.keys(sub).length > 0) {
      out.push({ [key]: m[key], ...sub });
      changed = true;
    }
  }
  for (const o of original) {
    if (!isObj(o)) continue;
    const gone = !modified.some((m) => isObj(m) && m[key] === o[key]);
    const live = current.some((c) => isObj(c) && c[key] === o[key]);
    if (gone && live) {
      out.push({ [key]: o[key], $patch: 'delete' });
      changed = true;
    }
  }
  const order = (modified as Obj[]).map((m) => m[key]);
  const currentOrder = current.filter(isObj).map((c) => c[key]);
  if (!changed && JSON.stringify(order) === JSON.stringify(currentOrder.filter((k) => order.includes(k)))) return undefined;
  return out.length > 0 ? out : undefined;
}
