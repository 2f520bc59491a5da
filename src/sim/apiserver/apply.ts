/**
 * PATCH with application/apply-patch+yaml: server-side apply. The configuration is merged
 * into the live object by the field manager (or creates it), then goes through the same
 * strategy, defaults, validation and storage as any write.
 */
import { parse as parseYaml } from 'yaml';
import type { KubeObject, ResourceInfo } from '../api/types';
import { apiVersionOf } from '../api/types';
import { newBadRequest, newNotFound } from '../api/errors';
import type { ApiRequest, ApiResponse } from './types';
import { readKey, type ServerContext } from './context';
import { checkDecode } from './decode';
import { createDecoded } from './create';
import { commitUpdate } from './update';
import { trackApply } from './fieldmanager';

export function applyRequest(ctx: ServerContext, info: ResourceInfo, req: ApiRequest, subresource: 'status' | undefined): ApiResponse {
  const config = parseConfig(req.body);
  const meta = config.metadata;
  if (meta.managedFields !== undefined) throw newBadRequest('metadata.managedFields must be nil');
  const expected = apiVersionOf(info);
  if ((config.apiVersion && config.apiVersion !== expected) || (config.kind && config.kind !== info.kind)) {
    throw newBadRequest(
      `the API version in the data (${config.apiVersion ?? ''}) does not match the expected API version (${expected})`,
    );
  }
  config.apiVersion = expected;
  config.kind = info.kind;
  const warnings = checkDecode(ctx, info, req, config);
  const name = req.name ?? '';
  if (meta.name !== undefined && meta.name !== name) {
    throw newBadRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
  }
  meta.name = name;
  if (info.namespaced && req.namespace) {
    if (meta.namespace && meta.namespace !== req.namespace) {
      throw newBadRequest(`the namespace of the object (${meta.namespace}) does not match the namespace on the request (${req.namespace})`);
    }
    meta.namespace = req.namespace;
  }
  const now = ctx.loop.now();
  const current = readKey(ctx, info, req.namespace, name);
  if (!current) {
    if (subresource) throw newNotFound(info, name);
    const obj = trackApply(info, req, undefined, config, now);
    const res = createDecoded(ctx, info, { ...req, verb: 'create' }, obj, warnings, true);
    return res;
  }
  const live = current.value as unknown as KubeObject;
  const obj = trackApply(info, req, live, config, now, subresource);
  const res = commitUpdate(ctx, info, req, obj, current, subresource, { managed: true });
  return warnings.length > 0 ? { ...res, warnings: [...(res.warnings ?? []), ...warnings] } : res;
}

/** The apply body: an object, or YAML (or JSON) text as sent over HTTP. */
function parseConfig(body: unknown): KubeObject {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = parseYaml(body) as unknown;
    } catch (err) {
      throw newBadRequest(`error decoding YAML: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw newBadRequest('error decoding YAML: the apply configuration is not an object');
  }
  const config = structuredClone(value) as KubeObject;
  if (typeof config.metadata !== 'object' || config.metadata === null) config.metadata = {};
  return config;
}
