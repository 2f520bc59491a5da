import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { buildRules, iptablesSave, portProtoHash, shownProbability } from '../../../../src/sim/node/proxy/rules';
import { dnsNames, natWalk, parseTarget } from '../../../../src/sim/node/proxy/request';
import { PodNetwork } from '../../../../src/sim/node/network';
import { Rng } from '../../../../src/sim/core';

const svc: Service = { metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.96.0.20', ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], type: 'ClusterIP' } };
const slice = (ready: boolean[]): EndpointSlice => ({
  addressType: 'IPv4',
  metadata: { name: 'web-x', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
  ports: [{ name: '', port: 8080, protocol: 'TCP' }],
  endpoints: ready.map((r, i) => ({ addresses: [`10.244.1.${i + 2}`], conditions: { ready: r }, nodeName: 'worker-1', targetRef: { kind: 'Pod', name: `web-${i}`, namespace: 'default' } })),
});

describe('kube-proxy rules', () => {
  test('chain names are upstream hashes', () => {
    assert.equal(`KUBE-SVC-${portProtoHash('default/kubernetes:https', 'tcp')}`, 'KUBE-SVC-NPX46M4PTMTKRN6Y');
  });

  test('probabilities read as iptables-save prints them', () => {
    assert.equal(shownProbability(1 / 3), '0.33333333349');
    assert.equal(shownProbability(1 / 2), '0.50000000000');
  });

  test('three endpoints split 1/3, 1/2, rest; unready endpoints are left out', () => {
    const table = buildRules([svc], [slice([true, false, true, true])], 'worker-1');
    const text = iptablesSave(table);
    assert.match(text, /-A KUBE-SERVICES -d 10\.96\.0\.20\/32 -p tcp -m comment --comment "default\/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-/);
    assert.match(text, /"default\/web -> 10\.244\.1\.2:8080" -m statistic --mode random --probability 0\.33333333349/);
    assert.doesNotMatch(text, /10\.244\.1\.3:8080/);
    assert.equal(table.services[0]?.endpoints.length, 3);
  });

  test('a service without endpoints is rejected', () => {
    const table = buildRules([svc], [], 'worker-1');
    assert.match(iptablesSave(table), /"default\/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable/);
    const walk = natWalk({ node: 'worker-1', nodeIP: '172.18.0.3', gatewayIP: '10.244.1.1', network: new PodNetwork(), table: () => table, services: () => [svc], rng: new Rng(1) }, '10.244.1.9', '10.96.0.20', 80, 'tcp');
    assert.equal(walk.rejected, true);
  });

  test('the walk spreads connections over every ready endpoint', () => {
    const table = buildRules([svc], [slice([true, true, true])], 'worker-1');
    const deps = { node: 'worker-1', nodeIP: '172.18.0.3', gatewayIP: '10.244.1.1', network: new PodNetwork(), table: () => table, services: () => [svc], rng: new Rng(5) };
    const hits = new Map<string, number>();
    for (let i = 0; i < 600; i++) {
      const w = natWalk(deps, '10.244.1.9', '10.96.0.20', 80, 'tcp');
      hits.set(w.ip, (hits.get(w.ip) ?? 0) + 1);
    }
    assert.equal(hits.size, 3);
    for (const n of hits.values()) assert.ok(n > 150 && n < 250, `uneven spread ${[...hits.values()]}`);
  });

  test('DNS search path and targets', () => {
    assert.deepEqual(dnsNames('web', { node: 'n', podIP: '10.244.1.2', namespace: 'shop' }).slice(0, 2), ['web.shop.svc.cluster.local', 'web.svc.cluster.local']);
    assert.deepEqual(parseTarget('web.default.svc.cluster.local:8080/healthz'), { host: 'web.default.svc.cluster.local', port: 8080, path: '/healthz', url: 'http://web.default.svc.cluster.local:8080/healthz' });
  });
});
