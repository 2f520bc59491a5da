import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { cordon, drain, removeNode, uncordon } from '../../../../src/sim/node';
import { nodeHarness } from './helpers';

describe('node actions', () => {
  test('cordon and uncordon flip spec.unschedulable with kubectl wording', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    assert.equal(cordon(h.admin, 'worker-1'), 'node/worker-1 cordoned');
    assert.equal((h.admin.get<KubeObject>(R.nodes, undefined, 'worker-1').spec as any).unschedulable, true);
    assert.equal(cordon(h.admin, 'worker-1'), 'node/worker-1 already cordoned');
    assert.equal(uncordon(h.admin, 'worker-1'), 'node/worker-1 uncordoned');
    assert.equal((h.admin.get<KubeObject>(R.nodes, undefined, 'worker-1').spec as any).unschedulable, undefined);
  });

  test('drain refuses unmanaged pods without --force, then empties the node', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('loose', 'worker-1', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    h.loop.runUntilQuiet();
    const refused = drain(h.admin, 'worker-1', { ignoreDaemonSets: true });
    assert.match(refused[1] ?? '', /cannot delete Pods that declare no controller \(use --force to override\): default\/loose/);
    const out = drain(h.admin, 'worker-1', { ignoreDaemonSets: true, force: true });
    assert.ok(out.includes('evicting pod default/loose'));
    assert.equal(out[out.length - 1], 'node/worker-1 drained');
    h.loop.runUntilQuiet();
    assert.equal(h.get('loose'), undefined);
  });

  test('a stopped kubelet keeps its containers running; removing the node deletes it', () => {
    const h = nodeHarness();
    const agent = h.node('worker-1');
    h.loop.runUntilQuiet();
    h.pod('web', 'worker-1', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    h.loop.runUntilQuiet();
    agent.stopKubelet();
    assert.equal(agent.kubeletRunning, false);
    h.loop.runFor(30_000);
    assert.equal(agent.runtime.listContainers({ state: 'CONTAINER_RUNNING' }).length, 1);
    agent.startKubelet();
    h.loop.runUntilQuiet();
    assert.equal((h.get('web')?.status as any).phase, 'Running');
    assert.equal(removeNode(h.admin, agent), 'node "worker-1" deleted');
    assert.equal(h.admin.tryGet(R.nodes, undefined, 'worker-1'), undefined);
  });
});
