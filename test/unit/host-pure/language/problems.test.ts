/** Dry-run answers placed on the manifest: the exact key or value the server's field path names. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest, planApply, lineCol } from '../../../../src/manifest';
import { createCluster, type Cluster } from '../../../../src/sim/cluster';
import { dryRunObjects } from '../../../../src/host/language/dryRun';
import { problemsOf, type Problem } from '../../../../src/host/language/problems';

let shared: Cluster | undefined;
const cluster = () => (shared ??= createCluster({ seed: 1, workers: 1 }));

/** Problems with 0-based line:character of start and the text they cover. */
function check(text: string): { at: string; text: string; message: string; code?: string }[] {
  const plan = planApply(parseManifest(text));
  const results = dryRunObjects(cluster(), plan.objects.map((o) => o.object), 'test.yaml');
  const known = (v: string) => ['v1', 'apps/v1', 'batch/v1'].includes(v);
  return plan.objects.flatMap((o, i) => problemsOf(o.source, results[i]!, { knownVersion: known })).map((p: Problem) => {
    const { line, character } = lineCol(text, p.range.start);
    return { at: `${line}:${character}`, text: text.slice(p.range.start, p.range.end), message: p.message, ...(p.code ? { code: p.code } : {}) };
  });
}

const deployment = (spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${spec}`;

describe('problemsOf', () => {
  test('a valid manifest has none', () => {
    assert.deepEqual(check(deployment(`  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
`)), []);
  });

  test('validation causes land on the value they name (index included) or on the key that lacks one', () => {
    const problems = check(deployment(`  replicas: -1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: a
        image: nginx
      - name: b
        imagePullPolicy: Sometimes
`));
    assert.deepEqual(problems, [
      { at: '5:12', text: '-1', message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0', code: 'FieldValueInvalid' },
      { at: '15:8', text: 'name', message: 'spec.template.spec.containers[1].image: Required value', code: 'FieldValueRequired' },
      {
        at: '16:25', text: 'Sometimes',
        message: 'spec.template.spec.containers[1].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
        code: 'FieldValueNotSupported',
      },
    ]);
  });

  test('unknown fields (strict decoding) land on their keys', () => {
    const problems = check(deployment(`  replica: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
        port: 80
`));
    assert.deepEqual(problems.map((p) => [p.at, p.text, p.message]), [
      ['5:2', 'replica', 'strict decoding error: unknown field "spec.replica"'],
      ['15:8', 'port', 'strict decoding error: unknown field "spec.template.spec.containers[0].port"'],
    ]);
  });

  test("a type error lands on the value Go's decoder rejected, in the right list item", () => {
    const problems = check(deployment(`  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: a
        image: nginx
      - name: b
        image: nginx
        ports:
        - containerPort: http
`));
    assert.deepEqual(problems.map((p) => [p.at, p.text, p.message]), [
      ['17:25', 'http', 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32'],
    ]);
  });

  test('an unknown kind is placed on the kind, an unknown group version on the apiVersion', () => {
    assert.deepEqual(check('apiVersion: v1\nkind: Deploymnet\nmetadata:\n  name: x\n').map((p) => [p.at, p.text, p.message]), [
      ['1:6', 'Deploymnet', 'no matches for kind "Deploymnet" in version "v1"\nensure CRDs are installed first'],
    ]);
    assert.deepEqual(check('apiVersion: example.com/v1\nkind: Foo\nmetadata:\n  name: x\n').map((p) => [p.at, p.text]), [['0:12', 'example.com/v1']]);
  });

  test('a missing namespace is placed on the namespace value', () => {
    const problems = check('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: nowhere\n');
    assert.deepEqual(problems.map((p) => [p.at, p.text, p.message]), [['4:13', 'nowhere', 'namespaces "nowhere" not found']]);
  });

  test('the selector mismatch lands on the template labels key', () => {
    const problems = check(deployment(`  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: web
        image: nginx
`));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.at, '9:6');
    assert.equal(problems[0]?.text, 'labels');
    assert.match(problems[0]?.message ?? '', /^spec\.template\.metadata\.labels: Invalid value: .*`selector` does not match template `labels`$/);
  });
});
