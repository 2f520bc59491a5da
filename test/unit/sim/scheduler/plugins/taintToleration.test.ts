import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, only, reasonsOf, TestFramework } from './fixtures';
import { TAINT_TOLERATION, newTaintToleration } from '../../../../../src/sim/scheduler/plugins/taintToleration';

const tt = only(TAINT_TOLERATION, newTaintToleration, 3);
const cp = makeNode('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });

describe('TaintToleration filter', () => {
  test('an untolerated NoSchedule taint rejects the node, unresolvably', () => {
    const t = new TestFramework(tt, [cp, makeNode('w')]);
    const r = t.filter(makePod('p'));
    assert.equal(r.nodes.get('cp')?.code, 'UnschedulableAndUnresolvable');
    assert.deepEqual(reasonsOf(r.nodes.get('cp')), ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']);
    assert.equal(r.nodes.get('w'), null);
  });

  test('Exists, Equal and effect-less tolerations', () => {
    const t = new TestFramework(tt, [cp, makeNode('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] })]);
    const exists = makePod('a', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] });
    assert.equal(t.filter(exists).nodes.get('cp'), null);
    const wrongValue = makePod('b', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }] });
    assert.deepEqual(reasonsOf(t.filter(wrongValue).nodes.get('gpu')), ['node(s) had untolerated taint {dedicated: gpu}']);
    const anyEffect = makePod('c', { tolerations: [{ key: 'dedicated', value: 'gpu' }] });
    assert.equal(t.filter(anyEffect).nodes.get('gpu'), null);
    const all = makePod('d', { tolerations: [{ operator: 'Exists' }] });
    assert.equal(t.filter(all).nodes.get('cp'), null);
  });

  test('PreferNoSchedule taints never reject', () => {
    const t = new TestFramework(tt, [makeNode('soft', { taints: [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }] })]);
    assert.equal(t.filter(makePod('p')).nodes.get('soft'), null);
  });
});

describe('TaintToleration score', () => {
  test('fewer untolerated PreferNoSchedule taints score higher (reverse-normalized)', () => {
    const t = new TestFramework(tt, [
      makeNode('two', { taints: [{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'PreferNoSchedule' }] }),
      makeNode('one', { taints: [{ key: 'a', effect: 'PreferNoSchedule' }] }),
      makeNode('none'),
    ]);
    const s = t.score(makePod('p', { tolerations: [{ key: 'b', operator: 'Exists', effect: 'PreferNoSchedule' }] }));
    assert.equal(s.get('two')?.scores[0]?.raw, 1);
    assert.equal(s.get('two')?.scores[0]?.normalized, 0);
    assert.equal(s.get('one')?.scores[0]?.normalized, 0);
    assert.equal(s.get('none')?.scores[0]?.normalized, 100);
    assert.equal(s.get('none')?.scores[0]?.weighted, 300);
  });
});
