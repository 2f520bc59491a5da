/**
 * Pod predicates the controllers share, as pkg/api/v1/pod and pkg/controller's
 * controller_utils define them: active, ready, available, and the pod a template makes.
 */
import type { OwnerReference, Pod, PodCondition, PodTemplateSpec } from '../../api/kinds';
import { deepClone } from '../../api/objects';
import { isDNS1123Subdomain } from '../../api/names';
import { parseTime } from '../../core';

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

/** controller.FilterActivePods */
export function filterActivePods<T extends Pod>(pods: readonly T[]): T[] {
  return pods.filter(isPodActive);
}

export function podReadyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/**
 * podutil.IsPodAvailable: ready, and ready for at least minReadySeconds (strictly before
 * now, as upstream's Before).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podReadyCondition(pod)?.lastTransitionTime;
  if (!since) return false;
  return parseTime(since) + minReadySeconds * 1000 < nowMs;
}

/** Time the pod became ready (ms), or undefined when not ready or unknown. */
export function podReadyTime(pod: Pod): number | undefined {
  if (!isPodReady(pod)) return undefined;
  const t = podReadyCondition(pod)?.lastTransitionTime;
  return t ? parseTime(t) : undefined;
}

/** controller.getPodsPrefix: `<name>-` unless that is not a valid name prefix. */
export function podsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  // ValidatePodName(prefix, true) checks the prefix with a placeholder suffix added.
  return isDNS1123Subdomain(`${prefix}a`).length === 0 ? prefix : controllerName;
}

/** controller.GetPodFromTemplate: labels, annotations, finalizers and spec from the template. */
export function podFromTemplate(template: PodTemplateSpec, parentName: string, namespace: string, controllerRef?: OwnerReference): Pod {
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: podsPrefix(parentName),
      namespace,
    },
    spec: deepClone(template.spec ?? { containers: [] }),
  };
  const m = pod.metadata as NonNullable<Pod['metadata']> & Record<string, unknown>;
  if (meta.labels && Object.keys(meta.labels).length > 0) m.labels = { ...meta.labels };
  if (meta.annotations && Object.keys(meta.annotations).length > 0) m.annotations = { ...meta.annotations };
  if (meta.finalizers && meta.finalizers.length > 0) m.finalizers = [...meta.finalizers];
  if (controllerRef) m.ownerReferences = [controllerRef];
  return pod;
}

export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  return max;
}

export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}
