/**
 * The rollout decisions of rolling.go, recreate.go and sync.go's scale, as pure plans
 * (which ReplicaSet goes to which size) so a sync can say what it decided before it
 * writes, and tests can check the arithmetic alone.
 */
import type { DeploymentObj, ReplicaSetObj } from '../common/types';
import {
  availableReplicaCount, byCreation, bySizeNewer, bySizeOlder, filterActiveReplicaSets, findActiveOrLatest, isRollingUpdate,
  isSaturated, maxSurge, maxUnavailable, newRSNewReplicas, replicaCount, replicaSetProportion, replicasOf,
} from './util';

export interface ScaleStep {
  rs: ReplicaSetObj;
  to: number;
  /** scaleReplicaSet rather than scaleReplicaSetAndRecordEvent: also writes when only the
   *  desired/max-replicas annotations are stale. */
  always?: boolean;
}

const withReplicas = (rs: ReplicaSetObj, n: number): ReplicaSetObj => ({ ...rs, spec: { ...rs.spec, replicas: n } as ReplicaSetObj['spec'] });

/** reconcileNewReplicaSet: the new ReplicaSet's next size, or undefined when it stays. */
export function planNewReplicaSet(d: DeploymentObj, allRSs: readonly ReplicaSetObj[], newRS: ReplicaSetObj | undefined): ScaleStep | undefined {
  if (!newRS) return undefined;
  const want = replicasOf(d);
  const have = replicasOf(newRS);
  if (have === want) return undefined;
  if (have > want) return { rs: newRS, to: want };
  const to = newRSNewReplicas(d, allRSs, newRS);
  return to === have ? undefined : { rs: newRS, to };
}

/**
 * reconcileOldReplicaSets: first scale unhealthy old replicas away (cleanupUnhealthyReplicas),
 * then scale old ReplicaSets down as far as maxUnavailable allows, oldest first.
 */
export function planOldReplicaSets(d: DeploymentObj, allRSs: readonly ReplicaSetObj[], oldRSs: readonly ReplicaSetObj[], newRS: ReplicaSetObj | undefined): ScaleStep[] {
  if (replicaCount(oldRSs) === 0) return [];
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = newRS ? replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0) : 0;
  const maxScaledDown = replicaCount(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return [];
  const steps: ScaleStep[] = [];
  const olds = [...oldRSs].sort(byCreation);
  let cleaned = 0;
  for (let i = 0; i < olds.length; i++) {
    const rs = olds[i] as ReplicaSetObj;
    if (cleaned >= maxScaledDown) break;
    const have = replicasOf(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (have === 0 || have === available) continue;
    const down = Math.min(maxScaledDown - cleaned, have - available);
    const to = have - down;
    if (to > have) throw new Error(`when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata.namespace ?? ''}/${rs.metadata.name ?? ''} ${have} -> ${to}`);
    steps.push({ rs, to });
    cleaned += down;
    olds[i] = withReplicas(rs, to);
  }
  // scaleDownOldReplicaSetsForRollingUpdate over the cleaned-up old ReplicaSets.
  const all = newRS ? [...olds, newRS] : olds;
  const availableNow = availableReplicaCount(all);
  if (availableNow <= minAvailable) return steps;
  const total = availableNow - minAvailable;
  let done = 0;
  for (const rs of [...olds].sort(byCreation)) {
    if (done >= total) break;
    const have = replicasOf(rs);
    if (have === 0) continue;
    const down = Math.min(have, total - done);
    const to = have - down;
    if (to > have) throw new Error(`when scaling down old replica set, got invalid request to scale down ${rs.metadata.namespace ?? ''}/${rs.metadata.name ?? ''} ${have} -> ${to}`);
    const prior = steps.findIndex((s) => s.rs.metadata.uid === rs.metadata.uid);
    if (prior >= 0) steps.push({ rs: withReplicas(rs, have), to });
    else steps.push({ rs, to });
    done += down;
  }
  return steps;
}

/**
 * scale: a Deployment resized mid-rollout (or paused) spreads the change over its active
 * ReplicaSets in proportion to their sizes; returns every ReplicaSet's target size.
 */
export function planProportionalScale(d: DeploymentObj, newRS: ReplicaSetObj | undefined, oldRSs: readonly ReplicaSetObj[]): ScaleStep[] {
  const want = replicasOf(d);
  const single = findActiveOrLatest(newRS, oldRSs);
  if (single) return replicasOf(single) === want ? [] : [{ rs: single, to: want }];
  if (isSaturated(d, newRS)) return filterActiveReplicaSets(oldRSs).map((rs) => ({ rs, to: 0 }));
  if (!isRollingUpdate(d)) return [];
  const all = filterActiveReplicaSets([...oldRSs, newRS]);
  const allowed = want > 0 ? want + maxSurge(d) : 0;
  const toAdd = allowed - replicaCount(all);
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) all.sort(bySizeOlder);
  let added = 0;
  const sizes = new Map<string, number>();
  for (const rs of all) {
    const name = rs.metadata.name ?? '';
    if (toAdd !== 0) {
      const p = replicaSetProportion(rs, d, toAdd, added);
      sizes.set(name, replicasOf(rs) + p);
      added += p;
    } else {
      sizes.set(name, replicasOf(rs));
    }
  }
  return all.map((rs, i) => {
    const name = rs.metadata.name ?? '';
    let size = sizes.get(name) ?? 0;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + (toAdd - added));
    return { rs, to: size, always: true };
  });
}

/** rolloutRecreate's first phase: every active old ReplicaSet to zero. */
export function planRecreateScaleDown(oldRSs: readonly ReplicaSetObj[]): ScaleStep[] {
  return filterActiveReplicaSets(oldRSs).map((rs) => ({ rs, to: 0 }));
}
