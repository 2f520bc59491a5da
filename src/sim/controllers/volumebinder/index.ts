/**
 * Volumes for claims (persistent-volume-binder, events as persistentvolume-controller): the
 * cluster's simulated dynamic provisioner gives every Pending PersistentVolumeClaim a
 * PersistentVolume `pvc-<claim uid>` of the requested size and binds the two, as the PV
 * controller does once a provisioner has made the volume. There is no real storage
 * behind it; the scheduler's VolumeBinding waits for exactly this binding.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types';
import { isAlreadyExists, isNotFound } from '../../api/errors';
import { objectRef } from '../../api/objects';
import { keyOf, splitKey, type Component, type SyncResult } from '../../client';
import { component, refOf, type ControllerContext, type ControllerSpec } from '../common/context';

type PVCObj = PersistentVolumeClaim & KubeObject;
type PVObj = PersistentVolume & KubeObject;

const PVC = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const PV = { group: '', version: 'v1', resource: 'persistentvolumes' };
export const PROVISIONER = 'kubernetes.io/host-path';

export const volumeBinder: ControllerSpec = {
  name: 'persistent-volume-binder',
  eventSource: 'persistentvolume-controller',
  start: startVolumeBinder,
};

export function startVolumeBinder(ctx: ControllerContext): Component {
  const pvcInformer = ctx.informers.informer<PVCObj>(PVC);
  const pvInformer = ctx.informers.informer<PVObj>(PV);
  const queue = ctx.queue(sync);
  pvcInformer.addHandler({ add: (c) => queue.add(keyOf(c)), update: (_o, c) => queue.add(keyOf(c)) });

  function sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const claim = pvcInformer.get(namespace, name);
    if (!claim || claim.metadata.deletionTimestamp || claim.status?.phase === 'Bound') return;
    const pvName = claim.spec?.volumeName || `pvc-${claim.metadata.uid ?? ''}`;
    const storage = claim.spec?.resources?.requests?.storage ?? '1Gi';
    const accessModes = claim.spec?.accessModes ?? ['ReadWriteOnce'];
    ctx.reconcile(`claim ${namespace}/${name} is Pending: provisioning volume ${pvName} (${storage}) and binding it`, refOf(claim));
    let pv = pvInformer.get(undefined, pvName);
    if (!pv) {
      try {
        pv = ctx.client.create<PVObj>(PV, undefined, {
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: { name: pvName, annotations: { 'pv.kubernetes.io/provisioned-by': PROVISIONER } },
          spec: {
            capacity: { storage },
            accessModes,
            persistentVolumeReclaimPolicy: 'Delete',
            storageClassName: claim.spec?.storageClassName ?? '',
            volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
            hostPath: { path: `/tmp/hostpath-provisioner/${namespace ?? ''}/${name}`, type: '' },
            claimRef: { ...objectRef(claim), apiVersion: 'v1' },
          },
        });
        ctx.recorder.normal(claim, 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName} using ${PROVISIONER}`);
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        pv = ctx.client.get<PVObj>(PV, undefined, pvName);
      }
    }
    try {
      if (pv.status?.phase !== 'Bound') ctx.client.updateStatus<PVObj>(PV, { ...pv, status: { phase: 'Bound' } });
      const bound = ctx.client.update<PVCObj>(PVC, {
        ...claim,
        metadata: {
          ...claim.metadata,
          annotations: {
            ...claim.metadata.annotations,
            'pv.kubernetes.io/bind-completed': 'yes',
            'pv.kubernetes.io/bound-by-controller': 'yes',
            'volume.beta.kubernetes.io/storage-provisioner': PROVISIONER,
            'volume.kubernetes.io/storage-provisioner': PROVISIONER,
          },
        },
        spec: { ...claim.spec, volumeName: pvName },
      });
      ctx.client.updateStatus<PVCObj>(PVC, { ...bound, status: { phase: 'Bound', accessModes, capacity: { storage } } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  return component('persistentvolume-binder-controller', [queue]);
}
