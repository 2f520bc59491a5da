import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  controllerOf,
  deepClone,
  deepFreeze,
  getCondition,
  getPath,
  isControlledBy,
  isConditionTrue,
  keyOf,
  objectRef,
  ownerRef,
  removeCondition,
  setCondition,
  setPath,
  type ConditionLike,
} from '../../../../src/sim/api/objects';
import type { KubeObject } from '../../../../src/sim/api/types';

const rs = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-abc', namespace: 'default', uid: 'u-1', resourceVersion: '7' },
  spec: { replicas: 2 },
});

describe('object helpers', () => {
  test('deepClone copies, deepFreeze freezes all the way down', () => {
    const a = rs();
    const b = deepClone(a);
    (b.spec as { replicas: number }).replicas = 3;
    assert.equal((a.spec as { replicas: number }).replicas, 2);
    deepFreeze(a);
    assert.throws(() => {
      (a.spec as { replicas: number }).replicas = 5;
    }, TypeError);
    assert.ok(Object.isFrozen(a.metadata));
  });

  test('getPath and setPath', () => {
    const o: Record<string, unknown> = {};
    setPath(o, 'spec.template.spec', { containers: [] });
    assert.deepEqual(getPath(o, 'spec.template.spec.containers'), []);
    assert.equal(getPath(o, ['spec', 'missing', 'x']), undefined);
    setPath(o, ['spec', 'replicas'], 3);
    assert.equal(getPath(o, 'spec.replicas'), 3);
  });

  test('references', () => {
    const owner = rs();
    assert.deepEqual(ownerRef(owner), {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: 'web-abc',
      uid: 'u-1',
      controller: true,
      blockOwnerDeletion: true,
    });
    assert.equal(
      JSON.stringify(objectRef(owner)),
      '{"kind":"ReplicaSet","namespace":"default","name":"web-abc","uid":"u-1","apiVersion":"apps/v1","resourceVersion":"7"}',
    );
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ownerReferences: [ownerRef(owner)] } };
    assert.equal(controllerOf(pod)?.uid, 'u-1');
    assert.ok(isControlledBy(pod, owner));
    assert.ok(!isControlledBy(pod, { metadata: { uid: 'other' } }));
    assert.ok(!isControlledBy({ metadata: { ownerReferences: [ownerRef(owner, false)] } }, owner));
    assert.equal(keyOf(owner), 'default/web-abc');
    assert.equal(keyOf({ metadata: { name: 'n1' } }), 'n1');
  });

  test('conditions keep lastTransitionTime while the status holds', () => {
    const t0 = Date.UTC(2026, 0, 1);
    let c: ConditionLike[] = setCondition<ConditionLike>([], { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }, t0);
    assert.equal(c[0]?.lastTransitionTime, '2026-01-01T00:00:00Z');
    c = setCondition(c, { type: 'Available', status: 'False', reason: 'Other' }, t0 + 5000);
    assert.equal(c[0]?.lastTransitionTime, '2026-01-01T00:00:00Z');
    assert.equal(c[0]?.reason, 'Other');
    c = setCondition(c, { type: 'Available', status: 'True' }, t0 + 9000);
    assert.equal(c[0]?.lastTransitionTime, '2026-01-01T00:00:09Z');
    c = setCondition(c, { type: 'Progressing', status: 'True' }, t0 + 9000);
    assert.equal(c.length, 2);
    assert.ok(isConditionTrue(c, 'Available'));
    assert.equal(getCondition(c, 'Progressing')?.status, 'True');
    assert.equal(removeCondition(c, 'Available').length, 1);
  });
});
