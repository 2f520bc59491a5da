/**
 * Random sequences of txns, compactions, watches, cancels and reads against a plain model
 * that keeps every revision's whole key space.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CompactedError,
  MemoryStore,
  type KeyValue,
  type TxnOp,
  type Watch,
  type WatchEvent,
} from '../../../../src/sim/store';

const KEYS = ['a', 'a/x', 'a/y', 'ab', 'ab/z', 'b/x', 'b/y/z'];
const PREFIXES = ['', 'a', 'a/', 'ab', 'b/', 'b/y/', 'a/x', 'c'];

type Op = { key: string; del: boolean; n: number };
type Command =
  | { t: 'txn'; compare: { key: string; mode: 'cur' | 'zero' | 'rand'; rnd: number }[]; success: Op[]; failure: Op[] | null }
  | { t: 'compact'; frac: number }
  | { t: 'watch'; prefix: string; replay: boolean; frac: number; selfCancelAfter: number }
  | { t: 'cancel'; idx: number }
  | { t: 'range'; prefix: string; frac: number; limit: number; startKey: string | null };

const ops = fc.uniqueArray(
  fc.record({ key: fc.constantFrom(...KEYS), del: fc.boolean(), n: fc.nat(99) }),
  { selector: (o) => o.key, maxLength: 3 },
);
// fc.double clusters at 0 and 1; an integer spreads revisions over the whole history.
const frac = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('txn' as const),
      compare: fc.array(
        fc.record({
          key: fc.constantFrom(...KEYS),
          mode: fc.constantFrom('cur' as const, 'zero' as const, 'rand' as const),
          rnd: fc.nat(12),
        }),
        { maxLength: 2 },
      ),
      success: ops,
      failure: fc.option(ops),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('compact' as const), frac }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('watch' as const),
      prefix: fc.constantFrom(...PREFIXES),
      replay: fc.boolean(),
      frac,
      selfCancelAfter: fc.nat(3),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cancel' as const), idx: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('range' as const),
      prefix: fc.constantFrom(...PREFIXES),
      frac,
      limit: fc.nat(3),
      startKey: fc.option(fc.constantFrom(...KEYS)),
    }),
  },
);

type Norm = { type: string; key: string; mod: number; create: number; version: number; value: unknown; prev: unknown };
const normKv = (kv: KeyValue | undefined) =>
  kv && { mod: kv.modRevision, create: kv.createRevision, version: kv.version, value: kv.value };
const norm = (e: WatchEvent): Norm => ({
  type: e.type,
  key: e.kv.key,
  mod: e.kv.modRevision,
  create: e.kv.createRevision,
  version: e.kv.version,
  value: e.kv.value,
  prev: normKv(e.prevKv) ?? null,
});

class Model {
  revision = 1;
  compactRevision = 0;
  readonly states = new Map<number, Map<string, KeyValue>>([[1, new Map()]]);
  readonly events = new Map<number, Norm[]>();

  at(rev: number): Map<string, KeyValue> {
    return this.states.get(rev) as Map<string, KeyValue>;
  }

  txn(c: Extract<Command, { t: 'txn' }>, compare: { key: string; modRevision: number }[]) {
    const cur = this.at(this.revision);
    const ok = compare.every((k) => (cur.get(k.key)?.modRevision ?? 0) === k.modRevision);
    const next = new Map(cur);
    const rev = this.revision + 1;
    const evs: Norm[] = [];
    for (const op of ok ? c.success : (c.failure ?? [])) {
      const prev = cur.get(op.key);
      if (op.del) {
        if (!prev) continue;
        next.delete(op.key);
        evs.push({ type: 'DELETE', key: op.key, mod: rev, create: 0, version: 0, value: {}, prev: normKv(prev) });
      } else {
        const kv: KeyValue = {
          key: op.key,
          value: { n: op.n },
          createRevision: prev?.createRevision ?? rev,
          modRevision: rev,
          version: (prev?.version ?? 0) + 1,
        };
        next.set(op.key, kv);
        const { createRevision: create, version, value } = kv;
        evs.push({ type: 'PUT', key: op.key, mod: rev, create, version, value, prev: normKv(prev) ?? null });
      }
    }
    if (evs.length > 0) {
      this.revision = rev;
      this.states.set(rev, next);
      this.events.set(rev, evs);
    }
    return ok;
  }

  /** What compaction must keep: the value at the compact revision, and every later change. */
  retained(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    const base = this.compactRevision > 0 ? this.at(this.compactRevision) : new Map<string, KeyValue>();
    for (const [key, kv] of base) out[key] = [kv.modRevision];
    for (let r = this.compactRevision + 1; r <= this.revision; r++) {
      for (const e of this.events.get(r) ?? []) (out[e.key] ??= []).push(r);
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  expectedRange(prefix: string, rev: number): KeyValue[] {
    return [...this.at(rev).values()].filter((kv) => kv.key.startsWith(prefix)).sort((x, y) => (x.key < y.key ? -1 : 1));
  }

  /** Non-empty per-revision groups under prefix for revisions from..to. */
  expectedCalls(prefix: string, from: number, to: number): Norm[][] {
    const calls: Norm[][] = [];
    for (let r = from; r <= to; r++) {
      const evs = (this.events.get(r) ?? []).filter((e) => e.key.startsWith(prefix));
      if (evs.length > 0) calls.push(evs);
    }
    return calls;
  }
}

/** Per key, the revisions of the history entries the store still holds. */
function retained(store: MemoryStore): Record<string, number[]> {
  const data = store.snapshot().data as { keys: { key: string; history: { mod: number }[] }[] };
  return Object.fromEntries(data.keys.map((k) => [k.key, k.history.map((e) => e.mod)]));
}

interface Watcher { prefix: string; from: number; endedAt: number | null; limit: number; calls: Norm[][]; handle: Watch | null }

/** Every read the store can serve, compared with the model. */
function checkReads(store: MemoryStore, model: Model): void {
  for (let rev = Math.max(1, model.compactRevision); rev <= model.revision; rev++) {
    for (const key of KEYS) assert.deepEqual(store.get(key, { revision: rev }), model.at(rev).get(key));
    for (const prefix of PREFIXES) {
      const r = store.range(prefix, { revision: rev });
      assert.deepEqual(r.kvs, model.expectedRange(prefix, rev));
      assert.equal(r.count, r.kvs.length);
    }
  }
  if (model.compactRevision > 1) {
    assert.throws(() => store.get('a', { revision: model.compactRevision - 1 }), CompactedError);
    assert.throws(() => store.range('', { revision: 1 }), CompactedError);
  }
}

function run(commands: Command[]): void {
  const store = new MemoryStore();
  const model = new Model();
  const watchers: Watcher[] = [];
  for (const c of commands) {
    if (c.t === 'txn') {
      const cur = model.at(model.revision);
      const compare = c.compare.map((k) => ({
        key: k.key,
        modRevision: k.mode === 'cur' ? (cur.get(k.key)?.modRevision ?? 0) : k.mode === 'zero' ? 0 : k.rnd,
      }));
      const toOps = (list: Op[]): TxnOp[] =>
        list.map((o) => (o.del ? { type: 'delete', key: o.key } : { type: 'put', key: o.key, value: { n: o.n } }));
      const before = store.revision;
      const res = store.txn({ compare, success: toOps(c.success), failure: c.failure ? toOps(c.failure) : undefined });
      const ok = model.txn(c, compare);
      assert.equal(res.succeeded, ok);
      assert.equal(res.revision, model.revision);
      assert.ok(res.revision === before || res.revision === before + 1);
    } else if (c.t === 'compact') {
      const rev = Math.floor(c.frac * model.revision) + (c.frac === 1 ? 0 : 1);
      store.compact(rev);
      model.compactRevision = Math.max(model.compactRevision, rev);
      assert.equal(store.compactRevision, model.compactRevision);
    } else if (c.t === 'watch') {
      // Up to two revisions past the next one, to cover watches that start in the future.
      const start = c.replay ? 1 + Math.floor(c.frac * (model.revision + 2)) : 0;
      const w: Watcher = {
        prefix: c.prefix,
        from: start || model.revision + 1,
        endedAt: null,
        limit: c.replay ? 0 : c.selfCancelAfter,
        calls: [],
        handle: null,
      };
      const listener = (events: WatchEvent[]) => {
        w.calls.push(events.map(norm));
        if (w.limit > 0 && w.calls.length === w.limit) w.handle?.cancel();
      };
      if (start > 0 && start <= model.compactRevision) {
        assert.throws(() => store.watch(c.prefix, start, listener), CompactedError);
        continue;
      }
      w.handle = store.watch(c.prefix, start, listener);
      watchers.push(w);
    } else if (c.t === 'cancel') {
      const w = watchers[c.idx % Math.max(1, watchers.length)];
      if (w && w.endedAt === null) {
        w.handle?.cancel();
        w.endedAt = model.revision;
      }
    } else {
      const rev = Math.round(c.frac * model.revision);
      if (rev > 0 && rev < model.compactRevision) {
        assert.throws(() => store.range(c.prefix, { revision: rev }), CompactedError);
        continue;
      }
      // Page through the whole range the way kube-apiserver's continue does.
      let startKey: string | undefined = c.startKey?.startsWith(c.prefix) ? c.startKey : undefined;
      for (;;) {
        const all: KeyValue[] = model
          .expectedRange(c.prefix, rev || model.revision)
          .filter((kv) => startKey === undefined || kv.key >= startKey);
        const page = store.range(c.prefix, { revision: rev, limit: c.limit, startKey });
        const want: KeyValue[] = c.limit > 0 ? all.slice(0, c.limit) : all;
        assert.deepEqual(page.kvs, want);
        assert.equal(page.count, all.length);
        assert.equal(page.more, want.length < all.length);
        if (!page.more) break;
        startKey = `${(page.kvs.at(-1) as KeyValue).key}\0`;
      }
      // Reading from the start again after a walk must not reuse the walk's counts.
      const first = store.range(c.prefix, { revision: rev, limit: c.limit });
      assert.equal(first.count, model.expectedRange(c.prefix, rev || model.revision).length);
    }
  }

  for (const w of watchers) {
    let want = model.expectedCalls(w.prefix, w.from, w.endedAt ?? model.revision);
    if (w.limit > 0) want = want.slice(0, w.limit);
    assert.deepEqual(w.calls, want);
  }
  checkReads(store, model);
  assert.deepEqual(retained(store), model.retained());
  const copy = new MemoryStore();
  copy.restore(JSON.parse(JSON.stringify(store.snapshot())));
  assert.equal(copy.revision, store.revision);
  assert.equal(copy.compactRevision, store.compactRevision);
  checkReads(copy, model);
  const replayFrom = model.compactRevision + 1;
  const replayed: Norm[][] = [];
  copy.watch('', replayFrom, (events) => void replayed.push(events.map(norm)));
  assert.deepEqual(replayed, model.expectedCalls('', replayFrom, model.revision));
}

describe('MemoryStore against a reference model', () => {
  test('random histories of txn, compact, watch, cancel and range', () => {
    fc.assert(fc.property(fc.array(command, { maxLength: 50 }), run), { numRuns: 3000, seed: 20250601 });
  });
});
