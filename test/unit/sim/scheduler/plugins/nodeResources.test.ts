import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, only, reasonsOf, requests, TestFramework } from './fixtures';
import { NODE_RESOURCES_FIT, newNodeResourcesFit } from '../../../../../src/sim/scheduler/plugins/nodeResourcesFit';
import {
  NODE_RESOURCES_BALANCED_ALLOCATION, balancedResourceScorer, newNodeResourcesBalancedAllocation,
} from '../../../../../src/sim/scheduler/plugins/nodeResourcesBalancedAllocation';

const fit = only(NODE_RESOURCES_FIT, (h) => newNodeResourcesFit(h));
const balanced = only(NODE_RESOURCES_BALANCED_ALLOCATION, (h) => newNodeResourcesBalancedAllocation(h));

describe('NodeResourcesFit filter', () => {
  test('requests count against what allocatable leaves free, with upstream reasons', () => {
    const used = makePod('used', { ...requests('1500m', '1Gi'), nodeName: 'n1' });
    const t = new TestFramework(fit, [makeNode('n1', { cpu: '2', memory: '4Gi' }), makeNode('n2', { cpu: '2', memory: '4Gi' })], [used]);
    const r = t.filter(makePod('p', requests('1', '3500Mi')));
    assert.deepEqual(reasonsOf(r.nodes.get('n1')), ['Insufficient cpu', 'Insufficient memory']);
    assert.equal(r.nodes.get('n1')?.code, 'Unschedulable');
    assert.equal(r.nodes.get('n2'), null);
  });

  test('a request larger than allocatable itself is unresolvable (preemption cannot help)', () => {
    const t = new TestFramework(fit, [makeNode('n1', { cpu: '2' })]);
    const s = t.filter(makePod('p', requests('3'))).nodes.get('n1');
    assert.equal(s?.code, 'UnschedulableAndUnresolvable');
    assert.deepEqual(reasonsOf(s), ['Insufficient cpu']);
  });

  test('the pod count is a resource too: "Too many pods", even for a pod without requests', () => {
    const t = new TestFramework(fit, [makeNode('n1', { pods: 1 })], [makePod('a', { nodeName: 'n1' })]);
    const s = t.filter(makePod('p')).nodes.get('n1');
    assert.deepEqual(reasonsOf(s), ['Too many pods']);
    assert.equal(s?.code, 'Unschedulable');
  });

  test('init containers take the max, regular containers add up', () => {
    const t = new TestFramework(fit, [makeNode('n1', { cpu: '2' })]);
    const pod = makePod('p', {
      initContainers: [{ name: 'i', image: 'busybox', resources: { requests: { cpu: '1500m' } } }],
      containers: [
        { name: 'a', image: 'nginx', resources: { requests: { cpu: '500m' } } },
        { name: 'b', image: 'nginx', resources: { requests: { cpu: '500m' } } },
      ],
    });
    assert.equal(t.filter(pod).nodes.get('n1'), null);
    const bigInit = makePod('q', { initContainers: [{ name: 'i', image: 'busybox', resources: { requests: { cpu: '2500m' } } }] });
    assert.deepEqual(reasonsOf(t.filter(bigInit).nodes.get('n1')), ['Insufficient cpu']);
  });
});

describe('NodeResourcesFit score (LeastAllocated, cpu and memory weight 1)', () => {
  test('upstream vector: differently sized nodes, 3000m/5000 requested', () => {
    const t = new TestFramework(fit, [
      makeNode('n1', { cpu: '4', memory: '10000' }),
      makeNode('n2', { cpu: '6', memory: '10000' }),
    ]);
    const s = t.score(makePod('p', requests('3', '5000')));
    // cpu (4000-3000)*100/4000 = 25, memory 50 -> 37; cpu 50, memory 50 -> 50
    assert.equal(s.get('n1')?.scores[0]?.normalized, 37);
    assert.equal(s.get('n2')?.scores[0]?.normalized, 50);
  });

  test('a missing request counts as 100m cpu and 200Mi memory', () => {
    const t = new TestFramework(fit, [makeNode('n1', { cpu: '1', memory: '2000Mi' })]);
    const s = t.score(makePod('p')).get('n1')?.scores[0]?.normalized;
    // cpu (1000-100)*100/1000 = 90, memory (2000-200)*100/2000 = 90
    assert.equal(s, 90);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  test('1 - standard deviation of the cpu and memory shares', () => {
    assert.equal(balancedResourceScorer([3000, 5000], [4000, 10000]), 87);
    assert.equal(balancedResourceScorer([3000, 5000], [6000, 10000]), 100);
    assert.equal(balancedResourceScorer([5000, 0], [4000, 10000]), 50);
  });

  test('scores with the requests already on the node plus the pod', () => {
    const t = new TestFramework(balanced, [makeNode('n1', { cpu: '4', memory: '10000' })], [makePod('a', { ...requests('1', '0'), nodeName: 'n1' })]);
    const s = t.score(makePod('p', requests('2', '5000'))).get('n1')?.scores[0];
    // cpu 3000/4000 = 0.75, memory 5000/10000 = 0.5 -> 87
    assert.equal(s?.raw, 87);
  });

  test('skips best-effort pods (1.33)', () => {
    const t = new TestFramework(balanced, [makeNode('n1')]);
    const s = t.score(makePod('p')).get('n1');
    assert.deepEqual(s?.scores, []);
  });
});
