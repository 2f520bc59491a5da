import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { Harness, deployment } from './harness';

type Obj = KubeObject & { spec?: Record<string, any>; status?: Record<string, any> };

function isReady(p: Obj): boolean {
  return (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

/** Watches etcd itself and checks the rollout bounds after every revision. */
function watchBounds(h: Harness, replicas: number, surge: number, unavailable: number) {
  const objs = new Map<string, Obj>();
  for (const kv of h.store.range('/registry/').kvs) objs.set(kv.key, kv.value as unknown as Obj);
  const worst = { maxSpecSum: 0, maxActivePods: 0, minReady: Infinity, revisions: 0 };
  const w = h.store.watch('/registry/', h.store.revision + 1, (events) => {
    for (const ev of events) {
      if (ev.type === 'DELETE') objs.delete(ev.kv.key);
      else objs.set(ev.kv.key, ev.kv.value as unknown as Obj);
    }
    worst.revisions++;
    let specSum = 0;
    let active = 0;
    let ready = 0;
    for (const [key, o] of objs) {
      if (key.startsWith('/registry/replicasets/default/')) specSum += o.spec?.replicas ?? 0;
      if (key.startsWith('/registry/pods/default/') && !o.metadata.deletionTimestamp) {
        active++;
        if (isReady(o)) ready++;
      }
    }
    worst.maxSpecSum = Math.max(worst.maxSpecSum, specSum);
    worst.maxActivePods = Math.max(worst.maxActivePods, active);
    worst.minReady = Math.min(worst.minReady, ready);
  });
  return { worst, stop: () => w.cancel(), limits: { maxTotal: replicas + surge, minAvailable: replicas - unavailable } };
}

function setImage(h: Harness, image: string): void {
  h.kubectl.patch(R.deployments, 'default', 'nginx-deployment', { spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } } }, 'strategic');
}

describe('deployment rollouts', () => {
  test('rolling update to nginx:1.16.1 stays within maxSurge and maxUnavailable at every store revision', () => {
    const h = new Harness().start(['deployment-controller', 'replicaset-controller']);
    h.defaultServiceAccount();
    h.autoKubelet({ readyAfterMs: 1500, terminateAfterMs: 800 });
    h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 3, 'nginx:1.14.2'));
    h.run();
    const [oldRS] = h.list<Obj>(R.replicasets, 'default');
    const bounds = watchBounds(h, 3, 1, 0);
    setImage(h, 'nginx:1.16.1');
    h.run();
    bounds.stop();
    assert.ok(bounds.worst.revisions > 20);
    assert.ok(bounds.worst.maxSpecSum <= bounds.limits.maxTotal, `spec sum reached ${bounds.worst.maxSpecSum}`);
    assert.ok(bounds.worst.minReady >= bounds.limits.minAvailable, `ready pods fell to ${bounds.worst.minReady}`);
    assert.ok(bounds.worst.maxActivePods <= bounds.limits.maxTotal, `live pods reached ${bounds.worst.maxActivePods}`);

    const rss = h.list<Obj>(R.replicasets, 'default');
    assert.equal(rss.length, 2);
    const newRS = rss.find((rs) => rs.metadata.uid !== oldRS?.metadata.uid) as Obj;
    const old = rss.find((rs) => rs.metadata.uid === oldRS?.metadata.uid) as Obj;
    assert.equal(newRS.spec?.replicas, 3);
    assert.equal(old.spec?.replicas, 0);
    assert.equal(newRS.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
    assert.equal(old.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
    const d = h.get<Obj>(R.deployments, 'default', 'nginx-deployment') as Obj;
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
    assert.equal(d.status?.updatedReplicas, 3);
    assert.equal(d.status?.availableReplicas, 3);
    const pods = h.list<Obj>(R.pods, 'default');
    assert.equal(pods.length, 3);
    for (const p of pods) assert.equal(p.spec?.containers[0].image, 'nginx:1.16.1');

    const n = newRS.metadata.name;
    const o = old.metadata.name;
    const scaling = h.events().filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    assert.deepEqual(scaling.slice(1), [
      `Scaled up replica set ${n} from 0 to 1`,
      `Scaled down replica set ${o} from 3 to 2`,
      `Scaled up replica set ${n} from 1 to 2`,
      `Scaled down replica set ${o} from 2 to 1`,
      `Scaled up replica set ${n} from 2 to 3`,
      `Scaled down replica set ${o} from 1 to 0`,
    ]);
    h.stop();
  });

  test('rollback by applying the old template reuses the old ReplicaSet with a new revision', () => {
    const h = new Harness().start(['deployment-controller', 'replicaset-controller']);
    h.defaultServiceAccount();
    h.autoKubelet();
    h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 3, 'nginx:1.14.2'));
    h.run();
    const [first] = h.list<Obj>(R.replicasets, 'default');
    setImage(h, 'nginx:1.16.1');
    h.run();
    setImage(h, 'nginx:1.14.2');
    h.run();
    const rss = h.list<Obj>(R.replicasets, 'default');
    assert.equal(rss.length, 2);
    const back = rss.find((rs) => rs.metadata.uid === first?.metadata.uid) as Obj;
    assert.equal(back.spec?.replicas, 3);
    assert.equal(back.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
    assert.equal(back.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
    const d = h.get<Obj>(R.deployments, 'default', 'nginx-deployment') as Obj;
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
    h.stop();
  });

  test('scale to zero and back', () => {
    const h = new Harness().start(['deployment-controller', 'replicaset-controller']);
    h.defaultServiceAccount();
    h.autoKubelet();
    h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 3, 'nginx:1.14.2'));
    h.run();
    const scale = (n: number) => h.kubectl.patch(R.deployments, 'default', 'nginx-deployment', { spec: { replicas: n } }, 'merge');
    scale(0);
    h.run();
    assert.equal(h.list(R.pods, 'default').length, 0);
    scale(3);
    h.run();
    assert.equal(h.list(R.pods, 'default').length, 3);
    const [rs] = h.list<Obj>(R.replicasets, 'default');
    // The second identical "Scaled up" event is folded into the first (count 2), as client-go's correlator does.
    const msgs = h.events().filter((e) => e.reason === 'ScalingReplicaSet').map((e) => [e.message, e.count]);
    assert.deepEqual(msgs, [
      [`Scaled up replica set ${rs?.metadata.name} from 0 to 3`, 2],
      [`Scaled down replica set ${rs?.metadata.name} from 3 to 0`, 1],
    ]);
    h.stop();
  });

  test('Recreate scales the old ReplicaSet to zero and waits for its pods before the new one', () => {
    const h = new Harness().start(['deployment-controller', 'replicaset-controller']);
    h.defaultServiceAccount();
    h.autoKubelet();
    h.kubectl.create(R.deployments, 'default', deployment('nginx-deployment', 2, 'nginx:1.14.2', { strategy: { type: 'Recreate' } }));
    h.run();
    const bounds = watchBounds(h, 2, 0, 2);
    setImage(h, 'nginx:1.16.1');
    h.run();
    bounds.stop();
    // Old and new pods never run side by side.
    assert.ok(bounds.worst.maxActivePods <= 2);
    const msgs = h.events().filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    assert.equal(msgs.length, 3);
    assert.match(msgs[1] ?? '', /^Scaled down replica set nginx-deployment-\w+ from 2 to 0$/);
    assert.match(msgs[2] ?? '', /^Scaled up replica set nginx-deployment-\w+ from 0 to 2$/);
    h.stop();
  });
});
