import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { SchedHarness, cpuPod } from './harness';

function priorityClass(s: SchedHarness, name: string, value: number, preemptionPolicy?: string): void {
  s.admin.create(R.priorityclasses, undefined, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, preemptionPolicy } as KubeObject);
}

describe('scheduler scenarios: preemption', () => {
  test('a higher-priority pod evicts a lower-priority one, is nominated, and lands once the victim is gone', () => {
    const s = new SchedHarness().cluster(1).start();
    priorityClass(s, 'high', 1000);
    s.createPod('low', cpuPod('1500m'));
    s.run();
    assert.equal(s.nodeOf('low'), 'worker-1');

    const high = s.createPod('high', cpuPod('1500m', { priorityClassName: 'high' }));
    s.run();
    // The first attempt fails (no room) and preempts: the FailedScheduling message has no preemption part.
    assert.deepEqual(s.events('high').map((e) => e.message), [
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.',
    ]);
    assert.equal((s.pod('high').status as { nominatedNodeName?: string }).nominatedNodeName, 'worker-1');
    const low = s.pod('low');
    assert.ok(low.metadata.deletionTimestamp, 'victim not deleted gracefully');
    const dt = (low.status as { conditions?: Record<string, unknown>[] }).conditions?.find((c) => c.type === 'DisruptionTarget');
    assert.equal(dt?.reason, 'PreemptionByScheduler');
    assert.equal(dt?.message, 'default-scheduler: preempting to accommodate a higher priority pod');
    const preempted = s.events('low').find((e) => e.reason === 'Preempted');
    assert.equal(preempted?.message, `Preempted by pod ${high.metadata.uid} on node worker-1`);
    const d = s.lastDetail('high');
    assert.equal(d?.nominatedNode, 'worker-1');
    assert.deepEqual(d?.victims, ['default/low']);

    s.finishTerminating();
    s.run();
    assert.equal(s.nodeOf('high'), 'worker-1');
    assert.equal(s.events('high').at(-1)?.message, 'Successfully assigned default/high to worker-1');
  });

  test('equal priority finds no victims; preemptionPolicy Never is not eligible', () => {
    const s = new SchedHarness().cluster(1).start();
    priorityClass(s, 'polite', 1000, 'Never');
    s.createPod('first', cpuPod('1500m'));
    s.run();
    s.createPod('same', cpuPod('1500m'));
    s.createPod('never', cpuPod('1500m', { priorityClassName: 'polite' }));
    s.run();
    assert.equal(
      s.condition('same')?.message,
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
    assert.equal(
      s.condition('never')?.message,
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: not eligible due to preemptionPolicy=Never.',
    );
    assert.equal(s.pod('first').metadata.deletionTimestamp, undefined);
  });

  test('preemption evicts only as many victims as needed, least important first', () => {
    const s = new SchedHarness().cluster(1, { cpu: '4' }).start();
    priorityClass(s, 'mid', 500);
    priorityClass(s, 'top', 1000);
    s.createPod('v-low', cpuPod('1'));
    s.createPod('v-mid', cpuPod('1', { priorityClassName: 'mid' }));
    s.createPod('v-low2', cpuPod('1500m'));
    s.run();
    s.createPod('boss', cpuPod('2', { priorityClassName: 'top' }));
    s.run();
    const deleted = ['v-low', 'v-mid', 'v-low2'].filter((n) => s.pod(n).metadata.deletionTimestamp);
    // 500m free; removing v-low2 (1500m) makes 2 cores: the mid-priority pod and the other low one stay.
    assert.deepEqual(deleted, ['v-low2']);
  });
});
