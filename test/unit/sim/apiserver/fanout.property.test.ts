/**
 * Property: whatever the sequence of creates, label changes and deletes, every watcher
 * (label selectors, namespaces, the spec.nodeName index, started before or during the run,
 * from "now" or from a resourceVersion) sees a consistent stream with no gap: ADDED only
 * for what it did not have, MODIFIED/DELETED only for what it had, resourceVersions rising;
 * and its stream replayed equals a fresh list with the same selector.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { R, type GVR } from '../../../../src/sim/client';
import type { ApiWatchEvent, RequestQuery } from '../../../../src/sim/apiserver/types';
import { apiHarness, type Obj } from './harness';

const NAMESPACES = ['default', 'kube-public'] as const;
const NAMES = ['a', 'b', 'c', 'd'] as const;
const NODES = ['n1', 'n2'] as const;
const APPS = ['web', 'db'] as const;

type Op =
  | { kind: 'create'; ns: number; name: number; app: number; node: number; pod: boolean }
  | { kind: 'relabel'; ns: number; name: number; app: number; pod: boolean }
  | { kind: 'delete'; ns: number; name: number; pod: boolean }
  | { kind: 'watch'; spec: number; fromRv: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), ns: fc.nat(1), name: fc.nat(3), app: fc.nat(2), node: fc.nat(2), pod: fc.boolean() }),
  fc.record({ kind: fc.constant('relabel' as const), ns: fc.nat(1), name: fc.nat(3), app: fc.nat(2), pod: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), ns: fc.nat(1), name: fc.nat(3), pod: fc.boolean() }),
  fc.record({ kind: fc.constant('watch' as const), spec: fc.nat(6), fromRv: fc.boolean() }),
);

/** What a watcher asks for. */
const WATCH_SPECS: { gvr: GVR; ns?: string; query: RequestQuery }[] = [
  { gvr: R.configmaps, query: { labelSelector: 'app=web' } },
  { gvr: R.configmaps, ns: 'default', query: { labelSelector: 'app!=web' } },
  { gvr: R.configmaps, ns: 'kube-public', query: {} },
  { gvr: R.pods, query: { fieldSelector: 'spec.nodeName=n1' } },
  { gvr: R.pods, query: { fieldSelector: 'spec.nodeName=n2', labelSelector: 'app in (web,db)' } },
  { gvr: R.pods, ns: 'default', query: { labelSelector: 'app=db' } },
  { gvr: R.pods, query: { fieldSelector: 'spec.nodeName=' } },
];

interface Watcher {
  spec: (typeof WATCH_SPECS)[number];
  events: ApiWatchEvent[];
  /** The state it started from: empty, or the list it took its resourceVersion from. */
  start: Map<string, Obj>;
}

const key = (o: Obj) => `${o.metadata.namespace}/${o.metadata.name}`;

function run(ops: Op[]): void {
  const { admin, loop } = apiHarness();
  admin.create(R.serviceaccounts, 'kube-public', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
  const watchers: Watcher[] = [];
  const addWatcher = (index: number, fromRv: boolean): void => {
    const spec = WATCH_SPECS[index % WATCH_SPECS.length] as (typeof WATCH_SPECS)[number];
    const w: Watcher = { spec, events: [], start: new Map() };
    let query = spec.query;
    if (fromRv) {
      const list = admin.list<Obj>(spec.gvr, spec.ns, spec.query);
      for (const o of list.items) w.start.set(key(o), o);
      query = { ...query, resourceVersion: list.resourceVersion };
    }
    admin.watch(spec.gvr, spec.ns, query, (ev) => w.events.push(ev));
    watchers.push(w);
  };
  addWatcher(0, false);
  addWatcher(3, false);
  for (const op of ops) {
    if (op.kind === 'watch') {
      addWatcher(op.spec, op.fromRv);
      continue;
    }
    const ns = NAMESPACES[op.ns] as string;
    const name = NAMES[op.name] as string;
    const gvr = op.pod ? R.pods : R.configmaps;
    try {
      if (op.kind === 'create') {
        const labels = { app: APPS[op.app] ?? 'other' };
        const node = NODES[op.node];
        const obj = op.pod
          ? { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx:1' }], ...(node ? { nodeName: node } : {}) } }
          : { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels } };
        admin.create(gvr, ns, obj);
      } else if (op.kind === 'relabel') {
        admin.patch(gvr, ns, name, { metadata: { labels: { app: APPS[op.app] ?? null } } }, 'merge');
      } else {
        admin.delete(gvr, ns, name, { gracePeriodSeconds: 0 });
      }
    } catch (err) {
      const code = (err as { code?: number }).code;
      if (code !== 404 && code !== 409) throw err;
    }
    if (op.name === 0) loop.runFor(1);
  }
  loop.runUntilQuiet();
  for (const w of watchers) {
    const state = new Map(w.start);
    let lastRv = 0;
    let initial = w.start.size === 0 && w.spec.query.resourceVersion === undefined;
    for (const ev of w.events) {
      const obj = ev.object as Obj;
      const k = key(obj);
      const rv = Number(obj.metadata.resourceVersion);
      if (ev.type === 'ADDED') {
        assert.ok(!state.has(k), `ADDED ${k} twice`);
        state.set(k, obj);
      } else if (ev.type === 'MODIFIED') {
        assert.ok(state.has(k), `MODIFIED ${k} it never had`);
        state.set(k, obj);
      } else if (ev.type === 'DELETED') {
        assert.ok(state.has(k), `DELETED ${k} it never had`);
        state.delete(k);
      } else assert.fail(`unexpected ${ev.type}`);
      // Initial ADDED events come in key order; after them revisions only rise.
      if (initial && ev.type === 'ADDED' && rv <= lastRv) continue;
      initial = false;
      assert.ok(rv > lastRv, `revision ${rv} after ${lastRv}`);
      lastRv = rv;
    }
    const fresh = admin.list<Obj>(w.spec.gvr, w.spec.ns, w.spec.query).items;
    assert.deepEqual([...state.keys()].sort(), fresh.map(key).sort());
    for (const o of fresh) assert.deepEqual(state.get(key(o)), o);
  }
}

describe('watch fan-out (property)', () => {
  test('every watcher replays to a fresh list with its selector', () => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => run(ops)), { numRuns: 300, seed: 20250611 });
  });
});
