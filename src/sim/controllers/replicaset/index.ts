/**
 * The ReplicaSet controller (replicaset-controller): keeps spec.replicas pods matching the
 * selector, owned through a controller reference. Imports sim/core, sim/api, sim/client and
 * ../common only.
 */
import { controllerOf, keyOf } from '../../api/objects';
import { labelSelectorAsSelector, type Selector } from '../../api/selectors';
import { R, splitKey, type Component, type SyncResult } from '../../client';
import { component, refOf, type ControllerContext, type ControllerSpec } from '../common/context';
import { Expectations } from '../common/expectations';
import { filterActivePods, isPodReady, podKey } from '../common/pods';
import { claimObjects, recheckOwner } from '../common/refManager';
import type { PodObj, ReplicaSetObj } from '../common/types';
import { jsonEqual } from '../common/util';
import { podIndexers, podsForOwner } from '../common/podIndex';
import { indirectlyRelatedPods, manageReplicas, slowStartBatches, BURST_REPLICAS } from './manage';
import { calculateStatus, updateReplicaSetStatus } from './status';

export const CONTROLLER_UID_INDEX = 'controllerUID';

export const replicaSetController: ControllerSpec = {
  name: 'replicaset-controller',
  eventSource: 'replicaset-controller',
  start: startReplicaSetController,
};

export function startReplicaSetController(ctx: ControllerContext): Component {
  const rsInformer = ctx.informers.informer<ReplicaSetObj>(R.replicasets, {
    indexers: { [CONTROLLER_UID_INDEX]: (rs) => { const ref = controllerOf(rs); return ref ? [ref.uid] : []; } },
  });
  const podInformer = ctx.informers.informer<PodObj>(R.pods, { indexers: { ...podIndexers } });
  const expectations = new Expectations(() => ctx.loop.now());
  const queue = ctx.queue(sync);

  const enqueue = (rs: ReplicaSetObj): void => queue.add(keyOf(rs));
  const resolve = (ns: string | undefined, ref: ReturnType<typeof controllerOf>): ReplicaSetObj | undefined => {
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = rsInformer.get(ns, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  };
  const podReplicaSets = (pod: PodObj): ReplicaSetObj[] =>
    rsInformer.list(pod.metadata.namespace).filter((rs) => {
      const sel = selectorOf(rs);
      return sel !== undefined && !sel.empty() && sel.matches(pod.metadata.labels);
    });

  const deletePod = (pod: PodObj): void => {
    const rs = resolve(pod.metadata.namespace, controllerOf(pod));
    if (!rs) return;
    const key = keyOf(rs);
    expectations.deletionObserved(key, podKey(pod));
    queue.add(key);
  };

  rsInformer.addHandler({
    add: enqueue,
    update: (oldRS, curRS) => {
      if (oldRS.metadata.uid !== curRS.metadata.uid) expectations.delete(keyOf(oldRS));
      enqueue(curRS);
    },
    delete: (rs) => {
      expectations.delete(keyOf(rs));
      enqueue(rs);
    },
  });

  podInformer.addHandler({
    add: (pod) => {
      if (pod.metadata.deletionTimestamp) return deletePod(pod);
      const ref = controllerOf(pod);
      if (ref) {
        const rs = resolve(pod.metadata.namespace, ref);
        if (!rs) return;
        expectations.creationObserved(keyOf(rs));
        queue.add(keyOf(rs));
        return;
      }
      for (const rs of podReplicaSets(pod)) enqueue(rs);
    },
    update: (oldPod, curPod) => {
      if (curPod.metadata.resourceVersion === oldPod.metadata.resourceVersion) return;
      const labelChanged = !jsonEqual(curPod.metadata.labels ?? {}, oldPod.metadata.labels ?? {});
      if (curPod.metadata.deletionTimestamp) {
        deletePod(curPod);
        if (labelChanged) deletePod(oldPod);
        return;
      }
      const curRef = controllerOf(curPod);
      const oldRef = controllerOf(oldPod);
      const refChanged = !jsonEqual(curRef ?? null, oldRef ?? null);
      if (refChanged && oldRef) {
        const old = resolve(oldPod.metadata.namespace, oldRef);
        if (old) enqueue(old);
      }
      if (curRef) {
        const rs = resolve(curPod.metadata.namespace, curRef);
        if (!rs) return;
        enqueue(rs);
        const minReady = rs.spec?.minReadySeconds ?? 0;
        // Availability is time-based: look again once minReadySeconds (plus a second) has passed.
        if (!isPodReady(oldPod) && isPodReady(curPod) && minReady > 0) queue.addAfter(keyOf(rs), minReady * 1000 + 1000);
        return;
      }
      if (labelChanged || refChanged) for (const rs of podReplicaSets(curPod)) enqueue(rs);
    },
    delete: deletePod,
  });

  function sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const rs = rsInformer.get(namespace, name);
    if (!rs) {
      expectations.delete(key);
      ctx.reconcile(`${name} is gone; dropping its expectations`, { kind: 'ReplicaSet', namespace, name });
      return;
    }
    const needsSync = expectations.satisfied(key);
    const selector = selectorOf(rs);
    if (!selector) return;
    const active = filterActivePods(podsForOwner(podInformer, rs));
    const canAdopt = recheckOwner(ctx.client, R.replicasets, rs);
    if (ctx.tracer.enabled) ctx.reconcile(summarize(rs, active, selector, needsSync, expectations.pending(key)), refOf(rs));
    const pods = claimObjects(active, {
      owner: rs,
      gvr: R.pods,
      client: ctx.client,
      match: (p) => selector.matches(p.metadata.labels),
      canAdopt,
    });
    let manageErr: unknown;
    if (needsSync && !rs.metadata.deletionTimestamp) {
      manageErr = manageReplicas({ ctx, expectations, relatedPods }, rs, key, pods);
    }
    const status = calculateStatus(rs, pods, manageErr, ctx.loop.now());
    const updated = updateReplicaSetStatus(ctx.client, rs, status);
    if (manageErr !== undefined) throw manageErr;
    const replicas = updated.spec?.replicas ?? 1;
    const minReady = updated.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && (updated.status?.readyReplicas ?? 0) === replicas && (updated.status?.availableReplicas ?? 0) !== replicas) {
      return { requeueAfterMs: minReady * 1000 };
    }
    return;
  }

  function relatedPods(rs: ReplicaSetObj): PodObj[] {
    const ref = controllerOf(rs);
    if (!ref) return [];
    return indirectlyRelatedPods(rsInformer.byIndex(CONTROLLER_UID_INDEX, ref.uid), (ns) => podInformer.list(ns));
  }

  return component('replicaset-controller', [queue]);
}

function selectorOf(rs: ReplicaSetObj): Selector | undefined {
  try {
    return labelSelectorAsSelector(rs.spec?.selector);
  } catch {
    return undefined;
  }
}

/** One line on what this sync will do, from the same counts manageReplicas uses. */
function summarize(
  rs: ReplicaSetObj,
  active: readonly PodObj[],
  selector: Selector,
  needsSync: boolean,
  pending: { add: number; del: number } | undefined,
): string {
  const name = rs.metadata.name ?? '';
  const uid = rs.metadata.uid;
  const owned = active.filter((p) => {
    const ref = controllerOf(p);
    return ref ? ref.uid === uid && selector.matches(p.metadata.labels) : selector.matches(p.metadata.labels) && !p.metadata.deletionTimestamp;
  }).length;
  const want = rs.spec?.replicas ?? 1;
  const have = `${name} has ${owned} of ${want} pod${want === 1 ? '' : 's'}`;
  if (rs.metadata.deletionTimestamp) return `${have}; it is being deleted, so only its status is updated`;
  if (!needsSync) {
    const waits: string[] = [];
    if (pending && pending.add > 0) waits.push(`${pending.add} creation${pending.add === 1 ? '' : 's'}`);
    if (pending && pending.del > 0) waits.push(`${pending.del} deletion${pending.del === 1 ? '' : 's'}`);
    return `${have}; waiting for the informer to observe ${waits.join(' and ')} it already made`;
  }
  if (owned < want) {
    const n = Math.min(want - owned, BURST_REPLICAS);
    return `${have}: creating ${n} (slow-start batches ${slowStartBatches(n).join(', ')})`;
  }
  if (owned > want) return `${have}: deleting ${Math.min(owned - want, BURST_REPLICAS)}`;
  return `${have}; updating status only`;
}
