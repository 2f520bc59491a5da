import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventLoop, VirtualClock } from '../../../../../src/sim/core';
import { SchedulingQueue } from '../../../../../src/sim/scheduler/framework/queue';
import { Nominator } from '../../../../../src/sim/scheduler/framework/nominator';
import { EVENTS, type ClusterEventWithHint } from '../../../../../src/sim/scheduler/framework/events';
import { newPrioritySort } from '../../../../../src/sim/scheduler/plugins/prioritySort';
import { newSchedulingGates } from '../../../../../src/sim/scheduler/plugins/schedulingGates';
import { newNodeResourcesFit } from '../../../../../src/sim/scheduler/plugins/nodeResourcesFit';
import { newTaintToleration } from '../../../../../src/sim/scheduler/plugins/taintToleration';
import { makeNode, makePod } from '../plugins/fixtures';
import type { PodObj } from '../../../../../src/sim/scheduler/framework/types';

function setup() {
  const loop = new EventLoop(new VirtualClock(0));
  const hints = new Map<string, ClusterEventWithHint[]>();
  for (const p of [newNodeResourcesFit(), newTaintToleration(), newSchedulingGates()]) hints.set(p.name, p.eventsToRegister?.() ?? []);
  let ready = 0;
  const q = new SchedulingQueue({
    loop, component: 'default-scheduler', queueSort: newPrioritySort(), preEnqueue: [newSchedulingGates()], hints,
    nominator: new Nominator(), onReady: () => ready++,
  });
  return { loop, q, ready: () => ready };
}

/** Pops the pod and fails it as rejected by `plugins` (none = an error). */
function fail(q: SchedulingQueue, plugins: string[]): void {
  const qp = q.pop();
  assert.ok(qp);
  qp.unschedulablePlugins = new Set(plugins);
  q.addUnschedulableIfNotPresent(qp);
}

describe('SchedulingQueue', () => {
  test('activeQ pops by priority, then arrival', () => {
    const { q, loop } = setup();
    q.add(makePod('low'));
    loop.clock.advanceTo(5);
    q.add(makePod('high', { priority: 1000 }));
    q.add(makePod('low2'));
    assert.deepEqual([q.pop(), q.pop(), q.pop()].map((x) => x?.podInfo.name), ['high', 'low', 'low2']);
  });

  test('back-off: 1 s doubling per failure, at most 10 s', () => {
    const { q } = setup();
    q.add(makePod('p'));
    const qp = q.pop();
    assert.ok(qp);
    const ds = [1, 2, 3, 4, 5, 6].map((n) => {
      qp.unschedulableCount = n;
      return q.backoffDuration(qp);
    });
    assert.deepEqual(ds, [1000, 2000, 4000, 8000, 10000, 10000]);
  });

  test('a rejected pod waits in unschedulablePods until an event its rejecting plugin registered', () => {
    const { q } = setup();
    const pod = makePod('p', { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '3' } } }] });
    q.add(pod);
    fail(q, ['NodeResourcesFit']);
    assert.equal(q.whereIs(pod.metadata.uid ?? ''), 'unschedulablePods');
    // A node too small for the pod: the queueing hint says Skip.
    q.moveAllToActiveOrBackoffQueue(EVENTS.nodeAdd, undefined, makeNode('small', { cpu: '2' }));
    assert.equal(q.whereIs(pod.metadata.uid ?? ''), 'unschedulablePods');
    // An event no rejecting plugin registered for.
    q.moveAllToActiveOrBackoffQueue(EVENTS.pvcAdd, undefined, {});
    assert.equal(q.whereIs(pod.metadata.uid ?? ''), 'unschedulablePods');
    q.moveAllToActiveOrBackoffQueue(EVENTS.nodeAdd, undefined, makeNode('big', { cpu: '4' }));
    assert.equal(q.whereIs(pod.metadata.uid ?? ''), 'backoffQ');
    // 1.33 pops from backoffQ when activeQ is empty.
    assert.equal(q.pop()?.podInfo.name, 'p');
  });

  test('the flush moves pods left unschedulable for more than 5 minutes', () => {
    const { q, loop } = setup();
    const pod = makePod('p');
    q.add(pod);
    fail(q, ['TaintToleration']);
    loop.clock.advanceTo(299_000);
    q.flushUnschedulablePodsLeftover();
    assert.equal(q.whereIs(pod.metadata.uid ?? ''), 'unschedulablePods');
    loop.clock.advanceTo(301_000);
    q.flushUnschedulablePodsLeftover();
    assert.equal(q.whereIs(pod.metadata.uid ?? ''), 'activeQ');
  });

  test('after an error the pod backs off in backoffQ and is not taken early', () => {
    const { q, loop } = setup();
    const pod = makePod('p');
    q.add(pod);
    fail(q, []);
    assert.equal(q.whereIs(pod.metadata.uid ?? ''), 'backoffQ');
    assert.equal(q.pop(), undefined);
    loop.clock.advanceTo(1000);
    q.flushBackoffQCompleted();
    assert.equal(q.whereIs(pod.metadata.uid ?? ''), 'activeQ');
  });

  test('a gated pod waits until its last scheduling gate is removed', () => {
    const { q } = setup();
    const gated = makePod('g', { schedulingGates: [{ name: 'example.com/wait' }] });
    q.add(gated);
    assert.equal(q.whereIs(gated.metadata.uid ?? ''), 'unschedulablePods');
    assert.equal(q.pop(), undefined);
    const ungated: PodObj = { ...gated, spec: { ...gated.spec, containers: gated.spec?.containers ?? [], schedulingGates: [] } };
    q.update(gated, ungated);
    assert.equal(q.whereIs(gated.metadata.uid ?? ''), 'activeQ');
  });
});
