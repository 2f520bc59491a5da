/**
 * Cluster events (framework/events.go) and queueing hints: which changes in the cluster
 * may turn a pod a plugin rejected into a schedulable one.
 */
import type { Node } from '../../api/kinds';
import type { PodObj } from './types';

export type EventResource = 'Pod' | 'UnscheduledPod' | 'Node' | 'PersistentVolumeClaim' | 'PersistentVolume' | 'Namespace' | '*';

/** framework.ActionType bits. */
export const Action = {
  Add: 1,
  Delete: 2,
  UpdateNodeAllocatable: 4,
  UpdateNodeLabel: 8,
  UpdateNodeTaint: 16,
  UpdateNodeCondition: 32,
  UpdateNodeAnnotation: 64,
  UpdatePodLabel: 128,
  UpdatePodScaleDown: 256,
  UpdatePodToleration: 512,
  UpdatePodSchedulingGatesEliminated: 1024,
  Update: 4 | 8 | 16 | 32 | 64 | 128 | 256 | 512 | 1024 | 2048,
  All: 0xfff,
} as const;

export interface ClusterEvent {
  resource: EventResource;
  /** ActionType bits. */
  action: number;
  /** A name for the trace: NodeAdd, AssignedPodDelete ... */
  label: string;
}

export type QueueingHint = 'Queue' | 'Skip';
export type QueueingHintFn = (pod: PodObj, oldObj: unknown, newObj: unknown) => QueueingHint;

export interface ClusterEventWithHint {
  resource: EventResource;
  actions: number;
  hint?: QueueingHintFn;
}

export function eventMatches(registered: ClusterEventWithHint, ev: ClusterEvent): boolean {
  return (registered.resource === '*' || ev.resource === '*' || registered.resource === ev.resource) && (registered.actions & ev.action) !== 0;
}

export const EVENTS = {
  nodeAdd: { resource: 'Node', action: Action.Add, label: 'NodeAdd' },
  nodeDelete: { resource: 'Node', action: Action.Delete, label: 'NodeDelete' },
  assignedPodAdd: { resource: 'Pod', action: Action.Add, label: 'AssignedPodAdd' },
  assignedPodDelete: { resource: 'Pod', action: Action.Delete, label: 'AssignedPodDelete' },
  pvcAdd: { resource: 'PersistentVolumeClaim', action: Action.Add, label: 'PvcAdd' },
  pvcUpdate: { resource: 'PersistentVolumeClaim', action: Action.Update, label: 'PvcUpdate' },
  pvAdd: { resource: 'PersistentVolume', action: Action.Add, label: 'PvAdd' },
  pvUpdate: { resource: 'PersistentVolume', action: Action.Update, label: 'PvUpdate' },
  /** The periodic flush of pods left unschedulable too long. */
  unschedulableTimeout: { resource: '*', action: Action.All, label: 'UnschedulableTimeout' },
  /** An assumed pod whose binding failed: what it held on its node is free again. */
  forceActivate: { resource: '*', action: Action.All, label: 'ForceActivate' },
} satisfies Record<string, ClusterEvent>;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The node update's scheduling-relevant changes as ActionType bits (0 when nothing relevant changed). */
export function nodeUpdateActions(oldNode: Node, newNode: Node): number {
  let a = 0;
  if (!same(oldNode.status?.allocatable, newNode.status?.allocatable)) a |= Action.UpdateNodeAllocatable;
  if (!same(oldNode.metadata?.labels, newNode.metadata?.labels)) a |= Action.UpdateNodeLabel;
  if (!same(oldNode.spec?.taints, newNode.spec?.taints) || !!oldNode.spec?.unschedulable !== !!newNode.spec?.unschedulable) {
    a |= Action.UpdateNodeTaint;
  }
  const conds = (n: Node): string =>
    (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).sort().join(',');
  if (conds(oldNode) !== conds(newNode)) a |= Action.UpdateNodeCondition;
  if (!same(oldNode.metadata?.annotations, newNode.metadata?.annotations)) a |= Action.UpdateNodeAnnotation;
  return a;
}

function requestTotal(pod: PodObj, resource: string): string {
  return JSON.stringify((pod.spec?.containers ?? []).map((c) => c.resources?.requests?.[resource] ?? null));
}

/** An assigned pod's update as ActionType bits: label change, scale-down, toleration change. */
export function podUpdateActions(oldPod: PodObj, newPod: PodObj): number {
  let a = 0;
  if (!same(oldPod.metadata.labels, newPod.metadata.labels)) a |= Action.UpdatePodLabel;
  if (requestTotal(oldPod, 'cpu') !== requestTotal(newPod, 'cpu') || requestTotal(oldPod, 'memory') !== requestTotal(newPod, 'memory')) {
    a |= Action.UpdatePodScaleDown;
  }
  if (!same(oldPod.spec?.tolerations, newPod.spec?.tolerations)) a |= Action.UpdatePodToleration;
  if ((oldPod.spec?.schedulingGates ?? []).length > 0 && (newPod.spec?.schedulingGates ?? []).length === 0) {
    a |= Action.UpdatePodSchedulingGatesEliminated;
  }
  return a;
}
