/**
 * PATCH bodies: JSON patch (RFC 6902), JSON merge patch (RFC 7396) and strategic merge
 * patch with the built-in merge keys (containers by name, ports by containerPort, ...).
 */
import type { KubeObject, ResourceInfo } from '../api/types';
import { newBadRequest, newInvalid, StatusError } from '../api/errors';
import { deepClone } from '../api/objects';
import type { PatchType } from './types';
import { mergePatch, strategicMergePatch } from './merge';

export function applyPatch(info: ResourceInfo, old: KubeObject, body: unknown, type: PatchType): KubeObject {
  const base = deepClone(old) as unknown as Record<string, unknown>;
  let result: unknown;
  switch (type) {
    case 'json':
      result = jsonPatch(base, body);
      break;
    case 'merge':
      result = mergePatch(base, body);
      break;
    case 'strategic':
    case 'apply':
      result = strategicMergePatch(base, body, [info.kind]);
      break;
  }
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    throw newBadRequest('the patch produced something that is not an object');
  }
  const obj = result as KubeObject;
  if (obj.kind !== old.kind || obj.apiVersion !== old.apiVersion) {
    throw newInvalid(info, old.metadata.name ?? '', []);
  }
  return obj;
}

type JsonValue = unknown;

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: JsonValue;
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (typeof path !== 'string' || !path.startsWith('/')) throw jsonPatchError(`invalid path "${String(path)}"`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function container(doc: unknown, tokens: string[], path: string): { parent: Record<string, unknown> | unknown[]; key: string } {
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[t];
    else cur = undefined;
    if (cur === undefined) throw jsonPatchError(`doc is missing path: "${path}": missing value`);
  }
  if (cur === null || typeof cur !== 'object') throw jsonPatchError(`doc is missing path: "${path}": missing value`);
  return { parent: cur as Record<string, unknown> | unknown[], key: tokens[tokens.length - 1] ?? '' };
}

/**
 * A JSON patch that cannot be applied is a 422 through apierrors.NewGenericServerResponse,
 * whose text drops the reason (`kubectl patch` prints "The request is invalid: the server
 * rejected our request due to an error in our request"). `why` is evanphx/json-patch's
 * own text, kept for the trace.
 */
function jsonPatchError(why: string): StatusError {
  const err = new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server rejected our request due to an error in our request',
    reason: 'Invalid',
    details: {},
    code: 422,
  });
  (err as { cause?: string }).cause = why;
  return err;
}

function getAt(doc: unknown, path: string): JsonValue {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return doc;
  const { parent, key } = container(doc, tokens, path);
  const v = Array.isArray(parent) ? parent[Number(key)] : parent[key];
  if (v === undefined) throw jsonPatchError(`doc is missing path: "${path}": missing value`);
  return v;
}

function remove(doc: unknown, path: string): JsonValue {
  const tokens = parsePointer(path);
  const { parent, key } = container(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!(i >= 0 && i < parent.length)) throw jsonPatchError(`Unable to remove nonexistent key: ${key}: missing value`);
    return parent.splice(i, 1)[0];
  }
  if (!(key in parent)) throw jsonPatchError(`Unable to remove nonexistent key: ${key}: missing value`);
  const v = parent[key];
  delete parent[key];
  return v;
}

function add(doc: unknown, path: string, value: JsonValue, replace: boolean): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = container(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!(i >= 0 && i <= parent.length)) throw jsonPatchError(`Unable to access invalid index: ${i}: invalid index referenced`);
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
  } else {
    if (replace && !(key in parent)) throw jsonPatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    parent[key] = value;
  }
  return doc;
}

function jsonPatch(doc: Record<string, unknown>, body: unknown): unknown {
  if (!Array.isArray(body)) throw newBadRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let out: unknown = doc;
  for (const raw of body as Operation[]) {
    const op = raw.op;
    switch (op) {
      case 'add':
        out = add(out, raw.path, deepClone(raw.value), false);
        break;
      case 'replace':
        out = add(out, raw.path, deepClone(raw.value), true);
        break;
      case 'remove':
        remove(out, raw.path);
        break;
      case 'move': {
        const v = remove(out, raw.from ?? '');
        out = add(out, raw.path, v, false);
        break;
      }
      case 'copy':
        out = add(out, raw.path, deepClone(getAt(out, raw.from ?? '')), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(out, raw.path)) !== JSON.stringify(raw.value)) {
          throw jsonPatchError(`testing value ${raw.path} failed: test failed`);
        }
        break;
      default:
        throw jsonPatchError(`Unexpected kind: ${String(op)}`);
    }
  }
  return out;
}
