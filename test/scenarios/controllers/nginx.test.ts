/**
 * Golden scenario for the controllers on a whole simulated cluster (scheduler and kubelets
 * included): the seed's examples/nginx.yaml, then a rolling update to nginx:1.16.1 checked
 * against maxSurge / maxUnavailable at every pod and ReplicaSet revision, then a rollback.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { createCluster, type Cluster } from '../../../src/sim/cluster';
import { R, type GVR } from '../../../src/sim/client';
import type { KubeObject } from '../../../src/sim/api/types';

type Obj = KubeObject & Record<string, any>;

const docs = parseAllDocuments(readFileSync(new URL('../../../examples/nginx.yaml', import.meta.url), 'utf8')).map((d) => d.toJSON() as KubeObject);

interface EventRow {
  source: string;
  reason: string;
  kind: string;
  message: string;
  count: number;
}

function events(c: Cluster): EventRow[] {
  return c.kubectl.list<Obj>(R.events, 'default').items.map((e) => ({
    source: e.source?.component ?? e.reportingComponent ?? '',
    reason: e.reason,
    kind: e.involvedObject.kind,
    message: e.message,
    count: e.count ?? 1,
  }));
}

/** Keeps a local copy of pods and ReplicaSets from watches and checks bounds after each event. */
function boundsWatcher(c: Cluster, maxTotal: number, minReady: number) {
  const state = new Map<string, Obj>();
  const worst = { specSum: 0, livePods: 0, readyPods: Infinity, events: 0 };
  const check = (): void => {
    let specSum = 0;
    let live = 0;
    let ready = 0;
    for (const [k, o] of state) {
      if (k.startsWith('rs/')) specSum += o.spec?.replicas ?? 0;
      else if (!o.metadata.deletionTimestamp) {
        live++;
        if ((o.status?.conditions ?? []).some((x: any) => x.type === 'Ready' && x.status === 'True')) ready++;
      }
    }
    worst.events++;
    worst.specSum = Math.max(worst.specSum, specSum);
    worst.livePods = Math.max(worst.livePods, live);
    worst.readyPods = Math.min(worst.readyPods, ready);
  };
  const follow = (gvr: GVR, prefix: string) => {
    const list = c.kubectl.list<Obj>(gvr, 'default');
    for (const o of list.items) state.set(`${prefix}/${o.metadata.name}`, o);
    return c.kubectl.watch(gvr, 'default', { resourceVersion: list.resourceVersion }, (ev) => {
      const o = ev.object as unknown as Obj;
      if (ev.type === 'DELETED') state.delete(`${prefix}/${o.metadata.name}`);
      else if (ev.type === 'ADDED' || ev.type === 'MODIFIED') state.set(`${prefix}/${o.metadata.name}`, o);
      else return;
      check();
    });
  };
  const watches = [follow(R.replicasets, 'rs'), follow(R.pods, 'pod')];
  return { worst, limits: { maxTotal, minReady }, stop: () => watches.forEach((w) => w.stop()) };
}

const setImage = (c: Cluster, image: string) =>
  c.kubectl.patch(R.deployments, 'default', 'nginx-deployment', { spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } } }, 'strategic');

describe('controllers: examples/nginx.yaml on a whole cluster', () => {
  const c = createCluster({ seed: 7 });
  c.apply(docs);
  const quiet = c.runUntilQuiet();
  const [rs] = c.kubectl.list<Obj>(R.replicasets, 'default').items;
  const hash = rs?.metadata.labels?.['pod-template-hash'] ?? '';

  test('the cluster settles with three pods of one ReplicaSet', () => {
    assert.equal(quiet, true);
    assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    const pods = c.kubectl.list<Obj>(R.pods, 'default').items;
    assert.equal(pods.length, 3);
    for (const p of pods) {
      assert.match(p.metadata.name ?? '', new RegExp(`^nginx-deployment-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      assert.deepEqual(p.metadata.labels, { app: 'nginx', 'pod-template-hash': hash });
      assert.equal(p.metadata.ownerReferences?.[0]?.name, `nginx-deployment-${hash}`);
      assert.equal(p.metadata.ownerReferences?.[0]?.blockOwnerDeletion, true);
    }
  });

  test('controller events by source, reason and message', () => {
    // node-controller's RegisteredNode events are left out: they collide with the kubelet's
    // event names at t=0 (see the todo in test/unit/sim/controllers/apiserverContract.test.ts).
    const ev = events(c).filter((e) => ['deployment-controller', 'replicaset-controller'].includes(e.source));
    const rows = ev.map((e) => `${e.source} ${e.reason} ${e.message.replace(/-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '-XXXXX')}`).sort();
    assert.deepEqual(rows, [
      `deployment-controller ScalingReplicaSet Scaled up replica set nginx-deployment-${hash} from 0 to 3`,
      `replicaset-controller SuccessfulCreate Created pod: nginx-deployment-${hash}-XXXXX`,
      `replicaset-controller SuccessfulCreate Created pod: nginx-deployment-${hash}-XXXXX`,
      `replicaset-controller SuccessfulCreate Created pod: nginx-deployment-${hash}-XXXXX`,
    ]);
  });

  test('Endpoints and EndpointSlice list the three ready pods', () => {
    const ep = c.kubectl.get<Obj>(R.endpoints, 'default', 'nginx-service');
    assert.equal(ep.subsets.length, 1);
    assert.equal(ep.subsets[0].addresses.length, 3);
    const slices = c.kubectl.list<Obj>(R.endpointslices, 'default', { labelSelector: 'kubernetes.io/service-name=nginx-service' }).items;
    assert.equal(slices.length, 1);
    assert.equal(slices[0]?.endpoints.filter((e: any) => e.conditions.ready).length, 3);
  });

  test('rolling update to nginx:1.16.1 within maxSurge 1 and maxUnavailable 0 at every revision', () => {
    const bounds = boundsWatcher(c, 4, 3);
    setImage(c, 'nginx:1.16.1');
    assert.equal(c.runUntilQuiet(), true);
    bounds.stop();
    assert.ok(bounds.worst.events > 20);
    assert.ok(bounds.worst.specSum <= bounds.limits.maxTotal, `replicas summed to ${bounds.worst.specSum}`);
    assert.ok(bounds.worst.livePods <= bounds.limits.maxTotal, `${bounds.worst.livePods} live pods`);
    assert.ok(bounds.worst.readyPods >= bounds.limits.minReady, `ready pods fell to ${bounds.worst.readyPods}`);
    const pods = c.kubectl.list<Obj>(R.pods, 'default').items;
    assert.equal(pods.length, 3);
    for (const p of pods) assert.equal(p.spec.containers[0].image, 'nginx:1.16.1');
    const d = c.kubectl.get<Obj>(R.deployments, 'default', 'nginx-deployment');
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
    const progressing = d.status.conditions.find((x: any) => x.type === 'Progressing');
    assert.equal(progressing.reason, 'NewReplicaSetAvailable');
  });

  test('rollback to revision 1 reuses the first ReplicaSet as revision 3', () => {
    setImage(c, 'nginx:1.14.2');
    assert.equal(c.runUntilQuiet(), true);
    const first = c.kubectl.get<Obj>(R.replicasets, 'default', `nginx-deployment-${hash}`);
    assert.equal(first.spec.replicas, 3);
    assert.equal(first.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
    assert.equal(first.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
    assert.equal(c.kubectl.list(R.replicasets, 'default').items.length, 2);
  });
});
