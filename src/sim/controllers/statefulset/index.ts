/**
 * The StatefulSet controller (statefulset-controller): pods `<set>-0..N-1` with stable
 * identity and storage (PVCs from volumeClaimTemplates), created in order and each waiting
 * for the previous to be Running and Ready (OrderedReady) or all at once (Parallel),
 * removed from the highest ordinal down, and updated from the highest ordinal down to the
 * partition, one at a time, tracked by ControllerRevisions.
 */
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1';
import { controllerOf, deepClone, keyOf } from '../../api/objects';
import { isAlreadyExists, isNotFound } from '../../api/errors';
import { labelSelectorAsSelector } from '../../api/selectors';
import { R, splitKey, type Component, type SyncResult } from '../../client';
import { component, refOf, type ControllerContext, type ControllerSpec } from '../common/context';
import { canonicalJson } from '../common/hash';
import { isPodAvailable, isPodReady } from '../common/pods';
import { claimObjects, recheckOwner } from '../common/refManager';
import type { ControllerRevisionObj, PodObj, StatefulSetObj } from '../common/types';
import { errorText, jsonEqual } from '../common/util';
import { REVISION_LABEL, claimsFor, newPod, newRevision, ordinalOf, startOrdinal, templatePatch, type PVCObj } from './identity';

export const statefulSetController: ControllerSpec = { name: 'statefulset-controller', eventSource: 'statefulset-controller', start: startStatefulSetController };

const runningAndReady = (p: PodObj): boolean => p.status?.phase === 'Running' && isPodReady(p);

export function startStatefulSetController(ctx: ControllerContext): Component {
  const setInformer = ctx.informers.informer<StatefulSetObj>(R.statefulsets);
  const podInformer = ctx.informers.informer<PodObj>(R.pods);
  const revInformer = ctx.informers.informer<ControllerRevisionObj>(R.controllerrevisions);
  const pvcGVR = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
  const queue = ctx.queue(sync);
  const owner = (pod: PodObj): StatefulSetObj | undefined => {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'StatefulSet') return undefined;
    const s = setInformer.get(pod.metadata.namespace, ref.name);
    return s && s.metadata.uid === ref.uid ? s : undefined;
  };
  const onPod = (p: PodObj): void => {
    const s = owner(p);
    if (s) queue.add(keyOf(s));
  };
  setInformer.addHandler({ add: (s) => queue.add(keyOf(s)), update: (_o, s) => queue.add(keyOf(s)) });
  podInformer.addHandler({ add: onPod, update: (_o, p) => onPod(p), delete: onPod });

  const event = (set: StatefulSetObj, verb: string, what: string, err?: unknown): void => {
    const Verb = verb.charAt(0).toUpperCase() + verb.slice(1);
    if (err === undefined) ctx.recorder.normal(set, `Successful${Verb}`, `${verb} ${what} in StatefulSet ${set.metadata.name ?? ''} successful`);
    else ctx.recorder.warning(set, `Failed${Verb}`, `${verb} ${what} in StatefulSet ${set.metadata.name ?? ''} failed error: ${errorText(err)}`);
  };

  function revisions(set: StatefulSetObj): { current: ControllerRevisionObj; update: ControllerRevisionObj } {
    const owned = revInformer.list(set.metadata.namespace).filter((r) => controllerOf(r)?.uid === set.metadata.uid).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    const max = owned.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
    const data = canonicalJson(templatePatch(set));
    let update = [...owned].reverse().find((r) => canonicalJson(r.data) === data);
    if (update && (update.revision ?? 0) < max) {
      // Rolling back to an earlier template: that revision becomes the newest.
      update = ctx.client.update<ControllerRevisionObj>(R.controllerrevisions, { ...update, revision: max + 1 });
    } else if (!update) {
      try {
        update = ctx.client.create<ControllerRevisionObj>(R.controllerrevisions, set.metadata.namespace, newRevision(set, max + 1));
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        update = ctx.client.get<ControllerRevisionObj>(R.controllerrevisions, set.metadata.namespace, newRevision(set, max + 1).metadata.name ?? '');
      }
    }
    const current = owned.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update };
  }

  function sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const cached = setInformer.get(namespace, name);
    if (!cached || cached.metadata.deletionTimestamp) return;
    const set = deepClone(cached) as StatefulSetObj;
    const selector = labelSelectorAsSelector(set.spec?.selector);
    const pods = claimObjects(podInformer.list(namespace), {
      owner: set, gvr: R.pods, client: ctx.client, canAdopt: recheckOwner(ctx.client, R.statefulsets, set),
      match: (p) => selector.matches(p.metadata.labels) && ordinalOf(set, p) !== undefined,
    });
    const { current, update } = revisions(set);
    const replicas = set.spec?.replicas ?? 1;
    const start = startOrdinal(set);
    const byOrd = new Map<number, PodObj>();
    for (const p of pods) byOrd.set(ordinalOf(set, p) as number, p);
    const condemned = pods.filter((p) => {
      const o = ordinalOf(set, p) as number;
      return o < start || o >= start + replicas;
    }).sort((a, b) => (ordinalOf(set, b) as number) - (ordinalOf(set, a) as number));
    const monotonic = (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
    const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    const minReady = set.spec?.minReadySeconds ?? 0;
    const now = ctx.loop.now();
    const healthy = (p: PodObj): boolean => runningAndReady(p) && !p.metadata.deletionTimestamp && (minReady === 0 || isPodAvailable(p, minReady, now));
    const setName = set.metadata.name ?? '';
    const say = (s: string): void => ctx.reconcile(`${setName}: ${s}`, refOf(set));

    const act = (): void => {
      for (let ord = start; ord < start + replicas; ord++) {
        const pod = byOrd.get(ord);
        if (pod?.status?.phase === 'Failed' && !pod.metadata.deletionTimestamp) {
          say(`pod ${pod.metadata.name ?? ''} failed: deleting it to recreate it`);
          deletePod(set, pod);
          if (monotonic) return;
          continue;
        }
        if (!pod) {
          // newVersionedStatefulSetPod: below the partition a pod keeps the current revision.
          const ru = set.spec?.updateStrategy?.rollingUpdate;
          const useCurrent = rolling && (ru ? ord < (ru.partition ?? 0) : ord < (set.status?.currentReplicas ?? 0));
          const rev = useCurrent ? current : update;
          say(`${setName}-${ord} is missing: creating it${(set.spec?.volumeClaimTemplates ?? []).length ? ' with its claims' : ''} (revision ${rev.metadata.name ?? ''})${monotonic ? ', then waiting for it to be Running and Ready' : ''}`);
          createPod(set, rev, ord);
          if (monotonic) return;
          continue;
        }
        if (monotonic && !healthy(pod)) return;
      }
      for (const pod of condemned) {
        if (pod.metadata.deletionTimestamp) {
          if (monotonic) return;
          continue;
        }
        say(`scaling down to ${replicas}: deleting ${pod.metadata.name ?? ''}${monotonic ? ' (highest ordinal first, one at a time)' : ''}`);
        deletePod(set, pod);
        if (monotonic) return;
      }
      if (!rolling) return;
      for (let ord = start + replicas - 1; ord >= Math.max(start, partition); ord--) {
        const pod = byOrd.get(ord);
        if (!pod) continue;
        if (pod.metadata.labels?.[REVISION_LABEL] !== update.metadata.name && !pod.metadata.deletionTimestamp) {
          say(`rolling update to ${update.metadata.name ?? ''}: deleting ${pod.metadata.name ?? ''} to recreate it`);
          deletePod(set, pod);
          return;
        }
        if (!healthy(pod)) return;
      }
    };
    act();
    writeStatus(set, pods, current.metadata.name ?? '', update.metadata.name ?? '', rolling, now);
    return;
  }

  function createPod(set: StatefulSetObj, rev: ControllerRevisionObj, ordinal: number): void {
    const ns = set.metadata.namespace;
    const pod = newPod(applyRevision(set, rev), rev.metadata.name ?? '', ordinal);
    for (const claim of claimsFor(set, ordinal)) {
      try {
        ctx.client.create<PVCObj>(pvcGVR, ns, claim);
        // recordClaimEvent says "success" where recordPodEvent says "successful".
        ctx.recorder.normal(set, 'SuccessfulCreate', `create Claim ${claim.metadata.name ?? ''} Pod ${pod.metadata.name ?? ''} in StatefulSet ${set.metadata.name ?? ''} success`);
      } catch (err) {
        if (isAlreadyExists(err)) continue;
        ctx.recorder.warning(set, 'FailedCreate', `create Claim ${claim.metadata.name ?? ''} for Pod ${pod.metadata.name ?? ''} in StatefulSet ${set.metadata.name ?? ''} failed error: ${errorText(err)}`);
        throw err;
      }
    }
    try {
      ctx.client.create<PodObj>(R.pods, ns, pod);
      event(set, 'create', `Pod ${pod.metadata.name ?? ''}`);
    } catch (err) {
      if (isAlreadyExists(err)) return;
      event(set, 'create', `Pod ${pod.metadata.name ?? ''}`, err);
      throw err;
    }
  }

  function deletePod(set: StatefulSetObj, pod: PodObj): void {
    try {
      ctx.client.delete(R.pods, pod.metadata.namespace, pod.metadata.name ?? '');
      event(set, 'delete', `Pod ${pod.metadata.name ?? ''}`);
    } catch (err) {
      if (isNotFound(err)) return;
      event(set, 'delete', `Pod ${pod.metadata.name ?? ''}`, err);
      throw err;
    }
  }

  function writeStatus(set: StatefulSetObj, pods: readonly PodObj[], currentName: string, updateName: string, rolling: boolean, now: number): void {
    const s: StatefulSetStatus = { replicas: 0, readyReplicas: 0, currentReplicas: 0, updatedReplicas: 0, availableReplicas: 0 };
    for (const p of pods) {
      if (p.status?.phase) s.replicas++;
      if (runningAndReady(p)) {
        s.readyReplicas = (s.readyReplicas ?? 0) + 1;
        if (isPodAvailable(p, set.spec?.minReadySeconds ?? 0, now)) s.availableReplicas = (s.availableReplicas ?? 0) + 1;
      }
      if (p.status?.phase && !p.metadata.deletionTimestamp) {
        const rev = p.metadata.labels?.[REVISION_LABEL];
        if (rev === currentName) s.currentReplicas = (s.currentReplicas ?? 0) + 1;
        if (rev === updateName) s.updatedReplicas = (s.updatedReplicas ?? 0) + 1;
      }
    }
    let currentRevision = currentName;
    const want = set.spec?.replicas ?? 1;
    // completeRollingUpdate: once every replica runs the update revision, it becomes current.
    if (rolling && s.updatedReplicas === want && s.readyReplicas === want && s.replicas === want) {
      currentRevision = updateName;
      s.currentReplicas = s.updatedReplicas;
    }
    const next: StatefulSetStatus = {
      observedGeneration: set.metadata.generation,
      replicas: s.replicas,
      ...(s.readyReplicas ? { readyReplicas: s.readyReplicas } : {}),
      ...(s.currentReplicas ? { currentReplicas: s.currentReplicas } : {}),
      ...(s.updatedReplicas ? { updatedReplicas: s.updatedReplicas } : {}),
      currentRevision,
      updateRevision: updateName,
      collisionCount: set.status?.collisionCount ?? 0,
      availableReplicas: s.availableReplicas ?? 0,
    };
    if (set.status?.conditions) next.conditions = set.status.conditions;
    if (!jsonEqual(next, set.status ?? {})) ctx.client.updateStatus<StatefulSetObj>(R.statefulsets, { ...set, status: next });
  }

  return component('statefulset-controller', [queue]);
}

/** ApplyRevision: the set with the template that revision stored. */
function applyRevision(set: StatefulSetObj, rev: ControllerRevisionObj): StatefulSetObj {
  const stored = (rev.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template;
  if (!stored) return set;
  const { $patch: _p, ...template } = stored;
  return { ...set, spec: { ...set.spec, template } as StatefulSetObj['spec'] };
}
