/** Object shapes the scheduler reads: kubernetes-types joined with KubeObject (metadata always present). */
import type { KubeObject } from '../../api/types';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from '../../api/kinds';

export type PodObj = Pod & KubeObject;
export type NodeObj = Node & KubeObject;
export type PVCObj = PersistentVolumeClaim & KubeObject;
export type PVObj = PersistentVolume & KubeObject;

/** framework.MaxNodeScore / MinNodeScore. */
export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

/** The scheduler name of the default profile. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** corev1helpers.PodPriority: spec.priority, or 0. */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}
