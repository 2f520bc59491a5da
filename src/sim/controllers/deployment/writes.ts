/**
 * The Deployment controller's writes: scaling ReplicaSets (with the ScalingReplicaSet
 * event), finding or creating the new ReplicaSet, syncing the revision, history clean-up
 * and status updates. `d` is the sync's own mutable copy of the Deployment, changed in
 * place as upstream's is (and, as upstream, not refreshed after a status write, so a
 * second status write in the same sync can meet a 409 Conflict and requeue).
 */
import type { DeploymentStatus } from 'kubernetes-types/apps/v1';
import { deepClone, ownerRef } from '../../api/objects';
import { isAlreadyExists, isNotFound } from '../../api/errors';
import { R, type Informer } from '../../client';
import type { ControllerContext } from '../common/context';
import { computeHash } from '../common/hash';
import type { DeploymentObj, ReplicaSetObj } from '../common/types';
import { errorText, isNamespaceTerminating, jsonEqual } from '../common/util';
import type { ScaleStep } from './plan';
import { REASONS, getCondition, newCondition, normalizeStatus, setCondition } from './progress';
import {
  POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, byRevision, equalIgnoreHash, findNewReplicaSet, findOldReplicaSets,
  hasProgressDeadline, hasRevisionHistoryLimit, maxRevision, maxSurge, newRSNewReplicas, replicasAnnotationsNeedUpdate,
  replicasOf, setNewReplicaSetAnnotations, setReplicasAnnotations,
} from './util';

export interface Deps {
  ctx: ControllerContext;
  rsInformer: Informer<ReplicaSetObj>;
}

/** scaleReplicaSet: writes the new size and the replica annotations; records ScalingReplicaSet. */
export function scaleReplicaSet(deps: Deps, rs: ReplicaSetObj, to: number, d: DeploymentObj): { scaled: boolean; rs: ReplicaSetObj } {
  const replicas = replicasOf(d);
  const max = replicas + maxSurge(d);
  const sizeChange = replicasOf(rs) !== to;
  if (!sizeChange && !replicasAnnotationsNeedUpdate(rs, replicas, max)) return { scaled: false, rs };
  const from = replicasOf(rs);
  const copy = deepClone(rs) as ReplicaSetObj;
  copy.spec = { ...copy.spec, replicas: to } as ReplicaSetObj['spec'];
  setReplicasAnnotations(copy, replicas, max);
  const updated = deps.ctx.client.update<ReplicaSetObj>(R.replicasets, copy);
  if (sizeChange) {
    const op = from < to ? 'up' : 'down';
    deps.ctx.recorder.normal(d, 'ScalingReplicaSet', `Scaled ${op} replica set ${updated.metadata.name ?? ''} from ${from} to ${to}`);
  }
  return { scaled: sizeChange, rs: updated };
}

/** Applies scale steps in order; a ReplicaSet scaled twice uses its latest stored version. */
export function applySteps(deps: Deps, steps: readonly ScaleStep[], d: DeploymentObj): { scaled: number; latest: Map<string, ReplicaSetObj> } {
  const latest = new Map<string, ReplicaSetObj>();
  let scaled = 0;
  for (const step of steps) {
    const uid = step.rs.metadata.uid ?? '';
    const current = latest.get(uid) ?? step.rs;
    if (!step.always && replicasOf(current) === step.to) continue;
    const res = scaleReplicaSet(deps, current, step.to, d);
    latest.set(uid, res.rs);
    if (res.scaled) scaled++;
  }
  return { scaled, latest };
}

function updateStatus(deps: Deps, d: DeploymentObj): void {
  deps.ctx.client.updateStatus<DeploymentObj>(R.deployments, d);
}

/** SetDeploymentRevision on the sync's copy. */
function setDeploymentRevision(d: DeploymentObj, revision: string): boolean {
  const a = (d.metadata.annotations ??= {});
  if (a[REVISION_ANNOTATION] === revision) return false;
  a[REVISION_ANNOTATION] = revision;
  return true;
}

/** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked) and all old ones. */
export function allReplicaSetsAndSyncRevision(
  deps: Deps,
  d: DeploymentObj,
  rsList: readonly ReplicaSetObj[],
  create: boolean,
): { newRS: ReplicaSetObj | undefined; oldRSs: ReplicaSetObj[] } {
  const oldRSs = findOldReplicaSets(d, rsList);
  const newRS = newReplicaSet(deps, d, rsList, oldRSs, create);
  return { newRS, oldRSs };
}

function newReplicaSet(deps: Deps, d: DeploymentObj, rsList: readonly ReplicaSetObj[], oldRSs: ReplicaSetObj[], create: boolean): ReplicaSetObj | undefined {
  const { ctx } = deps;
  const now = ctx.loop.now();
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    const copy = deepClone(existing) as ReplicaSetObj;
    const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
    const minReady = d.spec?.minReadySeconds ?? 0;
    if (annotationsUpdated || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
      copy.spec = { ...copy.spec, minReadySeconds: minReady } as ReplicaSetObj['spec'];
      if (minReady === 0) delete (copy.spec as { minReadySeconds?: number }).minReadySeconds;
      return ctx.client.update<ReplicaSetObj>(R.replicasets, copy);
    }
    let needsUpdate = setDeploymentRevision(d, copy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
      const status = (d.status ??= {});
      setCondition(status, newCondition('Progressing', 'True', REASONS.foundNewRS, `Found new replica set "${copy.metadata.name ?? ''}"`, now));
      needsUpdate = true;
    }
    if (needsUpdate) updateStatus(deps, d);
    return copy;
  }
  if (!create) return undefined;

  const template = deepClone(d.spec?.template ?? {});
  const hash = computeHash(template, d.status?.collisionCount);
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...template.metadata, labels };
  const selector = deepClone(d.spec?.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const rs: ReplicaSetObj = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${d.metadata.name ?? ''}-${hash}`, namespace: d.metadata.namespace, labels: { ...labels }, ownerReferences: [ownerRef(d)] },
    spec: { replicas: 0, selector, template },
  };
  if (d.spec?.minReadySeconds) (rs.spec as { minReadySeconds?: number }).minReadySeconds = d.spec.minReadySeconds;
  const count = newRSNewReplicas(d, [...oldRSs, rs], rs);
  (rs.spec as { replicas: number }).replicas = count;
  setNewReplicaSetAnnotations(d, rs, newRevision, false);

  let created: ReplicaSetObj;
  let alreadyExists = false;
  try {
    created = ctx.client.create<ReplicaSetObj>(R.replicasets, d.metadata.namespace, rs);
  } catch (err) {
    if (isAlreadyExists(err)) {
      const found = deps.rsInformer.get(rs.metadata.namespace, rs.metadata.name ?? '');
      if (!found) throw err;
      const ref = found.metadata.ownerReferences?.find((r) => r.controller === true);
      if (ref && ref.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, found.spec?.template)) {
        created = found;
        alreadyExists = true;
      } else {
        // A different template hashed to the same name: bump collisionCount and try again.
        const status = (d.status ??= {});
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        updateStatus(deps, d);
        throw err;
      }
    } else if (isNamespaceTerminating(err)) {
      throw err;
    } else {
      const msg = `Failed to create new replica set "${rs.metadata.name ?? ''}": ${errorText(err)}`;
      if (hasProgressDeadline(d)) {
        setCondition((d.status ??= {}), newCondition('Progressing', 'False', REASONS.failedRSCreate, msg, now));
        try {
          updateStatus(deps, d);
        } catch {
          // upstream ignores this status error and reports the create error
        }
      }
      ctx.recorder.warning(d, REASONS.failedRSCreate, msg);
      throw err;
    }
  }
  if (!alreadyExists && count > 0) {
    ctx.recorder.normal(d, 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name ?? ''} from 0 to ${count}`);
  }
  let needsUpdate = setDeploymentRevision(d, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    setCondition((d.status ??= {}), newCondition('Progressing', 'True', REASONS.newReplicaSet, `Created new replica set "${created.metadata.name ?? ''}"`, now));
    needsUpdate = true;
  }
  if (needsUpdate) updateStatus(deps, d);
  return created;
}

/** cleanupDeployment: deletes the oldest idle ReplicaSets beyond revisionHistoryLimit. */
export function cleanupDeployment(deps: Deps, oldRSs: readonly ReplicaSetObj[], d: DeploymentObj): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
  const diff = cleanable.length - (d.spec?.revisionHistoryLimit ?? 0);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i] as ReplicaSetObj;
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
    try {
      deps.ctx.client.delete(R.replicasets, rs.metadata.namespace, rs.metadata.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

/** Writes `next` as the Deployment's status unless it equals the current one. Returns whether it wrote. */
export function writeStatus(deps: Deps, d: DeploymentObj, next: DeploymentStatus): boolean {
  if (jsonEqual(normalizeStatus(d.status), normalizeStatus(next))) return false;
  d.status = next;
  updateStatus(deps, d);
  return true;
}
