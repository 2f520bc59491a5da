import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, only, reasonsOf, TestFramework } from './fixtures';
import { VOLUME_BINDING, newVolumeBinding } from '../../../../../src/sim/scheduler/plugins/volumeBinding';
import type { PVCObj, PVObj } from '../../../../../src/sim/scheduler/framework/types';

const pvc = (name: string, volumeName?: string): PVCObj =>
  ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec: { volumeName } }) as PVCObj;
const localPV: PVObj = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'pv-a' },
  spec: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['a'] }] }] } } },
} as PVObj;
const usesClaim = (claim: string) => makePod('p', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] });

function fw(claims: PVCObj[]) {
  return new TestFramework(only(VOLUME_BINDING, newVolumeBinding), [makeNode('a'), makeNode('b')], [], {
    pvc: (_ns, name) => claims.find((c) => c.metadata.name === name),
    pv: (name) => (name === 'pv-a' ? localPV : undefined),
  });
}

describe('VolumeBinding (simplified)', () => {
  test('a missing claim rejects the pod at PreFilter', () => {
    const r = fw([]).filter(usesClaim('data'));
    assert.equal(r.preFilter?.code, 'UnschedulableAndUnresolvable');
    assert.deepEqual(reasonsOf(r.preFilter), ['persistentvolumeclaim "data" not found']);
  });

  test('an unbound claim waits', () => {
    const r = fw([pvc('data')]).filter(usesClaim('data'));
    assert.deepEqual(reasonsOf(r.preFilter), ['pod has unbound immediate PersistentVolumeClaims']);
  });

  test("a bound volume's node affinity decides the nodes", () => {
    const r = fw([pvc('data', 'pv-a')]).filter(usesClaim('data'));
    assert.equal(r.nodes.get('a'), null);
    assert.deepEqual(reasonsOf(r.nodes.get('b')), ['node(s) had volume node affinity conflict']);
  });

  test('pods without claims skip the plugin', () => {
    assert.equal(fw([]).filter(makePod('p')).state.skipFilterPlugins.has(VOLUME_BINDING), true);
  });
});
