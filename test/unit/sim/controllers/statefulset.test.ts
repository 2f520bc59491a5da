import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { Harness } from './harness';

type Obj = KubeObject & Record<string, any>;
const PVC = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };

const statefulSet = (replicas: number, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    serviceName: 'nginx',
    replicas,
    selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' }] } },
    volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    ...extra,
  },
});

const names = (h: Harness) => h.list<Obj>(R.pods, 'default').filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();

/** Stand-in kubelet: the newest pending pod becomes Running and Ready. */
function readyPending(h: Harness): void {
  for (const p of h.list<Obj>(R.pods, 'default')) if (p.status.phase === 'Pending' && !p.metadata.deletionTimestamp) h.makeReady(p);
}

describe('statefulset-controller', () => {
  test('OrderedReady: web-0, then web-1 only once web-0 is Ready, with stable names, labels and claims', () => {
    const h = new Harness().start(['statefulset-controller']);
    h.defaultServiceAccount();
    h.kubectl.create(R.statefulsets, 'default', statefulSet(3));
    h.run();
    assert.deepEqual(names(h), ['web-0']);
    const web0 = h.get<Obj>(R.pods, 'default', 'web-0') as Obj;
    assert.equal(web0.spec.hostname, 'web-0');
    assert.equal(web0.spec.subdomain, 'nginx');
    assert.equal(web0.metadata.labels?.['statefulset.kubernetes.io/pod-name'], 'web-0');
    assert.equal(web0.metadata.labels?.['apps.kubernetes.io/pod-index'], '0');
    assert.match(web0.metadata.labels?.['controller-revision-hash'] ?? '', /^web-[a-z0-9]+$/);
    assert.deepEqual(web0.spec.volumes.find((v: any) => v.name === 'www'), { name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
    const claim = h.get<Obj>(PVC, 'default', 'www-web-0') as Obj;
    assert.deepEqual(claim.metadata.labels, { app: 'nginx' });
    for (let i = 0; i < 3; i++) {
      readyPending(h);
      h.run();
    }
    assert.deepEqual(names(h), ['web-0', 'web-1', 'web-2']);
    const msgs = h.events().filter((e) => e.source === 'statefulset-controller').map((e) => e.message);
    assert.deepEqual(msgs.slice(0, 2), ['create Claim www-web-0 Pod web-0 in StatefulSet web success', 'create Pod web-0 in StatefulSet web successful']);
    const set = h.get<Obj>(R.statefulsets, 'default', 'web') as Obj;
    assert.equal(set.status.readyReplicas, 3);
    assert.equal(set.status.currentRevision, set.status.updateRevision);
    h.stop();
  });

  test('scale down removes the highest ordinal first, one at a time; claims stay', () => {
    const h = new Harness().start(['statefulset-controller']);
    h.defaultServiceAccount();
    h.kubectl.create(R.statefulsets, 'default', statefulSet(3));
    for (let i = 0; i < 4; i++) {
      h.run();
      readyPending(h);
    }
    h.run();
    h.kubectl.patch(R.statefulsets, 'default', 'web', { spec: { replicas: 1 } }, 'merge');
    h.run();
    assert.deepEqual(names(h), ['web-0', 'web-1']);
    h.finishDeletions();
    h.run();
    assert.deepEqual(names(h), ['web-0']);
    h.finishDeletions();
    h.run();
    const deletes = h.events().filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message);
    assert.deepEqual(deletes, ['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']);
    assert.ok(h.get(PVC, 'default', 'www-web-2'));
    h.stop();
  });

  test('Parallel creates every pod at once', () => {
    const h = new Harness().start(['statefulset-controller']);
    h.defaultServiceAccount();
    h.kubectl.create(R.statefulsets, 'default', statefulSet(3, { podManagementPolicy: 'Parallel' }));
    h.run();
    assert.deepEqual(names(h), ['web-0', 'web-1', 'web-2']);
    h.stop();
  });

  test('rolling update with a partition updates only the ordinals at or above it, highest first', () => {
    const h = new Harness().start(['statefulset-controller']);
    h.defaultServiceAccount();
    h.kubectl.create(R.statefulsets, 'default', statefulSet(3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }));
    for (let i = 0; i < 4; i++) {
      h.run();
      readyPending(h);
    }
    h.run();
    const before = (h.get<Obj>(R.statefulsets, 'default', 'web') as Obj).status.currentRevision;
    h.kubectl.patch(R.statefulsets, 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.27' }] } } } }, 'strategic');
    for (let i = 0; i < 6; i++) {
      h.run();
      h.finishDeletions();
      h.run();
      readyPending(h);
    }
    h.run();
    const image = (n: string) => (h.get<Obj>(R.pods, 'default', n) as Obj).spec.containers[0].image;
    assert.deepEqual(['web-0', 'web-1', 'web-2'].map(image), ['registry.k8s.io/nginx-slim:0.24', 'registry.k8s.io/nginx-slim:0.27', 'registry.k8s.io/nginx-slim:0.27']);
    const deletes = h.events().filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message);
    assert.deepEqual(deletes, ['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']);
    const set = h.get<Obj>(R.statefulsets, 'default', 'web') as Obj;
    assert.equal(set.status.currentRevision, before);
    assert.notEqual(set.status.updateRevision, before);
    assert.equal(set.status.updatedReplicas, 2);
    assert.equal(h.list(R.controllerrevisions, 'default').length, 2);
    h.stop();
  });

  test('claims are provisioned and bound to a simulated volume', () => {
    const h = new Harness().start(['statefulset-controller', 'persistent-volume-binder']);
    h.defaultServiceAccount();
    h.kubectl.create(R.statefulsets, 'default', statefulSet(1));
    h.run();
    const claim = h.get<Obj>(PVC, 'default', 'www-web-0') as Obj;
    assert.equal(claim.status.phase, 'Bound');
    assert.equal(claim.spec.volumeName, `pvc-${claim.metadata.uid}`);
    const pv = h.get<Obj>({ group: '', version: 'v1', resource: 'persistentvolumes' }, undefined, claim.spec.volumeName) as Obj;
    assert.equal(pv.status.phase, 'Bound');
    assert.equal(pv.spec.claimRef.name, 'www-web-0');
    assert.equal(pv.spec.capacity.storage, '1Gi');
    h.stop();
  });
});
