/** GET of one object and LIST with label and field selectors, limit and continue. */
import type { KubeObject, ResourceInfo } from '../api/types';
import { apiVersionOf } from '../api/types';
import { newBadRequest, newNotFound, newResourceExpired, newTimeout, type StatusError } from '../api/errors';
import { CompactedError, FutureRevisionError } from '../store';
import type { ApiRequest, ApiResponse } from './types';
import { readKey, type ServerContext } from './context';
import { storagePrefix } from './paths';
import { compileSelectors } from './filter';
import { validateListOptions } from './listOptions';

export function getObject(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const kv = readKey(ctx, info, req.namespace, req.name ?? '');
  if (!kv) throw newNotFound(info, req.name ?? '');
  return { code: 200, body: kv.value };
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

/** storage.EncodeContinue: base64url (no padding) of the JSON token, start relative to the prefix. */
function encodeContinue(rv: number, start: string): string {
  const json = JSON.stringify({ v: 'meta.k8s.io/v1', rv, start });
  const bytes = new TextEncoder().encode(json);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeContinue(token: string): ContinueToken {
  let t: ContinueToken;
  try {
    const b64 = token.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    t = JSON.parse(new TextDecoder().decode(bytes)) as ContinueToken;
  } catch {
    throw newBadRequest('continue key is not valid: illegal base64 data at input byte 0');
  }
  if (t.v !== 'meta.k8s.io/v1') throw newBadRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (typeof t.start !== 'string' || t.start === '') throw newBadRequest('continue key is not valid: encoded start key empty');
  if (typeof t.rv !== 'number') throw newBadRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  return t;
}

/** The list texts of storage/etcd3 (interpretListError). */
const EXPIRED = 'The resourceVersion for the provided list is too old.';
const INCONSISTENT_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export function listObjects(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const q = req.query ?? {};
  validateListOptions(q, false);
  const filter = compileSelectors(info, q.labelSelector, q.fieldSelector);
  const prefix = storagePrefix(info, req.namespace);
  const limit = q.limit && q.limit > 0 ? q.limit : 0;
  let revision: number | undefined;
  let startKey: string | undefined;
  if (q.continue) {
    const token = decodeContinue(q.continue);
    // rv -1: continue at the latest revision (what a compacted continue hands back).
    revision = token.rv > 0 ? token.rv : undefined;
    startKey = prefix + token.start;
  } else if (q.resourceVersion && q.resourceVersion !== '0' && q.resourceVersionMatch === 'Exact') {
    revision = Number(q.resourceVersion);
  }
  const asked = Number(q.resourceVersion);
  if (!q.continue && q.resourceVersion && asked > ctx.store.revision) throw tooLargeResourceVersion(asked, ctx.store.revision);
  const items: KubeObject[] = [];
  let lastKey: string | undefined;
  let more = false;
  let remaining: number | undefined;
  const servedAt = revision ?? ctx.store.revision;
  try {
    let cursor = startKey;
    // Selectors filter after the read, so page through the store until the limit fills.
    for (;;) {
      const want = limit ? limit - items.length : 0;
      const page = ctx.store.range(prefix, { revision: servedAt, startKey: cursor, limit: want });
      for (const kv of page.kvs) {
        lastKey = kv.key;
        const obj = kv.value as unknown as KubeObject;
        if (!filter.any || filter.matches(obj)) items.push(obj);
      }
      if (!page.more) break;
      if (limit && items.length >= limit) {
        more = true;
        if (!filter.any) remaining = page.count - page.kvs.length;
        break;
      }
      cursor = `${lastKey ?? prefix}\u0000`;
    }
  } catch (err) {
    if (err instanceof CompactedError) {
      if (!q.continue) throw newResourceExpired(EXPIRED);
      const status = newResourceExpired(INCONSISTENT_CONTINUE);
      (status.status as { metadata: Record<string, unknown> }).metadata = { continue: encodeContinue(-1, startKey?.slice(prefix.length) ?? '') };
      throw status;
    }
    if (err instanceof FutureRevisionError) throw tooLargeResourceVersion(servedAt, ctx.store.revision);
    throw err;
  }
  const metadata: Record<string, unknown> = { resourceVersion: String(servedAt) };
  if (more && lastKey !== undefined) {
    metadata.continue = encodeContinue(servedAt, `${lastKey.slice(prefix.length)}\u0000`);
    if (remaining !== undefined) metadata.remainingItemCount = remaining;
  }
  return { code: 200, body: { kind: `${info.kind}List`, apiVersion: apiVersionOf(info), metadata, items } };
}

/** storage.NewTooLargeResourceVersionError: a 504 the client may retry after a second. */
function tooLargeResourceVersion(requested: number, current: number): StatusError {
  const err = newTimeout(`Too large resource version: ${requested}, current: ${current}`, 1);
  err.status.details = { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 };
  return err;
}
