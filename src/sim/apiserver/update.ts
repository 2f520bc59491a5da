/** PUT and PATCH: optimistic concurrency, strategies, defaults, validation, no-op detection. */
import type { KubeObject, ResourceInfo } from '../api/types';
import { newConflict, newInvalid, newNotFound, newBadRequest } from '../api/errors';
import { fieldErrors, newPath } from '../api/fieldErrors';
import { applyDefaults } from '../api/defaults';
import { validateUpdate } from '../api/validation';
import { deepClone } from '../api/objects';
import type { KeyValue } from '../store';
import type { ApiRequest, ApiResponse } from './types';
import { readKey, writeObject, deleteKey, type ServerContext } from './context';
import { decodeBody, traceValidation } from './create';
import { prepareForFinalize, prepareForStatusUpdate, prepareForUpdate } from './strategy';
import { allocateService, releaseService } from './services';
import { checkDecode, checkPatchedDecode } from './decode';
import { applyPatch } from './patch';
import { jsonEqual } from './json';
import { trackUpdate } from './fieldmanager';
import { applyRequest } from './apply';

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

/** ValidatePatchOptions: apply needs a field manager; only apply may force. */
export function checkPatchOptions(req: ApiRequest): void {
  const q = req.query ?? {};
  const type = q.patchType ?? 'strategic';
  const errs =
    type === 'apply'
      ? q.fieldManager
        ? []
        : [fieldErrors.required(newPath('fieldManager'), 'is required for apply patch')]
      : q.force !== undefined
        ? [fieldErrors.forbidden(newPath('force'), 'may not be specified for non-apply patch')]
        : [];
  if (errs.length > 0) throw newInvalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', errs);
}

export function patchObject(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  checkPatchOptions(req);
  if (req.query?.patchType === 'apply') return applyRequest(ctx, info, req, undefined);
  const current = readKey(ctx, info, req.namespace, req.name ?? '');
  if (!current) throw newNotFound(info, req.name ?? '');
  const old = current.value as unknown as KubeObject;
  const patched = applyPatch(info, old, req.body, req.query?.patchType ?? 'strategic');
  const warnings = checkPatchedDecode(ctx, info, req, patched);
  const res = commitUpdate(ctx, info, req, patched, current, undefined);
  return warnings.length ? { ...res, warnings: [...(res.warnings ?? []), ...warnings] } : res;
}

export interface CommitOptions {
  /** The caller recorded managedFields already (server-side apply). */
  managed?: boolean;
  /** The subresource a write through the main strategy came from (scale), for managedFields. */
  via?: string;
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
  subresource: 'status' | 'finalize' | undefined,
  opts: CommitOptions = {},
): ApiResponse {
  const old = current.value as unknown as KubeObject;
  const rv = incoming.metadata.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) throw newConflict(info, old.metadata.name ?? '');
  let obj: KubeObject = subresource === 'status' ? prepareForStatusUpdate(incoming, old) : deepClone(incoming);
  if (opts.managed) obj.metadata.managedFields = incoming.metadata.managedFields;
  obj.apiVersion = old.apiVersion;
  obj.kind = old.kind;
  keepSystemMetadata(obj, old);
  applyDefaults(obj);
  if (subresource === 'finalize') prepareForFinalize(obj, old);
  else if (subresource !== 'status') prepareForUpdate(info, obj, old);
  const release = allocateService(ctx, info, obj, old, !!req.query?.dryRun);
  if (!opts.managed) trackUpdate(info, req, old, obj, ctx.loop.now(), subresource === 'finalize' ? undefined : (subresource ?? opts.via));
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
  // shouldDeleteDuringUpdate: a terminating object (with no grace period left) whose last
  // finalizer went away is removed, as it was last stored.
  if (shouldDeleteDuringUpdate(info, obj, old)) {
    if (deleteKey(ctx, info, old, current.modRevision)) {
      releaseService(ctx, info, old);
      return { code: 200, body: old };
    }
    throw newConflict(info, old.metadata.name ?? '');
  }
  const res = writeObject(ctx, info, obj, current.modRevision);
  if (!res.ok) throw newConflict(info, old.metadata.name ?? '');
  obj = res.stored;
  return { code: 200, body: obj };
}

/**
 * ShouldDeleteDuringUpdate: the object was being deleted with no grace period left and
 * its last finalizer went away; a namespace also waits for its spec.finalizers (the
 * namespace controller's `kubernetes`) to be empty.
 */
function shouldDeleteDuringUpdate(info: ResourceInfo, obj: KubeObject, old: KubeObject): boolean {
  if ((obj.metadata.finalizers ?? []).length > 0 || !old.metadata.deletionTimestamp) return false;
  if (old.metadata.deletionGracePeriodSeconds) return false;
  if (info.group === '' && info.plural === 'namespaces') {
    return ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length === 0;
  }
  return true;
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
