/**
 * Golden scenario for `kube-walkthrough run -f examples/nginx.yaml --json`: besides what was
 * applied, the report lists the pods `kubectl get pods -n kube-system` would show, the ones
 * the seed names: the control plane as mirror pods of static pods on the control-plane node
 * (etcd, kube-apiserver, kube-controller-manager, kube-scheduler), kube-proxy on every node
 * and the two CoreDNS replicas, all Running; plus the ReplicaSets, Pods and Events of the
 * nginx Deployment.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../src/cli/cli';
import type { Obj } from '../controllers/helpers';

const file = fileURLToPath(new URL('../../../examples/nginx.yaml', import.meta.url));

interface Report {
  results: { message: string; action: string }[];
  objects: Obj[];
  events: Obj[];
  stages: unknown[][];
}

describe('kube-walkthrough run --json lists the kube-system pods', async () => {
  let out = '';
  let err = '';
  const code = await runCli(['run', '-f', file, '--json', '--seed', '3'], { out: (s) => (out += s), err: (s) => (err += s), color: false });
  const report = JSON.parse(out) as Report;
  const pods = report.objects.filter((o) => o.kind === 'Pod');
  const system = pods.filter((p) => p.metadata.namespace === 'kube-system');

  test('exit code 0 and kubectl-style results', () => {
    assert.equal(code, 0, err);
    assert.deepEqual(report.results.map((r) => r.message), ['deployment.apps/nginx-deployment created', 'service/nginx-service created']);
    assert.ok(report.stages.length === 1 && report.stages[0]!.length >= 10);
  });

  test('the control plane as mirror pods on the control-plane node', () => {
    for (const component of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      const p = system.find((x) => x.metadata.name === `${component}-control-plane`);
      assert.ok(p, `${component}-control-plane missing from ${system.map((x) => x.metadata.name).join(', ')}`);
      assert.equal(p.spec.nodeName, 'control-plane');
      assert.equal(p.status.phase, 'Running');
      assert.ok(p.metadata.annotations['kubernetes.io/config.mirror'], 'a mirror pod');
      assert.equal(p.metadata.annotations['kubernetes.io/config.source'], 'file');
      assert.deepEqual([p.metadata.ownerReferences[0].kind, p.metadata.ownerReferences[0].name], ['Node', 'control-plane']);
      assert.equal(p.metadata.labels.component, component);
      assert.equal(p.metadata.labels.tier, 'control-plane');
      assert.equal(p.spec.hostNetwork, true);
      assert.equal(p.spec.priorityClassName, 'system-node-critical');
    }
  });

  test('kube-proxy on every node, CoreDNS twice, all Running', () => {
    const proxies = system.filter((p) => /^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(p.metadata.name));
    assert.deepEqual(proxies.map((p) => p.spec.nodeName).sort(), ['control-plane', 'worker-1', 'worker-2']);
    for (const p of proxies) assert.equal(p.metadata.ownerReferences[0].kind, 'DaemonSet');
    const dns = system.filter((p) => /^coredns-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(p.metadata.name));
    assert.equal(dns.length, 2);
    for (const p of dns) assert.equal(p.metadata.labels['k8s-app'], 'kube-dns');
    assert.equal(system.length, 4 + 3 + 2, system.map((x) => x.metadata.name).join(', '));
    for (const p of system) assert.equal(p.status.phase, 'Running', p.metadata.name);
    const kubeDns = report.objects.find((o) => o.kind === 'Service' && o.metadata.name === 'kube-dns');
    assert.equal(kubeDns?.spec.clusterIP, '10.96.0.10');
  });

  test("the controllers' objects: the ReplicaSet, three Running pods, their events", () => {
    const rs = report.objects.filter((o) => o.kind === 'ReplicaSet' && o.metadata.namespace === 'default');
    assert.equal(rs.length, 1);
    const mine = pods.filter((p) => p.metadata.namespace === 'default');
    assert.equal(mine.length, 3);
    for (const p of mine) assert.equal(p.status.phase, 'Running');
    const reasons = new Set(report.events.filter((e) => e.metadata.namespace === 'default').map((e) => `${e.source?.component ?? e.reportingComponent}/${e.reason}`));
    for (const r of ['deployment-controller/ScalingReplicaSet', 'replicaset-controller/SuccessfulCreate', 'default-scheduler/Scheduled', 'kubelet/Pulling', 'kubelet/Pulled', 'kubelet/Created', 'kubelet/Started']) {
      assert.ok(reasons.has(r), `${r} missing from ${[...reasons].join(', ')}`);
    }
  });
});
