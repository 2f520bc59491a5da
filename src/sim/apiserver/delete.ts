/**
 * DELETE as the generic registry does it (store.Delete): graceful deletion of pods, the
 * garbage collector's orphan and foregroundDeletion finalizers from propagationPolicy,
 * objects with finalizers only marked as deleting, everything else removed at once; and
 * the namespace registry's own two-step deletion.
 */
import type { KubeObject, ResourceInfo } from '../api/types';
import { newConflict, newForbiddenError, newNotFound } from '../api/errors';
import { deepClone } from '../api/objects';
import { parseTime, rfc3339 } from '../core';
import type { KeyValue } from '../store';
import type { ApiRequest, ApiResponse, RequestQuery } from './types';
import { deleteKey, readKey, writeObject, type ServerContext } from './context';
import { listObjects } from './read';
import { releaseService } from './services';
import { jsonEqual } from './json';
import { gracefulDelete } from './graceful';

/** Stores with ReturnDeletedObject: their DELETE answers with the object, not a Status. */
const RETURNS_OBJECT = new Set(['/pods', '/namespaces', '/services', '/serviceaccounts', '/persistentvolumeclaims', '/persistentvolumes']);

/** NamespaceLifecycle's immortal namespaces. */
const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

export function deleteObject(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const name = req.name ?? '';
  const kv = readKey(ctx, info, req.namespace, name);
  if (!kv) throw newNotFound(info, name);
  if (info.group === '' && info.plural === 'namespaces') {
    if (IMMORTAL.has(name)) throw newForbiddenError(info, name, 'this namespace may not be deleted');
    const ns = kv.value as unknown as KubeObject;
    if (!ns.metadata.deletionTimestamp) return startNamespaceDeletion(ctx, info, req, kv);
    // The namespace controller empties spec.finalizers; until then a delete changes nothing.
    if (((ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length > 0) return { code: 200, body: ns };
  }
  return storeDelete(ctx, info, req, kv);
}

function storeDelete(ctx: ServerContext, info: ResourceInfo, req: ApiRequest, kv: KeyValue): ApiResponse {
  const old = kv.value as unknown as KubeObject;
  const q = req.query ?? {};
  const obj = deepClone(old);
  const now = ctx.loop.now();
  const grace = gracefulDelete(info, obj, q.gracePeriodSeconds, now);
  if (grace.pending) return finalize(info, old);
  const hadFinalizers = (old.metadata.finalizers ?? []).length > 0;
  const gc = gcFinalizers(old.metadata.finalizers ?? [], q.propagationPolicy);
  if (grace.graceful || hadFinalizers || gc.changed) {
    if (gc.changed) {
      if (gc.finalizers.length > 0) obj.metadata.finalizers = gc.finalizers;
      else delete obj.metadata.finalizers;
    }
    const pending = gc.finalizers.length > 0;
    if (!grace.graceful && pending) markAsDeleting(obj, now);
    if (grace.graceful || pending) {
      const stored = q.dryRun ? obj : guaranteedUpdate(ctx, info, old, obj, kv.modRevision);
      if (pending || grace.seconds > 0) return { code: 200, body: stored };
      // A grace period of 0: the update above is followed by the removal itself.
      if (q.dryRun) return { code: 200, body: stored };
      return remove(ctx, info, stored, Number(stored.metadata.resourceVersion));
    }
  }
  if (q.dryRun) return finalize(info, old);
  return remove(ctx, info, old, kv.modRevision);
}

/** GuaranteedUpdate: writes only when something changed. */
function guaranteedUpdate(ctx: ServerContext, info: ResourceInfo, old: KubeObject, obj: KubeObject, modRevision: number): KubeObject {
  if (jsonEqual(obj, old)) return old;
  const res = writeObject(ctx, info, obj, modRevision);
  if (!res.ok) throw newConflict(info, old.metadata.name ?? '');
  return res.stored;
}

function remove(ctx: ServerContext, info: ResourceInfo, last: KubeObject, modRevision: number): ApiResponse {
  if (!deleteKey(ctx, info, last, modRevision)) throw newConflict(info, last.metadata.name ?? '');
  releaseService(ctx, info, last);
  return finalize(info, last);
}

/** finalizeDelete: the object for stores that return it, else a Success Status. */
function finalize(info: ResourceInfo, obj: KubeObject): ApiResponse {
  if (RETURNS_OBJECT.has(`${info.group}/${info.plural}`)) return { code: 200, body: obj };
  const details: Record<string, unknown> = { name: obj.metadata.name };
  if (info.group) details.group = info.group;
  details.kind = info.plural;
  details.uid = obj.metadata.uid;
  return { code: 200, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details } };
}

/** markAsDeleting: deletionTimestamp now (or earlier), no grace period, generation bumped once. */
function markAsDeleting(obj: KubeObject, now: number): void {
  const meta = obj.metadata;
  if (!meta.deletionTimestamp && (meta.generation ?? 0) > 0) meta.generation = (meta.generation ?? 0) + 1;
  if (!meta.deletionTimestamp || parseTime(meta.deletionTimestamp) > now) meta.deletionTimestamp = rfc3339(now);
  meta.deletionGracePeriodSeconds = 0;
}

/**
 * deletionFinalizersForGarbageCollection: orphan and foregroundDeletion as the policy (or,
 * without one, the finalizers already there) asks.
 */
export function gcFinalizers(current: readonly string[], policy: RequestQuery['propagationPolicy']): { changed: boolean; finalizers: string[] } {
  const has = (f: string): boolean => current.includes(f);
  const firstGc = current.find((f) => f === 'orphan' || f === 'foregroundDeletion');
  const orphan = policy ? policy === 'Orphan' : firstGc === 'orphan';
  const foreground = policy ? policy === 'Foreground' : firstGc === 'foregroundDeletion';
  const finalizers = current.filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');
  if (orphan) finalizers.push('orphan');
  if (foreground) finalizers.push('foregroundDeletion');
  const changed = orphan !== has('orphan') || foreground !== has('foregroundDeletion');
  return { changed, finalizers: changed ? finalizers : [...current] };
}

/**
 * The namespace registry's first DELETE: deletionTimestamp and phase Terminating, plus the
 * orphan or foregroundDeletion finalizer when the policy asks; the namespace controller
 * takes it from there.
 */
function startNamespaceDeletion(ctx: ServerContext, info: ResourceInfo, req: ApiRequest, kv: KeyValue): ApiResponse {
  const old = kv.value as unknown as KubeObject;
  const ns = deepClone(old);
  ns.metadata.deletionTimestamp = rfc3339(ctx.loop.now());
  ns.status = { ...(ns.status as object), phase: 'Terminating' };
  const policy = req.query?.propagationPolicy;
  if (policy) {
    const current = ns.metadata.finalizers ?? [];
    const wantOrphan = policy === 'Orphan';
    const wantForeground = policy === 'Foreground';
    const next = current.filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');
    if (wantOrphan) next.push('orphan');
    if (wantForeground) next.push('foregroundDeletion');
    if (wantOrphan !== current.includes('orphan') || wantForeground !== current.includes('foregroundDeletion')) {
      if (next.length > 0) ns.metadata.finalizers = next;
      else delete ns.metadata.finalizers;
    }
  }
  if (req.query?.dryRun) return { code: 200, body: ns };
  return { code: 200, body: guaranteedUpdate(ctx, info, old, ns, kv.modRevision) };
}

/** DeleteCollection: every listed object deleted as one DELETE would; answers the list as it was. */
export function deleteCollection(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const list = listObjects(ctx, info, { ...req, verb: 'list', query: { ...req.query, limit: 0, continue: undefined } });
  const items = (list.body as { items: KubeObject[] }).items;
  for (const item of items) {
    try {
      deleteObject(ctx, info, { ...req, verb: 'delete', name: item.metadata.name, namespace: item.metadata.namespace });
    } catch (err) {
      if (!(err instanceof Error && (err as { code?: number }).code === 404)) throw err;
    }
  }
  return list;
}
