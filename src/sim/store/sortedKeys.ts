/**
 * The store's key index: every key that still has history, with that history, kept in
 * etcd's key order in small sorted chunks. Chunks keep an insert at O(log n + chunk size) instead of shifting
 * one array of 150,000 keys, and a prefix range starts by binary search and stops at the
 * first key outside the prefix. Each chunk also counts its keys that are live at the
 * current revision, so a paged list can report `count` without walking the whole prefix.
 */

/** Keys above this length split in two. */
const MAX_CHUNK = 512;

/**
 * etcd orders keys by their UTF-8 bytes. JavaScript compares UTF-16 code units, which
 * agrees except between a surrogate (astral character) and U+E000..U+FFFF, so those two
 * ranges swap places here.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return utf8Rank(x) - utf8Rank(y);
  }
  return a.length - b.length;
}

function utf8Rank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit <= 0xdfff ? unit + 0x2000 : unit - 0x800;
}

/** Characters where UTF-16 and UTF-8 order can disagree. */
const UNUSUAL = /[\ud800-\uffff]/;

/**
 * The engine's own comparison: much faster than a charCodeAt loop (keys built by template
 * literals are ropes, and charCodeAt walks the rope each time), and exact for keys
 * without UNUSUAL characters, i.e. every Kubernetes key.
 */
function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Compare = (a: string, b: string) => number;

interface Chunk<V> {
  keys: string[];
  values: V[];
  live: boolean[];
  liveCount: number;
}

/** First position in `keys` whose key is >= `key`. */
function lowerBound(keys: readonly string[], key: string, compare: Compare): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(keys[mid] as string, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SortedKeys<V> {
  private chunks: Chunk<V>[] = [];
  private total = 0;
  /** Stored keys with UNUSUAL characters; while there are none, compareUnits is exact. */
  private unusual = 0;

  get size(): number {
    return this.total;
  }

  /** Adds or updates `key` with its value and whether it is live at the current revision. */
  upsert(key: string, value: V, live: boolean): void {
    if (this.chunks.length === 0) {
      this.chunks.push({ keys: [key], values: [value], live: [live], liveCount: live ? 1 : 0 });
      this.total = 1;
      if (UNUSUAL.test(key)) this.unusual = 1;
      return;
    }
    const compare = this.comparatorFor(key);
    const ci = this.locate(key, compare);
    const chunk = this.chunks[ci] as Chunk<V>;
    const pos = lowerBound(chunk.keys, key, compare);
    if (chunk.keys[pos] === key) {
      chunk.values[pos] = value;
      if (chunk.live[pos] !== live) {
        chunk.live[pos] = live;
        chunk.liveCount += live ? 1 : -1;
      }
      return;
    }
    chunk.keys.splice(pos, 0, key);
    chunk.values.splice(pos, 0, value);
    chunk.live.splice(pos, 0, live);
    if (live) chunk.liveCount++;
    if (compare === compareKeys && UNUSUAL.test(key)) this.unusual++;
    this.total++;
    if (chunk.keys.length > MAX_CHUNK) this.split(ci);
  }

  remove(key: string): void {
    if (this.chunks.length === 0) return;
    const compare = this.comparatorFor(key);
    const ci = this.locate(key, compare);
    const chunk = this.chunks[ci] as Chunk<V>;
    const pos = lowerBound(chunk.keys, key, compare);
    if (chunk.keys[pos] !== key) return;
    if (chunk.live[pos]) chunk.liveCount--;
    chunk.keys.splice(pos, 1);
    chunk.values.splice(pos, 1);
    chunk.live.splice(pos, 1);
    if (compare === compareKeys && UNUSUAL.test(key)) this.unusual--;
    this.total--;
    if (chunk.keys.length === 0) this.chunks.splice(ci, 1);
  }

  /** Calls `visit` with each key >= `from` (and its value) in order until it returns false. */
  scan(from: string, visit: (key: string, value: V) => boolean): void {
    if (this.chunks.length === 0) return;
    const compare = this.comparatorFor(from);
    let ci = this.locate(from, compare);
    let pos = lowerBound((this.chunks[ci] as Chunk<V>).keys, from, compare);
    for (; ci < this.chunks.length; ci++, pos = 0) {
      const { keys, values } = this.chunks[ci] as Chunk<V>;
      for (; pos < keys.length; pos++) {
        if (!visit(keys[pos] as string, values[pos] as V)) return;
      }
    }
  }

  /** Number of keys >= `from` that start with `prefix` and are live at the current revision. */
  countLive(from: string, prefix: string): number {
    if (this.chunks.length === 0) return 0;
    let count = 0;
    const compare = this.comparatorFor(from);
    let ci = this.locate(from, compare);
    let pos = lowerBound((this.chunks[ci] as Chunk<V>).keys, from, compare);
    for (; ci < this.chunks.length; ci++, pos = 0) {
      const chunk = this.chunks[ci] as Chunk<V>;
      const last = chunk.keys[chunk.keys.length - 1] as string;
      // Keys between two keys that share a prefix share it too: a whole chunk counts at once.
      if (pos === 0 && last.startsWith(prefix) && (chunk.keys[0] as string).startsWith(prefix)) {
        count += chunk.liveCount;
        continue;
      }
      for (; pos < chunk.keys.length; pos++) {
        if (!(chunk.keys[pos] as string).startsWith(prefix)) return count;
        if (chunk.live[pos]) count++;
      }
    }
    return count;
  }

  /** The chunk whose key range holds `key`: the last one starting at or before it. */
  private locate(key: string, compare: Compare): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (compare((this.chunks[mid] as Chunk<V>).keys[0] as string, key) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private comparatorFor(key: string): Compare {
    return this.unusual === 0 && !UNUSUAL.test(key) ? compareUnits : compareKeys;
  }

  private split(ci: number): void {
    const chunk = this.chunks[ci] as Chunk<V>;
    const half = chunk.keys.length >>> 1;
    const keys = chunk.keys.splice(half);
    const values = chunk.values.splice(half);
    const live = chunk.live.splice(half);
    let moved = 0;
    for (const l of live) if (l) moved++;
    chunk.liveCount -= moved;
    this.chunks.splice(ci + 1, 0, { keys, values, live, liveCount: moved });
  }
}
