import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { decodeCheck, decodeCheckJson, decodeStatusMessage } from '../../../../../src/sim/api/schema';

const NGINX = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 1
  template:
    metadata:
      labels:
        app: nginx
      annotations:
        kubectl.kubernetes.io/restartedAt: "2024-01-01T00:00:00Z"
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
          protocol: TCP
        resources:
          requests: { cpu: 100m, memory: 64Mi }
          limits: { cpu: 1, memory: 128Mi }
        readinessProbe:
          httpGet: { path: /, port: 80 }
        livenessProbe:
          httpGet: { path: /healthz, port: http }
      volumes:
      - name: cache
        emptyDir: { sizeLimit: 1Gi }
`;

// Tests reach into and rewrite arbitrary nested fields of a parsed manifest.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = Record<string, any>;

function nginx(): Manifest {
  return parse(NGINX) as Manifest;
}

function deploymentCheck(obj: unknown) {
  return decodeCheck(obj, 'apps/v1', 'Deployment');
}

describe('decodeCheck on real manifests', () => {
  test('the nginx Deployment decodes clean', () => {
    const r = deploymentCheck(nginx());
    assert.equal(r.known, true);
    assert.deepEqual(r.unknownFields, []);
    assert.deepEqual(r.typeErrors, []);
    assert.equal(r.typeError, undefined);
    assert.equal(r.strictError, undefined);
  });

  test('a Service, a ConfigMap, a Secret and a Pod decode clean', () => {
    const docs = [
      ['v1', 'Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' }, ports: [{ port: 80, targetPort: 8080 }, { name: 'h', port: 81, targetPort: 'http' }] } }],
      ['v1', 'ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a.conf': 'x=1' } }],
      ['v1', 'Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { password: 'cGFzc3dvcmQ=' }, stringData: { user: 'admin' } }],
      ['v1', 'Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', creationTimestamp: null }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 1'], env: [{ name: 'A', value: '1' }] }] } }],
    ] as const;
    for (const [apiVersion, kind, obj] of docs) {
      const r = decodeCheck(obj, apiVersion, kind);
      assert.deepEqual([kind, r.strictErrors, r.typeErrors], [kind, [], []]);
    }
  });

  test('a misspelled field is an unknown field with its full path, in document order', () => {
    const d = nginx();
    d.spec.replica = 2; // added last, so it comes after the template's fields
    d.spec.template.spec.containers[0].imagePullpolicy = 'Always';
    const r = deploymentCheck(d);
    assert.deepEqual(r.unknownFields, ['spec.template.spec.containers[0].imagePullpolicy', 'spec.replica']);
    assert.equal(
      r.strictError,
      'strict decoding error: unknown field "spec.template.spec.containers[0].imagePullpolicy", unknown field "spec.replica"',
    );
    assert.deepEqual(r.strictErrors, [
      'unknown field "spec.template.spec.containers[0].imagePullpolicy"',
      'unknown field "spec.replica"',
    ]);
    assert.equal(r.typeError, undefined);
  });

  test('field names are case-sensitive, and fields under an unknown field are not looked at', () => {
    const d = nginx();
    d.spec.Replicas = 2;
    d.spec.extra = { replicas: 'x', more: 1 };
    assert.deepEqual(deploymentCheck(d).unknownFields, ['spec.Replicas', 'spec.extra']);
  });

  test('string replicas is the Go type error kube-apiserver returns', () => {
    const d = nginx();
    d.spec.replicas = '3';
    const r = deploymentCheck(d);
    assert.equal(r.typeError, 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
    assert.equal(
      decodeStatusMessage('apps/v1', 'Deployment', r.typeError ?? ''),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    assert.equal(r.typeErrors[0]?.path, 'spec.replicas');
  });

  test('a type error wins over strict errors', () => {
    const d = nginx();
    d.spec.foo = 1;
    d.spec.replicas = 1.5;
    const r = deploymentCheck(d);
    assert.equal(r.typeError, 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32');
    assert.equal(r.strictError, undefined);
    assert.deepEqual(r.unknownFields, ['spec.foo']);
  });

  test('label and annotation values must be strings', () => {
    const d = nginx();
    d.metadata.labels.tier = 5;
    d.spec.template.metadata.annotations.enabled = true;
    const r = deploymentCheck(d);
    assert.deepEqual(
      r.typeErrors.map((e) => e.message),
      [
        'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
        'json: cannot unmarshal bool into Go struct field ObjectMeta.spec.template.metadata.annotations of type string',
      ],
    );
    assert.deepEqual(r.typeErrors.map((e) => e.path), ['metadata.labels.tier', 'spec.template.metadata.annotations.enabled']);
  });

  test('IntOrString takes numbers and strings; other JSON fails as int32', () => {
    for (const ok of [1, 0, '25%', 'http']) {
      const d = nginx();
      d.spec.strategy.rollingUpdate.maxSurge = ok;
      assert.equal(deploymentCheck(d).typeError, undefined, String(ok));
    }
    const d = nginx();
    d.spec.strategy.rollingUpdate.maxSurge = true;
    assert.equal(
      deploymentCheck(d).typeError,
      'json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32',
    );
    const big = nginx();
    big.spec.template.spec.containers[0].livenessProbe.httpGet.port = 4294967296;
    assert.equal(
      deploymentCheck(big).typeError,
      'json: cannot unmarshal number 4294967296 into Go struct field HTTPGetAction.spec.template.spec.containers.livenessProbe.httpGet.port of type int32',
    );
  });

  test('nested arrays: indexes in strict paths, none in type-error paths', () => {
    const d = nginx();
    d.spec.template.spec.containers.push({ name: 'side', image: 'busybox', ports: [{ containerPort: 1 }, { containerPort: '8080', hostIp: 'x' }] });
    const r = deploymentCheck(d);
    assert.deepEqual(r.unknownFields, ['spec.template.spec.containers[1].ports[1].hostIp']);
    assert.equal(
      r.typeError,
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    );
    assert.equal(r.typeErrors[0]?.path, 'spec.template.spec.containers[1].ports[1].containerPort');
  });

  test('an object where a list belongs, and a list where an object belongs', () => {
    const d = nginx();
    d.spec.template.spec.containers[0].ports = { containerPort: 80 };
    assert.equal(
      deploymentCheck(d).typeError,
      'json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.ports of type []v1.ContainerPort',
    );
    const e = nginx();
    e.spec.selector = [{ app: 'nginx' }];
    assert.equal(
      deploymentCheck(e).typeError,
      'json: cannot unmarshal array into Go struct field DeploymentSpec.spec.selector of type v1.LabelSelector',
    );
    const f = nginx();
    f.spec.template.spec.containers[0].resources.limits = '500m';
    assert.equal(
      deploymentCheck(f).typeError,
      'json: cannot unmarshal string into Go struct field ResourceRequirements.spec.template.spec.containers.resources.limits of type v1.ResourceList',
    );
  });

  test('quantities: numbers and strings parse; bad ones stop decoding with the parser error', () => {
    const d = nginx();
    d.spec.template.spec.containers[0].resources.requests.memory = '30mi';
    d.spec.replicas = 'x'; // earlier, but a custom unmarshaler error wins
    assert.equal(deploymentCheck(d).typeError, "unable to parse quantity's suffix");
    const e = nginx();
    e.spec.template.spec.containers[0].resources.limits.cpu = 'one';
    assert.equal(
      deploymentCheck(e).typeError,
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  test('timestamps must be RFC 3339 strings', () => {
    const pod = (ts: unknown) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', creationTimestamp: ts }, spec: { containers: [] } });
    assert.equal(decodeCheck(pod('2024-02-29T10:00:00.5+01:00'), 'v1', 'Pod').typeError, undefined);
    assert.equal(
      decodeCheck(pod('yesterday'), 'v1', 'Pod').typeError,
      'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    );
    assert.equal(decodeCheck(pod('2023-02-29T10:00:00Z'), 'v1', 'Pod').typeError, 'parsing time "2023-02-29T10:00:00Z": day out of range');
    assert.equal(
      decodeCheck(pod(1700000000), 'v1', 'Pod').typeError,
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string',
    );
  });

  test('Secret data must be base64', () => {
    const secret = (v: unknown) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: v } });
    assert.equal(decodeCheck(secret('not base64!'), 'v1', 'Secret').typeError, 'illegal base64 data at input byte 3');
    assert.equal(decodeCheck(secret('YWJj'), 'v1', 'Secret').typeError, undefined);
    assert.equal(
      decodeCheck(secret(42), 'v1', 'Secret').typeError,
      'json: cannot unmarshal number into Go struct field Secret.data of type []uint8',
    );
  });

  test('kinds the schema does not know are not checked', () => {
    const r = decodeCheck({ spec: { anything: 1 } }, 'example.com/v1', 'Widget');
    assert.equal(r.known, false);
    assert.deepEqual(r.unknownFields, []);
  });
});

describe('decodeCheckJson (request bodies)', () => {
  // The body of kube-apiserver's own field validation integration test.
  const body = `{
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": { "name": "dupename", "name": "x", "labels": {"app": "nginx"}, "unknownMeta": "metaVal" },
    "spec": {
      "unknown1": "val1", "unknownDupe": "valDupe", "unknownDupe": "valDupe2",
      "paused": true, "paused": false,
      "selector": { "matchLabels": { "app": "nginx" } },
      "template": { "metadata": { "labels": { "app": "nginx" } }, "spec": { "containers": [{
        "name": "nginx", "image": "nginx:latest", "unknownNested": "val1",
        "imagePullPolicy": "Always", "imagePullPolicy": "Never" }] } }
    }
  }`;

  test('unknown and duplicate fields come out in upstream order and text', () => {
    const r = decodeCheckJson(body, 'apps/v1', 'Deployment');
    assert.equal(
      r.strictError,
      'strict decoding error: duplicate field "metadata.name", unknown field "metadata.unknownMeta", unknown field "spec.unknown1", unknown field "spec.unknownDupe", duplicate field "spec.paused", unknown field "spec.template.spec.containers[0].unknownNested", duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
    );
    assert.deepEqual(r.duplicateFields, ['metadata.name', 'spec.paused', 'spec.template.spec.containers[0].imagePullPolicy']);
  });

  test('repeated map keys are duplicates too; numbers keep their text', () => {
    const r = decodeCheckJson('{"metadata":{"labels":{"a":"1","a":"2"}},"spec":{"replicas":2.0}}', 'apps/v1', 'Deployment');
    assert.deepEqual(r.duplicateFields, ['metadata.labels.a']);
    assert.equal(r.typeError, 'json: cannot unmarshal number 2.0 into Go struct field DeploymentSpec.spec.replicas of type int32');
  });

  test('malformed JSON throws', () => {
    assert.throws(() => decodeCheckJson('{"a":', 'v1', 'Pod'), SyntaxError);
  });
});
