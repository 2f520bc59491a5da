/**
 * Golden scenario for the Deployment and ReplicaSet controllers on a whole simulated cluster
 * (scheduler and kubelets included): the seed's examples/nginx.yaml; the manifest re-applied
 * with nginx:1.16.1 (a rolling update checked against maxSurge and maxUnavailable at every
 * store revision); the old template applied again (rollback: the first ReplicaSet comes back
 * as revision 3); `kubectl scale` to 0 and back to 3.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCluster, type Cluster } from '../../../src/sim/cluster';
import { R } from '../../../src/sim/client';
import { events, expectEvent, follow, isReady, yamlDocs, type Obj } from './helpers';

const text = readFileSync(new URL('../../../examples/nginx.yaml', import.meta.url), 'utf8');
const ALPHABET = '[bcdfghjklmnpqrstvwxz2456789]';
// Three replicas with the default 25% / 25%: surge rounds up to 1, unavailable down to 0.
const REPLICAS = 3;
const MAX_SURGE = 1;
const MAX_UNAVAILABLE = 0;

const revision = (o: Obj | undefined) => o?.metadata.annotations?.['deployment.kubernetes.io/revision'];
const applyImage = (c: Cluster, image: string) => c.apply(yamlDocs(text.replace('nginx:1.14.2', image)), { source: 'nginx.yaml' });

/**
 * Checks the rollout bounds at every revision that touches a pod: pods that are not
 * terminating never exceed replicas + maxSurge, ready ones never drop below
 * replicas - maxUnavailable (minReadySeconds is 0, so ready is available).
 */
function boundsDuringRollout(c: Cluster) {
  const seen = { revisions: 0, maxPods: 0, minAvailable: Infinity, maxReplicasSum: 0 };
  const scaling: string[] = [];
  const events = follow(c, [{ gvr: R.events, prefix: 'event' }], 'default', (_s, ch) => {
    if (ch.type === 'ADDED' && ch.object.reason === 'ScalingReplicaSet') scaling.push(ch.object.message);
  });
  const f = follow(c, [{ gvr: R.replicasets, prefix: 'rs' }, { gvr: R.pods, prefix: 'pod' }], 'default', (state) => {
    let pods = 0;
    let available = 0;
    let replicas = 0;
    for (const [key, o] of state) {
      if (key.startsWith('rs/')) replicas += o.spec?.replicas ?? 0;
      else if (!o.metadata.deletionTimestamp) {
        pods++;
        if (isReady(o)) available++;
      }
    }
    seen.revisions++;
    seen.maxPods = Math.max(seen.maxPods, pods);
    seen.minAvailable = Math.min(seen.minAvailable, available);
    seen.maxReplicasSum = Math.max(seen.maxReplicasSum, replicas);
  });
  return { seen, scaling, stop: () => (f.stop(), events.stop()) };
}

describe('Deployment: examples/nginx.yaml, rolling update, rollback, scale', () => {
  const c = createCluster({ seed: 7 });
  const results = c.apply(yamlDocs(text), { source: 'nginx.yaml' });
  const quiet = c.runUntilQuiet();
  const first = c.kubectl.list<Obj>(R.replicasets, 'default').items[0];
  const hash = first?.metadata.labels?.['pod-template-hash'] ?? '';
  const firstName = `nginx-deployment-${hash}`;

  test('three pods of one ReplicaSet named after the template hash', () => {
    assert.deepEqual(results.map((r) => r.message), ['deployment.apps/nginx-deployment created', 'service/nginx-service created']);
    assert.equal(quiet, true);
    assert.match(hash, new RegExp(`^${ALPHABET}{1,10}$`));
    assert.equal(revision(first), '1');
    const pods = c.kubectl.list<Obj>(R.pods, 'default').items;
    assert.equal(pods.length, 3);
    for (const p of pods) {
      assert.match(p.metadata.name ?? '', new RegExp(`^${firstName}-${ALPHABET}{5}$`));
      assert.deepEqual(p.metadata.labels, { app: 'nginx', 'pod-template-hash': hash });
      assert.equal(p.metadata.ownerReferences?.[0]?.name, firstName);
      assert.equal(p.metadata.ownerReferences?.[0]?.blockOwnerDeletion, true);
      assert.equal(p.status.phase, 'Running');
    }
    const ev = events(c, 'default').filter((e) => ['deployment-controller', 'replicaset-controller'].includes(e.source));
    assert.deepEqual(
      ev.map((e) => `${e.source} ${e.reason} ${e.message.replace(new RegExp(`-${ALPHABET}{5}$`), '-XXXXX')}`).sort(),
      [
        `deployment-controller ScalingReplicaSet Scaled up replica set ${firstName} from 0 to 3`,
        `replicaset-controller SuccessfulCreate Created pod: ${firstName}-XXXXX`,
        `replicaset-controller SuccessfulCreate Created pod: ${firstName}-XXXXX`,
        `replicaset-controller SuccessfulCreate Created pod: ${firstName}-XXXXX`,
      ],
    );
  });

  test('Endpoints and EndpointSlice list the three ready pods', () => {
    const ep = c.kubectl.get<Obj>(R.endpoints, 'default', 'nginx-service');
    assert.equal(ep.subsets.length, 1);
    assert.equal(ep.subsets[0].addresses.length, 3);
    const slices = c.kubectl.list<Obj>(R.endpointslices, 'default', { labelSelector: 'kubernetes.io/service-name=nginx-service' }).items;
    assert.equal(slices.length, 1);
    assert.equal(slices[0]?.endpoints.filter((e: Obj) => e.conditions.ready).length, 3);
  });

  let secondName = '';
  test('re-applied with nginx:1.16.1: a rolling update within maxSurge and maxUnavailable at every revision', () => {
    const bounds = boundsDuringRollout(c);
    const r = applyImage(c, 'nginx:1.16.1');
    assert.deepEqual(r.map((x) => x.message), ['deployment.apps/nginx-deployment configured', 'service/nginx-service unchanged']);
    assert.equal(c.runUntilQuiet(), true);
    bounds.stop();
    assert.ok(bounds.seen.revisions > 20, `${bounds.seen.revisions} revisions`);
    assert.ok(bounds.seen.maxPods <= REPLICAS + MAX_SURGE, `${bounds.seen.maxPods} pods at once`);
    assert.ok(bounds.seen.maxReplicasSum <= REPLICAS + MAX_SURGE, `ReplicaSet replicas summed to ${bounds.seen.maxReplicasSum}`);
    assert.ok(bounds.seen.minAvailable >= REPLICAS - MAX_UNAVAILABLE, `available pods fell to ${bounds.seen.minAvailable}`);

    const sets = c.kubectl.list<Obj>(R.replicasets, 'default').items;
    assert.equal(sets.length, 2);
    const old = sets.find((s) => s.metadata.name === firstName);
    const next = sets.find((s) => s.metadata.name !== firstName);
    secondName = next?.metadata.name ?? '';
    assert.equal(old?.spec.replicas, 0);
    assert.equal(next?.spec.replicas, 3);
    assert.equal(next?.status.readyReplicas, 3);
    assert.equal(revision(old), '1');
    assert.equal(revision(next), '2');
    const pods = c.kubectl.list<Obj>(R.pods, 'default').items;
    assert.equal(pods.length, 3);
    for (const p of pods) assert.equal(p.spec.containers[0].image, 'nginx:1.16.1');

    const d = c.kubectl.get<Obj>(R.deployments, 'default', 'nginx-deployment');
    assert.equal(revision(d), '2');
    assert.equal(d.status.updatedReplicas, 3);
    assert.equal(d.status.availableReplicas, 3);
    assert.equal(d.status.observedGeneration, 2);
    const progressing = d.status.conditions.find((x: Obj) => x.type === 'Progressing');
    assert.equal(progressing.reason, 'NewReplicaSetAvailable');
    assert.equal(progressing.message, `ReplicaSet "${secondName}" has successfully progressed.`);

    // Surge one, wait until it is available, retire one: three times over.
    assert.deepEqual(bounds.scaling, [
      `Scaled up replica set ${secondName} from 0 to 1`,
      `Scaled down replica set ${firstName} from 3 to 2`,
      `Scaled up replica set ${secondName} from 1 to 2`,
      `Scaled down replica set ${firstName} from 2 to 1`,
      `Scaled up replica set ${secondName} from 2 to 3`,
      `Scaled down replica set ${firstName} from 1 to 0`,
    ]);
    const ev = events(c, 'default');
    expectEvent(ev, 'deployment-controller', 'ScalingReplicaSet', new RegExp(`^Scaled up replica set ${secondName} from 0 to 1$`), 'deployment/nginx-deployment');
    const deleted = ev.filter((e) => e.source === 'replicaset-controller' && e.reason === 'SuccessfulDelete' && e.object === `replicaset/${firstName}`);
    assert.equal(deleted.length, 3);
    for (const e of deleted) assert.match(e.message, new RegExp(`^Deleted pod: ${firstName}-${ALPHABET}{5}$`));
  });

  test('the old template applied again: the first ReplicaSet is reused as revision 3', () => {
    const bounds = boundsDuringRollout(c);
    applyImage(c, 'nginx:1.14.2');
    assert.equal(c.runUntilQuiet(), true);
    bounds.stop();
    assert.ok(bounds.seen.maxPods <= REPLICAS + MAX_SURGE && bounds.seen.minAvailable >= REPLICAS - MAX_UNAVAILABLE);
    assert.deepEqual(bounds.scaling, [
      `Scaled up replica set ${firstName} from 0 to 1`,
      `Scaled down replica set ${secondName} from 3 to 2`,
      `Scaled up replica set ${firstName} from 1 to 2`,
      `Scaled down replica set ${secondName} from 2 to 1`,
      `Scaled up replica set ${firstName} from 2 to 3`,
      `Scaled down replica set ${secondName} from 1 to 0`,
    ]);
    const sets = c.kubectl.list<Obj>(R.replicasets, 'default').items;
    assert.deepEqual(sets.map((s) => s.metadata.name).sort(), [firstName, secondName].sort());
    const back = sets.find((s) => s.metadata.name === firstName);
    assert.equal(back?.spec.replicas, 3);
    assert.equal(revision(back), '3');
    assert.equal(back?.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
    assert.equal(sets.find((s) => s.metadata.name === secondName)?.spec.replicas, 0);
    assert.equal(revision(c.kubectl.get<Obj>(R.deployments, 'default', 'nginx-deployment')), '3');
    for (const p of c.kubectl.list<Obj>(R.pods, 'default').items) assert.equal(p.metadata.labels['pod-template-hash'], hash);
  });

  test('kubectl scale to 0 and back to 3', () => {
    const scale = (n: number) => c.kubectl.patch(R.deployments, 'default', 'nginx-deployment', { spec: { replicas: n } }, 'merge', 'scale');
    scale(0);
    assert.equal(c.runUntilQuiet(), true);
    assert.equal(c.kubectl.list<Obj>(R.pods, 'default').items.length, 0);
    let d = c.kubectl.get<Obj>(R.deployments, 'default', 'nginx-deployment');
    assert.equal(d.status.replicas ?? 0, 0);
    assert.equal(c.kubectl.get<Obj>(R.replicasets, 'default', firstName).spec.replicas, 0);
    assert.equal(c.kubectl.get<Obj>(R.endpoints, 'default', 'nginx-service').subsets?.length ?? 0, 0);
    expectEvent(events(c, 'default'), 'deployment-controller', 'ScalingReplicaSet', new RegExp(`^Scaled down replica set ${firstName} from 3 to 0$`));

    scale(3);
    assert.equal(c.runUntilQuiet(), true);
    d = c.kubectl.get<Obj>(R.deployments, 'default', 'nginx-deployment');
    assert.deepEqual([d.status.replicas, d.status.readyReplicas, d.status.availableReplicas, d.status.updatedReplicas], [3, 3, 3, 3]);
    // Scaling is not a new revision.
    assert.equal(revision(d), '3');
    assert.equal(c.kubectl.list<Obj>(R.replicasets, 'default').items.length, 2);
    const running = c.kubectl.list<Obj>(R.pods, 'default').items.filter((p) => p.status.phase === 'Running' && isReady(p));
    assert.equal(running.length, 3);
    const ev = events(c, 'default').filter((e) => e.reason === 'ScalingReplicaSet' && e.message === `Scaled up replica set ${firstName} from 0 to 3`);
    assert.equal(ev.reduce((n, e) => n + e.count, 0), 2, 'scaled up from 0 to 3 at creation and again now');
  });
});
