import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { componentsFor, kindOwner, podSpecPath } from '../../../../src/manifest/docs';

const at = (kind: string, path: string) => componentsFor(kind, path.split('.'));

describe('componentsFor', () => {
  test('spec.replicas of a Deployment: the ReplicaSet controller, driven by the Deployment controller, at stage 6', () => {
    const a = at('Deployment', 'spec.replicas');
    assert.equal(a?.who, 'the ReplicaSet controller, driven by the Deployment controller');
    assert.deepEqual(a?.components, ['replicaset-controller', 'deployment-controller']);
    assert.equal(a?.stage, '6');
  });

  test('scheduling fields of the Pod template go to the scheduler, stage 8', () => {
    for (const f of ['nodeSelector', 'affinity', 'tolerations', 'priorityClassName', 'topologySpreadConstraints']) {
      const a = at('Deployment', `spec.template.spec.${f}`);
      assert.ok(a?.components.includes('default-scheduler'), f);
      assert.equal(a?.stage, '8', f);
    }
  });

  test('the same Pod spec field is found wherever the kind keeps its Pod spec', () => {
    const paths: Record<string, string> = {
      Pod: 'spec.nodeSelector',
      Job: 'spec.template.spec.nodeSelector',
      CronJob: 'spec.jobTemplate.spec.template.spec.nodeSelector',
      DaemonSet: 'spec.template.spec.nodeSelector',
    };
    for (const [kind, path] of Object.entries(paths)) assert.deepEqual(at(kind, path)?.components, ['default-scheduler'], kind);
  });

  test('container fields go to the kubelet and the runtime; list indexes are skipped', () => {
    for (const f of ['image', 'imagePullPolicy', 'command', 'args', 'env']) {
      assert.deepEqual(componentsFor('Deployment', ['spec', 'template', 'spec', 'containers', '0', f])?.components, ['kubelet', 'containerd'], f);
    }
    assert.equal(at('Deployment', 'spec.template.spec.containers.image')?.stage, '9');
  });

  test('requests go to the scheduler, limits to the kubelet and the runtime', () => {
    assert.deepEqual(at('Pod', 'spec.containers.resources.requests')?.components, ['default-scheduler']);
    assert.deepEqual(at('Pod', 'spec.containers.resources.requests.cpu')?.components, ['default-scheduler']);
    assert.deepEqual(at('Pod', 'spec.containers.resources.limits')?.components, ['kubelet', 'containerd']);
  });

  test('probes go to the kubelet; a field without a rule takes its parent rule', () => {
    assert.deepEqual(at('Pod', 'spec.containers.livenessProbe.httpGet.path')?.components, ['kubelet']);
    assert.deepEqual(at('Pod', 'spec.containers.name')?.components, ['kubelet', 'containerd']);
  });

  test('Service fields: selector to the endpoint controllers, ports and type to kube-proxy', () => {
    assert.ok(at('Service', 'spec.selector')?.components.includes('endpointslice-controller'));
    assert.equal(at('Service', 'spec.selector')?.stage, 'service');
    for (const f of ['spec.ports', 'spec.ports.targetPort', 'spec.type']) assert.ok(at('Service', f)?.components.includes('kube-proxy'), f);
  });

  test('CronJob: schedule and concurrencyPolicy to the CronJob controller, its Job spec to the Job controller', () => {
    assert.deepEqual(at('CronJob', 'spec.schedule')?.components, ['cronjob-controller']);
    assert.deepEqual(at('CronJob', 'spec.concurrencyPolicy')?.components, ['cronjob-controller']);
    assert.deepEqual(at('CronJob', 'spec.jobTemplate.spec.backoffLimit')?.components, ['job-controller']);
  });

  test('strategy goes to the Deployment controller; template labels to the selectors that read them', () => {
    assert.deepEqual(at('Deployment', 'spec.strategy.rollingUpdate.maxSurge')?.components, ['deployment-controller']);
    assert.ok(at('Deployment', 'spec.template.metadata.labels')?.components.includes('endpointslice-controller'));
  });

  test('metadata.name of any kind goes to the API server at stage 3; unknown fields have no rule', () => {
    assert.deepEqual(at('ConfigMap', 'metadata.name')?.components, ['kube-apiserver']);
    assert.equal(at('ConfigMap', 'metadata.name')?.stage, '3');
    assert.equal(at('ConfigMap', 'data'), undefined);
    assert.equal(componentsFor('Deployment', []), undefined);
  });
});

describe('kindOwner and podSpecPath', () => {
  test('a Deployment is owned by the Deployment controller; a Service by the endpoint controllers and kube-proxy', () => {
    assert.deepEqual(kindOwner('Deployment')?.components, ['deployment-controller']);
    assert.ok(kindOwner('Service')?.components.includes('kube-proxy'));
    assert.equal(kindOwner('Foo'), undefined);
  });

  test('podSpecPath', () => {
    assert.deepEqual(podSpecPath('CronJob'), ['spec', 'jobTemplate', 'spec', 'template', 'spec']);
    assert.equal(podSpecPath('Service'), undefined);
  });
});
