/**
 * The DaemonSet controller (daemonset-controller, running as daemon-set-controller): one
 * pod on every node the template fits (nodeSelector, required node affinity, taints it
 * tolerates), pinned to that node by node affinity and placed by the scheduler; a
 * RollingUpdate replaces old pods node by node within maxUnavailable.
 */
import type { DaemonSetStatus } from 'kubernetes-types/apps/v1';
import { controllerOf, deepClone, keyOf, ownerRef } from '../../api/objects';
import { isNotFound } from '../../api/errors';
import { labelSelectorAsSelector } from '../../api/selectors';
import { R, splitKey, type Component, type SyncResult } from '../../client';
import { component, refOf, type ControllerContext, type ControllerSpec } from '../common/context';
import { Expectations } from '../common/expectations';
import { scaledValue } from '../common/intstr';
import { isPodAvailable, isPodReady, podFromTemplate, podKey } from '../common/pods';
import { claimObjects, recheckOwner } from '../common/refManager';
import type { ControllerRevisionObj, DaemonSetObj, NodeObj, PodObj } from '../common/types';
import { errorText, jsonEqual, omitEmpty } from '../common/util';
import { slowStartBatch } from '../replicaset/manage';
import { cleanupHistory, constructHistory } from './history';
import { REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL, daemonTemplate, pinToNode, shouldRun, targetNode } from './pods';

export const daemonSetController: ControllerSpec = {
  name: 'daemon-set-controller',
  eventSource: 'daemonset-controller',
  start: startDaemonSetController,
};

const byName = (a: { metadata: { name?: string } }, b: { metadata: { name?: string } }): number => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1);
const oldestFirst = (a: PodObj, b: PodObj): number => ((a.metadata.creationTimestamp ?? '') < (b.metadata.creationTimestamp ?? '') ? -1 : (a.metadata.creationTimestamp ?? '') > (b.metadata.creationTimestamp ?? '') ? 1 : byName(a, b));

export function startDaemonSetController(ctx: ControllerContext): Component {
  const dsInformer = ctx.informers.informer<DaemonSetObj>(R.daemonsets);
  const nodeInformer = ctx.informers.informer<NodeObj>(R.nodes);
  const podInformer = ctx.informers.informer<PodObj>(R.pods);
  const revInformer = ctx.informers.informer<ControllerRevisionObj>(R.controllerrevisions);
  const exp = new Expectations(() => ctx.loop.now());
  const queue = ctx.queue(sync);

  const enqueueAll = (): void => {
    for (const ds of dsInformer.list()) queue.add(keyOf(ds));
  };
  const owner = (pod: PodObj): DaemonSetObj | undefined => {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'DaemonSet') return undefined;
    const ds = dsInformer.get(pod.metadata.namespace, ref.name);
    return ds && ds.metadata.uid === ref.uid ? ds : undefined;
  };
  dsInformer.addHandler({ add: (d) => queue.add(keyOf(d)), update: (_o, d) => queue.add(keyOf(d)), delete: (d) => exp.delete(keyOf(d)) });
  nodeInformer.addHandler({
    add: enqueueAll,
    update: (o, n) => {
      const relevant = !jsonEqual(o.metadata.labels ?? {}, n.metadata.labels ?? {}) || !jsonEqual(o.spec?.taints ?? [], n.spec?.taints ?? []) || o.spec?.unschedulable !== n.spec?.unschedulable;
      if (relevant) enqueueAll();
    },
    delete: enqueueAll,
  });
  podInformer.addHandler({
    add: (p) => {
      const ds = owner(p);
      if (!ds) return;
      exp.creationObserved(keyOf(ds));
      queue.add(keyOf(ds));
    },
    update: (_o, p) => {
      const ds = owner(p);
      if (!ds) return;
      if (p.metadata.deletionTimestamp) exp.deletionObserved(keyOf(ds), podKey(p));
      queue.add(keyOf(ds));
    },
    delete: (p) => {
      const ds = owner(p);
      if (!ds) return;
      exp.deletionObserved(keyOf(ds), podKey(p));
      queue.add(keyOf(ds));
    },
  });

  function sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const cached = dsInformer.get(namespace, name);
    if (!cached) {
      exp.delete(key);
      return;
    }
    const ds = deepClone(cached) as DaemonSetObj;
    if (jsonEqual(ds.spec?.selector ?? null, {})) {
      ctx.recorder.warning(ds, 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    if (ds.metadata.deletionTimestamp) return;
    const selector = labelSelectorAsSelector(ds.spec?.selector);
    const owned = revInformer.list(namespace).filter((r) => controllerOf(r)?.uid === ds.metadata.uid);
    const { cur, old } = constructHistory(ctx, ds, owned);
    const hash = cur.metadata.labels?.[REVISION_HASH_LABEL] ?? '';
    const nodes = [...nodeInformer.list()].sort(byName);
    const pods = claimObjects(podInformer.list(namespace), {
      owner: ds, gvr: R.pods, client: ctx.client, match: (p) => selector.matches(p.metadata.labels), canAdopt: recheckOwner(ctx.client, R.daemonsets, ds),
    }).filter((p) => !(p.metadata.deletionTimestamp && (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed')));
    const byNode = new Map<string, PodObj[]>();
    for (const p of pods) {
      const n = targetNode(p);
      if (n) byNode.set(n, [...(byNode.get(n) ?? []), p].sort(oldestFirst));
    }
    const generation = ds.metadata.annotations?.['deprecated.daemonset.template.generation'] ?? String(ds.metadata.generation ?? 1);
    const isUpdated = (p: PodObj): boolean => p.metadata.labels?.[REVISION_HASH_LABEL] === hash || p.metadata.labels?.[TEMPLATE_GENERATION_LABEL] === generation;
    const now = ctx.loop.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;

    if (exp.satisfied(key)) {
      const create: string[] = [];
      const remove: PodObj[] = [];
      for (const node of nodes) {
        const nodeName = node.metadata.name ?? '';
        const [run, keep] = shouldRun(node, ds);
        const here = byNode.get(nodeName) ?? [];
        // A pod still terminating counts as present: its replacement waits until it is gone.
        const live = here.filter((p) => !p.metadata.deletionTimestamp);
        if (run && here.length === 0) create.push(nodeName);
        else if (run) {
          for (const p of live.filter((x) => x.status?.phase === 'Failed')) {
            ctx.recorder.warning(ds, 'FailedDaemonPod', `Found failed daemon pod ${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''} on node ${nodeName}, will try to kill it`);
            remove.push(p);
          }
          remove.push(...live.filter((x) => x.status?.phase !== 'Failed').slice(1));
        } else if (!keep) remove.push(...live);
      }
      // As upstream, the rolling update runs only once manage has nothing left to do (its
      // own creations and deletions would leave the expectations unsatisfied).
      if (create.length + remove.length === 0 && (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
        const desired = nodes.filter((n) => shouldRun(n, ds)[0]).length;
        const ru = ds.spec?.updateStrategy?.rollingUpdate;
        let maxUnavailable = scaledValue(ru?.maxUnavailable ?? 1, desired, true);
        const maxSurge = scaledValue(ru?.maxSurge ?? 0, desired, true);
        if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
        let unavailable = 0;
        const replace: PodObj[] = [];
        const candidates: PodObj[] = [];
        // Only nodes that have daemon pods take part, as upstream's nodeToDaemonPods.
        for (const node of nodes) {
          const here = byNode.get(node.metadata.name ?? '') ?? [];
          if (here.length === 0) continue;
          const live = here.filter((p) => !p.metadata.deletionTimestamp);
          const fresh = live.filter(isUpdated);
          const stale = live.filter((p) => !isUpdated(p));
          if (fresh.length > 1 || stale.length > 1 || (fresh.length > 0) === (stale.length > 0)) {
            unavailable++;
            continue;
          }
          if (fresh[0]) {
            if (!isPodAvailable(fresh[0], minReady, now)) unavailable++;
          } else if (stale[0]) {
            if (!isPodAvailable(stale[0], minReady, now)) replace.push(stale[0]);
            else if (unavailable < maxUnavailable) candidates.push(stale[0]);
          }
        }
        const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
        for (const p of [...replace, ...candidates.slice(0, room)]) if (!remove.includes(p)) remove.push(p);
      }
      if (create.length + remove.length > 0) {
        ctx.reconcile(
          `${name}: ${create.length ? `creating daemon pods for ${create.join(', ')}` : ''}${create.length && remove.length ? '; ' : ''}${remove.length ? `deleting ${remove.map((p) => p.metadata.name).join(', ')}` : ''}`,
          refOf(ds),
        );
      }
      syncNodes(ds, key, hash, create, remove);
    }
    cleanupHistory(ctx, ds, old, pods);
    const status = updateStatus(ds, nodes, byNode, isUpdated, now);
    if (minReady > 0 && status.numberReady !== (status.numberAvailable ?? 0)) return { requeueAfterMs: minReady * 1000 };
    return;
  }

  function syncNodes(ds: DaemonSetObj, key: string, hash: string, create: string[], remove: PodObj[]): void {
    const ns = ds.metadata.namespace ?? '';
    exp.expectCreations(key, create.length);
    exp.expectDeletions(key, remove.map(podKey));
    const template = daemonTemplate(ds, hash);
    let i = 0;
    const { successes, error } = slowStartBatch(create.length, () => {
      const node = create[i++] as string;
      const pod = podFromTemplate(template, ds.metadata.name ?? '', ns, ownerRef(ds)) as PodObj;
      if (pod.spec) pod.spec.affinity = pinToNode(pod.spec.affinity, node);
      try {
        const created = ctx.client.create<PodObj>(R.pods, ns, pod);
        ctx.recorder.normal(ds, 'SuccessfulCreate', `Created pod: ${created.metadata.name ?? ''}`);
      } catch (err) {
        ctx.recorder.warning(ds, 'FailedCreate', `Error creating: ${errorText(err)}`);
        throw err;
      }
    });
    for (let k = successes; k < create.length; k++) exp.creationObserved(key);
    let firstErr = error;
    for (const pod of remove) {
      try {
        ctx.client.delete(R.pods, ns, pod.metadata.name ?? '');
        ctx.recorder.normal(ds, 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name ?? ''}`);
      } catch (err) {
        exp.deletionObserved(key, podKey(pod));
        if (isNotFound(err)) continue;
        ctx.recorder.warning(ds, 'FailedDelete', `Error deleting: ${errorText(err)}`);
        firstErr ??= err;
      }
    }
    if (firstErr !== undefined) throw firstErr;
  }

  function updateStatus(ds: DaemonSetObj, nodes: NodeObj[], byNode: Map<string, PodObj[]>, isUpdated: (p: PodObj) => boolean, now: number): DaemonSetStatus {
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (const node of nodes) {
      const here = byNode.get(node.metadata.name ?? '') ?? [];
      if (shouldRun(node, ds)[0]) {
        desired++;
        const pod = here[0];
        if (!pod) continue;
        current++;
        if (isPodReady(pod)) {
          ready++;
          if (isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, now)) available++;
        }
        if (isUpdated(pod)) updated++;
      } else if (here.length > 0) misscheduled++;
    }
    const next: DaemonSetStatus = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      ...omitEmpty({
        observedGeneration: ds.metadata.generation,
        updatedNumberScheduled: updated,
        numberAvailable: available,
        numberUnavailable: desired - available,
        collisionCount: ds.status?.collisionCount,
      }),
    };
    if (ds.status?.conditions) next.conditions = ds.status.conditions;
    if (!jsonEqual(next, ds.status ?? {})) ctx.client.updateStatus<DaemonSetObj>(R.daemonsets, { ...ds, status: next });
    return next;
  }

  return component('daemonset-controller', [queue]);
}
