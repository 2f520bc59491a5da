/**
 * URL paths as kube-apiserver's RequestInfoFactory reads them: which API group and version,
 * namespace, resource, name and subresource a path names, and which verb a method means.
 */
import type { Verb } from '../sim/apiserver/types';

export interface ResourceRoute {
  kind: 'resource';
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
}

export type Route =
  | { kind: 'version' }
  | { kind: 'health'; check: string }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'group'; group: string }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'openapi-v2' }
  | { kind: 'openapi-v3' }
  | { kind: 'openapi-v3-gv'; group: string; version: string }
  | ResourceRoute
  | { kind: 'unknown' };

/** Namespace subresources: /api/v1/namespaces/{name}/status is the namespace's, not a resource. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  const [first, second, third, fourth] = parts;
  if (parts.length === 0) return { kind: 'unknown' };
  if (first === 'version' && parts.length === 1) return { kind: 'version' };
  if (first === 'healthz' || first === 'livez' || first === 'readyz') return { kind: 'health', check: first };
  if (first === 'openapi') {
    if (second === 'v2' && parts.length === 2) return { kind: 'openapi-v2' };
    if (second === 'v3' && parts.length === 2) return { kind: 'openapi-v3' };
    if (second === 'v3' && third === 'api' && fourth && parts.length === 4) return { kind: 'openapi-v3-gv', group: '', version: fourth };
    if (second === 'v3' && third === 'apis' && fourth && parts[4] && parts.length === 5) {
      return { kind: 'openapi-v3-gv', group: fourth, version: parts[4] };
    }
    return { kind: 'unknown' };
  }
  if (first === 'api') {
    if (parts.length === 1) return { kind: 'api' };
    if (parts.length === 2) return { kind: 'groupVersion', group: '', version: second as string };
    return resourceRoute('', second as string, parts.slice(2));
  }
  if (first === 'apis') {
    if (parts.length === 1) return { kind: 'apis' };
    if (parts.length === 2) return { kind: 'group', group: second as string };
    if (parts.length === 3) return { kind: 'groupVersion', group: second as string, version: third as string };
    return resourceRoute(second as string, third as string, parts.slice(3));
  }
  return { kind: 'unknown' };
}

function resourceRoute(group: string, version: string, rest: string[]): Route {
  let namespace: string | undefined;
  let parts = rest;
  if (parts[0] === 'namespaces' && parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2] as string)) {
    namespace = parts[1];
    parts = parts.slice(2);
  }
  const [resource, name, subresource, ...extra] = parts;
  if (!resource || extra.length > 0) return { kind: 'unknown' };
  const route: ResourceRoute = { kind: 'resource', group, version, resource };
  if (namespace !== undefined) route.namespace = namespace;
  if (name !== undefined) route.name = name;
  if (subresource !== undefined) route.subresource = subresource;
  return route;
}

/** The API verb of a method on a route (watch when ?watch=true on a GET). */
export function verbOf(method: string, route: ResourceRoute, watch: boolean): Verb | undefined {
  switch (method) {
    case 'GET':
      if (watch) return 'watch';
      return route.name !== undefined ? 'get' : 'list';
    case 'POST':
      return route.name === undefined || route.subresource !== undefined ? 'create' : undefined;
    case 'PUT':
      return route.name !== undefined ? 'update' : undefined;
    case 'PATCH':
      return route.name !== undefined ? 'patch' : undefined;
    case 'DELETE':
      return route.name !== undefined ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}
