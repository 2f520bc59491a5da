/**
 * The Deployment controller (deployment-controller): one ReplicaSet per pod template,
 * named `<deployment>-<pod-template-hash>`, rolled out by RollingUpdate or Recreate.
 * Imports sim/core, sim/api, sim/client and ../common only.
 */
import { controllerOf, deepClone, keyOf } from '../../api/objects';
import { labelSelectorAsSelector } from '../../api/selectors';
import { R, splitKey, type Component, type SyncResult } from '../../client';
import type { TaskHandle } from '../../core';
import { component, refOf, type ControllerContext, type ControllerSpec } from '../common/context';
import { claimObjects, recheckOwner } from '../common/refManager';
import type { DeploymentObj, PodObj, ReplicaSetObj } from '../common/types';
import { jsonEqual } from '../common/util';
import { podIndexers, podsControlledBy } from '../common/podIndex';
import { describeSync } from './describe';
import { checkPausedConditions, rolloutRecreate, rolloutRolling, syncScale, syncStatusOnly, type After } from './rollout';
import { allReplicaSetsAndSyncRevision, type Deps } from './writes';
import { desiredReplicasAnnotation, filterActiveReplicaSets, replicasOf } from './util';

export const deploymentController: ControllerSpec = {
  name: 'deployment-controller',
  eventSource: 'deployment-controller',
  start: startDeploymentController,
};

export function startDeploymentController(ctx: ControllerContext): Component {
  const dInformer = ctx.informers.informer<DeploymentObj>(R.deployments);
  const rsInformer = ctx.informers.informer<ReplicaSetObj>(R.replicasets);
  const podInformer = ctx.informers.informer<PodObj>(R.pods, { indexers: { ...podIndexers } });
  const queue = ctx.queue(sync);
  const deps: Deps = { ctx, rsInformer };

  const enqueue = (d: DeploymentObj): void => queue.add(keyOf(d));
  const resolve = (ns: string | undefined, ref: ReturnType<typeof controllerOf>): DeploymentObj | undefined => {
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = dInformer.get(ns, ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  };
  const deploymentsFor = (rs: ReplicaSetObj): DeploymentObj[] => {
    if (Object.keys(rs.metadata.labels ?? {}).length === 0) return [];
    return dInformer.list(rs.metadata.namespace).filter((d) => {
      try {
        const sel = labelSelectorAsSelector(d.spec?.selector);
        return !sel.empty() && sel.matches(rs.metadata.labels);
      } catch {
        return false;
      }
    });
  };
  const onRSDeleted = (rs: ReplicaSetObj): void => {
    const d = resolve(rs.metadata.namespace, controllerOf(rs));
    if (d) enqueue(d);
  };

  dInformer.addHandler({ add: enqueue, update: (_o, d) => enqueue(d), delete: enqueue });
  rsInformer.addHandler({
    add: (rs) => {
      if (rs.metadata.deletionTimestamp) return onRSDeleted(rs);
      const ref = controllerOf(rs);
      if (ref) {
        const d = resolve(rs.metadata.namespace, ref);
        if (d) enqueue(d);
        return;
      }
      for (const d of deploymentsFor(rs)) enqueue(d);
    },
    update: (oldRS, curRS) => {
      if (oldRS.metadata.resourceVersion === curRS.metadata.resourceVersion) return;
      const curRef = controllerOf(curRS);
      const oldRef = controllerOf(oldRS);
      const refChanged = !jsonEqual(curRef ?? null, oldRef ?? null);
      if (refChanged && oldRef) {
        const d = resolve(oldRS.metadata.namespace, oldRef);
        if (d) enqueue(d);
      }
      if (curRef) {
        const d = resolve(curRS.metadata.namespace, curRef);
        if (d) enqueue(d);
        return;
      }
      const labelChanged = !jsonEqual(curRS.metadata.labels ?? {}, oldRS.metadata.labels ?? {});
      if (labelChanged || refChanged) for (const d of deploymentsFor(curRS)) enqueue(d);
    },
    delete: onRSDeleted,
  });
  podInformer.addHandler({
    // A Recreate rollout waits for every old pod to be gone.
    delete: (pod) => {
      const rsRef = controllerOf(pod);
      if (!rsRef || rsRef.kind !== 'ReplicaSet') return;
      const rs = rsInformer.get(pod.metadata.namespace, rsRef.name);
      if (!rs || rs.metadata.uid !== rsRef.uid) return;
      const d = resolve(rs.metadata.namespace, controllerOf(rs));
      if (!d || d.spec?.strategy?.type !== 'Recreate') return;
      const rsList = rsInformer.list(d.metadata.namespace).filter((r) => controllerOf(r)?.uid === d.metadata.uid);
      const podMap = podMapFor(d, rsList);
      let n = 0;
      for (const pods of podMap.values()) n += pods.length;
      if (n === 0) enqueue(d);
    },
  });

  function podMapFor(d: DeploymentObj, rsList: readonly ReplicaSetObj[]): Map<string, PodObj[]> {
    const map = new Map<string, PodObj[]>();
    for (const rs of rsList) map.set(rs.metadata.uid ?? '', []);
    let sel;
    try {
      sel = labelSelectorAsSelector(d.spec?.selector);
    } catch {
      return map;
    }
    for (const [uid, pods] of map) {
      for (const pod of podsControlledBy(podInformer, uid)) if (sel.matches(pod.metadata.labels)) pods.push(pod);
    }
    return map;
  }

  function sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const cached = dInformer.get(namespace, name);
    if (!cached) {
      ctx.reconcile(`Deployment ${key} has been deleted`, { kind: 'Deployment', namespace, name });
      return;
    }
    const d = deepClone(cached) as DeploymentObj;
    const selector = d.spec?.selector;
    if (selector && jsonEqual(selector, {})) {
      ctx.reconcile(`${name} selects every pod: refusing to act`, refOf(d));
      ctx.recorder.warning(d, 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...d.status, observedGeneration: d.metadata.generation };
        ctx.client.updateStatus(R.deployments, d);
      }
      return;
    }
    const sel = labelSelectorAsSelector(d.spec?.selector);
    const candidates = rsInformer.list(d.metadata.namespace);
    const owned = candidates.filter((rs) => {
      const ref = controllerOf(rs);
      return ref ? ref.uid === d.metadata.uid : sel.matches(rs.metadata.labels);
    });
    if (ctx.tracer.enabled) ctx.reconcile(describeSync(d, owned, podMapFor(d, owned)), refOf(d));
    const rsList = claimObjects(candidates, {
      owner: d,
      gvr: R.replicasets,
      client: ctx.client,
      match: (rs) => sel.matches(rs.metadata.labels),
      canAdopt: recheckOwner(ctx.client, R.deployments, d),
    });
    const podMap = podMapFor(d, rsList);
    if (d.metadata.deletionTimestamp) return syncStatusOnly(deps, d, rsList);
    checkPausedConditions(deps, d);
    if (d.spec?.paused) return syncScale(deps, d, rsList);
    if (isScalingEvent(d, rsList)) return syncScale(deps, d, rsList);
    const after: After = d.spec?.strategy?.type === 'Recreate' ? rolloutRecreate(deps, d, rsList, podMap) : rolloutRolling(deps, d, rsList);
    progressCheck(key, after);
  }

  /**
   * requeueStuckDeployment's delayed requeue, kept as a timer of our own so that a rollout
   * which completes (or progresses) in the meantime drops it instead of leaving a sync
   * pending until its old deadline (upstream's queue keeps it and syncs for nothing).
   */
  const stuckTimers = new Map<string, TaskHandle>();
  function progressCheck(key: string, after: After): void {
    stuckTimers.get(key)?.cancel();
    stuckTimers.delete(key);
    if (!after) return;
    if ('rateLimited' in after) {
      queue.addRateLimited(key);
      return;
    }
    stuckTimers.set(key, ctx.loop.schedule(after.requeueAfterMs, () => {
      stuckTimers.delete(key);
      queue.add(key);
    }, { label: `deployment-controller progress check ${key}` }));
  }

  /** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
  function isScalingEvent(d: DeploymentObj, rsList: readonly ReplicaSetObj[]): boolean {
    const { newRS, oldRSs } = allReplicaSetsAndSyncRevision(deps, d, rsList, false);
    return filterActiveReplicaSets([...oldRSs, newRS]).some((rs) => {
      const desired = desiredReplicasAnnotation(rs);
      return desired !== undefined && desired !== replicasOf(d);
    });
  }

  return component('deployment-controller', [queue], [() => { for (const t of stuckTimers.values()) t.cancel(); }]);
}
