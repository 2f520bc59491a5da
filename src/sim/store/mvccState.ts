/**
 * The MVCC data behind MemoryStore, kept apart so snapshot/restore can build a whole new
 * state and swap it in at once.
 *
 * Each key has its history in revision order: a KeyValue per put, and a bare revision
 * number for a delete (a tombstone). Compaction keeps, per key, the newest entry at or
 * below the compact revision (unless it is a tombstone) and everything after it, which is
 * exactly what reads at the compact revision or later need.
 */
import type { KeyValue, WatchEvent } from './types';
import { SortedKeys } from './sortedKeys';

/** A put (the KeyValue it wrote) or a delete (the revision of the tombstone). */
export type HistoryEntry = KeyValue | number;

/** The changes of one committed transaction, in op order. */
export interface Change {
  readonly revision: number;
  readonly events: readonly WatchEvent[];
}

export interface MvccState {
  revision: number;
  compactRevision: number;
  readonly histories: Map<string, HistoryEntry[]>;
  /** The same history arrays as `histories`, in key order, for range reads. */
  readonly index: SortedKeys<HistoryEntry[]>;
  /**
   * Keys compaction may shrink: more than one entry, or ending in a tombstone. Keys that
   * were put once and never touched again (most of a large cluster) are never revisited.
   */
  readonly compactable: Set<string>;
  /** Every change with revision > compactRevision, oldest first: the watch replay source. */
  log: Change[];
  /**
   * After a limited read at an old revision: the first key of the next page and how many
   * live keys lie from there on. Reads at a fixed old revision never change, so the next
   * page (kube-apiserver's continue) needs no walk to the end of the range to count.
   */
  pageMemo?: { prefix: string; revision: number; nextKey: string; count: number };
}

/** etcd's initial revision for an empty store is 1; its first write gets revision 2. */
export function emptyState(): MvccState {
  return {
    revision: 1,
    compactRevision: 0,
    histories: new Map(),
    index: new SortedKeys(),
    compactable: new Set(),
    log: [],
  };
}

export function modOf(entry: HistoryEntry): number {
  return typeof entry === 'number' ? entry : entry.modRevision;
}

export function liveOf(entry: HistoryEntry | undefined): KeyValue | undefined {
  return typeof entry === 'object' ? entry : undefined;
}

/** Index of the newest entry with modRevision <= revision, or -1. */
export function indexAt(history: readonly HistoryEntry[], revision: number): number {
  let lo = 0;
  let hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (modOf(history[mid] as HistoryEntry) <= revision) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export function valueAt(history: readonly HistoryEntry[], revision: number): KeyValue | undefined {
  return liveOf(history[indexAt(history, revision)]);
}

const NO_VALUE: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * The kv etcd reports in a DELETE event: only the key and the delete's revision; the
 * deleted object itself is in prevKv.
 */
export function tombstoneKv(key: string, revision: number): KeyValue {
  return Object.freeze({ key, value: NO_VALUE, createRevision: 0, modRevision: revision, version: 0 });
}

/** Position of the first change with revision >= `revision` in the log. */
export function logIndexFrom(log: readonly Change[], revision: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((log[mid] as Change).revision < revision) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Drops history below `revision` (see the file comment for what stays). */
export function compactState(state: MvccState, revision: number): void {
  for (const key of state.compactable) {
    const history = state.histories.get(key);
    if (!history) {
      state.compactable.delete(key);
      continue;
    }
    let keepFrom = indexAt(history, revision);
    if (keepFrom < 0) continue;
    if (typeof history[keepFrom] === 'number') keepFrom++;
    // In place: the index holds the same array.
    if (keepFrom > 0) history.splice(0, keepFrom);
    if (history.length === 0) {
      state.histories.delete(key);
      state.index.remove(key);
      state.compactable.delete(key);
      continue;
    }
    if (history.length === 1 && typeof history[0] === 'object') state.compactable.delete(key);
  }
  state.log = state.log.slice(logIndexFrom(state.log, revision + 1));
  state.compactRevision = revision;
}
