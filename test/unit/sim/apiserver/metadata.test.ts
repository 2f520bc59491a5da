/**
 * What the server writes into metadata: generateName, uid, creationTimestamp,
 * resourceVersion (the etcd revision), generation (spec changes only, plus a Deployment's
 * annotations, plus the first graceful deletion), and the defaults a response shows.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import { apiHarness, deployment, pod, type Obj } from './harness';

describe('object metadata', () => {
  test('generateName gets a 5-character suffix from the safe alphabet; name wins when both are set', () => {
    const { admin } = apiHarness();
    const a = admin.create<Obj>(R.configmaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'cfg-' } });
    assert.match(a.metadata.name ?? '', /^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.equal(a.metadata.generateName, 'cfg-');
    const b = admin.create<Obj>(R.configmaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fixed', generateName: 'cfg-' } });
    assert.equal(b.metadata.name, 'fixed');
  });

  test('uid, creationTimestamp from the virtual clock, resourceVersion = the store revision', () => {
    const { admin, api, clock } = apiHarness();
    clock.advanceTo(clock.now() + 90_000);
    const before = api.ctx.store.revision;
    const cm = admin.create<Obj>(R.configmaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', uid: 'mine', resourceVersion: '5' } });
    assert.match(cm.metadata.uid ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(cm.metadata.uid, 'mine');
    assert.equal(cm.metadata.creationTimestamp, new Date(clock.now()).toISOString().replace('.000Z', 'Z'));
    assert.equal(cm.metadata.resourceVersion, String(before + 1));
    assert.equal(api.ctx.store.revision, before + 1);
    assert.equal(cm.metadata.generation, undefined, 'ConfigMaps have no generation');
    const list = admin.list(R.configmaps, 'default');
    assert.equal(list.resourceVersion, String(api.ctx.store.revision));
  });

  test('Deployment generation moves on spec and annotation changes, not on labels or status', () => {
    const { admin } = apiHarness();
    let d = admin.create<Obj>(R.deployments, 'default', deployment('web'));
    assert.equal(d.metadata.generation, 1);
    d = admin.patch<Obj>(R.deployments, 'default', 'web', { metadata: { labels: { tier: 'web' } } }, 'merge');
    assert.equal(d.metadata.generation, 1);
    d = admin.patch<Obj>(R.deployments, 'default', 'web', { spec: { replicas: 3 } }, 'merge');
    assert.equal(d.metadata.generation, 2);
    d = admin.patch<Obj>(R.deployments, 'default', 'web', { metadata: { annotations: { note: 'x' } } }, 'merge');
    assert.equal(d.metadata.generation, 3, 'deployment annotations are copied to ReplicaSets, so they count');
    d = admin.patch<Obj>(R.deployments, 'default', 'web', { status: { replicas: 7 } }, 'merge', 'status');
    assert.equal(d.metadata.generation, 3);
    assert.equal(d.status.replicas, 7);
  });

  test('ReplicaSet annotations do not move its generation', () => {
    const { admin } = apiHarness();
    const d = deployment('rs');
    admin.create(R.replicasets, 'default', { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: d.metadata, spec: d.spec });
    const rs = admin.patch<Obj>(R.replicasets, 'default', 'rs', { metadata: { annotations: { note: 'x' } } }, 'merge');
    assert.equal(rs.metadata.generation, 1);
  });

  test('Pods carry generation 1 (1.33) and bump it on spec changes and on the first graceful delete', () => {
    const { admin } = apiHarness();
    let p = admin.create<Obj>(R.pods, 'default', pod('p', {}, 'worker-1'));
    assert.equal(p.metadata.generation, 1);
    p = admin.patch<Obj>(R.pods, 'default', 'p', { spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] } }, 'strategic');
    assert.equal(p.metadata.generation, 2);
    p = admin.patch<Obj>(R.pods, 'default', 'p', { metadata: { labels: { a: 'b' } } }, 'strategic');
    assert.equal(p.metadata.generation, 2);
    p = admin.delete(R.pods, 'default', 'p') as Obj;
    assert.equal(p.metadata.generation, 3);
    p = admin.delete(R.pods, 'default', 'p') as Obj;
    assert.equal(p.metadata.generation, 3, 'a pending graceful deletion changes nothing');
  });

  test('defaults are in the response: Deployment, its pod template, Service', () => {
    const { admin } = apiHarness();
    const d = admin.create<Obj>(R.deployments, 'default', deployment('web'));
    assert.deepEqual(d.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    assert.equal(d.spec.revisionHistoryLimit, 10);
    assert.equal(d.spec.progressDeadlineSeconds, 600);
    const tpl = d.spec.template.spec;
    assert.equal(tpl.restartPolicy, 'Always');
    assert.equal(tpl.dnsPolicy, 'ClusterFirst');
    assert.equal(tpl.schedulerName, 'default-scheduler');
    assert.equal(tpl.terminationGracePeriodSeconds, 30);
    assert.deepEqual(tpl.securityContext, {});
    const c = tpl.containers[0];
    assert.equal(c.imagePullPolicy, 'IfNotPresent');
    assert.equal(c.terminationMessagePath, '/dev/termination-log');
    assert.equal(c.terminationMessagePolicy, 'File');
    assert.deepEqual(c.ports, [{ containerPort: 80, protocol: 'TCP' }]);
    assert.deepEqual(d.status, {});
    const latest = admin.create<Obj>(R.pods, 'default', { ...pod('l'), spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    assert.equal(latest.spec.containers[0].imagePullPolicy, 'Always');
    assert.equal(latest.status.phase, 'Pending');
    assert.equal(latest.status.qosClass, 'BestEffort');
  });

  test('create drops the status a client sends; an update of the main resource keeps the stored status', () => {
    const { admin } = apiHarness();
    const d = admin.create<Obj>(R.deployments, 'default', { ...deployment('web'), status: { replicas: 9 } });
    assert.deepEqual(d.status, {});
    const withStatus = admin.patch<Obj>(R.deployments, 'default', 'web', { status: { replicas: 2 } }, 'merge', 'status');
    const upd = admin.update<Obj>(R.deployments, { ...withStatus, spec: { ...withStatus.spec, replicas: 4 }, status: { replicas: 100 } });
    assert.equal(upd.spec.replicas, 4);
    assert.equal(upd.status.replicas, 2);
  });

  test('the status subresource ignores spec changes', () => {
    const { admin } = apiHarness();
    const d = admin.create<Obj>(R.deployments, 'default', deployment('web'));
    const out = admin.updateStatus<Obj>(R.deployments, { ...d, spec: { ...d.spec, replicas: 50 }, status: { observedGeneration: 1, replicas: 1 } });
    assert.equal(out.spec.replicas, 2);
    assert.deepEqual(out.status, { observedGeneration: 1, replicas: 1 });
    assert.equal(out.metadata.generation, 1);
  });

  test('an update that changes nothing writes nothing', () => {
    const { admin, api } = apiHarness();
    const d = admin.create<Obj>(R.deployments, 'default', deployment('web'));
    const rev = api.ctx.store.revision;
    const same = admin.update<Obj>(R.deployments, d);
    assert.equal(same.metadata.resourceVersion, d.metadata.resourceVersion);
    assert.equal(api.ctx.store.revision, rev);
  });
});
