import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDetail, MAX_DETAIL_NODES } from '../../../../../src/sim/scheduler/framework/detail';
import { NodeInfo } from '../../../../../src/sim/scheduler/framework/nodeInfo';
import { Status } from '../../../../../src/sim/scheduler/framework/status';
import { isSchedulingDetail } from '../../../../../src/protocol/scheduling';
import type { AttemptRecord } from '../../../../../src/sim/scheduler/framework/algorithm';

const FILTERS = ['NodeUnschedulable', 'TaintToleration', 'NodeResourcesFit'];

function record(feasible: number, infeasible: number): AttemptRecord {
  const evaluated: AttemptRecord['evaluated'] = [];
  const scores: NonNullable<AttemptRecord['scores']> = [];
  for (let i = 0; i < feasible; i++) {
    evaluated.push({ node: new NodeInfo(`ok-${i}`), status: null });
    scores.push({ name: `ok-${i}`, scores: [{ plugin: 'NodeResourcesFit', raw: i, normalized: i, weighted: i }], total: i });
  }
  for (let i = 0; i < infeasible; i++) {
    const s = i % 2 === 0 ? Status.unresolvable('node(s) had untolerated taint {a: }').withPlugin('TaintToleration') : Status.unschedulable('Insufficient cpu').withPlugin('NodeResourcesFit');
    evaluated.push({ node: new NodeInfo(`bad-${i}`), status: s });
  }
  return { totalNodes: feasible + infeasible, evaluated, scores };
}

const input = (r: AttemptRecord, selected?: string) => ({
  pod: 'default/p', attempt: 1, filterPlugins: FILTERS, scorePlugins: [{ plugin: 'NodeResourcesFit', weight: 1 }],
  skippedFilters: new Set(['NodeUnschedulable']), record: r, outcome: 'Scheduled' as const, selected,
});

describe('the scheduling explanation', () => {
  test("per node: plugins before the rejecting one pass, skipped ones say Skip, later ones did not run", () => {
    const d = buildDetail(input(record(1, 2), 'ok-0'));
    assert.ok(isSchedulingDetail(d));
    const bad = d.nodes.find((n) => n.node === 'bad-1');
    assert.deepEqual(bad?.filters, [
      { plugin: 'NodeUnschedulable', status: 'Skip' },
      { plugin: 'TaintToleration', status: 'Success' },
      { plugin: 'NodeResourcesFit', status: 'Unschedulable', reason: 'Insufficient cpu' },
    ]);
    const taint = d.nodes.find((n) => n.node === 'bad-0');
    assert.equal(taint?.filters.length, 2);
    assert.equal(d.nodes.find((n) => n.node === 'ok-0')?.total, 0);
  });

  test('a big cluster keeps the best feasible nodes, the selected one, one node per rejection, and counts the rest', () => {
    const d = buildDetail(input(record(30, 20), 'ok-3'));
    assert.ok(isSchedulingDetail(d));
    const feasible = d.nodes.filter((n) => n.feasible);
    assert.equal(feasible.length, MAX_DETAIL_NODES);
    assert.ok(feasible.some((n) => n.node === 'ok-3'));
    assert.ok(feasible.some((n) => n.node === 'ok-29'));
    assert.equal(d.nodes.filter((n) => !n.feasible).length, 2);
    assert.deepEqual(d.omitted, { feasible: 10, infeasible: 18 });
    assert.equal(d.evaluatedNodes, 50);
    assert.equal(d.feasibleNodes, 30);
  });

  test('the guard rejects malformed optional fields', () => {
    const d = buildDetail(input(record(1, 0), 'ok-0'));
    assert.equal(isSchedulingDetail({ ...d, omitted: { feasible: 'x' } }), false);
    assert.equal(isSchedulingDetail({ ...d, outcome: 'Maybe' }), false);
    assert.equal(isSchedulingDetail({ ...d, victims: [1] }), false);
  });
});
