import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { nodeHarness } from './helpers';

describe('kubelet: node registration and heartbeats', () => {
  test('the kubelet POSTs its Node with capacity, labels, addresses and nodeInfo', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    const post = h.tracer.events().find((e) => e.channel === 'http-request' && e.verb === 'POST' && e.path === '/api/v1/nodes');
    assert.equal(post?.from, 'kubelet/worker-1');
    const node = h.admin.get<KubeObject>(R.nodes, undefined, 'worker-1');
    const status = node.status as Record<string, any>;
    assert.equal(node.metadata.labels?.['kubernetes.io/hostname'], 'worker-1');
    assert.equal(node.metadata.labels?.['topology.kubernetes.io/zone'], 'zone-a');
    assert.equal(status.capacity.cpu, '2');
    assert.equal(status.capacity.pods, '110');
    assert.equal(status.allocatable.memory, '3996Mi');
    assert.equal(status.nodeInfo.kubeletVersion, 'v1.33.4');
    assert.match(status.nodeInfo.containerRuntimeVersion, /^containerd:\/\/1\.7\./);
    assert.deepEqual(status.addresses, [{ address: '172.18.0.2', type: 'InternalIP' }, { address: 'worker-1', type: 'Hostname' }]);
    const ready = status.conditions.find((c: any) => c.type === 'Ready');
    assert.equal(ready.status, 'True');
    assert.equal(ready.reason, 'KubeletReady');
    assert.equal(ready.message, 'kubelet is posting ready status');
    assert.deepEqual((node.spec as any).podCIDRs, ['10.244.0.0/24']);
    assert.ok(h.events('worker-1').includes('Starting: Starting kubelet.'));
    assert.ok(h.events('worker-1').includes('NodeReady: Node worker-1 status is now: NodeReady'));
  });

  test('the control plane is labelled and tainted', () => {
    const h = nodeHarness();
    h.node('control-plane', 'control-plane');
    h.loop.runUntilQuiet();
    const node = h.admin.get<KubeObject>(R.nodes, undefined, 'control-plane');
    assert.equal(node.metadata.labels?.['node-role.kubernetes.io/control-plane'], '');
    assert.deepEqual((node.spec as any).taints, [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }]);
  });

  test('the Lease in kube-node-lease is renewed every 10 s, and stops with the kubelet', () => {
    const h = nodeHarness();
    const agent = h.node('worker-1');
    h.loop.runUntilQuiet();
    const renewTime = (): string => (h.admin.get<KubeObject>(R.leases, 'kube-node-lease', 'worker-1').spec as any).renewTime;
    const lease = h.admin.get<KubeObject>(R.leases, 'kube-node-lease', 'worker-1');
    assert.equal((lease.spec as any).holderIdentity, 'worker-1');
    assert.equal((lease.spec as any).leaseDurationSeconds, 40);
    assert.equal(lease.metadata.ownerReferences?.[0]?.kind, 'Node');
    const first = renewTime();
    h.loop.runFor(11_000);
    const second = renewTime();
    assert.ok(Date.parse(second) - Date.parse(first) >= 10_000);
    h.loop.runFor(10_000);
    assert.notEqual(renewTime(), second);
    agent.stopKubelet();
    const frozen = renewTime();
    h.loop.runFor(60_000);
    assert.equal(renewTime(), frozen);
    agent.startKubelet();
    h.loop.runFor(11_000);
    assert.notEqual(renewTime(), frozen);
  });

  test('node status is reported when images change, not on every check', () => {
    const h = nodeHarness();
    h.node('worker-1');
    h.loop.runUntilQuiet();
    const patches = (): number => h.tracer.events().filter((e) => e.channel === 'http-request' && e.verb === 'PATCH' && e.path === '/api/v1/nodes/worker-1/status').length;
    h.loop.runFor(60_000);
    assert.equal(patches(), 0);
    h.pod('web', 'worker-1', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    h.loop.runFor(20_000);
    assert.equal(patches(), 1);
    const images = (h.admin.get<KubeObject>(R.nodes, undefined, 'worker-1').status as any).images as { names: string[] }[];
    assert.ok(images.some((i) => i.names.includes('docker.io/library/nginx:1.14.2')));
  });
});
