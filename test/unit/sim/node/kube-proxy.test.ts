import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { nodeHarness } from './helpers';

/** Three nginx pods over two workers, a Service and its EndpointSlice (as the controller writes it). */
function setup(opts: { unready?: boolean } = {}) {
  const h = nodeHarness();
  const w1 = h.node('worker-1');
  const w2 = h.node('worker-2');
  h.loop.runUntilQuiet();
  const names = ['web-1', 'web-2', 'web-3'];
  names.forEach((n, i) => h.pod(n, i < 2 ? 'worker-1' : 'worker-2', { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] }, { app: 'web' }));
  if (opts.unready) h.pod('web-4', 'worker-2', { containers: [{ name: 'nginx', image: 'nginx:1.14.2', readinessProbe: { httpGet: { path: '/', port: 8080 } } }] }, { app: 'web' });
  h.loop.runUntilQuiet();
  const svc = h.admin.create<KubeObject>(R.services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] } });
  const pods = [...names, ...(opts.unready ? ['web-4'] : [])].map((n) => h.get(n) as KubeObject);
  h.admin.create(R.endpointslices, 'default', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-abcde', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    ports: [{ name: '', port: 80, protocol: 'TCP' }],
    endpoints: pods.map((p) => {
      const ready = ((p.status as any).conditions as { type: string; status: string }[]).find((c) => c.type === 'Ready')?.status === 'True';
      return { addresses: [(p.status as any).podIP], conditions: { ready, serving: ready, terminating: false }, nodeName: (p.spec as any).nodeName, targetRef: { kind: 'Pod', name: p.metadata.name, namespace: 'default', uid: p.metadata.uid } };
    }),
  } as KubeObject);
  h.loop.runUntilQuiet();
  return { h, w1, w2, clusterIP: (svc.spec as any).clusterIP as string };
}

describe('kube-proxy', () => {
  test('programs KUBE-SERVICES, KUBE-SVC and KUBE-SEP chains and traces each change', () => {
    const { h, w1, clusterIP } = setup();
    const rules = w1.proxy.rules();
    assert.match(rules, new RegExp(`-A KUBE-SERVICES -d ${clusterIP.replace(/\./g, '\\.')}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-`));
    assert.equal((rules.match(/-j DNAT --to-destination/g) ?? []).length, 3);
    const traces = h.tracer.events().filter((e) => e.channel === 'proxy-rule' && e.verb === 'sync');
    assert.ok(traces.some((e) => e.from === 'kube-proxy/worker-1' && e.to === 'kube-proxy/worker-1' && e.summary === `kube-proxy on worker-1 programmed 3 endpoints for default/web (${clusterIP}:80)`));
    assert.ok(traces.some((e) => e.from === 'kube-proxy/worker-2'));
    const started = h.admin.list<KubeObject>(R.events, 'default').items.filter((e) => e.reason === 'Starting' && e.reportingComponent === 'kube-proxy');
    assert.deepEqual(started.map((e) => (e.involvedObject as { name: string }).name).sort(), ['worker-1', 'worker-2']);
  });

  test('requests to the service name spread over the pods and reach nginx', () => {
    const { w1, w2 } = setup();
    const seen = new Map<string, number>();
    for (let i = 0; i < 90; i++) {
      const r = w1.curl('web.default.svc.cluster.local:80');
      assert.ok(r?.ok, r?.error);
      assert.equal(r?.status, 200);
      seen.set(r?.pod ?? '', (seen.get(r?.pod ?? '') ?? 0) + 1);
    }
    assert.deepEqual([...seen.keys()].sort(), ['default/web-1', 'default/web-2', 'default/web-3']);
    for (const n of seen.values()) assert.ok(n >= 15, `uneven: ${[...seen.values()]}`);
    assert.match(w2.logs('default', 'web-3') ?? '', /"GET \/ HTTP\/1.1" 200 612 "-" "curl\/8.5.0"/);
  });

  test('an unready pod is left out and gets no requests', () => {
    const { w1 } = setup({ unready: true });
    assert.equal((w1.proxy.rules().match(/-j DNAT/g) ?? []).length, 3);
    for (let i = 0; i < 60; i++) assert.notEqual(w1.curl('web.default.svc.cluster.local')?.pod, 'default/web-4');
  });

  test('the walk reports its chains; a wrong name does not resolve; a missing port is refused', () => {
    const { w2, clusterIP } = setup();
    const r = w2.curl(`${clusterIP}:80`);
    assert.deepEqual(r?.chains.map((c) => c.replace(/-[A-Z0-9]{16}$/, '')), ['KUBE-SERVICES', 'KUBE-SVC', 'KUBE-SEP']);
    assert.equal(w2.curl('wbe.default.svc.cluster.local')?.error, 'curl: (6) Could not resolve host: wbe.default.svc.cluster.local');
    assert.equal(w2.curl(`${clusterIP}:81`)?.ok, false);
  });

  test('from a pod: short names resolve through the search path; wget prints the page', () => {
    const { h, w2 } = setup();
    h.pod('client', 'worker-2', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'wget -qO- http://web | head -n 4'] }] });
    h.loop.runUntilQuiet();
    assert.equal((h.get('client')?.status as any).phase, 'Succeeded');
    assert.equal(w2.logs('default', 'client'), '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n');
    assert.equal(w2.curl('web', { namespace: 'default', name: 'client' })?.status, undefined);
  });
});
