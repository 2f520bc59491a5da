/**
 * Decoding checks kube-apiserver makes before anything else: type errors are always a 400;
 * unknown fields follow the request's fieldValidation (Strict: 400, Warn: warnings, the
 * default, Ignore: nothing).
 */
import type { KubeObject, ResourceInfo } from '../api/types';
import { apiVersionOf } from '../api/types';
import { newBadRequest, newInvalid } from '../api/errors';
import { fieldErrors, newPath, stringer } from '../api/fieldErrors';
import { decodeCheck } from '../api/schema';
import type { ServerContext } from './context';
import { APISERVER } from './context';
import type { ApiRequest } from './types';

export function checkDecode(ctx: ServerContext, info: ResourceInfo, req: ApiRequest, obj: KubeObject): string[] {
  const version = apiVersionOf(info);
  const result = decodeCheck(obj, version, info.kind);
  if (result.typeErrors.length > 0) {
    const first = result.typeErrors[0];
    const msg = `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: ${first?.message ?? ''}`;
    traceDecode(ctx, msg);
    throw newBadRequest(msg);
  }
  const mode = req.query?.fieldValidation ?? 'Warn';
  if (result.unknownFields.length === 0) return [];
  const texts = result.unknownFields.map((f) => `unknown field "${f}"`);
  if (mode === 'Strict') {
    const msg = `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: strict decoding error: ${texts.join(', ')}`;
    traceDecode(ctx, msg);
    throw newBadRequest(msg);
  }
  // The Go struct has no place for them: decoding drops unknown fields.
  for (const path of result.unknownFields) dropField(obj, path);
  return mode === 'Ignore' ? [] : texts;
}

/** Removes the field at `spec.template.spec.containers[0].foo`. */
function dropField(obj: unknown, path: string): void {
  const steps: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return;
    if (m[1]) steps.push(m[1]);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) steps.push(Number(idx[1]));
  }
  let cur: unknown = obj;
  for (const step of steps.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as Record<string | number, unknown>)[step];
  }
  const last = steps[steps.length - 1];
  if (cur !== null && typeof cur === 'object' && last !== undefined && !Array.isArray(cur)) delete (cur as Record<string, unknown>)[String(last)];
}

function traceDecode(ctx: ServerContext, message: string): void {
  ctx.tracer.record({ from: APISERVER, to: APISERVER, channel: 'validation', verb: 'invalid', summary: message });
}

/**
 * The decoding checks of a patched object, as the patch handler makes them: unknown fields
 * are a bare `strict decoding error: ...` (400) under Strict; a type error is a 422 on the
 * field `patch`.
 */
export function checkPatchedDecode(ctx: ServerContext, info: ResourceInfo, req: ApiRequest, obj: KubeObject): string[] {
  const result = decodeCheck(obj, apiVersionOf(info), info.kind);
  const first = result.typeErrors[0];
  if (first) {
    traceDecode(ctx, first.message);
    throw newInvalid(info, obj.metadata.name ?? '', [fieldErrors.invalid(newPath('patch'), stringer(JSON.stringify(req.body)), first.message)]);
  }
  const mode = req.query?.fieldValidation ?? 'Warn';
  if (result.unknownFields.length === 0) return [];
  const texts = result.unknownFields.map((f) => `unknown field "${f}"`);
  if (mode === 'Strict') {
    const msg = `strict decoding error: ${texts.join(', ')}`;
    traceDecode(ctx, msg);
    throw newBadRequest(msg);
  }
  for (const path of result.unknownFields) dropField(obj, path);
  return mode === 'Ignore' ? [] : texts;
}
