/** GET of one object and LIST with label and field selectors, limit and continue. */
import type { KubeObject, ResourceInfo } from '../api/types';
import { apiVersionOf } from '../api/types';
import { newBadRequest, newNotFound, newResourceExpired } from '../api/errors';
import { CompactedError } from '../store';
import type { ApiRequest, ApiResponse } from './types';
import { readKey, type ServerContext } from './context';
import { storagePrefix } from './paths';
import { compileSelectors, type ObjectFilter } from './filter';

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

function encodeContinue(rv: number, start: string): string {
  return btoa(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start }));
}

function decodeContinue(token: string): ContinueToken {
  try {
    const t = JSON.parse(atob(token)) as ContinueToken;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('bad');
    return t;
  } catch {
    throw newBadRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

export function listObjects(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const filter = compileSelectors(info, req.query?.labelSelector, req.query?.fieldSelector);
  const prefix = storagePrefix(info, req.namespace);
  const limit = req.query?.limit && req.query.limit > 0 ? req.query.limit : 0;
  let revision: number | undefined;
  let startKey: string | undefined;
  if (req.query?.continue) {
    const token = decodeContinue(req.query.continue);
    revision = token.rv;
    startKey = prefix + token.start;
  } else if (req.query?.resourceVersion && req.query.resourceVersion !== '0' && req.query.resourceVersionMatch === 'Exact') {
    revision = Number(req.query.resourceVersion);
  }
  const items: KubeObject[] = [];
  let next: string | undefined;
  let remaining = 0;
  try {
    const servedAt = revision ?? ctx.store.revision;
    let cursor = startKey;
    // Selectors filter after the read, so page through the store until the limit fills.
    for (;;) {
      const page = ctx.store.range(prefix, { revision: servedAt, startKey: cursor, limit: limit ? limit - items.length + 1 : 0 });
      for (const kv of page.kvs) {
        const obj = kv.value as unknown as KubeObject;
        if (!matches(filter, obj)) continue;
        if (limit && items.length === limit) {
          next = kv.key.slice(prefix.length);
          break;
        }
        items.push(obj);
      }
      if (next !== undefined || !page.more || page.kvs.length === 0) {
        if (next !== undefined) remaining = filter.any ? 0 : Math.max(0, page.count - items.length);
        break;
      }
      const last = page.kvs[page.kvs.length - 1];
      cursor = last ? `${last.key}\u0000` : undefined;
    }
    const metadata: Record<string, unknown> = { resourceVersion: String(servedAt) };
    if (next !== undefined) {
      metadata.continue = encodeContinue(servedAt, next);
      if (remaining > 0 && !filter.any) metadata.remainingItemCount = remaining;
    }
    return { code: 200, body: { kind: `${info.kind}List`, apiVersion: apiVersionOf(info), metadata, items } };
  } catch (err) {
    if (err instanceof CompactedError) {
      throw newResourceExpired(
        req.query?.continue
          ? 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.'
          : `too old resource version: ${revision} (${ctx.store.compactRevision})`,
      );
    }
    throw err;
  }
}

function matches(filter: ObjectFilter, obj: KubeObject): boolean {
  return !filter.any || filter.matches(obj);
}
