/**
 * The real kubectl against `kube-walkthrough serve`: the commands of the nginx walkthrough,
 * in order, each checked against what kubectl prints on a real 1.33 cluster.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, cleanupHome, kubectl, requireKubectl, squash, startServe, type Served } from './harness';
import { fieldAt } from '../../src/sim/api/schema';

const NGINX = join(ROOT, 'examples', 'nginx.yaml');
const work = mkdtempSync(join(tmpdir(), 'kw-kubectl-'));
const NGINX_116 = join(work, 'nginx-1.16.yaml');
writeFileSync(NGINX_116, readFileSync(NGINX, 'utf8').replace('nginx:1.14.2', 'nginx:1.16.1'));

function manifest(name: string, body: string): string {
  const path = join(work, name);
  writeFileSync(path, body);
  return path;
}

const DEPLOYMENT = (name: string, replicas: string, container: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: c
        ${container}
`;

describe('the real kubectl against kube-walkthrough serve', () => {
  let served: Served;
  const k = (args: string[], timeoutMs?: number) => kubectl(served, args, { timeoutMs });

  before(async () => {
    requireKubectl();
    served = await startServe(['--nodes', '2']);
  });
  after(async () => {
    const code = await served?.stop();
    cleanupHome();
    rmSync(work, { recursive: true, force: true });
    assert.equal(code, 0, 'serve stops cleanly on SIGTERM');
  });

  test('kubectl version: the dispatcher picks kubectl 1.33 for a 1.33.4 server', async () => {
    const r = await k(['version']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Client Version: v1\.33\.\d+$/m);
    assert.match(r.stdout, /^Server Version: v1\.33\.4$/m);
  });

  test('kubectl api-resources lists what the server serves', async () => {
    const r = await k(['api-resources']);
    assert.equal(r.code, 0, r.stderr);
    const rows = squash(r.stdout);
    assert.match(rows, /^NAME SHORTNAMES APIVERSION NAMESPACED KIND$/m);
    assert.match(rows, /^pods po v1 true Pod$/m);
    assert.match(rows, /^deployments deploy apps\/v1 true Deployment$/m);
    assert.match(rows, /^nodes no v1 false Node$/m);
  });

  test('kubectl apply -f examples/nginx.yaml: created', async () => {
    const r = await k(['apply', '-f', NGINX]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/nginx-deployment created\nservice/nginx-service created\n');
  });

  test('the same again: unchanged', async () => {
    const r = await k(['apply', '-f', NGINX]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/nginx-deployment unchanged\nservice/nginx-service unchanged\n');
  });

  test('kubectl get pods -o wide', async () => {
    const r = await k(['get', 'pods', '-o', 'wide']);
    assert.equal(r.code, 0, r.stderr);
    const rows = squash(r.stdout).split('\n');
    assert.equal(rows[0], 'NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES');
    assert.equal(rows.filter((l) => l.startsWith('nginx-deployment-')).length, 3);
  });

  test('kubectl get deploy,rs,svc', async () => {
    const r = await k(['get', 'deploy,rs,svc']);
    assert.equal(r.code, 0, r.stderr);
    const text = squash(r.stdout);
    assert.match(text, /^NAME READY UP-TO-DATE AVAILABLE AGE$/m);
    assert.match(text, /^deployment\.apps\/nginx-deployment \d\/3 \d \d \S+$/m);
    assert.match(text, /^NAME DESIRED CURRENT READY AGE$/m);
    assert.match(text, /^replicaset\.apps\/nginx-deployment-[a-z0-9]+ 3 3 \d \S+$/m);
    assert.match(text, /^service\/nginx-service ClusterIP 10\.\d+\.\d+\.\d+ <none> 80\/TCP \S+$/m);
  });

  test('kubectl apply with a changed image: configured', async () => {
    const r = await k(['apply', '-f', NGINX_116]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/nginx-deployment configured\nservice/nginx-service unchanged\n');
    const img = await k(['get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    assert.equal(img.stdout, 'nginx:1.16.1');
  });

  test('kubectl get events and --sort-by=.lastTimestamp', async () => {
    const r = await k(['get', 'events']);
    assert.equal(r.code, 0, r.stderr);
    const text = squash(r.stdout);
    assert.match(text, /^LAST SEEN TYPE REASON OBJECT MESSAGE$/m);
    assert.match(text, /Normal ScalingReplicaSet deployment\/nginx-deployment Scaled up replica set nginx-deployment-[a-z0-9]+ from 0 to 3$/m);
    const sorted = await k(['get', 'events', '--sort-by=.lastTimestamp']);
    assert.equal(sorted.code, 0, sorted.stderr);
    assert.match(squash(sorted.stdout), /ScalingReplicaSet/);
  });

  test('kubectl get events --watch streams until stopped', async () => {
    const r = await k(['get', 'events', '--watch'], 4000);
    assert.equal(r.timedOut, true, 'a watch keeps going until it is stopped');
    assert.match(squash(r.stdout), /^LAST SEEN TYPE REASON OBJECT MESSAGE$/m);
    assert.match(r.stdout, /SuccessfulCreate/);
  });

  test('kubectl describe deployment nginx-deployment', async () => {
    const r = await k(['describe', 'deployment', 'nginx-deployment']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Name:\s+nginx-deployment$/m);
    assert.match(r.stdout, /^Selector:\s+app=nginx$/m);
    assert.match(r.stdout, /^StrategyType:\s+RollingUpdate$/m);
    assert.match(r.stdout, /^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m);
    assert.match(r.stdout, /^\s+Image:\s+nginx:1\.16\.1$/m);
    assert.match(r.stdout, /deployment-controller\s+Scaled up replica set nginx-deployment-[a-z0-9]+ from 0 to 3/);
  });

  test('kubectl scale --replicas=5', async () => {
    const r = await k(['scale', 'deployment', 'nginx-deployment', '--replicas=5']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/nginx-deployment scaled\n');
    const n = await k(['get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.replicas}']);
    assert.equal(n.stdout, '5');
  });

  test('kubectl explain deployment.spec.replicas prints upstream description', async () => {
    const r = await k(['explain', 'deployment.spec.replicas']);
    assert.equal(r.code, 0, r.stderr);
    const description = fieldAt('apps/v1', 'Deployment', ['spec', 'replicas'])?.description ?? '';
    assert.match(r.stdout, /^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: replicas <integer>\n/);
    assert.equal(squash(r.stdout.split('DESCRIPTION:')[1] ?? '').trim().replace(/\n/g, ' '), description);
  });

  test('kubectl apply --dry-run=server changes nothing', async () => {
    const r = await k(['apply', '-f', NGINX, '--dry-run=server']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/nginx-deployment configured (server dry run)\nservice/nginx-service unchanged (server dry run)\n');
    const img = await k(['get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    assert.equal(img.stdout, 'nginx:1.16.1');
  });

  test('kubectl diff shows what apply would change (exit 1)', async () => {
    const r = await k(['diff', '-f', NGINX]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^-\s+- image: nginx:1\.16\.1$/m);
    assert.match(r.stdout, /^\+\s+- image: nginx:1\.14\.2$/m);
  });

  test('kubectl apply --server-side', async () => {
    const file = manifest('ssa.yaml', DEPLOYMENT('ssa-web', '1', 'image: nginx:1.25'));
    const r = await k(['apply', '--server-side', '-f', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/ssa-web serverside-applied\n');
    const again = await k(['apply', '--server-side', '-f', file]);
    assert.equal(again.stdout, 'deployment.apps/ssa-web serverside-applied\n');
  });

  test('an invalid manifest shows upstream error texts', async () => {
    const typeError = await k(['apply', '-f', manifest('bad-type.yaml', DEPLOYMENT('bad', '"three"', 'image: nginx'))]);
    assert.equal(typeError.code, 1);
    assert.equal(
      typeError.stderr,
      `Error from server (BadRequest): error when creating "${join(work, 'bad-type.yaml')}": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n`,
    );
    const unknown = await k(['apply', '-f', manifest('bad-field.yaml', DEPLOYMENT('bad', '1', 'imagee: nginx'))]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec\.template\.spec\.containers\[0\]\.imagee"\n$/);
    const invalid = await k(['apply', '-f', manifest('bad-value.yaml', DEPLOYMENT('bad', '-1', 'image: nginx'))]);
    assert.equal(invalid.code, 1);
    assert.equal(invalid.stderr, 'The Deployment "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  });

  test('a wrong token is refused', async () => {
    const r = await k(['--token=not-the-token', 'get', 'pods']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: You must be logged in to the server \(Unauthorized\)$/m);
  });

  test('kubectl get pods -n kube-system', async () => {
    const r = await k(['get', 'pods', '-n', 'kube-system']);
    assert.equal(r.code, 0, r.stderr);
    if (r.stdout === '') assert.equal(r.stderr, 'No resources found in kube-system namespace.\n');
    else assert.match(squash(r.stdout), /^NAME READY STATUS RESTARTS AGE$/m);
  });

  test('kubectl rollout status waits for the rollout', async () => {
    const r = await k(['rollout', 'status', 'deployment/nginx-deployment', '--timeout=90s'], 100_000);
    assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /deployment "nginx-deployment" successfully rolled out\n$/);
  });

  test('kubectl wait --for=condition=Available', async () => {
    const r = await k(['wait', '--for=condition=Available', 'deployment/nginx-deployment', '--timeout=60s'], 70_000);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/nginx-deployment condition met\n');
  });

  test('kubectl logs, and logs -f following a running container', async () => {
    const pod = manifest(
      'logger.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: logger
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sh", "-c", "echo hello from the walkthrough; sleep 3600"]
`,
    );
    assert.equal((await k(['apply', '-f', pod])).stdout, 'pod/logger created\n');
    const ready = await k(['wait', '--for=condition=Ready', 'pod/logger', '--timeout=60s'], 70_000);
    assert.equal(ready.code, 0, ready.stderr);
    const r = await k(['logs', 'logger']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'hello from the walkthrough\n');
    const f = await k(['logs', '-f', 'logger'], 3000);
    assert.equal(f.timedOut, true, 'logs -f follows until stopped');
    assert.equal(f.stdout, 'hello from the walkthrough\n');
  });

  test('kubectl rollout history and undo', async () => {
    const h = await k(['rollout', 'history', 'deployment/nginx-deployment']);
    assert.equal(h.code, 0, h.stderr);
    assert.match(squash(h.stdout), /^REVISION CHANGE-CAUSE\n1 <none>\n2 <none>$/m);
    const u = await k(['rollout', 'undo', 'deployment/nginx-deployment']);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(u.stdout, 'deployment.apps/nginx-deployment rolled back\n');
    const img = await k(['get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    assert.equal(img.stdout, 'nginx:1.14.2');
  });

  test('typed-client commands send protobuf bodies: create deployment, create configmap, expose', async () => {
    const d = await k(['create', 'deployment', 'typed', '--image=nginx:1.25', '--replicas=0']);
    assert.equal(d.code, 0, d.stderr);
    assert.equal(d.stdout, 'deployment.apps/typed created\n');
    const replicas = await k(['get', 'deploy', 'typed', '-o', 'jsonpath={.spec.replicas} {.spec.strategy.type} {.spec.template.spec.restartPolicy}']);
    assert.equal(replicas.stdout, '0 RollingUpdate Always', 'a pointer zero stays; value fields are defaulted');
    const cm = await k(['create', 'configmap', 'typed', '--from-literal=a=1', '--from-literal=empty=']);
    assert.equal(cm.code, 0, cm.stderr);
    const data = await k(['get', 'configmap', 'typed', '-o', 'jsonpath={.data}']);
    assert.deepEqual(JSON.parse(data.stdout), { a: '1', empty: '' });
    const svc = await k(['expose', 'deployment', 'typed', '--port=80']);
    assert.equal(svc.code, 0, svc.stderr);
    assert.equal(svc.stdout, 'service/typed exposed\n');
  });

  test('kubectl delete -f examples/nginx.yaml', async () => {
    const r = await k(['delete', '-f', NGINX], 60_000);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps "nginx-deployment" deleted\nservice "nginx-service" deleted\n');
    const gone = await k(['get', 'deployment', 'nginx-deployment']);
    assert.equal(gone.code, 1);
    assert.equal(gone.stderr, 'Error from server (NotFound): deployments.apps "nginx-deployment" not found\n');
  });
});
