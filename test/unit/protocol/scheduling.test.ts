import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSchedulingDetail } from '../../../src/protocol/scheduling';

const good = {
  pod: 'default/web-1',
  nodes: [
    { node: 'cp', filters: [{ plugin: 'TaintToleration', status: 'UnschedulableAndUnresolvable', reason: 'node(s) had untolerated taint' }], feasible: false },
    { node: 'w1', filters: [{ plugin: 'NodeName', status: 'Success' }], scores: [{ plugin: 'ImageLocality', raw: 0, normalized: 0, weighted: 0 }], total: 0, feasible: true },
  ],
  selected: 'w1',
};

describe('isSchedulingDetail', () => {
  test('accepts the shape the scheduler writes', () => {
    assert.equal(isSchedulingDetail(good), true);
    assert.equal(isSchedulingDetail({ pod: 'default/p', nodes: [] }), true);
  });

  test('rejects unknown statuses, missing fields and non-numbers', () => {
    const bad = [
      { ...good, pod: 3 },
      { ...good, nodes: [{ node: 'n', filters: [{ plugin: 'X', status: 'Fine' }], feasible: true }] },
      { ...good, nodes: [{ node: 'n', filters: [], feasible: 'yes' }] },
      { ...good, nodes: [{ node: 'n', filters: [], scores: [{ plugin: 'X', raw: 1, normalized: Number.NaN, weighted: 1 }], feasible: true }] },
      { ...good, selected: 7 },
      null,
      [],
    ];
    for (const b of bad) assert.equal(isSchedulingDetail(b), false, JSON.stringify(b));
  });
});
