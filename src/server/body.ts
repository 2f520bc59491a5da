/**
 * Request bodies: read in full (with a size cap, as kube-apiserver caps at 3 MiB), then
 * decoded by Content-Type. PATCH content types choose the patch strategy; server-side
 * apply bodies are YAML (JSON is YAML too); typed clients send Kubernetes protobuf.
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { StatusError, newBadRequest } from '../sim/api/errors';
import { PATCH_CONTENT_TYPES, type PatchType } from '../sim/apiserver/types';
import { decodeKubeProtobuf } from './proto/decode';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** kube-apiserver's MaxRequestBodyBytes. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(tooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'Request entity too large: limit is 3145728',
    reason: 'RequestEntityTooLarge',
    code: 413,
  });
}

function unsupportedMediaType(accepted: string[]): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    reason: 'UnsupportedMediaType',
    code: 415,
  });
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The patch strategy a PATCH's Content-Type names, or a 415. */
export function patchTypeOf(contentTypeHeader: string | undefined): PatchType {
  const type = mediaType(contentTypeHeader);
  for (const [name, ct] of Object.entries(PATCH_CONTENT_TYPES) as [PatchType, string][]) {
    if (ct === type) return name;
  }
  throw unsupportedMediaType(Object.values(PATCH_CONTENT_TYPES));
}

/**
 * Decodes a body by its Content-Type: JSON, YAML (server-side apply, application/yaml) or
 * Kubernetes protobuf (kubectl's typed clients); an empty body is undefined.
 */
export function decodeBody(body: Buffer, contentTypeHeader: string | undefined, patchType?: PatchType): unknown {
  if (body.length === 0) return undefined;
  const type = mediaType(contentTypeHeader);
  if (type === PROTOBUF && patchType === undefined) {
    try {
      return decodeKubeProtobuf(body);
    } catch (err) {
      throw newBadRequest(`failed to decode the protobuf body: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  const yaml = patchType === 'apply' || type === 'application/yaml';
  if (!yaml && type !== '' && type !== 'application/json' && patchType === undefined) {
    throw unsupportedMediaType(['application/json', 'application/yaml', PROTOBUF]);
  }
  try {
    return yaml ? (parseYaml(text, { version: '1.1' }) as unknown) : (JSON.parse(text) as unknown);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    if (yaml) throw newBadRequest(`error converting YAML to JSON: ${why}`);
    throw newBadRequest(`couldn't get version/kind; json parse error: ${why}`);
  }
}
