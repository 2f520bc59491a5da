/**
 * StatefulSet identity (stateful_set_utils.go): pod `<set>-<ordinal>` with hostname and
 * subdomain, the statefulset.kubernetes.io/pod-name and apps.kubernetes.io/pod-index
 * labels, one PVC per volumeClaimTemplate named `<claim>-<set>-<ordinal>`, and the
 * ControllerRevision a template is stored in.
 */
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { deepClone, ownerRef } from '../../api/objects';
import { canonicalJson, fnv32a, safeEncodeString } from '../common/hash';
import { podFromTemplate } from '../common/pods';
import type { ControllerRevisionObj, PodObj, StatefulSetObj } from '../common/types';
import type { KubeObject } from '../../api/types';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';
export const HASH_LABEL = 'controller.kubernetes.io/hash';

export type PVCObj = PersistentVolumeClaim & KubeObject;

export function ordinalOf(set: StatefulSetObj, pod: PodObj): number | undefined {
  const name = set.metadata.name ?? '';
  const m = /^(.*)-(\d+)$/.exec(pod.metadata.name ?? '');
  if (!m || m[1] !== name) return undefined;
  return Number(m[2]);
}

export const startOrdinal = (set: StatefulSetObj): number => set.spec?.ordinals?.start ?? 0;

export function claimName(set: StatefulSetObj, template: string, ordinal: number): string {
  return `${template}-${set.metadata.name ?? ''}-${ordinal}`;
}

/** getPersistentVolumeClaims: the claims a pod of this ordinal uses, labelled with the selector. */
export function claimsFor(set: StatefulSetObj, ordinal: number): PVCObj[] {
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
    const c = deepClone(t) as PVCObj;
    c.apiVersion = 'v1';
    c.kind = 'PersistentVolumeClaim';
    c.metadata = {
      ...c.metadata,
      name: claimName(set, t.metadata?.name ?? '', ordinal),
      namespace: set.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) },
    };
    delete (c as { status?: unknown }).status;
    return c;
  });
}

/** newVersionedStatefulSetPod: identity, storage and the revision label. */
export function newPod(set: StatefulSetObj, revisionName: string, ordinal: number): PodObj {
  const name = `${set.metadata.name ?? ''}-${ordinal}`;
  const pod = podFromTemplate(set.spec?.template ?? {}, set.metadata.name ?? '', set.metadata.namespace ?? '', ownerRef(set)) as PodObj;
  delete pod.metadata.generateName;
  pod.metadata.name = name;
  pod.metadata.labels = { ...pod.metadata.labels, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [REVISION_LABEL]: revisionName };
  if (pod.spec) {
    pod.spec.hostname = name;
    if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
    const volumes = (pod.spec.volumes ?? []).filter((v) => !(set.spec?.volumeClaimTemplates ?? []).some((t) => t.metadata?.name === v.name));
    for (const t of set.spec?.volumeClaimTemplates ?? []) {
      volumes.push({ name: t.metadata?.name ?? '', persistentVolumeClaim: { claimName: claimName(set, t.metadata?.name ?? '', ordinal) } });
    }
    if (volumes.length > 0) pod.spec.volumes = volumes;
  }
  return pod;
}

/** getPatch: the revision data that restores the template. */
export function templatePatch(set: StatefulSetObj): Record<string, unknown> {
  return { spec: { template: { ...(JSON.parse(JSON.stringify(set.spec?.template ?? {})) as object), $patch: 'replace' } } };
}

/** history.HashControllerRevision over the revision data (canonical JSON here, see common/hash.ts). */
export function revisionHash(data: unknown, collisionCount?: number): string {
  const bytes = [...canonicalJson(data)].map((c) => c.charCodeAt(0) & 0xff);
  if (collisionCount !== undefined) bytes.push(collisionCount & 0xff, (collisionCount >>> 8) & 0xff, (collisionCount >>> 16) & 0xff, (collisionCount >>> 24) & 0xff);
  return safeEncodeString(String(fnv32a(bytes)));
}

export function newRevision(set: StatefulSetObj, revision: number): ControllerRevisionObj {
  const data = templatePatch(set);
  const hash = revisionHash(data, set.status?.collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${set.metadata.name ?? ''}-${hash}`,
      namespace: set.metadata.namespace,
      labels: { ...(set.spec?.template?.metadata?.labels ?? {}), [HASH_LABEL]: hash },
      ownerReferences: [ownerRef(set)],
    },
    data,
    revision,
  };
}
