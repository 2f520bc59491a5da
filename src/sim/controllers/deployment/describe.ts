/**
 * One line on what a Deployment sync is about to do, worked out with the same pure plans
 * the sync then carries out. Used for the 'reconcile' trace event.
 */
import { computeHash } from '../common/hash';
import type { DeploymentObj, PodObj, ReplicaSetObj } from '../common/types';
import { planNewReplicaSet, planOldReplicaSets, planProportionalScale, planRecreateScaleDown, type ScaleStep } from './plan';
import { oldPodsRunning } from './rollout';
import {
  availableReplicaCount, desiredReplicasAnnotation, filterActiveReplicaSets, findNewReplicaSet, findOldReplicaSets, isRollingUpdate,
  maxSurge, maxUnavailable, replicasOf,
} from './util';

const steps = (list: readonly ScaleStep[]): string =>
  list.map((s) => `${s.rs.metadata.name ?? ''} ${replicasOf(s.rs)} -> ${s.to}`).join(', ');

export function describeSync(d: DeploymentObj, rsList: readonly ReplicaSetObj[], podMap: Map<string, PodObj[]>): string {
  const name = d.metadata.name ?? '';
  const want = replicasOf(d);
  const newRS = findNewReplicaSet(d, rsList);
  const oldRSs = findOldReplicaSets(d, rsList);
  const all = newRS ? [...oldRSs, newRS] : [...oldRSs];
  if (d.metadata.deletionTimestamp) return `${name} is being deleted: updating its status only`;
  if (d.spec?.paused) {
    const plan = planProportionalScale(d, newRS, oldRSs).filter((s) => s.to !== replicasOf(s.rs));
    return `${name} is paused: no rollout${plan.length ? `; scaling ${steps(plan)}` : ''}`;
  }
  const resized = filterActiveReplicaSets(all).some((rs) => {
    const desired = desiredReplicasAnnotation(rs);
    return desired !== undefined && desired !== want;
  });
  if (resized) {
    const plan = planProportionalScale(d, newRS, oldRSs).filter((s) => s.to !== replicasOf(s.rs));
    return `${name} was resized to ${want} replicas: scaling ${plan.length ? steps(plan) : 'nothing yet'} in proportion`;
  }
  if (!newRS) {
    if (!isRollingUpdate(d) && filterActiveReplicaSets(oldRSs).length > 0) {
      return `${name} (Recreate) scales its old ReplicaSets to zero first: ${steps(planRecreateScaleDown(oldRSs))}`;
    }
    if (!isRollingUpdate(d) && oldPodsRunning(undefined, oldRSs, podMap)) return `${name} (Recreate) waits for the old pods to terminate`;
    const hash = computeHash(d.spec?.template, d.status?.collisionCount);
    return `${name} needs a ReplicaSet for its template (pod-template-hash ${hash})`;
  }
  const rsName = newRS.metadata.name ?? '';
  if (isRollingUpdate(d)) {
    const up = planNewReplicaSet(d, all, newRS);
    if (up) return `${name}: scaling new ReplicaSet ${rsName} ${replicasOf(newRS)} -> ${up.to} (maxSurge ${maxSurge(d)})`;
    const down = planOldReplicaSets(d, all, filterActiveReplicaSets(oldRSs), newRS);
    if (down.length > 0) return `${name}: scaling down old ReplicaSets ${steps(down)} (maxUnavailable ${maxUnavailable(d)})`;
  } else {
    const down = planRecreateScaleDown(oldRSs);
    if (down.length > 0) return `${name} (Recreate): scaling old ReplicaSets to zero: ${steps(down)}`;
    if (oldPodsRunning(newRS, oldRSs, podMap)) return `${name} (Recreate) waits for the old pods to terminate`;
    if (replicasOf(newRS) !== want) return `${name} (Recreate): scaling new ReplicaSet ${rsName} ${replicasOf(newRS)} -> ${want}`;
  }
  const available = availableReplicaCount(all);
  const updated = newRS.status?.replicas ?? 0;
  if (updated === want && available === want && filterActiveReplicaSets(oldRSs).length === 0) {
    return `${name}: ReplicaSet ${rsName} has all ${want} replicas available; rollout complete`;
  }
  return `${name}: waiting on ReplicaSet ${rsName} (${updated}/${want} updated, ${available} available); updating status`;
}
