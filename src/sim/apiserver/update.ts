/** PUT and PATCH: optimistic concurrency, strategies, defaults, validation, no-op detection. */
import type { KubeObject, ResourceInfo } from '../api/types';
import { newConflict, newInvalid, newNotFound, newBadRequest } from '../api/errors';
import { applyDefaults } from '../api/defaults';
import { validateUpdate } from '../api/validation';
import { deepClone } from '../api/objects';
import type { KeyValue } from '../store';
import type { ApiRequest, ApiResponse } from './types';
import { readKey, writeObject, deleteKey, type ServerContext } from './context';
import { decodeBody, traceValidation } from './create';
import { prepareForStatusUpdate, prepareForUpdate } from './strategy';
import { allocateService, releaseService } from './services';
import { checkDecode } from './decode';
import { applyPatch } from './patch';
import { jsonEqual } from './json';

export function updateObject(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const obj = decodeBody(info, req);
  const warnings = checkDecode(ctx, info, req, obj);
  const current = readKey(ctx, info, req.namespace, req.name ?? '');
  if (!current) throw newNotFound(info, req.name ?? '');
  if (obj.metadata.name && obj.metadata.name !== req.name) {
    throw newBadRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${req.name ?? ''})`);
  }
  const res = commitUpdate(ctx, info, req, obj, current, undefined);
  return { ...res, warnings: [...(res.warnings ?? []), ...warnings] };
}

export function patchObject(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const current = readKey(ctx, info, req.namespace, req.name ?? '');
  if (!current) throw newNotFound(info, req.name ?? '');
  const old = current.value as unknown as KubeObject;
  const patched = applyPatch(info, old, req.body, req.query?.patchType ?? 'strategic');
  return commitUpdate(ctx, info, req, patched, current, undefined);
}

/**
 * The shared tail of update, patch and status writes. `subresource` 'status' keeps all but
 * status from the stored object.
 */
export function commitUpdate(
  ctx: ServerContext,
  info: ResourceInfo,
  req: ApiRequest,
  incoming: KubeObject,
  current: KeyValue,
  subresource: 'status' | undefined,
): ApiResponse {
  const old = current.value as unknown as KubeObject;
  const rv = incoming.metadata.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) throw newConflict(info, old.metadata.name ?? '');
  let obj: KubeObject = subresource === 'status' ? prepareForStatusUpdate(incoming, old) : deepClone(incoming);
  obj.apiVersion = old.apiVersion;
  obj.kind = old.kind;
  keepSystemMetadata(obj, old);
  applyDefaults(obj);
  if (subresource !== 'status') prepareForUpdate(info, obj, old);
  const release = allocateService(ctx, info, obj, old, !!req.query?.dryRun);
  const errs = validateUpdate(obj, old);
  traceValidation(ctx, info, obj, errs.length);
  if (errs.length > 0) {
    release();
    throw newInvalid(info, old.metadata.name ?? '', errs);
  }
  obj.metadata.resourceVersion = old.metadata.resourceVersion;
  if (jsonEqual(obj, old)) {
    release();
    return { code: 200, body: old };
  }
  if (req.query?.dryRun) {
    release();
    return { code: 200, body: obj };
  }
  // A terminating object whose last finalizer went away is removed.
  if (old.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).length === 0 && !isGracefulPod(info, obj)) {
    if (deleteKey(ctx, info, old, current.modRevision)) {
      releaseService(ctx, info, old);
      return { code: 200, body: obj };
    }
    throw newConflict(info, old.metadata.name ?? '');
  }
  const res = writeObject(ctx, info, obj, current.modRevision);
  if (!res.ok) throw newConflict(info, old.metadata.name ?? '');
  obj = res.stored;
  return { code: 200, body: obj };
}

function isGracefulPod(info: ResourceInfo, obj: KubeObject): boolean {
  return info.group === '' && info.plural === 'pods' && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0;
}

/** Fields only the server sets: a client's update cannot change them. */
function keepSystemMetadata(obj: KubeObject, old: KubeObject): void {
  const m = obj.metadata;
  const o = old.metadata;
  m.name = o.name;
  if (o.namespace !== undefined) m.namespace = o.namespace;
  m.uid = o.uid;
  m.creationTimestamp = o.creationTimestamp;
  if (o.generateName !== undefined) m.generateName = o.generateName;
  if (o.deletionTimestamp !== undefined) m.deletionTimestamp = o.deletionTimestamp;
  else delete m.deletionTimestamp;
  if (o.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
  else delete m.deletionGracePeriodSeconds;
  if (o.generation !== undefined) m.generation = o.generation;
  if (o.managedFields !== undefined && m.managedFields === undefined) m.managedFields = o.managedFields;
}
