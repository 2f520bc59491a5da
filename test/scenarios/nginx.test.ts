/**
 * The seed's example end to end: examples/nginx.yaml applied to a fresh cluster reaches
 * three Running pods, with upstream's objects and events, and the walkthrough shows the
 * ten documented stages in order.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCluster } from '../../src/sim/cluster';
import { parseManifest, planApply } from '../../src/manifest';
import { buildWalkthrough } from '../../src/workflow';
import type { KubeObject } from '../../src/sim/api/types';

const text = readFileSync(new URL('../../examples/nginx.yaml', import.meta.url), 'utf8');

function run(seed = 1) {
  const cluster = createCluster({ seed });
  const since = cluster.tracer.lastSeq;
  const plan = planApply(parseManifest(text));
  const results = cluster.apply(plan.objects.map((o) => o.object), { source: 'nginx.yaml' });
  const quiet = cluster.runUntilQuiet();
  const objects = cluster.objects();
  const walkthrough = buildWalkthrough({
    title: 'nginx.yaml',
    trace: cluster.tracer.events(),
    since,
    applied: results.flatMap((r) => (r.ref ? [r.ref] : [])),
    events: cluster.eventRows(),
    topology: cluster.topology(),
  });
  return { cluster, results, quiet, objects, walkthrough };
}

const byKind = (objects: KubeObject[], kind: string, ns = 'default') => objects.filter((o) => o.kind === kind && o.metadata.namespace === ns);

describe('examples/nginx.yaml', () => {
  const r = run();

  test('kubectl-style result lines', () => {
    assert.deepEqual(
      r.results.map((x) => x.message),
      ['deployment.apps/nginx-deployment created', 'service/nginx-service created'],
    );
    assert.equal(r.quiet, true);
  });

  test('a ReplicaSet named after the template hash, owned by the Deployment', () => {
    const [rs] = byKind(r.objects, 'ReplicaSet');
    assert.ok(rs);
    const hash = rs.metadata.labels?.['pod-template-hash'];
    assert.match(hash ?? '', /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    assert.equal(rs.metadata.name, `nginx-deployment-${hash}`);
    assert.equal(rs.metadata.ownerReferences?.[0]?.kind, 'Deployment');
    assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
  });

  test('three pods Running and Ready on the workers, never on the control plane', () => {
    const pods = byKind(r.objects, 'Pod');
    assert.equal(pods.length, 3);
    for (const p of pods) {
      const status = p.status as { phase?: string; podIP?: string; conditions?: { type: string; status: string }[] };
      const spec = p.spec as { nodeName?: string };
      assert.equal(status.phase, 'Running', `${p.metadata.name} is ${status.phase}`);
      assert.ok(status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      assert.match(spec.nodeName ?? '', /^worker-\d$/);
      assert.match(status.podIP ?? '', /^10\.244\.\d+\.\d+$/);
    }
    const deployment = byKind(r.objects, 'Deployment')[0];
    assert.deepEqual(
      { ready: (deployment?.status as { readyReplicas?: number }).readyReplicas, available: (deployment?.status as { availableReplicas?: number }).availableReplicas },
      { ready: 3, available: 3 },
    );
  });

  test('each pod has the upstream event sequence', () => {
    const events = byKind(r.objects, 'Event');
    for (const pod of byKind(r.objects, 'Pod')) {
      const reasons = events
        .filter((e) => (e.involvedObject as { name?: string }).name === pod.metadata.name)
        .map((e) => e.reason as string);
      for (const reason of ['Scheduled', 'Pulling', 'Created', 'Started']) assert.ok(reasons.includes(reason), `${pod.metadata.name}: ${reasons.join(',')}`);
      assert.ok(reasons.includes('Pulled'), `${pod.metadata.name}: ${reasons.join(',')}`);
    }
    const messages = events.map((e) => e.message as string);
    assert.ok(messages.some((m) => /^Scaled up replica set nginx-deployment-\w+ from 0 to 3$/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^Successfully assigned default\/nginx-deployment-\w+-\w{5} to worker-\d$/.test(m)));
  });

  test('the Service has a cluster IP and endpoints for the three pods', () => {
    const svc = byKind(r.objects, 'Service').find((s) => s.metadata.name === 'nginx-service');
    assert.match((svc?.spec as { clusterIP?: string }).clusterIP ?? '', /^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    const slices = byKind(r.objects, 'EndpointSlice').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'nginx-service');
    const endpoints = slices.flatMap((s) => (s.endpoints as { conditions?: { ready?: boolean } }[] | undefined) ?? []);
    assert.equal(endpoints.filter((e) => e.conditions?.ready).length, 3);
  });

  test('the walkthrough has the ten stages in order, each done, with the right components', () => {
    const numbered = r.walkthrough.stages.filter((s) => s.number !== undefined && s.number > 0);
    assert.deepEqual(numbered.map((s) => s.number), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const s of numbered) assert.equal(s.status, 'done', `stage ${s.number} is ${s.status}`);
    const comps = (n: number) => numbered[n - 1]?.components ?? [];
    assert.ok(comps(2).includes('kubectl') && comps(2).includes('kube-apiserver'));
    assert.ok(comps(3).includes('etcd'));
    assert.ok(comps(4).includes('deployment-controller'));
    assert.ok(comps(5).includes('deployment-controller'));
    assert.ok(comps(6).includes('replicaset-controller'));
    assert.ok(comps(7).includes('default-scheduler'));
    assert.ok(comps(8).includes('default-scheduler'));
    assert.ok(comps(9).some((c) => c.startsWith('kubelet/')) && comps(9).some((c) => c.startsWith('containerd/')));
    assert.ok(comps(10).some((c) => c.startsWith('kubelet/')));
    assert.ok(r.walkthrough.stages.some((s) => s.lane === 'service'));
    assert.ok(r.walkthrough.stages.some((s) => s.id === 'prelude'));
  });

  test('the same seed gives the same run', () => {
    const again = run();
    assert.deepEqual(
      again.objects.map((o) => `${o.kind}/${o.metadata.name}/${o.metadata.resourceVersion}`),
      r.objects.map((o) => `${o.kind}/${o.metadata.name}/${o.metadata.resourceVersion}`),
    );
  });
});
