import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, only, reasonsOf, TestFramework } from './fixtures';
import { POD_TOPOLOGY_SPREAD, newPodTopologySpread } from '../../../../../src/sim/scheduler/plugins/podTopologySpread';

const pts = only(POD_TOPOLOGY_SPREAD, newPodTopologySpread, 2);
const zone = (z: string) => ({ labels: { 'topology.kubernetes.io/zone': z } });
const foo = { labels: { app: 'foo' } };
const spread = (extra: Record<string, unknown> = {}) => ({
  topologySpreadConstraints: [
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'foo' } }, ...extra },
  ],
});
const on = (name: string, node: string) => makePod(name, { nodeName: node }, foo);

describe('PodTopologySpread filter', () => {
  const nodes = [makeNode('a1', zone('z1')), makeNode('a2', zone('z1')), makeNode('b1', zone('z2')), makeNode('nozone')];
  const existing = [on('x1', 'a1'), on('x2', 'a1'), on('x3', 'a2'), on('y1', 'b1')];

  test('placing the pod may not make a domain exceed the global minimum by more than maxSkew', () => {
    const r = new TestFramework(pts, nodes, existing).filter(makePod('p', spread(), foo));
    // z1 has 3, z2 has 1: z1 -> 3+1-1 = 3 > 1, z2 -> 1+1-1 = 1
    assert.equal(r.nodes.get('a1')?.code, 'Unschedulable');
    assert.deepEqual(reasonsOf(r.nodes.get('a1')), ["node(s) didn't match pod topology spread constraints"]);
    assert.equal(r.nodes.get('b1'), null);
  });

  test('a node without the topology key is rejected unresolvably', () => {
    const r = new TestFramework(pts, nodes, existing).filter(makePod('p', spread(), foo));
    assert.equal(r.nodes.get('nozone')?.code, 'UnschedulableAndUnresolvable');
    assert.deepEqual(reasonsOf(r.nodes.get('nozone')), ["node(s) didn't match pod topology spread constraints (missing required label)"]);
  });

  test('terminating pods and pods in other namespaces do not count', () => {
    const gone = makePod('t', { nodeName: 'b1' }, { ...foo, deletionTimestamp: '2026-01-01T00:00:00Z' });
    const other = makePod('o', { nodeName: 'b1' }, { ...foo, namespace: 'other' });
    const r = new TestFramework(pts, nodes, [on('x1', 'a1'), gone, other]).filter(makePod('p', spread(), foo));
    // z1 has 1, z2 has 0: z1 -> 1+1-0 = 2 > 1
    assert.equal(r.nodes.get('a1')?.code, 'Unschedulable');
    assert.equal(r.nodes.get('b1'), null);
  });

  test('with fewer domains than minDomains the global minimum is 0', () => {
    const r = new TestFramework(pts, nodes, [on('y1', 'b1')]).filter(makePod('p', spread({ minDomains: 3 }), foo));
    assert.equal(r.nodes.get('a1'), null);
    assert.equal(r.nodes.get('b1')?.code, 'Unschedulable');
  });

  test('ScheduleAnyway constraints do not filter', () => {
    const r = new TestFramework(pts, nodes, existing).filter(makePod('p', spread({ whenUnsatisfiable: 'ScheduleAnyway' }), foo));
    assert.equal(r.state.skipFilterPlugins.has(POD_TOPOLOGY_SPREAD), true);
  });
});

describe('PodTopologySpread score', () => {
  test('system default constraints spread a ReplicaSet over hostnames (maxSkew 3)', () => {
    const owner = { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-rs', uid: 'rs', controller: true }] };
    const web = (name: string, node?: string) => makePod(name, { nodeName: node }, { labels: { app: 'web' }, ...owner });
    const t = new TestFramework(pts, [makeNode('n1'), makeNode('n2'), makeNode('n3')], [web('a', 'n1'), web('b', 'n1'), web('c', 'n2')], {
      controllerSelector: (_ns, kind, name) => (kind === 'ReplicaSet' && name === 'web-rs' ? { matchLabels: { app: 'web' } } : undefined),
    });
    const s = t.score(web('new'));
    // raw = count x ln(3 + 2) + (3 - 1): 5, 4, 2 -> 100 x (max + min - raw) / max
    assert.deepEqual(['n1', 'n2', 'n3'].map((n) => s.get(n)?.scores[0]?.raw), [5, 4, 2]);
    assert.deepEqual(['n1', 'n2', 'n3'].map((n) => s.get(n)?.scores[0]?.normalized), [40, 60, 100]);
  });

  test('a pod of no Service or controller gets no default spreading', () => {
    const t = new TestFramework(pts, [makeNode('n1'), makeNode('n2')]);
    assert.deepEqual(t.score(makePod('p')).get('n1')?.scores, []);
  });
});
