import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { Harness, deployment } from './harness';

type Obj = KubeObject & Record<string, any>;

const service = (targetPort: number | string = 80): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'nginx-service', namespace: 'default', labels: { app: 'nginx' } },
  spec: { type: 'ClusterIP', selector: { app: 'nginx' }, ports: [{ port: 80, targetPort }] },
});

function start(): Harness {
  const h = new Harness().start(['deployment-controller', 'replicaset-controller', 'endpoint-controller', 'endpointslice-controller']);
  h.defaultServiceAccount();
  return h;
}

describe('endpoint-controller and endpointslice-controller', () => {
  test('a Service gets Endpoints with ready and not-ready addresses', () => {
    const h = start();
    h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 3, 'nginx:1.14.2'));
    h.kubectl.create(R.services, 'default', service());
    h.run();
    let ep = h.get<Obj>(R.endpoints, 'default', 'nginx-service') as Obj;
    assert.deepEqual(ep.metadata.labels, { app: 'nginx' });
    assert.equal(ep.subsets, undefined);
    const pods = h.list<Obj>(R.pods, 'default');
    h.makeReady(pods[0] as Obj);
    h.makeReady(pods[1] as Obj);
    h.run();
    ep = h.get<Obj>(R.endpoints, 'default', 'nginx-service') as Obj;
    assert.equal(ep.subsets.length, 1);
    const subset = ep.subsets[0];
    assert.deepEqual(subset.ports, [{ port: 80, protocol: 'TCP' }]);
    assert.equal(subset.addresses.length, 2);
    assert.equal(subset.notReadyAddresses, undefined);
    const addr = subset.addresses.find((a: any) => a.targetRef.name === pods[0]?.metadata.name);
    const pod0 = h.get<Obj>(R.pods, 'default', pods[0]?.metadata.name ?? '') as Obj;
    assert.deepEqual(addr, {
      ip: pod0.status.podIP,
      nodeName: 'worker-1',
      targetRef: { kind: 'Pod', namespace: 'default', name: pod0.metadata.name, uid: pod0.metadata.uid },
    });
    assert.match(ep.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    h.stop();
  });

  test('named targetPorts resolve per pod, and not-ready pods with an IP are notReadyAddresses', () => {
    const h = start();
    h.kubectl.create(R.pods, 'default', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'default', labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'web', containerPort: 8080 }] }] },
    });
    h.kubectl.create(R.pods, 'default', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', namespace: 'default', labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'web', containerPort: 9090 }] }] },
    });
    h.kubectl.create(R.services, 'default', service('web'));
    h.run();
    h.makeReady(h.get<Obj>(R.pods, 'default', 'a') as Obj);
    h.makeReady(h.get<Obj>(R.pods, 'default', 'b') as Obj);
    h.run();
    const ep = h.get<Obj>(R.endpoints, 'default', 'nginx-service') as Obj;
    const ports = ep.subsets.map((s: any) => s.ports[0].port).sort();
    assert.deepEqual(ports, [8080, 9090]);
    const slices = h.list<Obj>(R.endpointslices, 'default');
    assert.equal(slices.length, 2);
    assert.deepEqual(slices.map((s) => s.ports[0].port).sort(), [8080, 9090]);
    // Pod b loses readiness: it moves to notReadyAddresses, and its slice endpoint to ready: false.
    const b = h.get<Obj>(R.pods, 'default', 'b') as Obj;
    h.kubeletClient.updateStatus(R.pods, {
      ...b,
      status: { ...b.status, conditions: b.status.conditions.map((c: any) => (c.type === 'Ready' ? { ...c, status: 'False' } : c)) },
    });
    h.run();
    const ep2 = h.get<Obj>(R.endpoints, 'default', 'nginx-service') as Obj;
    const bSubset = ep2.subsets.find((s: any) => s.ports[0].port === 9090);
    assert.equal(bSubset.addresses, undefined);
    assert.equal(bSubset.notReadyAddresses[0].targetRef.name, 'b');
    const bSlice = h.list<Obj>(R.endpointslices, 'default').find((s) => s.ports[0].port === 9090) as Obj;
    assert.deepEqual(bSlice.endpoints[0].conditions, { ready: false, serving: false, terminating: false });
    h.stop();
  });

  test('EndpointSlices: placeholder first, then the pods, labelled and owned by the Service', () => {
    const h = start();
    h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 3, 'nginx:1.14.2'));
    const svc = h.kubectl.create<Obj>(R.services, 'default', service());
    h.run();
    let slices = h.list<Obj>(R.endpointslices, 'default');
    assert.equal(slices.length, 1);
    const placeholder = slices[0] as Obj;
    assert.match(placeholder.metadata.name ?? '', /^nginx-service-[a-z0-9]{5}$/);
    assert.equal(placeholder.endpoints, null);
    assert.equal(placeholder.ports, null);
    h.readyAll();
    h.run();
    slices = h.list<Obj>(R.endpointslices, 'default');
    assert.equal(slices.length, 1);
    const slice = slices[0] as Obj;
    assert.equal(slice.metadata.name, placeholder.metadata.name);
    assert.deepEqual(slice.metadata.labels, {
      app: 'nginx',
      'kubernetes.io/service-name': 'nginx-service',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    assert.deepEqual(slice.metadata.ownerReferences, [
      { apiVersion: 'v1', kind: 'Service', name: 'nginx-service', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    assert.equal(slice.addressType, 'IPv4');
    assert.deepEqual(slice.ports, [{ name: '', port: 80, protocol: 'TCP' }]);
    assert.equal(slice.endpoints.length, 3);
    for (const ep of slice.endpoints) {
      assert.deepEqual(ep.conditions, { ready: true, serving: true, terminating: false });
      assert.equal(ep.nodeName, 'worker-1');
      assert.equal(ep.targetRef.kind, 'Pod');
    }
    h.stop();
  });
});

describe('the kubernetes Service endpoints', () => {
  test('point at the control-plane node as the API server would', () => {
    const h = new Harness().start(['kube-apiserver', 'endpointslice-controller', 'endpoint-controller']);
    h.apiserverClient.create(R.services, 'default', {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    });
    h.apiserverClient.create(R.nodes, undefined, {
      apiVersion: 'v1', kind: 'Node',
      metadata: { name: 'control-plane', labels: { 'node-role.kubernetes.io/control-plane': '' } },
      status: { addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'control-plane' }] },
    });
    h.run();
    const ep = h.get<Obj>(R.endpoints, 'default', 'kubernetes') as Obj;
    assert.deepEqual(ep.subsets, [{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    const slice = h.get<Obj>(R.endpointslices, 'default', 'kubernetes') as Obj;
    assert.deepEqual(slice.endpoints, [{ addresses: ['172.18.0.2'], conditions: { ready: true } }]);
    // The endpointslice controller leaves a selector-less Service alone.
    assert.equal(h.list(R.endpointslices, 'default').length, 1);
    const writers = h.tracer.events()
      .filter((e) => e.channel === 'http-request' && e.verb === 'POST' && /\/(endpoints|endpointslices)$/.test(e.path ?? ''))
      .map((e) => e.from);
    assert.deepEqual(writers, ['kube-apiserver', 'kube-apiserver']);
    h.stop();
  });
});
