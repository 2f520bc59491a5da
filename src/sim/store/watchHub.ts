/**
 * Watch fan-out for MemoryStore. Watchers are indexed by their prefix, so a commit looks up
 * only the prefixes a changed key actually has (one map lookup per distinct watcher prefix
 * length) instead of testing every watcher.
 *
 * Delivery goes through a queue: a listener may commit a txn, start or cancel watches while
 * being called, and every watcher still sees revisions in order, each exactly once.
 */
import type { WatchEvent, WatchListener } from './types';
import type { Change } from './mvccState';

export interface Watcher {
  readonly id: number;
  readonly prefix: string;
  /** Changes below this revision were replayed already or predate the watch. */
  readonly minRevision: number;
  readonly listener: WatchListener;
  cancelled: boolean;
}

export class WatchHub {
  private nextId = 1;
  private readonly byPrefix = new Map<string, Set<Watcher>>();
  /** How many watcher prefixes have each length; `lengths` lists them ascending. */
  private readonly lengthUse = new Map<number, number>();
  private lengths: number[] = [];
  private readonly queue: Change[] = [];
  private busy = false;

  get size(): number {
    let n = 0;
    for (const set of this.byPrefix.values()) n += set.size;
    return n;
  }

  add(prefix: string, minRevision: number, listener: WatchListener): Watcher {
    const watcher: Watcher = { id: this.nextId++, prefix, minRevision, listener, cancelled: false };
    let set = this.byPrefix.get(prefix);
    if (!set) {
      set = new Set();
      this.byPrefix.set(prefix, set);
      this.useLength(prefix.length, +1);
    }
    set.add(watcher);
    return watcher;
  }

  cancel(watcher: Watcher): void {
    if (watcher.cancelled) return;
    watcher.cancelled = true;
    const set = this.byPrefix.get(watcher.prefix);
    if (!set?.delete(watcher) || set.size > 0) return;
    this.byPrefix.delete(watcher.prefix);
    this.useLength(watcher.prefix.length, -1);
  }

  /** Ends every watch and forgets undelivered changes (the history they came from is gone). */
  cancelAll(): void {
    for (const set of this.byPrefix.values()) for (const w of set) w.cancelled = true;
    this.byPrefix.clear();
    this.lengthUse.clear();
    this.lengths = [];
    this.queue.length = 0;
  }

  /** Delivers a committed change now, or after the delivery already in progress. */
  publish(change: Change): void {
    this.queue.push(change);
    if (!this.busy) this.drain();
  }

  /**
   * Runs `fn` with delivery held: changes committed meanwhile (say, by a listener during a
   * watch replay) wait in the queue and go out, in order, once `fn` returns.
   */
  hold<T>(fn: () => T): T {
    if (this.busy) return fn();
    this.busy = true;
    try {
      return fn();
    } finally {
      this.busy = false;
      if (this.queue.length > 0) this.drain();
    }
  }

  /**
   * A listener that throws is a bug in its caller; the others still get the change, and
   * the first error then surfaces from the txn() that committed it.
   */
  private drain(): void {
    this.busy = true;
    let failure: { error: unknown } | undefined;
    try {
      for (let i = 0; i < this.queue.length; i++) {
        for (const [watcher, events] of this.batches(this.queue[i] as Change)) {
          if (watcher.cancelled) continue;
          try {
            watcher.listener(events);
          } catch (error) {
            failure ??= { error };
          }
        }
      }
    } finally {
      this.queue.length = 0;
      this.busy = false;
    }
    if (failure) throw failure.error;
  }

  /** Each interested watcher with its share of the change, in watch creation order. */
  private batches(change: Change): [Watcher, WatchEvent[]][] {
    const found = new Map<Watcher, WatchEvent[]>();
    for (const event of change.events) {
      const key = event.kv.key;
      for (const length of this.lengths) {
        if (length > key.length) break;
        const set = this.byPrefix.get(length === key.length ? key : key.slice(0, length));
        if (!set) continue;
        for (const watcher of set) {
          if (watcher.minRevision > change.revision) continue;
          const list = found.get(watcher);
          if (list) list.push(event);
          else found.set(watcher, [event]);
        }
      }
    }
    const batches = [...found];
    return batches.length > 1 ? batches.sort((a, b) => a[0].id - b[0].id) : batches;
  }

  private useLength(length: number, delta: number): void {
    const next = (this.lengthUse.get(length) ?? 0) + delta;
    if (next > 0) this.lengthUse.set(length, next);
    else this.lengthUse.delete(length);
    this.lengths = [...this.lengthUse.keys()].sort((a, b) => a - b);
  }
}
