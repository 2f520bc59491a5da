/** EventRecorder: the Event object client-go writes, and repeats counted on the same Event. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventRecorder, R } from '../../../../src/sim/client';
import { rfc3339 } from '../../../../src/sim/core';
import { apiHarness, deployment, type Obj } from '../apiserver/harness';

function setup() {
  const h = apiHarness();
  const d = h.admin.create<Obj>(R.deployments, 'default', deployment('web'));
  const recorder = new EventRecorder(h.admin, h.loop, { component: 'deployment-controller' });
  const events = () => h.admin.list<Obj>(R.events, 'default').items;
  return { ...h, d, recorder, events };
}

describe('EventRecorder', () => {
  test('an Event names the object, reason, message, source and times, count 1', () => {
    const { d, recorder, events, clock } = setup();
    recorder.normal(d, 'ScalingReplicaSet', 'Scaled up replica set web-abc to 2');
    const [e, ...rest] = events();
    assert.equal(rest.length, 0);
    assert.match(e?.metadata.name ?? '', /^web\.[0-9a-f]+$/);
    assert.deepEqual(e?.involvedObject, {
      kind: 'Deployment', namespace: 'default', name: 'web', uid: d.metadata.uid, apiVersion: 'apps/v1', resourceVersion: d.metadata.resourceVersion,
    });
    assert.equal(e?.reason, 'ScalingReplicaSet');
    assert.equal(e?.message, 'Scaled up replica set web-abc to 2');
    assert.equal(e?.type, 'Normal');
    assert.deepEqual(e?.source, { component: 'deployment-controller' });
    assert.equal(e?.firstTimestamp, rfc3339(clock.now()));
    assert.equal(e?.lastTimestamp, rfc3339(clock.now()));
    assert.equal(e?.count, 1);
    assert.equal(e?.reportingComponent, 'deployment-controller');
  });

  test('the same event again is counted on the first one, with a new lastTimestamp', () => {
    const { d, recorder, events, clock } = setup();
    const start = clock.now();
    recorder.warning(d, 'FailedCreate', 'quota exceeded');
    clock.advanceTo(start + 30_000);
    recorder.warning(d, 'FailedCreate', 'quota exceeded');
    clock.advanceTo(start + 90_000);
    recorder.warning(d, 'FailedCreate', 'quota exceeded');
    const all = events();
    assert.equal(all.length, 1);
    assert.equal(all[0]?.count, 3);
    assert.equal(all[0]?.firstTimestamp, rfc3339(start));
    assert.equal(all[0]?.lastTimestamp, rfc3339(start + 90_000));
    assert.equal(all[0]?.type, 'Warning');
  });

  test('a different message, reason or object is an Event of its own', () => {
    const { d, recorder, events, admin } = setup();
    const other = admin.create<Obj>(R.deployments, 'default', deployment('api'));
    recorder.normal(d, 'ScalingReplicaSet', 'Scaled up replica set web-abc to 2');
    recorder.normal(d, 'ScalingReplicaSet', 'Scaled up replica set web-abc to 3');
    recorder.normal(d, 'Other', 'Scaled up replica set web-abc to 3');
    recorder.normal(other, 'ScalingReplicaSet', 'Scaled up replica set web-abc to 3');
    assert.equal(events().length, 4);
    assert.ok(events().every((e) => e.count === 1));
  });

  test('recording never throws, even when the API server refuses', () => {
    const { d, as, loop } = setup();
    const denied = new EventRecorder(as('nobody'), loop, { component: 'x' });
    assert.doesNotThrow(() => denied.normal(d, 'Reason', 'message'));
  });

  test('events.k8s.io style (the scheduler\'s): eventTime and action instead of counts', () => {
    const { d, loop, admin, events } = setup();
    const rec = new EventRecorder(admin, loop, { component: 'default-scheduler', host: 'default-scheduler-control-plane' }, 'events.k8s.io');
    rec.normal(d, 'Scheduled', 'Successfully assigned default/web to worker-1', undefined, 'Binding');
    const [e] = events();
    assert.equal(e?.action, 'Binding');
    assert.equal(e?.firstTimestamp, null);
    assert.match(String(e?.eventTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    assert.equal(e?.reportingInstance, 'default-scheduler-control-plane');
  });
});
