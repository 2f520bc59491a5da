import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { condition, containerStatus, nodeHarness } from './helpers';

describe('kubelet: static pods of the control plane', () => {
  test('the control-plane kubelet posts Running mirror pods for etcd and the control plane', () => {
    const h = nodeHarness();
    h.node('control-plane', 'control-plane');
    h.loop.runUntilQuiet();
    const pods = h.admin.list<KubeObject>(R.pods, 'kube-system').items;
    assert.deepEqual(pods.map((p) => p.metadata.name).sort(), ['etcd-control-plane', 'kube-apiserver-control-plane', 'kube-controller-manager-control-plane', 'kube-scheduler-control-plane']);
    const etcd = pods.find((p) => p.metadata.name === 'etcd-control-plane') as KubeObject;
    const a = etcd.metadata.annotations ?? {};
    assert.equal(a['kubernetes.io/config.source'], 'file');
    assert.equal(a['kubernetes.io/config.mirror'], a['kubernetes.io/config.hash']);
    assert.equal(etcd.metadata.ownerReferences?.[0]?.kind, 'Node');
    assert.equal(etcd.metadata.ownerReferences?.[0]?.name, 'control-plane');
    assert.equal((etcd.spec as any).priorityClassName, 'system-node-critical');
    assert.equal((etcd.spec as any).hostNetwork, true);
    assert.equal((etcd.status as any).phase, 'Running');
    assert.equal((etcd.status as any).podIP, '172.18.0.2');
    assert.equal(containerStatus(etcd).image, 'registry.k8s.io/etcd:3.5.21-0');
    assert.equal(condition(etcd, 'Ready'), 'True');
    const api = pods.find((p) => p.metadata.name === 'kube-apiserver-control-plane');
    assert.equal(containerStatus(api).image, 'registry.k8s.io/kube-apiserver:v1.33.4');
  });

  test('a deleted mirror pod comes back', () => {
    const h = nodeHarness();
    h.node('control-plane', 'control-plane');
    h.loop.runUntilQuiet();
    h.admin.delete(R.pods, 'kube-system', 'kube-scheduler-control-plane', { gracePeriodSeconds: 0 });
    h.loop.runUntilQuiet();
    h.loop.runFor(5_000);
    assert.ok(h.get('kube-scheduler-control-plane', 'kube-system'));
  });
});
