import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Diagnosis, fitErrorMessage } from '../../../../../src/sim/scheduler/framework/fitError';
import { Status } from '../../../../../src/sim/scheduler/framework/status';

describe('FitError message', () => {
  test('reasons counted per node, "count reason" sorted as strings, preemption appended', () => {
    const d = new Diagnosis();
    d.nodeToStatus.set('cp', Status.unresolvable('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'));
    d.nodeToStatus.set('w1', Status.unschedulable('Insufficient cpu'));
    d.nodeToStatus.set('w2', Status.unschedulable('Insufficient cpu'));
    d.postFilterMsg = 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    assert.equal(
      fitErrorMessage(3, d),
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  test('a node with two reasons counts both; sorting is by string, so 10 comes before 2', () => {
    const d = new Diagnosis();
    for (let i = 0; i < 10; i++) d.nodeToStatus.set(`a${i}`, Status.unschedulable('Insufficient cpu', 'Insufficient memory'));
    d.nodeToStatus.set('b', Status.unschedulable('Too many pods'));
    d.nodeToStatus.set('c', Status.unschedulable('Too many pods'));
    assert.equal(fitErrorMessage(12, d), '0/12 nodes are available: 10 Insufficient cpu, 10 Insufficient memory, 2 Too many pods.');
  });

  test('a PreFilter rejection replaces the per-node reasons', () => {
    const d = new Diagnosis();
    d.preFilterMsg = 'persistentvolumeclaim "data" not found';
    d.nodeToStatus.absentNodesStatus = Status.unresolvable('persistentvolumeclaim "data" not found');
    assert.equal(fitErrorMessage(3, d), '0/3 nodes are available: persistentvolumeclaim "data" not found.');
  });

  test('nodes never evaluated take the absent status reasons', () => {
    const d = new Diagnosis();
    d.nodeToStatus.absentNodesStatus = Status.unresolvable('Preemption is not helpful for scheduling');
    d.nodeToStatus.set('w1', Status.unresolvable('No preemption victims found for incoming pod'));
    assert.equal(fitErrorMessage(3, d), '0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.');
  });
});
