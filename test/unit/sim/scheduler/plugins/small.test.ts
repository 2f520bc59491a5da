import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, only, reasonsOf, TestFramework } from './fixtures';
import { NODE_NAME, newNodeName } from '../../../../../src/sim/scheduler/plugins/nodeName';
import { NODE_UNSCHEDULABLE, newNodeUnschedulable } from '../../../../../src/sim/scheduler/plugins/nodeUnschedulable';
import { NODE_PORTS, newNodePorts } from '../../../../../src/sim/scheduler/plugins/nodePorts';
import { newSchedulingGates } from '../../../../../src/sim/scheduler/plugins/schedulingGates';
import { newPrioritySort } from '../../../../../src/sim/scheduler/plugins/prioritySort';
import { PodInfo } from '../../../../../src/sim/scheduler/framework/podInfo';
import { newQueuedPodInfo } from '../../../../../src/sim/scheduler/framework/queuedPodInfo';

describe('NodeName', () => {
  test('a pod naming a node fits only that node', () => {
    const t = new TestFramework(only(NODE_NAME, newNodeName), [makeNode('a'), makeNode('b')]);
    const r = t.filter(makePod('p', { nodeName: 'b' }));
    assert.deepEqual(reasonsOf(r.nodes.get('a')), ["node(s) didn't match the requested node name"]);
    assert.equal(r.nodes.get('a')?.code, 'UnschedulableAndUnresolvable');
    assert.equal(r.nodes.get('b'), null);
  });
});

describe('NodeUnschedulable', () => {
  test('a cordoned node rejects pods unless they tolerate node.kubernetes.io/unschedulable', () => {
    const t = new TestFramework(only(NODE_UNSCHEDULABLE, newNodeUnschedulable), [makeNode('cordoned', { unschedulable: true })]);
    assert.deepEqual(reasonsOf(t.filter(makePod('p')).nodes.get('cordoned')), ['node(s) were unschedulable']);
    const tolerant = makePod('q', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    assert.equal(t.filter(tolerant).nodes.get('cordoned'), null);
  });
});

describe('NodePorts', () => {
  const withPort = (name: string, hostPort: number, hostIP?: string, nodeName?: string) =>
    makePod(name, { nodeName, containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort, hostIP }] }] });

  test('a host port in use on the node rejects it; 0.0.0.0 conflicts with any address', () => {
    const t = new TestFramework(only(NODE_PORTS, newNodePorts), [makeNode('a'), makeNode('b')], [withPort('x', 8080, '10.0.0.1', 'a')]);
    const r = t.filter(withPort('p', 8080));
    assert.deepEqual(reasonsOf(r.nodes.get('a')), ["node(s) didn't have free ports for the requested pod ports"]);
    assert.equal(r.nodes.get('a')?.code, 'Unschedulable');
    assert.equal(r.nodes.get('b'), null);
    assert.equal(t.filter(withPort('q', 8080, '10.0.0.2')).nodes.get('a'), null);
    assert.equal(t.filter(withPort('r', 9090)).nodes.get('a'), null);
  });

  test('PreFilter skips pods without host ports', () => {
    const t = new TestFramework(only(NODE_PORTS, newNodePorts), [makeNode('a')]);
    assert.equal(t.filter(makePod('p')).state.skipFilterPlugins.has(NODE_PORTS), true);
  });
});

describe('SchedulingGates', () => {
  test('PreEnqueue holds a gated pod with upstream text', () => {
    const g = newSchedulingGates();
    const s = g.preEnqueue?.(makePod('p', { schedulingGates: [{ name: 'example.com/foo' }, { name: 'example.com/bar' }] }));
    assert.equal(s?.code, 'UnschedulableAndUnresolvable');
    assert.equal(s?.message(), 'waiting for scheduling gates: [example.com/foo example.com/bar]');
    assert.equal(g.preEnqueue?.(makePod('q')), null);
  });
});

describe('PrioritySort', () => {
  test('higher priority first, then earlier arrival', () => {
    const less = newPrioritySort().less as NonNullable<ReturnType<typeof newPrioritySort>['less']>;
    const q = (name: string, priority: number, ts: number) => newQueuedPodInfo(new PodInfo(makePod(name, { priority })), ts);
    assert.equal(less(q('hi', 100, 5), q('lo', 0, 1)), true);
    assert.equal(less(q('lo', 0, 1), q('hi', 100, 5)), false);
    assert.equal(less(q('early', 0, 1), q('late', 0, 2)), true);
  });
});
