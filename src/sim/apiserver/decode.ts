/**
 * Decoding checks kube-apiserver makes before anything else: type errors are always a 400;
 * unknown fields follow the request's fieldValidation (Strict: 400, Warn: warnings, the
 * default, Ignore: nothing).
 */
import type { KubeObject, ResourceInfo } from '../api/types';
import { apiVersionOf } from '../api/types';
import { newBadRequest } from '../api/errors';
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
  if (result.unknownFields.length === 0 || mode === 'Ignore') return [];
  const texts = result.unknownFields.map((f) => `unknown field "${f}"`);
  if (mode === 'Strict') {
    const msg = `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: strict decoding error: ${texts.join(', ')}`;
    traceDecode(ctx, msg);
    throw newBadRequest(msg);
  }
  return texts;
}

function traceDecode(ctx: ServerContext, message: string): void {
  ctx.tracer.record({ from: APISERVER, to: APISERVER, channel: 'validation', verb: 'invalid', summary: message });
}
