/**
 * DELETE: graceful deletion of bound pods, finalizers (including the garbage collector's
 * foregroundDeletion and orphan), and immediate removal otherwise.
 */
import type { KubeObject, ResourceInfo } from '../api/types';
import { newConflict, newNotFound } from '../api/errors';
import { deepClone } from '../api/objects';
import { rfc3339 } from '../core';
import type { ApiRequest, ApiResponse } from './types';
import { deleteKey, readKey, writeObject, type ServerContext } from './context';
import { listObjects } from './read';
import { releaseService } from './services';

/** Resources whose DELETE answers with the object rather than a Status. */
const RETURNS_OBJECT = new Set(['/pods', '/namespaces', '/services', '/nodes']);

export function deleteObject(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const kv = readKey(ctx, info, req.namespace, req.name ?? '');
  if (!kv) throw newNotFound(info, req.name ?? '');
  const old = kv.value as unknown as KubeObject;
  const obj = deepClone(old);
  const meta = obj.metadata;
  const isPod = info.group === '' && info.plural === 'pods';
  const isNamespace = info.group === '' && info.plural === 'namespaces';
  const now = ctx.loop.now();
  let graceful = false;

  if (isPod) {
    const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
    let grace = req.query?.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
    // A pod no kubelet runs (never scheduled, or already finished) goes at once.
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
    if (grace > 0) {
      const current = meta.deletionGracePeriodSeconds;
      if (current === undefined || grace < current) {
        meta.deletionTimestamp = rfc3339(now + grace * 1000);
        meta.deletionGracePeriodSeconds = grace;
      }
      graceful = true;
    } else if (meta.deletionTimestamp) {
      meta.deletionGracePeriodSeconds = 0;
    }
  }
  const policy = req.query?.propagationPolicy;
  const finalizers = new Set(meta.finalizers ?? []);
  if (policy === 'Foreground') finalizers.add('foregroundDeletion');
  if (policy === 'Orphan') finalizers.add('orphan');
  if (isNamespace) {
    const spec = (obj.spec ?? {}) as { finalizers?: string[] };
    if ((spec.finalizers ?? []).length > 0 || finalizers.size > 0) {
      obj.status = { ...(obj.status as object), phase: 'Terminating' };
      graceful = true;
    }
  }
  if (finalizers.size > 0) {
    meta.finalizers = [...finalizers];
    graceful = true;
  }
  if (graceful) {
    if (!meta.deletionTimestamp) {
      meta.deletionTimestamp = rfc3339(now);
      meta.deletionGracePeriodSeconds = meta.deletionGracePeriodSeconds ?? 0;
    }
    if (req.query?.dryRun) return { code: 200, body: obj };
    const res = writeObject(ctx, info, obj, kv.modRevision);
    if (!res.ok) throw newConflict(info, meta.name ?? '');
    return { code: 200, body: res.stored };
  }
  if (req.query?.dryRun) return deletedResponse(info, old);
  if (!deleteKey(ctx, info, old, kv.modRevision)) throw newConflict(info, meta.name ?? '');
  releaseService(ctx, info, old);
  return deletedResponse(info, old);
}

function deletedResponse(info: ResourceInfo, old: KubeObject): ApiResponse {
  if (RETURNS_OBJECT.has(`${info.group}/${info.plural}`)) return { code: 200, body: old };
  return {
    code: 200,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: old.metadata.name, group: info.group || undefined, kind: info.plural, uid: old.metadata.uid },
    },
  };
}

export function deleteCollection(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const list = listObjects(ctx, info, { ...req, verb: 'list', query: { ...req.query, limit: 0, continue: undefined } });
  const items = (list.body as { items: KubeObject[] }).items;
  const deleted: unknown[] = [];
  for (const item of items) {
    const res = deleteObject(ctx, info, { ...req, verb: 'delete', name: item.metadata.name, namespace: item.metadata.namespace });
    deleted.push(res.body);
  }
  return { code: 200, body: { ...list.body, items: deleted } };
}
