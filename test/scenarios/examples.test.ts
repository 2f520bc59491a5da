/**
 * Every example in examples/ yields an honest stage list: the stages that happened are
 * done, the ones that do not apply to the kind are skipped, and the pods end where the
 * kind says they should.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCluster } from '../../src/sim/cluster';
import { parseManifest, planApply } from '../../src/manifest';
import { buildWalkthrough } from '../../src/workflow';
import type { KubeObject } from '../../src/sim/api/types';

function run(file: string, forMs?: number) {
  const cluster = createCluster({ seed: 7 });
  const since = cluster.tracer.lastSeq;
  const plan = planApply(parseManifest(readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8')));
  const results = cluster.apply(plan.objects.map((o) => o.object), { source: file });
  if (forMs) cluster.runFor(forMs);
  else cluster.runUntilQuiet();
  const w = buildWalkthrough({
    title: file,
    trace: cluster.tracer.events(),
    since,
    applied: results.flatMap((r) => (r.ref ? [r.ref] : [])),
    events: cluster.eventRows(),
    topology: cluster.topology(),
  });
  const status = Object.fromEntries(w.stages.filter((s) => s.number).map((s) => [s.number, s.status]));
  const pods = cluster.objects().filter((o) => o.kind === 'Pod' && o.metadata.namespace === 'default');
  return { results, w, status, pods, cluster };
}

const phase = (p: KubeObject) => (p.status as { phase?: string }).phase;

describe('stage lists per kind', () => {
  test('Job: no ReplicaSet stage; pods run to completion', () => {
    const r = run('job.yaml', 120_000);
    assert.equal(r.status[5], 'skipped');
    for (const n of [1, 2, 3, 4, 6, 7, 8, 9, 10]) assert.equal(r.status[n], 'done', `stage ${n}`);
    const succeeded = r.pods.filter((p) => phase(p) === 'Succeeded');
    assert.equal(succeeded.length, 3);
    const job = r.cluster.objects().find((o) => o.kind === 'Job');
    const conditions = ((job?.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).map((c) => `${c.type}=${c.status}`);
    assert.ok(conditions.includes('Complete=True'), conditions.join(','));
  });

  test('StatefulSet: pods named web-0, web-1, web-2, created by the statefulset-controller', () => {
    const r = run('statefulset.yaml');
    assert.equal(r.status[5], 'skipped');
    assert.equal(r.status[6], 'done');
    assert.deepEqual(r.pods.map((p) => p.metadata.name).sort(), ['web-0', 'web-1', 'web-2']);
    assert.ok(r.pods.every((p) => phase(p) === 'Running'));
  });

  test('DaemonSet: one pod on every node, the control plane included (it tolerates the taint)', () => {
    const r = run('daemonset.yaml');
    assert.equal(r.status[6], 'done');
    const nodes = r.pods.map((p) => (p.spec as { nodeName?: string }).nodeName).sort();
    assert.deepEqual(nodes, ['control-plane', 'worker-1', 'worker-2']);
  });

  test('CronJob: after two virtual minutes the cronjob-controller has created Jobs', () => {
    const r = run('cronjob.yaml', 150_000);
    const jobs = r.cluster.objects().filter((o) => o.kind === 'Job' && o.metadata.namespace === 'default');
    assert.ok(jobs.length >= 2, `${jobs.length} jobs`);
    for (const j of jobs) assert.match(j.metadata.name ?? '', /^hello-\d+$/);
  });
});
