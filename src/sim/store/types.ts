/**
 * The narrow etcd v3-like interface the API server uses. Values are immutable plain
 * objects (deep-frozen by the caller before a put); a real etcd client would store their
 * JSON bytes instead. Revisions are etcd's: one global counter, bumped once per
 * successful write transaction.
 */

export interface KeyValue {
  key: string;
  value: Readonly<Record<string, unknown>>;
  /** Revision of the put that created this key (since its last deletion). */
  createRevision: number;
  /** Revision of the last put to this key. */
  modRevision: number;
  /** Number of puts since creation: 1 after the first put. */
  version: number;
}

export interface RangeOptions {
  /** Read as of this revision (default: current). Below the compact revision: CompactedError. */
  revision?: number;
  /** At most this many keys (0 or undefined = no limit). */
  limit?: number;
  /** Start from this key (inclusive), for paging; must lie under the prefix. */
  startKey?: string;
}

export interface RangeResult {
  kvs: KeyValue[];
  /** True when the limit cut the result. */
  more: boolean;
  /** The revision the read was served at. */
  revision: number;
  /** Keys in range in all (for remainingItemCount). */
  count: number;
}

export type TxnOp =
  | { type: 'put'; key: string; value: Readonly<Record<string, unknown>> }
  | { type: 'delete'; key: string };

/** Compare a key's modRevision (0 means "the key does not exist"). */
export interface TxnCompare {
  key: string;
  modRevision: number;
}

export interface TxnRequest {
  compare: TxnCompare[];
  success: TxnOp[];
  failure?: TxnOp[];
}

export interface TxnResult {
  succeeded: boolean;
  /** Store revision after the txn (unchanged when nothing was written). */
  revision: number;
  /** For each put or delete that ran: the key-value after it (for delete: the previous kv). */
  kvs: (KeyValue | undefined)[];
}

export interface WatchEvent {
  type: 'PUT' | 'DELETE';
  kv: KeyValue;
  /** The key-value before this change (undefined for a create). */
  prevKv?: KeyValue;
}

export type WatchListener = (events: WatchEvent[]) => void;

export interface Watch {
  cancel(): void;
}

export interface StoreSnapshot {
  revision: number;
  compactRevision: number;
  /** Full MVCC history that survives compaction, as plain data. */
  data: unknown;
}

export interface KVStore {
  readonly revision: number;
  readonly compactRevision: number;
  get(key: string, opts?: { revision?: number }): KeyValue | undefined;
  /** Keys starting with prefix, in key order. */
  range(prefix: string, opts?: RangeOptions): RangeResult;
  txn(req: TxnRequest): TxnResult;
  /**
   * Calls listener synchronously after each committed txn with that txn's changes under
   * prefix (one call per txn). startRevision > 0 (etcd semantics): deliver every change
   * with modRevision >= startRevision, first replaying, before watch() returns and one call
   * per revision, those still in history; 0 = only future changes. Throws CompactedError
   * when 0 < startRevision <= compactRevision.
   */
  watch(prefix: string, startRevision: number, listener: WatchListener): Watch;
  /** Drops history below `revision`; reads and watches there then fail. */
  compact(revision: number): void;
  snapshot(): StoreSnapshot;
  restore(snapshot: StoreSnapshot): void;
}

/** etcd's error text, which kube-apiserver turns into 410 Gone / Expired. */
export class CompactedError extends Error {
  constructor(
    readonly requested: number,
    readonly compactRevision: number,
  ) {
    super('mvcc: required revision has been compacted');
    this.name = 'CompactedError';
  }
}

/** etcd's error for a revision that does not exist yet. */
export class FutureRevisionError extends Error {
  constructor(readonly requested: number) {
    super('mvcc: required revision is a future revision');
    this.name = 'FutureRevisionError';
  }
}
