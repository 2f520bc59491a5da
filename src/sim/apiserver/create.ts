/** POST: a new object, with generateName, admission, defaults, validation and allocation. */
import type { KubeObject, ResourceInfo } from '../api/types';
import { apiVersionOf } from '../api/types';
import { newAlreadyExists, newBadRequest, newInvalid } from '../api/errors';
import { applyDefaults } from '../api/defaults';
import { validateCreate } from '../api/validation';
import { generateNameFrom } from '../api/names';
import { deepClone } from '../api/objects';
import { rfc3339, uuid } from '../core';
import type { ApiRequest, ApiResponse } from './types';
import { APISERVER, writeObject, type ServerContext } from './context';
import { admit } from './admission';
import { prepareForCreate } from './strategy';
import { allocateService } from './services';
import { checkDecode } from './decode';
import { trackUpdate } from './fieldmanager';

export function createObject(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const obj = decodeBody(info, req);
  const warnings = checkDecode(ctx, info, req, obj);
  return createDecoded(ctx, info, req, obj, warnings, false);
}

/**
 * The registry's create of a decoded object. `managed` true: the caller (server-side apply)
 * has set metadata.managedFields already; otherwise the create is recorded as an Update by
 * the request's field manager.
 */
export function createDecoded(ctx: ServerContext, info: ResourceInfo, req: ApiRequest, obj: KubeObject, warnings: string[], managed: boolean): ApiResponse {
  const meta = obj.metadata;
  if (info.namespaced) {
    if (meta.namespace && req.namespace && meta.namespace !== req.namespace) {
      throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = req.namespace ?? meta.namespace ?? 'default';
  } else {
    delete meta.namespace;
  }
  // The field manager sees the object as decoded (defaults in), before admission and the
  // registry change it: what admission or allocation adds belongs to nobody.
  if (!managed) {
    const decoded = deepClone(obj);
    applyDefaults(decoded);
    trackUpdate(info, req, undefined, decoded, ctx.loop.now());
    if (decoded.metadata.managedFields) meta.managedFields = decoded.metadata.managedFields;
    else delete meta.managedFields;
  }
  // Mutating admission runs before rest.BeforeCreate generates the name, so its errors
  // name the generateName prefix (pods "web-" is forbidden: ...), as upstream's do.
  const admission = admit(ctx, info, req, obj, 'create');
  if (!meta.name && meta.generateName) meta.name = generateNameFrom(meta.generateName, ctx.rng);
  meta.uid = uuid(ctx.rng);
  meta.creationTimestamp = rfc3339(ctx.loop.now());
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  prepareForCreate(info, obj);
  applyDefaults(obj);
  if (admission.mutatedBy.length > 0) {
    ctx.tracer.record({
      from: APISERVER,
      to: APISERVER,
      channel: 'admission',
      summary: `mutating admission: ${admission.mutatedBy.join(', ')} changed the object`,
      snapshot: deepClone(obj),
    });
  }
  // Allocation comes first (the registry's BeginCreate), then validation of the result.
  const release = allocateService(ctx, info, obj, undefined, !!req.query?.dryRun);
  const errs = validateCreate(obj);
  traceValidation(ctx, info, obj, errs.length);
  if (errs.length > 0) {
    release();
    throw newInvalid(info, meta.name ?? '', errs);
  }
  if (req.query?.dryRun) {
    release();
    return { code: 201, body: obj, warnings };
  }
  const res = writeObject(ctx, info, obj, 0);
  if (!res.ok) {
    release();
    throw newAlreadyExists(info, meta.name ?? '');
  }
  return { code: 201, body: res.stored, warnings };
}

/** The body as a fresh object, with apiVersion and kind checked against the URL. */
export function decodeBody(info: ResourceInfo, req: ApiRequest): KubeObject {
  const body = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw newBadRequest(`Object '${info.kind}' is missing in 'null'`);
  }
  const obj = deepClone(body) as KubeObject;
  const expected = apiVersionOf(info);
  if (!obj.kind) throw newBadRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
  if (obj.kind !== info.kind || (obj.apiVersion && obj.apiVersion !== expected)) {
    throw newBadRequest(
      `the API version in the data (${obj.apiVersion ?? ''}) does not match the expected API version (${expected})`,
    );
  }
  obj.apiVersion = expected;
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
  return obj;
}

export function traceValidation(ctx: ServerContext, info: ResourceInfo, obj: KubeObject, errors: number): void {
  ctx.tracer.record({
    from: APISERVER,
    to: APISERVER,
    channel: 'validation',
    verb: errors === 0 ? 'valid' : 'invalid',
    summary:
      errors === 0
        ? `defaulted and validated ${info.kind} ${obj.metadata.name ?? ''}`
        : `${info.kind} ${obj.metadata.name ?? ''} is invalid: ${errors} error${errors === 1 ? '' : 's'}`,
  });
}
