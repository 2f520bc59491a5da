/**
 * manageReplicas: create the missing pods in slow-start batches (1, 2, 4, ...) or delete
 * the extra ones in ActivePodsWithRanks order, recording expectations first so the next
 * sync waits for the informer to see these writes.
 */
import type { PodTemplateSpec } from '../../api/kinds';
import { ownerRef } from '../../api/objects';
import { isNotFound } from '../../api/errors';
import { labelSelectorAsSelector } from '../../api/selectors';
import { R } from '../../client';
import { sortForDeletion } from '../common/activePods';
import type { ControllerContext } from '../common/context';
import type { Expectations } from '../common/expectations';
import { isPodActive, podFromTemplate, podKey } from '../common/pods';
import type { PodObj, ReplicaSetObj } from '../common/types';
import { errorText, isNamespaceTerminating } from '../common/util';

export const BURST_REPLICAS = 500;
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface ManageDeps {
  ctx: ControllerContext;
  expectations: Expectations;
  /** Pods of every ReplicaSet sharing this one's controller (a Deployment's other revisions). */
  relatedPods(rs: ReplicaSetObj): PodObj[];
}

/** Batch sizes slowStartBatch uses for `count` calls: 1, 2, 4, ... capped by what remains. */
export function slowStartBatches(count: number, initial = SLOW_START_INITIAL_BATCH_SIZE): number[] {
  const out: number[] = [];
  let remaining = count;
  for (let size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
    out.push(size);
    remaining -= size;
  }
  return out;
}

/** Runs fn in slow-start batches; stops after the first batch with a failure. */
export function slowStartBatch(count: number, fn: () => void): { successes: number; error?: unknown } {
  let successes = 0;
  for (const size of slowStartBatches(count)) {
    let error: unknown;
    for (let i = 0; i < size; i++) {
      try {
        fn();
        successes++;
      } catch (err) {
        if (error === undefined) error = err;
      }
    }
    if (error !== undefined) return { successes, error };
  }
  return { successes };
}

/** Returns the error to report (undefined on success). */
export function manageReplicas(deps: ManageDeps, rs: ReplicaSetObj, key: string, pods: readonly PodObj[]): unknown {
  const { ctx, expectations } = deps;
  const want = rs.spec?.replicas ?? 1;
  let diff = pods.length - want;
  const ns = rs.metadata.namespace ?? '';
  if (diff < 0) {
    diff = Math.min(-diff, BURST_REPLICAS);
    expectations.expectCreations(key, diff);
    const template = rs.spec?.template ?? {};
    const { successes, error } = slowStartBatch(diff, () => createPod(ctx, rs, ns, template));
    for (let i = successes; i < diff; i++) expectations.creationObserved(key);
    return error;
  }
  if (diff > 0) {
    diff = Math.min(diff, BURST_REPLICAS);
    const victims = podsToDelete(pods, deps.relatedPods(rs), diff, ctx.loop.now());
    expectations.expectDeletions(key, victims.map(podKey));
    let firstErr: unknown;
    for (const pod of victims) {
      const name = pod.metadata.name ?? '';
      try {
        ctx.client.delete(R.pods, ns, name);
        ctx.recorder.normal(rs, 'SuccessfulDelete', `Deleted pod: ${name}`);
      } catch (err) {
        expectations.deletionObserved(key, podKey(pod));
        if (isNotFound(err)) continue;
        ctx.recorder.warning(rs, 'FailedDelete', `Error deleting: ${errorText(err)}`);
        if (firstErr === undefined) firstErr = new Error(`unable to delete pods: ${errorText(err)}`);
      }
    }
    return firstErr;
  }
  return undefined;
}

function createPod(ctx: ControllerContext, rs: ReplicaSetObj, ns: string, template: PodTemplateSpec): void {
  const pod = podFromTemplate(template, rs.metadata.name ?? '', ns, ownerRef(rs));
  if (Object.keys(pod.metadata?.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
  try {
    const created = ctx.client.create<PodObj>(R.pods, ns, pod as PodObj);
    ctx.recorder.normal(rs, 'SuccessfulCreate', `Created pod: ${created.metadata.name ?? ''}`);
  } catch (err) {
    // A terminating namespace refuses every create; upstream treats that as success.
    if (isNamespaceTerminating(err)) return;
    ctx.recorder.warning(rs, 'FailedCreate', `Error creating: ${errorText(err)}`);
    throw err;
  }
}

/** getPodsToDelete: all of them, or the most deletable `diff` by rank against related pods. */
export function podsToDelete(pods: readonly PodObj[], related: readonly PodObj[], diff: number, nowMs: number): PodObj[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranks = pods.map((p) => onNode.get(p.spec?.nodeName ?? '') ?? 0);
  return sortForDeletion(pods, ranks, nowMs).slice(0, diff);
}

/** getIndirectlyRelatedPods: pods selected by any ReplicaSet with the same controller. */
export function indirectlyRelatedPods(siblings: readonly ReplicaSetObj[], podsIn: (ns: string) => readonly PodObj[]): PodObj[] {
  const seen = new Set<string>();
  const out: PodObj[] = [];
  for (const rs of siblings) {
    let selector;
    try {
      selector = labelSelectorAsSelector(rs.spec?.selector);
    } catch {
      continue;
    }
    for (const pod of podsIn(rs.metadata.namespace ?? '')) {
      if (!selector.matches(pod.metadata.labels)) continue;
      const uid = pod.metadata.uid ?? '';
      if (seen.has(uid)) continue;
      seen.add(uid);
      out.push(pod);
    }
  }
  return out;
}
