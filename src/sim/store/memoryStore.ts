/**
 * An in-memory etcd v3 MVCC key space: one global revision, per-key create/mod revisions
 * and versions, history reads, compare-and-swap transactions, prefix watches with replay,
 * compaction, and snapshot/restore.
 */
import {
  CompactedError,
  FutureRevisionError,
  type KVStore,
  type KeyValue,
  type RangeOptions,
  type RangeResult,
  type StoreSnapshot,
  type TxnOp,
  type TxnRequest,
  type TxnResult,
  type Watch,
  type WatchEvent,
  type WatchListener,
} from './types';
import {
  compactState,
  emptyState,
  liveOf,
  logIndexFrom,
  tombstoneKv,
  valueAt,
  type Change,
  type HistoryEntry,
  type MvccState,
} from './mvccState';
import { WatchHub } from './watchHub';
import { decodeState, encodeState } from './snapshotCodec';

/** etcd rejects a txn that touches one key twice in a branch; so do we. */
export const DUPLICATE_KEY_MESSAGE = 'etcdserver: duplicate key given in txn request';

export class MemoryStore implements KVStore {
  private state: MvccState = emptyState();
  private readonly hub = new WatchHub();

  get revision(): number {
    return this.state.revision;
  }

  get compactRevision(): number {
    return this.state.compactRevision;
  }

  /** Number of live watches (for diagnostics and tests). */
  get watchCount(): number {
    return this.hub.size;
  }

  get(key: string, opts?: { revision?: number }): KeyValue | undefined {
    const revision = this.readRevision(opts?.revision);
    const history = this.state.histories.get(key);
    if (!history) return undefined;
    if (revision === this.state.revision) return liveOf(history[history.length - 1]);
    return valueAt(history, revision);
  }

  range(prefix: string, opts: RangeOptions = {}): RangeResult {
    const revision = this.readRevision(opts.revision);
    const limit = opts.limit !== undefined && opts.limit > 0 ? opts.limit : Infinity;
    const from = opts.startKey ?? prefix;
    if (!from.startsWith(prefix)) {
      throw new RangeError(`startKey ${from} is not under prefix ${prefix}`);
    }
    const { index } = this.state;
    const current = revision === this.state.revision;
    const kvs: KeyValue[] = [];
    let nextKey: string | undefined;
    let rest = 0;
    let remembered: number | undefined;
    index.scan(from, (key, history) => {
      if (!key.startsWith(prefix)) return false;
      const kv = current ? liveOf(history[history.length - 1]) : valueAt(history, revision);
      if (!kv) return true;
      if (kvs.length < limit) {
        kvs.push(kv);
        return true;
      }
      if (nextKey === undefined) {
        nextKey = key;
        // At the current revision the index counts live keys per chunk.
        if (current) return false;
        const memo = this.state.pageMemo;
        if (memo?.revision === revision && memo.prefix === prefix && memo.nextKey === kvs[0]?.key) {
          remembered = memo.count;
          return false;
        }
      }
      rest++;
      return true;
    });
    let count = kvs.length;
    if (nextKey !== undefined) {
      if (current) count = index.countLive(from, prefix);
      else {
        count = remembered ?? kvs.length + rest;
        this.state.pageMemo = { prefix, revision, nextKey, count: count - kvs.length };
      }
    }
    return { kvs, more: nextKey !== undefined, revision, count };
  }

  txn(req: TxnRequest): TxnResult {
    checkDistinctKeys(req.success);
    if (req.failure) checkDistinctKeys(req.failure);
    const succeeded = req.compare.every((c) => this.currentModRevision(c.key) === c.modRevision);
    const ops = succeeded ? req.success : (req.failure ?? []);
    const next = this.state.revision + 1;
    const kvs: (KeyValue | undefined)[] = [];
    const events: WatchEvent[] = [];
    for (const op of ops) {
      const history = this.state.histories.get(op.key);
      const prevKv = history ? liveOf(history[history.length - 1]) : undefined;
      if (op.type === 'put') {
        const kv: KeyValue = Object.freeze({
          key: op.key,
          value: op.value,
          createRevision: prevKv ? prevKv.createRevision : next,
          modRevision: next,
          version: prevKv ? prevKv.version + 1 : 1,
        });
        this.append(op.key, history, kv);
        kvs.push(kv);
        events.push(Object.freeze(prevKv ? { type: 'PUT', kv, prevKv } : { type: 'PUT', kv }));
      } else {
        kvs.push(prevKv);
        // Deleting a missing key writes nothing, so it alone does not bump the revision.
        if (!prevKv) continue;
        this.append(op.key, history, next);
        events.push(Object.freeze({ type: 'DELETE', kv: tombstoneKv(op.key, next), prevKv }));
      }
    }
    if (events.length === 0) return { succeeded, revision: this.state.revision, kvs };
    this.state.revision = next;
    const change: Change = Object.freeze({ revision: next, events: Object.freeze(events) });
    this.state.log.push(change);
    this.hub.publish(change);
    return { succeeded, revision: next, kvs };
  }

  watch(prefix: string, startRevision: number, listener: WatchListener): Watch {
    if (!Number.isInteger(startRevision) || startRevision < 0) {
      throw new RangeError(`invalid watch start revision ${startRevision}`);
    }
    if (startRevision > 0 && startRevision <= this.state.compactRevision) {
      throw new CompactedError(startRevision, this.state.compactRevision);
    }
    // Held so that a txn a replayed listener commits is delivered after the replay, in order.
    return this.hub.hold(() => {
      const upTo = this.state.revision;
      const watcher = this.hub.add(prefix, Math.max(startRevision, upTo + 1), listener);
      const handle: Watch = { cancel: () => this.hub.cancel(watcher) };
      if (startRevision === 0) return handle;
      const log = this.state.log;
      try {
        for (let i = logIndexFrom(log, startRevision); i < log.length && !watcher.cancelled; i++) {
          const change = log[i] as Change;
          if (change.revision > upTo) break;
          const events = change.events.filter((e) => e.kv.key.startsWith(prefix));
          if (events.length > 0) listener(events);
        }
      } catch (error) {
        this.hub.cancel(watcher);
        throw error;
      }
      return handle;
    });
  }

  /**
   * etcd answers a compaction at or below the current compact revision with "mvcc:
   * required revision has been compacted"; here it is a harmless no-op, since callers (the
   * API server's periodic compactor) only ever want "at least this far".
   */
  compact(revision: number): void {
    if (revision > this.state.revision) throw new FutureRevisionError(revision);
    if (revision <= this.state.compactRevision) return;
    compactState(this.state, revision);
  }

  snapshot(): StoreSnapshot {
    return encodeState(this.state);
  }

  /**
   * Replaces the whole key space. Existing watches end without further events: the
   * history they followed is gone, so their owners must list and watch again.
   */
  restore(snapshot: StoreSnapshot): void {
    const next = decodeState(snapshot);
    this.hub.cancelAll();
    this.state = next;
  }

  private currentModRevision(key: string): number {
    const history = this.state.histories.get(key);
    return history ? (liveOf(history[history.length - 1])?.modRevision ?? 0) : 0;
  }

  private append(key: string, history: HistoryEntry[] | undefined, entry: HistoryEntry): void {
    const live = typeof entry === 'object';
    if (!history) {
      const created = [entry];
      this.state.histories.set(key, created);
      this.state.index.upsert(key, created, live);
      return;
    }
    const wasLive = typeof history[history.length - 1] === 'object';
    history.push(entry);
    this.state.compactable.add(key);
    if (live !== wasLive) this.state.index.upsert(key, history, live);
  }

  private readRevision(revision: number | undefined): number {
    if (revision === undefined || revision <= 0) return this.state.revision;
    if (revision > this.state.revision) throw new FutureRevisionError(revision);
    if (revision < this.state.compactRevision) {
      throw new CompactedError(revision, this.state.compactRevision);
    }
    return revision;
  }
}

function checkDistinctKeys(ops: readonly TxnOp[]): void {
  if (ops.length < 2) return;
  const seen = new Set<string>();
  for (const op of ops) {
    if (seen.has(op.key)) throw new Error(DUPLICATE_KEY_MESSAGE);
    seen.add(op.key);
  }
}
