/**
 * Resource requests: path, method, query and body become one ApiRequest for the simulated
 * API server; its answer goes back as JSON in the shape the Accept header asked for (the
 * object, a Table, partial metadata), or as a watch stream or log text.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UserInfo } from '../sim/api/types';
import { notFoundPath } from '../sim/api/errors';
import { toTable } from '../sim/apiserver/printers';
import type { ApiRequest, ApiResponse } from '../sim/apiserver/types';
import { contentTypeOf, negotiate, type Shape } from './accept';
import { decodeBody, patchTypeOf, readBody } from './body';
import { mergeDeleteOptions, parseQuery, type ParsedQuery } from './query';
import { methodNotAllowed, notAcceptable, sendJson } from './respond';
import { verbOf, type ResourceRoute } from './route';
import { serveWatch } from './watch';
import { serveLogs } from './logs';
import type { ApiTarget } from './target';

export interface Caller {
  user: UserInfo;
  from: string;
  userAgent?: string;
}

const READ_SHAPES = ['object', 'Table', 'PartialObjectMetadata', 'PartialObjectMetadataList'] as const;

export async function serveResource(
  target: ApiTarget,
  route: ResourceRoute,
  url: URL,
  caller: Caller,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // An unserved resource is a 404 before anything of the request is read.
  if (!target.registry.byGroupVersionResource(route.group, route.version, route.resource)) throw notFoundPath();
  const parsed = parseQuery(url.searchParams);
  const verb = verbOf(req.method ?? 'GET', route, parsed.watch);
  if (!verb) throw methodNotAllowed();
  const reading = verb === 'get' || verb === 'list' || verb === 'watch';
  const shape = reading ? negotiate(req.headers.accept, READ_SHAPES) : { as: 'object' as const };
  if (!shape) throw notAcceptable();

  const apiReq: ApiRequest = {
    verb,
    group: route.group,
    version: route.version,
    resource: route.resource,
    user: caller.user,
    from: caller.from,
    query: parsed.query,
  };
  if (caller.userAgent) apiReq.userAgent = caller.userAgent;
  if (route.namespace !== undefined) apiReq.namespace = route.namespace;
  if (route.name !== undefined) apiReq.name = route.name;
  if (route.subresource !== undefined) apiReq.subresource = route.subresource;

  if (!reading || verb !== 'watch') {
    const text = req.method === 'GET' ? Buffer.alloc(0) : await readBody(req);
    const patchType = verb === 'patch' ? patchTypeOf(req.headers['content-type']) : undefined;
    if (patchType) parsed.query.patchType = patchType;
    const body = decodeBody(text, req.headers['content-type'], patchType);
    if (verb === 'delete' || verb === 'deletecollection') mergeDeleteOptions(parsed.query, body);
    else if (body !== undefined) apiReq.body = body;
  }
  target.beforeRequest?.();
  try {
    if (verb === 'watch') {
      if (route.name !== undefined) {
        // A watch on one object is a watch on its collection narrowed to its name.
        const byName = `metadata.name=${route.name}`;
        parsed.query.fieldSelector = parsed.query.fieldSelector ? `${parsed.query.fieldSelector},${byName}` : byName;
        delete apiReq.name;
      }
      serveWatch(target, apiReq, shape, parsed.includeObject, parsed.timeoutSeconds, req, res);
      return;
    }
    if (route.subresource === 'log' && verb === 'get') {
      serveLogs(target, apiReq, req, res);
      return;
    }
    const answer = target.api.handle(apiReq);
    const [body, contentType] = shaped(target, apiReq, answer, shape, parsed);
    sendJson(res, answer.code, body, contentType, answer.warnings ?? []);
  } finally {
    target.afterRequest?.();
  }
}

interface ListBody {
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items?: Readonly<Record<string, unknown>>[];
}

function shaped(target: ApiTarget, apiReq: ApiRequest, answer: ApiResponse, shape: Shape, parsed: ParsedQuery): [unknown, string] {
  if (answer.code >= 300 || shape.as === 'object' || apiReq.subresource) return [answer.body, 'application/json'];
  const isList = apiReq.verb === 'list';
  const list = answer.body as ListBody;
  const objects = isList ? (list.items ?? []) : [answer.body];
  const meta = isList ? { ...list.metadata } : resourceVersionOf(answer.body);
  if (shape.as === 'Table') {
    return [toTable(apiReq.group, apiReq.resource, objects, meta, target.now(), parsed.includeObject), contentTypeOf(shape)];
  }
  const partial = (o: Readonly<Record<string, unknown>>): unknown => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata ?? {} });
  if (shape.as === 'PartialObjectMetadataList' && isList) {
    return [{ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: meta, items: objects.map(partial) }, contentTypeOf(shape)];
  }
  if (shape.as === 'PartialObjectMetadata' && !isList) return [partial(answer.body), contentTypeOf(shape)];
  return [answer.body, 'application/json'];
}

function resourceVersionOf(obj: Readonly<Record<string, unknown>>): { resourceVersion?: string } {
  const rv = (obj.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
  return rv ? { resourceVersion: rv } : {};
}
