/**
 * The three ways a Deployment sync proceeds, as rolling.go, recreate.go and sync.go
 * write them: a RollingUpdate rollout, a Recreate rollout, and a plain scale (paused
 * Deployments and resizes mid-rollout).
 */
import { R } from '../../client';
import type { PodObj, DeploymentObj, ReplicaSetObj } from '../common/types';
import { planNewReplicaSet, planOldReplicaSets, planProportionalScale, planRecreateScaleDown } from './plan';
import { REASONS, calculateStatus, deploymentComplete, getCondition, newCondition, rolloutStatus, setCondition, stuckRequeueMs } from './progress';
import { allReplicaSetsAndSyncRevision, applySteps, cleanupDeployment, scaleReplicaSet, writeStatus, type Deps } from './writes';
import { actualReplicaCount, filterActiveReplicaSets, hasProgressDeadline, replicasOf } from './util';

/** What the caller should do with the queue afterwards. */
export type After = { requeueAfterMs: number } | { rateLimited: true } | undefined;

/** syncRolloutStatus: writes status with Progressing; when unchanged, maybe requeues a stuck rollout. */
function syncRolloutStatus(deps: Deps, allRSs: (ReplicaSetObj | undefined)[], newRS: ReplicaSetObj | undefined, d: DeploymentObj): After {
  const now = deps.ctx.loop.now();
  const next = rolloutStatus(allRSs, newRS, d, now);
  if (writeStatus(deps, d, next)) return undefined;
  const after = stuckRequeueMs(d, next, now);
  if (after === undefined) return undefined;
  return after === 0 ? { rateLimited: true } : { requeueAfterMs: after };
}

/** syncDeploymentStatus: status without progress estimation. */
export function syncDeploymentStatus(deps: Deps, allRSs: (ReplicaSetObj | undefined)[], newRS: ReplicaSetObj | undefined, d: DeploymentObj): void {
  writeStatus(deps, d, calculateStatus(allRSs, newRS, d, deps.ctx.loop.now()));
}

export function rolloutRolling(deps: Deps, d: DeploymentObj, rsList: readonly ReplicaSetObj[]): After {
  const { newRS, oldRSs } = allReplicaSetsAndSyncRevision(deps, d, rsList, true);
  // As upstream, the status below is computed from the ReplicaSets as listed at the start.
  const allRSs = [...oldRSs, newRS];
  const listed = allRSs.filter((rs): rs is ReplicaSetObj => rs !== undefined);
  const up = planNewReplicaSet(d, listed, newRS);
  if (up && scaleReplicaSet(deps, up.rs, up.to, d).scaled) return syncRolloutStatus(deps, allRSs, newRS, d);
  const down = planOldReplicaSets(d, listed, filterActiveReplicaSets(oldRSs), newRS);
  if (down.length > 0 && applySteps(deps, down, d).scaled > 0) return syncRolloutStatus(deps, allRSs, newRS, d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(deps, oldRSs, d);
  return syncRolloutStatus(deps, allRSs, newRS, d);
}

/** oldPodsRunning: old ReplicaSets still report pods, or pods of theirs are not finished. */
export function oldPodsRunning(newRS: ReplicaSetObj | undefined, oldRSs: readonly ReplicaSetObj[], podMap: Map<string, PodObj[]>): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    if (pods.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')) return true;
  }
  return false;
}

export function rolloutRecreate(deps: Deps, d: DeploymentObj, rsList: readonly ReplicaSetObj[], podMap: Map<string, PodObj[]>): After {
  // No new ReplicaSet yet: Recreate scales the old ones down before it creates one.
  let { newRS, oldRSs } = allReplicaSetsAndSyncRevision(deps, d, rsList, false);
  let allRSs: (ReplicaSetObj | undefined)[] = [...oldRSs, newRS];
  const down = planRecreateScaleDown(oldRSs);
  if (down.length > 0 && applySteps(deps, down, d).scaled > 0) return syncRolloutStatus(deps, allRSs, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(deps, allRSs, newRS, d);
  if (!newRS) {
    ({ newRS, oldRSs } = allReplicaSetsAndSyncRevision(deps, d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS && replicasOf(newRS) !== replicasOf(d)) scaleReplicaSet(deps, newRS, replicasOf(d), d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(deps, oldRSs, d);
  return syncRolloutStatus(deps, allRSs, newRS, d);
}

/** sync: scaling events and paused Deployments; no new ReplicaSet is created. */
export function syncScale(deps: Deps, d: DeploymentObj, rsList: readonly ReplicaSetObj[]): void {
  const { newRS, oldRSs } = allReplicaSetsAndSyncRevision(deps, d, rsList, false);
  applySteps(deps, planProportionalScale(d, newRS, oldRSs), d);
  if (d.spec?.paused) cleanupDeployment(deps, oldRSs, d);
  syncDeploymentStatus(deps, [...oldRSs, newRS], newRS, d);
}

/** syncStatusOnly: a Deployment being deleted only reports. */
export function syncStatusOnly(deps: Deps, d: DeploymentObj, rsList: readonly ReplicaSetObj[]): void {
  const { newRS, oldRSs } = allReplicaSetsAndSyncRevision(deps, d, rsList, false);
  syncDeploymentStatus(deps, [...oldRSs, newRS], newRS, d);
}

/** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
export function checkPausedConditions(deps: Deps, d: DeploymentObj): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === REASONS.timedOut) return;
  const pausedCond = cond?.reason === REASONS.paused;
  const now = deps.ctx.loop.now();
  let needsUpdate = false;
  const status = (d.status ??= {});
  if (d.spec?.paused && !pausedCond) {
    setCondition(status, newCondition('Progressing', 'Unknown', REASONS.paused, 'Deployment is paused', now));
    needsUpdate = true;
  } else if (!d.spec?.paused && pausedCond) {
    setCondition(status, newCondition('Progressing', 'Unknown', REASONS.resumed, 'Deployment is resumed', now));
    needsUpdate = true;
  }
  if (needsUpdate) deps.ctx.client.updateStatus<DeploymentObj>(R.deployments, d);
}
