import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, only, reasonsOf, TestFramework } from './fixtures';
import { NODE_AFFINITY, newNodeAffinity } from '../../../../../src/sim/scheduler/plugins/nodeAffinity';
import { CycleState } from '../../../../../src/sim/scheduler/framework/interface';
import { PodInfo } from '../../../../../src/sim/scheduler/framework/podInfo';

const na = only(NODE_AFFINITY, newNodeAffinity, 2);
const nodes = [
  makeNode('ssd-a', { labels: { disktype: 'ssd', zone: 'a', cores: '8' } }),
  makeNode('hdd-b', { labels: { disktype: 'hdd', zone: 'b', cores: '2' } }),
];
const required = (terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });

describe('NodeAffinity filter', () => {
  test('nodeSelector must match every label', () => {
    const r = new TestFramework(na, nodes).filter(makePod('p', { nodeSelector: { disktype: 'ssd' } }));
    assert.equal(r.nodes.get('ssd-a'), null);
    assert.equal(r.nodes.get('hdd-b')?.code, 'UnschedulableAndUnresolvable');
    assert.deepEqual(reasonsOf(r.nodes.get('hdd-b')), ["node(s) didn't match Pod's node affinity/selector"]);
  });

  test('required terms are ORed, expressions within a term ANDed; Gt, NotIn, DoesNotExist', () => {
    const t = new TestFramework(na, nodes);
    const r1 = t.filter(makePod('p', required([
      { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['nvme'] }] },
      { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }, { key: 'gpu', operator: 'DoesNotExist' }] },
    ])));
    assert.deepEqual([...r1.nodes].filter(([, s]) => s === null).map(([n]) => n), ['hdd-b']);
    const r2 = t.filter(makePod('q', required([{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }])));
    assert.deepEqual([...r2.nodes].filter(([, s]) => s === null).map(([n]) => n), ['ssd-a']);
  });

  test('an empty term matches nothing; nodeSelector and affinity must both hold', () => {
    const t = new TestFramework(na, nodes);
    const r = t.filter(makePod('p', required([{}])));
    assert.ok([...r.nodes.values()].every((s) => s?.code === 'UnschedulableAndUnresolvable'));
    const both = t.filter(makePod('q', { nodeSelector: { zone: 'b' }, ...required([{ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] }]) }));
    assert.ok([...both.nodes.values()].every((s) => s !== null));
  });

  test('PreFilter narrows the nodes named by matchFields metadata.name', () => {
    const t = new TestFramework(na, nodes);
    const out = t.fwk.runPreFilterPlugins(new CycleState(), new PodInfo(makePod('p', required([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['hdd-b'] }] }]))));
    assert.deepEqual([...(out.nodeNames ?? [])], ['hdd-b']);
  });

  test('PreFilter skips a pod without node affinity or selector', () => {
    const r = new TestFramework(na, nodes).filter(makePod('p'));
    assert.equal(r.state.skipFilterPlugins.has(NODE_AFFINITY), true);
  });
});

describe('NodeAffinity score', () => {
  test('sums the weights of matching preferred terms, normalized by the best', () => {
    const pod = makePod('p', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 2, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } },
            { weight: 8, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } },
          ],
        },
      },
    });
    const s = new TestFramework(na, nodes).score(pod);
    assert.equal(s.get('ssd-a')?.scores[0]?.raw, 2);
    assert.equal(s.get('hdd-b')?.scores[0]?.raw, 8);
    assert.equal(s.get('ssd-a')?.scores[0]?.normalized, 25);
    assert.equal(s.get('hdd-b')?.scores[0]?.normalized, 100);
    assert.equal(s.get('hdd-b')?.scores[0]?.weighted, 200);
  });
});
