import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { Harness, deployment } from './harness';

type Obj = KubeObject & { spec?: Record<string, any>; status?: Record<string, any> };

const HASH = /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/;

function start(): Harness {
  const h = new Harness().start(['deployment-controller', 'replicaset-controller']);
  h.defaultServiceAccount();
  return h;
}

describe('deployment-controller', () => {
  test('the nginx example: one ReplicaSet named by its pod-template-hash, three pods, events', () => {
    const h = start();
    h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 3, 'nginx:1.14.2'));
    h.run();
    const rss = h.list<Obj>(R.replicasets, 'default');
    assert.equal(rss.length, 1);
    const rs = rss[0] as Obj;
    const d = h.get<Obj>(R.deployments, 'default', 'nginx-deployment') as Obj;
    const hash = rs.metadata.labels?.['pod-template-hash'] ?? '';
    assert.match(hash, HASH);
    assert.equal(rs.metadata.name, `nginx-deployment-${hash}`);
    assert.deepEqual(rs.metadata.labels, { app: 'nginx', 'pod-template-hash': hash });
    assert.deepEqual(rs.spec?.selector, { matchLabels: { app: 'nginx', 'pod-template-hash': hash } });
    assert.equal(rs.spec?.template.metadata.labels['pod-template-hash'], hash);
    assert.equal(rs.spec?.replicas, 3);
    assert.deepEqual(rs.metadata.annotations, {
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    assert.deepEqual(rs.metadata.ownerReferences, [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx-deployment', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
    const pods = h.list<Obj>(R.pods, 'default');
    assert.equal(pods.length, 3);
    for (const p of pods) assert.match(p.metadata.name ?? '', new RegExp(`^nginx-deployment-${hash}-[a-z0-9]{5}$`));
    const evs = h.events();
    const scaling = evs.filter((e) => e.reason === 'ScalingReplicaSet');
    assert.deepEqual(scaling.map((e) => [e.source, e.kind, e.message]), [
      ['deployment-controller', 'Deployment', `Scaled up replica set nginx-deployment-${hash} from 0 to 3`],
    ]);
    assert.equal(evs.filter((e) => e.reason === 'SuccessfulCreate' && e.source === 'replicaset-controller').length, 3);
    const reconcile = h.tracer.events().find((e) => e.channel === 'reconcile' && e.from === 'deployment-controller');
    assert.equal(reconcile?.summary, `deployment-controller: nginx-deployment needs a ReplicaSet for its template (pod-template-hash ${hash})`);
    h.stop();
  });

  test('status and conditions once the pods are ready', () => {
    const h = start();
    h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 3, 'nginx:1.14.2'));
    h.run();
    let d = h.get<Obj>(R.deployments, 'default', 'nginx-deployment') as Obj;
    const rsName = h.list<Obj>(R.replicasets, 'default')[0]?.metadata.name;
    assert.deepEqual(
      d.status?.conditions.map((c: any) => [c.type, c.status, c.reason, c.message]),
      [
        ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
        ['Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`],
      ],
    );
    h.readyAll();
    h.run();
    d = h.get<Obj>(R.deployments, 'default', 'nginx-deployment') as Obj;
    assert.equal(d.status?.replicas, 3);
    assert.equal(d.status?.updatedReplicas, 3);
    assert.equal(d.status?.readyReplicas, 3);
    assert.equal(d.status?.availableReplicas, 3);
    assert.equal(d.status?.unavailableReplicas, undefined);
    assert.equal(d.status?.observedGeneration, 1);
    assert.deepEqual(
      d.status?.conditions.map((c: any) => [c.type, c.status, c.reason, c.message]),
      [
        ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
        ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`],
      ],
    );
    h.stop();
  });
});

describe('deployment-controller options', () => {
  test('progressDeadlineSeconds: a rollout that makes no progress is marked ProgressDeadlineExceeded', () => {
    const h = start();
    h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 2, 'nginx:1.14.2', { progressDeadlineSeconds: 10 }));
    h.run(120_000);
    const d = h.get<Obj>(R.deployments, 'default', 'nginx-deployment') as Obj;
    const rsName = h.list<Obj>(R.replicasets, 'default')[0]?.metadata.name;
    const progressing = d.status?.conditions.find((c: any) => c.type === 'Progressing');
    assert.deepEqual([progressing.status, progressing.reason, progressing.message], ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`]);
    h.stop();
  });

  test('paused: a template change makes no new ReplicaSet until resumed', () => {
    const h = start();
    const stop = h.autoKubelet();
    h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 2, 'nginx:1.14.2'));
    h.run();
    h.kubectl.patch(R.deployments, 'default', 'nginx-deployment', { spec: { paused: true } }, 'merge');
    h.kubectl.patch(R.deployments, 'default', 'nginx-deployment', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } }, 'strategic');
    h.run();
    assert.equal(h.list(R.replicasets, 'default').length, 1);
    let d = h.get<Obj>(R.deployments, 'default', 'nginx-deployment') as Obj;
    let cond = d.status?.conditions.find((c: any) => c.type === 'Progressing');
    assert.deepEqual([cond.status, cond.reason, cond.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);
    h.kubectl.patch(R.deployments, 'default', 'nginx-deployment', { spec: { paused: false } }, 'merge');
    h.run();
    assert.equal(h.list(R.replicasets, 'default').length, 2);
    d = h.get<Obj>(R.deployments, 'default', 'nginx-deployment') as Obj;
    cond = d.status?.conditions.find((c: any) => c.type === 'Progressing');
    assert.equal(cond.reason, 'NewReplicaSetAvailable');
    stop();
    h.stop();
  });

  test('revisionHistoryLimit: old idle ReplicaSets beyond the limit are deleted', () => {
    const h = start();
    h.autoKubelet();
    h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 1, 'nginx:1.14.2', { revisionHistoryLimit: 1 }));
    h.run();
    for (const tag of ['1.15.0', '1.16.0', '1.16.1']) {
      h.kubectl.patch(R.deployments, 'default', 'nginx-deployment', { spec: { template: { spec: { containers: [{ name: 'nginx', image: `nginx:${tag}` }] } } } }, 'strategic');
      h.run();
    }
    const rss = h.list<Obj>(R.replicasets, 'default');
    assert.deepEqual(rss.map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']).sort(), ['3', '4']);
    h.stop();
  });

  test('minReadySeconds: pods count as available only after being ready that long', () => {
    const h = start();
    h.autoKubelet({ readyAfterMs: 1000 });
    h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 2, 'nginx:1.14.2', { minReadySeconds: 5 }));
    h.advance(3000);
    let rs = h.list<Obj>(R.replicasets, 'default')[0] as Obj;
    assert.equal(rs.spec?.minReadySeconds, 5);
    assert.equal(rs.status?.readyReplicas, 2);
    assert.equal(rs.status?.availableReplicas, undefined);
    h.run();
    rs = h.list<Obj>(R.replicasets, 'default')[0] as Obj;
    assert.equal(rs.status?.availableReplicas, 2);
    const d = h.get<Obj>(R.deployments, 'default', 'nginx-deployment') as Obj;
    assert.equal(d.status?.availableReplicas, 2);
    h.stop();
  });
});
