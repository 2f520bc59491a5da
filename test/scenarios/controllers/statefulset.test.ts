/**
 * Golden scenario for the StatefulSet controller on a whole cluster: examples/statefulset.yaml
 * starts web-0, web-1, web-2 in order (each created only once the one before it is Running
 * and Ready), each with its claim; scaled from 3 to 1 it deletes web-2, waits until it is
 * gone, then deletes web-1; the claims stay (retention policy Retain).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCluster } from '../../../src/sim/cluster';
import { R } from '../../../src/sim/client';
import { events, expectEvent, follow, isReady, yamlDocs, type Change, type Obj } from './helpers';

const text = readFileSync(new URL('../../../examples/statefulset.yaml', import.meta.url), 'utf8');
const pvcs = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };

describe('StatefulSet: ordered start and reverse scale-down', () => {
  const c = createCluster({ seed: 11 });
  const violations: string[] = [];
  const created: string[] = [];
  const start = follow(c, [{ gvr: R.pods, prefix: 'pod' }], 'default', (state, ch) => {
    if (ch.type !== 'ADDED') return;
    const name = ch.object.metadata.name as string;
    created.push(name);
    const ordinal = Number(name.split('-').pop());
    for (let i = 0; i < ordinal; i++) {
      const before = state.get(`pod/web-${i}`);
      if (!before || before.status?.phase !== 'Running' || !isReady(before)) violations.push(`${name} created while web-${i} is ${before?.status?.phase ?? 'absent'}${before && !isReady(before) ? ' and not Ready' : ''}`);
    }
  });
  c.apply(yamlDocs(text), { source: 'statefulset.yaml' });
  const quiet = c.runUntilQuiet();
  start.stop();

  test('web-0, web-1, web-2 created in order, each after the previous is Running and Ready', () => {
    assert.equal(quiet, true);
    assert.deepEqual(created, ['web-0', 'web-1', 'web-2']);
    assert.deepEqual(violations, []);
    const pods = c.kubectl.list<Obj>(R.pods, 'default').items;
    for (const p of pods) {
      assert.equal(p.status.phase, 'Running');
      assert.equal(p.metadata.labels['statefulset.kubernetes.io/pod-name'], p.metadata.name);
      assert.equal(p.spec.hostname, p.metadata.name);
      assert.equal(p.spec.subdomain, 'web');
      assert.equal(p.metadata.ownerReferences?.[0]?.kind, 'StatefulSet');
      const claim = p.spec.volumes.find((v: Obj) => v.name === 'www');
      assert.equal(claim?.persistentVolumeClaim?.claimName, `www-${p.metadata.name}`);
    }
    const claims = c.kubectl.list<Obj>(pvcs, 'default').items;
    assert.deepEqual(claims.map((x) => `${x.metadata.name}:${x.status.phase}`).sort(), ['www-web-0:Bound', 'www-web-1:Bound', 'www-web-2:Bound']);
    const sts = c.kubectl.get<Obj>(R.statefulsets, 'default', 'web');
    assert.deepEqual([sts.status.replicas, sts.status.readyReplicas, sts.status.currentReplicas, sts.status.updatedReplicas], [3, 3, 3, 3]);
    assert.equal(sts.status.currentRevision, sts.status.updateRevision);
    assert.match(sts.status.currentRevision, /^web-[0-9a-z]+$/);

    const ev = events(c, 'default');
    for (const n of [0, 1, 2]) {
      expectEvent(ev, 'statefulset-controller', 'SuccessfulCreate', new RegExp(`^create Claim www-web-${n} Pod web-${n} in StatefulSet web success$`), 'statefulset/web');
      expectEvent(ev, 'statefulset-controller', 'SuccessfulCreate', new RegExp(`^create Pod web-${n} in StatefulSet web successful$`), 'statefulset/web');
    }
  });

  test('scaled to 1: web-2 is deleted and gone before web-1 is deleted', () => {
    const order: string[] = [];
    const down = follow(c, [{ gvr: R.pods, prefix: 'pod' }], 'default', (_state, ch: Change) => {
      const name = ch.object.metadata.name as string;
      if (ch.type === 'DELETED') order.push(`gone ${name}`);
      else if (ch.object.metadata.deletionTimestamp && !order.includes(`terminating ${name}`)) order.push(`terminating ${name}`);
    });
    c.kubectl.patch(R.statefulsets, 'default', 'web', { spec: { replicas: 1 } }, 'merge', 'scale');
    assert.equal(c.runUntilQuiet(), true);
    down.stop();
    assert.deepEqual(order, ['terminating web-2', 'gone web-2', 'terminating web-1', 'gone web-1']);
    assert.deepEqual(c.kubectl.list<Obj>(R.pods, 'default').items.map((p) => p.metadata.name), ['web-0']);
    // Retain: the claims outlive their pods, ready for a scale-up.
    assert.equal(c.kubectl.list<Obj>(pvcs, 'default').items.length, 3);
    const ev = events(c, 'default');
    expectEvent(ev, 'statefulset-controller', 'SuccessfulDelete', /^delete Pod web-2 in StatefulSet web successful$/, 'statefulset/web');
    expectEvent(ev, 'statefulset-controller', 'SuccessfulDelete', /^delete Pod web-1 in StatefulSet web successful$/, 'statefulset/web');
    const sts = c.kubectl.get<Obj>(R.statefulsets, 'default', 'web');
    assert.deepEqual([sts.status.replicas, sts.status.readyReplicas], [1, 1]);
  });
});
