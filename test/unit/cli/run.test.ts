/** `kube-walkthrough run` as a person sees it: the printed report and the JSON document. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from '../../../src/cli/cli';

const example = new URL('../../../examples/nginx.yaml', import.meta.url).pathname;

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), color: false });
  return { code, out, err };
}

describe('kube-walkthrough CLI', () => {
  test('--version and --help', async () => {
    assert.match((await cli(['--version'])).out, /^kube-walkthrough \d+\.\d+\.\d+\n$/);
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /kube-walkthrough run -f FILE/);
  });

  test('an unknown command fails with kubectl-like usage text', async () => {
    const r = await cli(['frobnicate']);
    assert.equal(r.code, 1);
    assert.match(r.err, /unknown command "frobnicate"/);
  });

  test('run -f examples/nginx.yaml prints the apply lines, all ten stages, events and objects', async () => {
    const r = await cli(['run', '-f', example]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^deployment\.apps\/nginx-deployment created\nservice\/nginx-service created\n/);
    for (let n = 1; n <= 10; n++) assert.match(r.out, new RegExp(`Stage ${n}: `), `stage ${n} missing`);
    assert.match(r.out, /LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE/);
    assert.match(r.out, /Scaled up replica set nginx-deployment-\w+ from 0 to 3/);
    assert.match(r.out, /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/);
    assert.equal((r.out.match(/^pod\/nginx-deployment-\w+-\w{5}\s+1\/1\s+Running/gm) ?? []).length, 3);
    assert.match(r.out, /^deployment\.apps\/nginx-deployment\s+3\/3\s+3\s+3\s/m);
    assert.match(r.out, /^service\/nginx-service\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP/m);
  });

  test('run --json has results, objects with defaults and a clusterIP, events, trace and stages', async () => {
    const r = await cli(['run', '-f', example, '--json']);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as {
      results: { action: string; ref: { kind: string } }[];
      objects: { kind: string; metadata: { name: string }; spec?: Record<string, unknown> }[];
      events: unknown[];
      trace: unknown[];
      stages: { number?: number }[][];
    };
    assert.deepEqual(report.results.map((x) => `${x.ref.kind} ${x.action}`), ['Deployment created', 'Service created']);
    const d = report.objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'nginx-deployment');
    assert.deepEqual((d?.spec as { strategy?: unknown }).strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    assert.equal((d?.spec as { revisionHistoryLimit?: number }).revisionHistoryLimit, 10);
    const svc = report.objects.find((o) => o.kind === 'Service' && o.metadata.name === 'nginx-service');
    assert.match(String((svc?.spec as { clusterIP?: string }).clusterIP), /^10\./);
    assert.ok(report.events.length > 0);
    assert.ok(report.trace.length > 0);
    assert.ok((report.stages[0] ?? []).some((s) => s.number === 10));
  });

  test('an invalid manifest fails with the API server message and exit code 1, storing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: other}\n    spec:\n      containers: [{name: web, image: nginx}]\n',
    );
    const r = await cli(['run', '-f', file, '--json']);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.out) as { results: { action: string; message: string; status: { code: number } }[]; objects: { kind: string; metadata: { namespace?: string } }[]; stages: { number?: number; status: string }[][] };
    assert.equal(report.results[0]?.action, 'failed');
    assert.equal(
      report.results[0]?.message,
      'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
    assert.equal(report.results[0]?.status.code, 422);
    assert.equal(report.objects.filter((o) => o.kind === 'Deployment' && o.metadata.namespace === 'default').length, 0);
    const stage3 = (report.stages[0] ?? []).find((s) => s.number === 3);
    assert.equal(stage3?.status, 'failed');
  });
});
