/**
 * Deployment status and conditions as sync.go's calculateStatus and progress.go's
 * syncRolloutStatus compute them, with upstream's reasons and messages.
 */
import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';
import { parseTime, rfc3339 } from '../../core';
import type { DeploymentObj, ReplicaSetObj } from '../common/types';
import { omitEmpty, removeAppsCondition, setAppsCondition } from '../common/util';
import {
  actualReplicaCount, availableReplicaCount, hasProgressDeadline, maxUnavailable, readyReplicaCount, replicaCount, replicasOf,
} from './util';

export const REASONS = {
  replicaSetUpdated: 'ReplicaSetUpdated',
  failedRSCreate: 'ReplicaSetCreateError',
  newReplicaSet: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

export type Cond = DeploymentCondition;

/** NewDeploymentCondition: both times now. */
export function newCondition(type: string, status: string, reason: string, message: string, nowMs: number): Cond {
  const t = rfc3339(nowMs);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): Cond | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function setCondition(status: DeploymentStatus, cond: Cond): void {
  status.conditions = setAppsCondition(status.conditions ?? [], cond);
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = removeAppsCondition(status.conditions ?? [], type);
  if (status.conditions.length === 0) delete status.conditions;
}

/** Status fields as Go serializes them: zero counts left out. */
export function normalizeStatus(s: DeploymentStatus | undefined): DeploymentStatus {
  const { conditions, collisionCount, ...counts } = s ?? {};
  const out: DeploymentStatus = omitEmpty(counts as Record<string, unknown>) as DeploymentStatus;
  if (conditions && conditions.length > 0) out.conditions = conditions;
  if (collisionCount !== undefined && collisionCount !== null) out.collisionCount = collisionCount;
  return out;
}

export function calculateStatus(allRSs: readonly (ReplicaSetObj | undefined)[], newRS: ReplicaSetObj | undefined, d: DeploymentObj, nowMs: number): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const total = replicaCount(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  status.conditions = [...(d.status?.conditions ?? [])];
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', REASONS.minimumReplicasAvailable, 'Deployment has minimum availability.', nowMs));
  } else {
    setCondition(status, newCondition('Available', 'False', REASONS.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', nowMs));
  }
  return normalizeStatus(status);
}

/** DeploymentComplete */
export function deploymentComplete(d: DeploymentObj, s: DeploymentStatus): boolean {
  const r = replicasOf(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available replicas. */
export function deploymentProgressing(d: DeploymentObj, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: no progress recorded within progressDeadlineSeconds. */
export function deploymentTimedOut(d: DeploymentObj, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getCondition(s, 'Progressing');
  if (!cond) return false;
  if (cond.reason === REASONS.newRSAvailable) return false;
  if (cond.reason === REASONS.timedOut) return true;
  const from = cond.lastUpdateTime ? parseTime(cond.lastUpdateTime) : 0;
  return from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < nowMs;
}

/** The Progressing and ReplicaFailure conditions syncRolloutStatus adds to calculateStatus's. */
export function rolloutStatus(
  allRSs: readonly (ReplicaSetObj | undefined)[],
  newRS: ReplicaSetObj | undefined,
  d: DeploymentObj,
  nowMs: number,
): DeploymentStatus {
  const status = calculateStatus(allRSs, newRS, d, nowMs);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const complete = status.replicas === status.updatedReplicas && current?.reason === REASONS.newRSAvailable;
  const name = d.metadata.name ?? '';
  if (hasProgressDeadline(d) && !complete) {
    if (deploymentComplete(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name ?? ''}" has successfully progressed.` : `Deployment "${name}" has successfully progressed.`;
      setCondition(status, newCondition('Progressing', 'True', REASONS.newRSAvailable, msg, nowMs));
    } else if (deploymentProgressing(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name ?? ''}" is progressing.` : `Deployment "${name}" is progressing.`;
      const cond = newCondition('Progressing', 'True', REASONS.replicaSetUpdated, msg, nowMs);
      // Progressing moves lastUpdateTime on every sign of progress, even with the same reason.
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, cond);
    } else if (deploymentTimedOut(d, status, nowMs)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name ?? ''}" has timed out progressing.` : `Deployment "${name}" has timed out progressing.`;
      setCondition(status, newCondition('Progressing', 'False', REASONS.timedOut, msg, nowMs));
    }
  }
  const failures = replicaFailures(allRSs, newRS);
  const first = failures[0];
  if (first) setCondition(status, first);
  else removeCondition(status, 'ReplicaFailure');
  return normalizeStatus(status);
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure, else any old one's. */
function replicaFailures(allRSs: readonly (ReplicaSetObj | undefined)[], newRS: ReplicaSetObj | undefined): Cond[] {
  const convert = (c: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }): Cond => ({
    type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message,
  });
  const fromNew = (newRS?.status?.conditions ?? []).filter((c) => c.type === 'ReplicaFailure').map(convert);
  if (fromNew.length > 0) return fromNew;
  return allRSs.flatMap((rs) => (rs?.status?.conditions ?? []).filter((c) => c.type === 'ReplicaFailure').map(convert));
}

/**
 * requeueStuckDeployment: when a rollout is neither complete nor timed out, look again
 * when its progress deadline would pass (undefined: no need).
 */
export function stuckRequeueMs(d: DeploymentObj, s: DeploymentStatus, nowMs: number): number | undefined {
  const cond = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !cond) return undefined;
  if (deploymentComplete(d, s) || cond.reason === REASONS.timedOut) return undefined;
  const from = cond.lastUpdateTime ? parseTime(cond.lastUpdateTime) : 0;
  const after = from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - nowMs;
  if (after < 1000) return 0;
  return after + 1000;
}
