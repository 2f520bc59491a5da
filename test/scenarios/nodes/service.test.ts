/**
 * Golden scenario for Service routing: the nginx Deployment behind nginx-service plus a
 * fourth pod with the same label whose readiness probe fails (nginx answers 404 on
 * /healthz). The unready pod is listed as not ready in Endpoints and EndpointSlice, gets
 * no rule in kube-proxy's table and answers no request; requests to nginx-service, from a
 * node and from a pod, spread over the three ready pods.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCluster } from '../../../src/sim/cluster';
import { R } from '../../../src/sim/client';
import { events, expectEvent, isReady, yamlDocs, type Obj } from '../controllers/helpers';

const nginx = readFileSync(new URL('../../../examples/nginx.yaml', import.meta.url), 'utf8');
const canary = `
apiVersion: v1
kind: Pod
metadata:
  name: canary
  labels: {app: nginx}
spec:
  containers:
  - name: nginx
    image: nginx:1.16.1
    ports: [{containerPort: 80}]
    readinessProbe:
      httpGet: {path: /healthz, port: 80}
      periodSeconds: 5
`;

describe('Service routing with one unready pod', () => {
  const c = createCluster({ seed: 29 });
  c.apply(yamlDocs(nginx + '\n---\n' + canary), { source: 'nginx.yaml' });
  c.runUntilQuiet();
  c.runFor(60_000);
  const all = c.kubectl.list<Obj>(R.pods, 'default', { labelSelector: 'app=nginx' }).items;
  const ready = all.filter((p) => p.metadata.name !== 'canary');
  const unready = c.kubectl.get<Obj>(R.pods, 'default', 'canary');

  test('the canary runs but is not ready: its readiness probe fails', () => {
    assert.equal(unready.status.phase, 'Running');
    assert.equal(isReady(unready), false);
    const cs = unready.status.containerStatuses[0];
    assert.deepEqual([cs.ready, cs.started, cs.restartCount], [false, true, 0]);
    assert.ok(cs.state.running);
    const cond = (unready.status.conditions as Obj[]).find((x) => x.type === 'Ready');
    assert.deepEqual([cond?.status, cond?.reason, cond?.message], ['False', 'ContainersNotReady', 'containers with unready status: [nginx]']);
    const unhealthy = expectEvent(events(c, 'default'), 'kubelet', 'Unhealthy', /^Readiness probe failed: HTTP probe failed with statuscode: 404$/, 'pod/canary');
    assert.equal(unhealthy.type, 'Warning');
    assert.ok(unhealthy.count >= 10, `${unhealthy.count} failed probes in a minute at a 5 s period`);
    assert.equal(ready.length, 3);
    assert.ok(ready.every(isReady));
  });

  test('Endpoints and EndpointSlice list it as not ready', () => {
    const ep = c.kubectl.get<Obj>(R.endpoints, 'default', 'nginx-service');
    assert.deepEqual((ep.subsets[0].addresses as Obj[]).map((a) => a.targetRef.name).sort(), ready.map((p) => p.metadata.name).sort());
    assert.deepEqual((ep.subsets[0].notReadyAddresses as Obj[]).map((a) => [a.ip, a.targetRef.name]), [[unready.status.podIP, 'canary']]);
    const [slice] = c.kubectl.list<Obj>(R.endpointslices, 'default', { labelSelector: 'kubernetes.io/service-name=nginx-service' }).items;
    const mine = (slice?.endpoints as Obj[]).find((e) => e.targetRef.name === 'canary');
    assert.deepEqual(mine?.conditions, { ready: false, serving: false, terminating: false });
    assert.deepEqual(mine?.addresses, [unready.status.podIP]);
    assert.equal((slice?.endpoints as Obj[]).filter((e) => e.conditions.ready).length, 3);
  });

  test('kube-proxy has a rule per ready endpoint only', () => {
    for (const node of ['worker-1', 'worker-2']) {
      const text = c.nodes.get(node)!.proxy.rules();
      const svcChain = /-A KUBE-SERVICES .*"default\/nginx-service cluster IP".* -j (KUBE-SVC-[A-Z0-9]{16})/.exec(text)?.[1];
      assert.ok(svcChain, text);
      const jumps = text.split('\n').filter((l) => l.startsWith(`-A ${svcChain} `) && / -j KUBE-SEP-/.test(l));
      assert.equal(jumps.length, 3, jumps.join('\n'));
      // 1/3, then 1/2 of the rest, then the remainder: an even split.
      assert.match(jumps[0]!, /--probability 0\.33333333349 /);
      assert.match(jumps[1]!, /--probability 0\.50000000000 /);
      assert.doesNotMatch(jumps[2]!, /--probability/);
      for (const p of ready) assert.ok(text.includes(`-j DNAT --to-destination ${p.status.podIP}:80`), `no rule for ${p.metadata.name}`);
      assert.ok(!text.includes(`${unready.status.podIP}:80`), 'a rule sends traffic to the unready pod');
    }
  });

  test('90 requests from a node spread over the three ready pods, none to the canary', () => {
    // A node's resolver has no cluster search path: the short name does not resolve there.
    assert.equal(c.curl('nginx-service:80')?.error, 'curl: (6) Could not resolve host: nginx-service');
    const answered = new Map<string, number>();
    for (let i = 0; i < 90; i++) {
      const r = c.curl(i % 2 ? 'nginx-service.default.svc.cluster.local:80' : `${c.kubectl.get<Obj>(R.services, 'default', 'nginx-service').spec.clusterIP}:80`);
      assert.ok(r?.ok, r?.error);
      assert.equal(r.status, 200);
      assert.match(r.body ?? '', /Welcome to nginx!/);
      answered.set(r.pod ?? '', (answered.get(r.pod ?? '') ?? 0) + 1);
    }
    assert.deepEqual([...answered.keys()].sort(), ready.map((p) => `default/${p.metadata.name}`).sort());
    for (const [pod, n] of answered) assert.ok(n >= 15, `${pod} answered only ${n} of 90`);
  });

  test('from a pod, by its DNS name, through the same rules', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const r = c.curl('nginx-service.default.svc.cluster.local', { pod: { namespace: 'default', name: 'canary' } });
      assert.ok(r?.ok, r?.error);
      assert.equal(r.service, 'default/nginx-service');
      assert.ok(r.chains.includes('KUBE-SERVICES') && r.chains.some((x) => x.startsWith('KUBE-SVC-')) && r.chains.some((x) => x.startsWith('KUBE-SEP-')), r.chains.join(','));
      seen.add(r.pod ?? '');
    }
    assert.ok(!seen.has('default/canary'));
    assert.equal(seen.size, 3);
  });

  test('the canary answers when asked directly: only the Service leaves it out', () => {
    const r = c.curl(`${unready.status.podIP}:80`);
    assert.ok(r?.ok);
    assert.equal(r.pod, 'default/canary');
  });
});
