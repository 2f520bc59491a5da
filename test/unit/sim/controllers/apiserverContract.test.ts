/**
 * API server behaviour the controllers rely on, each as small as it can be, so a change
 * in src/sim/apiserver that breaks a controller shows up here with a clear name.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventRecorder, R } from '../../../../src/sim/client';
import { StatusError } from '../../../../src/sim/api/errors';
import type { KubeObject } from '../../../../src/sim/api/types';
import { Harness, deployment } from './harness';

type Obj = KubeObject & Record<string, any>;

describe('API server contract used by the controllers', () => {
  test('admission errors name the generateName prefix (the name is generated after mutating admission)', () => {
    const h = new Harness();
    assert.throws(
      () => h.kubectl.create(R.pods, 'default', {
        apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-', namespace: 'default' },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      }),
      (err: unknown) => err instanceof StatusError && err.message === 'pods "web-" is forbidden: error looking up service account default/default: serviceaccount "default" not found',
    );
  });

  test('deployments/status keeps annotation changes (the revision annotation is written that way)', () => {
    const h = new Harness();
    const d = h.kubectl.create<Obj>(R.deployments, 'default', deployment('d', 1, 'nginx'));
    const out = h.kubectl.updateStatus<Obj>(R.deployments, {
      ...d, metadata: { ...d.metadata, annotations: { 'deployment.kubernetes.io/revision': '1' } }, status: { observedGeneration: 1 },
    });
    assert.equal(out.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
    assert.equal(out.status.observedGeneration, 1);
  });

  test('a Job gets its generated selector and job-name / controller-uid labels (jobStrategy.PrepareForCreate)', () => {
    const h = new Harness();
    const j = h.kubectl.create<Obj>(R.jobs, 'default', {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
    });
    assert.deepEqual(j.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': j.metadata.uid } });
    assert.equal(j.spec.template.metadata.labels['batch.kubernetes.io/job-name'], 'pi');
    assert.equal(j.spec.template.metadata.labels['controller-uid'], j.metadata.uid);
  });

  test('a terminating namespace stays while spec.finalizers is not empty', () => {
    const h = new Harness();
    h.kubectl.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
    h.kubectl.delete(R.namespaces, undefined, 'demo');
    const ns = h.kubectl.get<Obj>(R.namespaces, undefined, 'demo');
    assert.equal(ns.status.phase, 'Terminating');
    h.kubectl.updateStatus(R.namespaces, { ...ns, status: { ...ns.status, conditions: [{ type: 'NamespaceContentRemaining', status: 'False' }] } });
    assert.ok(h.kubectl.tryGet(R.namespaces, undefined, 'demo'));
  });

  test('namespaces/finalize accepts a PUT removing the kubernetes finalizer', () => {
    const h = new Harness();
    h.kubectl.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
    h.kubectl.delete(R.namespaces, undefined, 'demo');
    const ns = h.kubectl.get<Obj>(R.namespaces, undefined, 'demo');
    const res = h.api.handle({
      verb: 'update', group: '', version: 'v1', resource: 'namespaces', subresource: 'finalize', name: 'demo',
      body: { ...ns, spec: { finalizers: [] } }, user: { username: 'admin', groups: ['system:masters'] }, from: 'test',
    });
    assert.equal(res.code, 200);
    assert.equal(h.kubectl.tryGet(R.namespaces, undefined, 'demo'), undefined);
  });

  test('two components recording events about the same object in the same millisecond both succeed', () => {
    const h = new Harness();
    const node = h.apiserverClient.create<Obj>(R.nodes, undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' } });
    const kubelet = new EventRecorder(h.kubeletClient, h.loop, { component: 'kubelet', host: 'worker-1' });
    const nodeController = new EventRecorder(h.apiserverClient, h.loop, { component: 'node-controller' });
    kubelet.normal(node, 'Starting', 'Starting kubelet.');
    nodeController.normal(node, 'RegisteredNode', 'Node worker-1 event: Registered Node worker-1 in Controller');
    assert.deepEqual(h.kubectl.list<Obj>(R.events, 'default').items.map((e) => e.reason).sort(), ['RegisteredNode', 'Starting']);
  });
});
