/**
 * MemoryStore state <-> StoreSnapshot. The snapshot is plain JSON-able data sharing nothing
 * with the store: values are deep-copied on the way out, and copied and deep-frozen on the
 * way in. Watch events are not stored; the order of keys per revision is, and the events
 * (with their prevKv) are rebuilt from the per-key histories.
 */
import type { KeyValue, StoreSnapshot, WatchEvent } from './types';
import {
  emptyState,
  indexAt,
  liveOf,
  modOf,
  tombstoneKv,
  type Change,
  type HistoryEntry,
  type MvccState,
} from './mvccState';

export const SNAPSHOT_FORMAT = 'kube-walkthrough.mvcc/v1';

/** One history entry: a put, or a delete when `deleted` is set. */
export interface SnapshotEntry {
  mod: number;
  deleted?: true;
  create?: number;
  version?: number;
  value?: Record<string, unknown>;
}

export interface SnapshotData {
  format: typeof SNAPSHOT_FORMAT;
  /** Every key with retained history, in key order. */
  keys: { key: string; history: SnapshotEntry[] }[];
  /** Keys each retained revision wrote, in op order (the watch replay order). */
  changes: { revision: number; keys: string[] }[];
}

export function encodeState(state: MvccState): StoreSnapshot {
  const keys: SnapshotData['keys'] = [];
  state.index.scan('', (key, history) => {
    keys.push({ key, history: history.map(encodeEntry) });
    return true;
  });
  const changes = state.log.map((c) => ({ revision: c.revision, keys: c.events.map((e) => e.kv.key) }));
  const data: SnapshotData = { format: SNAPSHOT_FORMAT, keys, changes };
  return { revision: state.revision, compactRevision: state.compactRevision, data };
}

function encodeEntry(entry: HistoryEntry): SnapshotEntry {
  if (typeof entry === 'number') return { mod: entry, deleted: true };
  return {
    mod: entry.modRevision,
    create: entry.createRevision,
    version: entry.version,
    value: clonePlain(entry.value) as Record<string, unknown>,
  };
}

function fail(why: string): never {
  throw new Error(`invalid store snapshot: ${why}`);
}

function isInt(n: unknown, min: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min;
}

/** Builds a fresh state from a snapshot, or throws without touching anything. */
export function decodeState(snapshot: StoreSnapshot): MvccState {
  const { revision, compactRevision } = snapshot;
  const data = snapshot.data as Partial<SnapshotData> | null;
  if (!data || data.format !== SNAPSHOT_FORMAT) fail(`format is not ${SNAPSHOT_FORMAT}`);
  if (!isInt(revision, 1) || !isInt(compactRevision, 0) || compactRevision > revision) {
    fail('bad revision or compactRevision');
  }
  if (!Array.isArray(data.keys) || !Array.isArray(data.changes)) fail('keys and changes must be arrays');
  const state = emptyState();
  state.revision = revision;
  state.compactRevision = compactRevision;
  let recentEntries = 0;
  for (const { key, history } of data.keys) {
    if (typeof key !== 'string' || !Array.isArray(history) || history.length === 0) fail('bad key entry');
    if (state.histories.has(key)) fail(`duplicate key ${key}`);
    const entries = history.map((e, i) => decodeEntry(key, e, i === 0 ? 0 : (history[i - 1] as SnapshotEntry).mod));
    const last = entries[entries.length - 1] as HistoryEntry;
    if (modOf(last) > revision) fail(`${key} has a revision after ${revision}`);
    for (const e of entries) if (modOf(e) > compactRevision) recentEntries++;
    state.histories.set(key, entries);
    state.index.upsert(key, entries, typeof last === 'object');
    if (entries.length > 1 || typeof last === 'number') state.compactable.add(key);
  }
  let previous = compactRevision;
  let logged = 0;
  for (const { revision: rev, keys } of data.changes) {
    if (!isInt(rev, previous + 1) || rev > revision || !Array.isArray(keys)) fail('bad change list');
    state.log.push(rebuildChange(state, rev, keys));
    logged += keys.length;
    previous = rev;
  }
  if (logged !== recentEntries) fail('change list does not match the key histories');
  return state;
}

function decodeEntry(key: string, e: SnapshotEntry, previousMod: number): HistoryEntry {
  if (!e || !isInt(e.mod, previousMod + 1)) fail(`${key}: revisions must increase`);
  if (e.deleted) return e.mod;
  const { create, version, value } = e;
  if (!isInt(create, 1) || create > e.mod || !isInt(version, 1)) fail(`${key}: bad create revision or version`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${key}: value must be an object`);
  const kv: KeyValue = {
    key,
    value: deepFreeze(clonePlain(value)) as Readonly<Record<string, unknown>>,
    createRevision: create,
    modRevision: e.mod,
    version,
  };
  return Object.freeze(kv);
}

function rebuildChange(state: MvccState, revision: number, keys: unknown[]): Change {
  const events: WatchEvent[] = [];
  for (const key of keys) {
    const history = typeof key === 'string' ? state.histories.get(key) : undefined;
    const at = history ? indexAt(history, revision) : -1;
    const entry = history?.[at];
    if (typeof key !== 'string' || entry === undefined || modOf(entry) !== revision) {
      fail(`revision ${revision} lists ${String(key)} without a matching history entry`);
    }
    const prevKv = liveOf(history?.[at - 1]);
    if (typeof entry === 'number' && !prevKv) fail(`${key} is deleted at ${revision} without a value before`);
    const event: WatchEvent =
      typeof entry === 'number'
        ? { type: 'DELETE', kv: tombstoneKv(key, revision), prevKv: prevKv as KeyValue }
        : prevKv
          ? { type: 'PUT', kv: entry, prevKv }
          : { type: 'PUT', kv: entry };
    events.push(Object.freeze(event));
  }
  return Object.freeze({ revision, events: Object.freeze(events) });
}

/** A deep copy of JSON-like data (objects, arrays, primitives). */
export function clonePlain(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(clonePlain);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = clonePlain(v);
  return out;
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
