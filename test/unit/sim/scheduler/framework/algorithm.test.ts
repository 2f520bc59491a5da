import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Algorithm, numFeasibleNodesToFind, selectHost } from '../../../../../src/sim/scheduler/framework/algorithm';
import { CycleState } from '../../../../../src/sim/scheduler/framework/interface';
import { PodInfo } from '../../../../../src/sim/scheduler/framework/podInfo';
import { NODE_RESOURCES_FIT, newNodeResourcesFit } from '../../../../../src/sim/scheduler/plugins/nodeResourcesFit';
import { Rng } from '../../../../../src/sim/core';
import { TestFramework, makeNode, makePod } from '../plugins/fixtures';

describe('numFeasibleNodesToFind (adaptive percentageOfNodesToScore)', () => {
  test('all nodes below 100, else 50% - n/125 (at least 5%), never fewer than 100', () => {
    assert.equal(numFeasibleNodesToFind(3), 3);
    assert.equal(numFeasibleNodesToFind(99), 99);
    assert.equal(numFeasibleNodesToFind(100), 100);
    assert.equal(numFeasibleNodesToFind(1000), 420);
    assert.equal(numFeasibleNodesToFind(5000), 500);
    assert.equal(numFeasibleNodesToFind(10000), 500);
    assert.equal(numFeasibleNodesToFind(5000, 30), 1500);
  });
});

describe('selectHost', () => {
  const scored = (totals: number[]) => totals.map((total, i) => ({ name: `n${i}`, scores: [], total }));

  test('the highest total wins', () => {
    assert.equal(selectHost(scored([10, 30, 20]), new Rng(1)), 'n1');
  });

  test('ties are broken by the seeded generator, every tied node possible, reproducibly', () => {
    const picks = new Set<string>();
    const rng = new Rng(9);
    for (let i = 0; i < 60; i++) picks.add(selectHost(scored([50, 10, 50, 50]), rng));
    assert.deepEqual([...picks].sort(), ['n0', 'n2', 'n3']);
    const a = Array.from({ length: 10 }, (_, i) => selectHost(scored([5, 5, 5]), new Rng(i)));
    const b = Array.from({ length: 10 }, (_, i) => selectHost(scored([5, 5, 5]), new Rng(i)));
    assert.deepEqual(a, b);
  });
});

describe('Algorithm.schedulePod', () => {
  test('each attempt starts filtering where the last one stopped', () => {
    const nodes = Array.from({ length: 150 }, (_, i) => makeNode(`n${String(i).padStart(3, '0')}`));
    const t = new TestFramework([{ name: NODE_RESOURCES_FIT, weight: 1, create: (h) => newNodeResourcesFit(h) }], nodes);
    const alg = new Algorithm(t.fwk, new Rng(1));
    const a = alg.schedulePod(new CycleState(), new PodInfo(makePod('a')));
    const b = alg.schedulePod(new CycleState(), new PodInfo(makePod('b')));
    const list = t.cache.nodeList().map((n) => n.name);
    assert.equal(a.record.evaluated.length, 100);
    assert.equal(a.record.evaluated[0]?.node.name, list[0]);
    assert.equal(b.record.evaluated[0]?.node.name, list[100]);
    assert.equal(b.record.evaluated[99]?.node.name, list[49]);
  });
});
