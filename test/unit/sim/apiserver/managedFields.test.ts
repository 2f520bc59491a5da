/** metadata.managedFields for Update operations: create, PUT, PATCH and status writes. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, R, controllerIdentity, nodeIdentity } from '../../../../src/sim/client';
import { rfc3339 } from '../../../../src/sim/core';
import { apiHarness, deployment, pod, type Obj } from './harness';

type Entry = { manager: string; operation: string; apiVersion: string; time: string; fieldsType: string; fieldsV1: Obj; subresource?: string };
const entries = (o: Obj): Entry[] => (o.metadata.managedFields ?? []) as Entry[];

describe('managedFields of updates', () => {
  test('a create is an Update by the field manager, owning every field it sent plus the defaults', () => {
    const { admin, clock } = apiHarness();
    const d = admin.create<Obj>(R.deployments, 'default', deployment('web'), { fieldManager: 'kubectl-client-side-apply' });
    const [e, ...rest] = entries(d);
    assert.equal(rest.length, 0);
    assert.deepEqual({ ...e, fieldsV1: undefined }, {
      manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1', time: rfc3339(clock.now()), fieldsType: 'FieldsV1', fieldsV1: undefined,
    });
    assert.deepEqual(e?.fieldsV1['f:metadata'], { 'f:labels': { '.': {}, 'f:app': {} } });
    const spec = e?.fieldsV1['f:spec'] as Obj;
    assert.deepEqual(Object.keys(spec), ['f:progressDeadlineSeconds', 'f:replicas', 'f:revisionHistoryLimit', 'f:selector', 'f:strategy', 'f:template']);
    assert.deepEqual(spec['f:strategy'], { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} });
    const podSpec = spec['f:template']['f:spec'];
    assert.deepEqual(Object.keys(podSpec), ['f:containers', 'f:dnsPolicy', 'f:restartPolicy', 'f:schedulerName', 'f:securityContext', 'f:terminationGracePeriodSeconds']);
    assert.deepEqual(podSpec['f:containers']['k:{"name":"nginx"}'], {
      '.': {},
      'f:image': {},
      'f:imagePullPolicy': {},
      'f:name': {},
      'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
      'f:resources': {},
      'f:terminationMessagePath': {},
      'f:terminationMessagePolicy': {},
    });
    assert.equal(d.metadata.managedFields === undefined, false);
    assert.equal(JSON.stringify(e?.fieldsV1).includes('f:status'), false, 'status belongs to nobody on the main resource');
  });

  test('what admission or allocation adds is nobody\'s: no clusterIP, no service-account volume', () => {
    const { admin } = apiHarness();
    const s = admin.create<Obj>(R.services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'a' }, ports: [{ port: 80 }] } });
    assert.deepEqual(Object.keys(entries(s)[0]?.fieldsV1['f:spec'] ?? {}), ['f:internalTrafficPolicy', 'f:ports', 'f:selector', 'f:sessionAffinity', 'f:type']);
    const p = admin.create<Obj>(R.pods, 'default', pod('p'));
    const podFields = JSON.stringify(entries(p)[0]?.fieldsV1);
    assert.equal(podFields.includes('f:volumes'), false);
    assert.equal(podFields.includes('f:tolerations'), false);
  });

  test('without a fieldManager the manager is the user agent\'s product: kubectl, kube-controller-manager, kubelet', () => {
    const { admin, api } = apiHarness();
    const d = admin.create<Obj>(R.deployments, 'default', deployment('web'));
    assert.equal(entries(d)[0]?.manager, 'kubectl');
    const rs = new Client(api, controllerIdentity('deployment-controller'));
    const scaled = rs.patch<Obj>(R.deployments, 'default', 'web', { spec: { replicas: 3 } }, 'merge');
    assert.deepEqual(entries(scaled).map((e) => e.manager), ['kube-controller-manager', 'kubectl'], 'same second: sorted by manager');
    const kubelet = new Client(api, nodeIdentity('worker-1'));
    admin.create(R.pods, 'default', pod('p', {}, 'worker-1'));
    const st = kubelet.patch<Obj>(R.pods, 'default', 'p', { status: { phase: 'Running' } }, 'merge', 'status');
    const ke = entries(st).find((e) => e.manager === 'kubelet');
    assert.deepEqual(ke && { subresource: ke.subresource, fieldsV1: ke.fieldsV1 }, { subresource: 'status', fieldsV1: { 'f:status': { 'f:phase': {} } } });
    const tool = api.handle({
      verb: 'patch', ...R.deployments, namespace: 'default', name: 'web', body: { metadata: { labels: { t: '1' } } }, query: { patchType: 'merge' },
      user: admin.identity.user, from: 'test', userAgent: 'my-tool/1.2.3 (linux/amd64)',
    });
    assert.ok(entries(tool.body as Obj).some((e) => e.manager === 'my-tool'));
  });

  test('an update takes over the fields it changed; the same manager\'s entries merge; a no-op changes nothing', () => {
    const { admin, clock } = apiHarness();
    admin.create(R.deployments, 'default', deployment('web'), { fieldManager: 'creator' });
    clock.advanceTo(clock.now() + 10_000);
    let d = admin.patch<Obj>(R.deployments, 'default', 'web', { spec: { replicas: 3 } }, 'merge', undefined, { fieldManager: 'scaler' });
    const ownsReplicas = (e: Entry | undefined) => e !== undefined && 'f:replicas' in (e.fieldsV1['f:spec'] ?? {});
    assert.equal(ownsReplicas(entries(d).find((e) => e.manager === 'creator')), false);
    assert.deepEqual(entries(d).find((e) => e.manager === 'scaler'), {
      manager: 'scaler', operation: 'Update', apiVersion: 'apps/v1', time: rfc3339(clock.now()), fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    });
    clock.advanceTo(clock.now() + 10_000);
    d = admin.patch<Obj>(R.deployments, 'default', 'web', { metadata: { annotations: { a: 'b' } } }, 'merge', undefined, { fieldManager: 'scaler' });
    const scaler = entries(d).filter((e) => e.manager === 'scaler');
    assert.equal(scaler.length, 1);
    assert.deepEqual(scaler[0]?.fieldsV1, { 'f:metadata': { 'f:annotations': { '.': {}, 'f:a': {} } }, 'f:spec': { 'f:replicas': {} } });
    assert.equal(scaler[0]?.time, rfc3339(clock.now()));
    clock.advanceTo(clock.now() + 10_000);
    const same = admin.patch<Obj>(R.deployments, 'default', 'web', { spec: { replicas: 3 } }, 'merge', undefined, { fieldManager: 'other' });
    assert.deepEqual(same.metadata.managedFields, d.metadata.managedFields);
    assert.equal(same.metadata.resourceVersion, d.metadata.resourceVersion);
  });

  test('a client may reset managedFields with an empty list; leaving them out keeps them', () => {
    const { admin } = apiHarness();
    const d = admin.create<Obj>(R.deployments, 'default', deployment('web'), { fieldManager: 'creator' });
    const kept = admin.update<Obj>(R.deployments, { ...d, metadata: { ...d.metadata, managedFields: undefined, labels: { app: 'web', x: 'y' } } });
    assert.deepEqual(entries(kept).map((e) => e.manager), ['creator', 'kubectl']);
    const reset = admin.update<Obj>(R.deployments, { ...kept, metadata: { ...kept.metadata, managedFields: [], labels: { app: 'web', z: '1' } } });
    assert.deepEqual(entries(reset).map((e) => e.manager), ['kubectl']);
    assert.deepEqual(entries(reset)[0]?.fieldsV1, { 'f:metadata': { 'f:labels': { 'f:z': {} } } }, 'the removal of x owns nothing');
    const cleared = admin.update<Obj>(R.deployments, { ...reset, metadata: { ...reset.metadata, managedFields: [], labels: { app: 'web' } } });
    assert.equal(cleared.metadata.managedFields, undefined);
  });
});
