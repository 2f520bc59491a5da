/**
 * kube-apiserver's etcd key layout: `/registry/<resource prefix>/<namespace>/<name>` for
 * namespaced objects and `/registry/<resource prefix>/<name>` for cluster-scoped ones.
 * The resource prefix is not always the resource name: nodes live under `minions` and
 * services under `services/specs`, for historical reasons.
 */

/** The storage prefix kube-apiserver uses by default (--etcd-prefix). */
export const REGISTRY_ROOT = '/registry';

/**
 * A name kube-apiserver refuses to turn into a key. The messages are the registry's
 * BadRequest texts, which the API server returns as 400.
 */
export class InvalidKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidKeyError';
  }
}

function trimSlashes(segment: string): string {
  return segment.replace(/^\/+|\/+$/g, '');
}

/** Names that cannot be a path segment (apimachinery's IsValidPathSegmentName). */
function pathSegmentProblems(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const problems: string[] = [];
  for (const bad of ['/', '%']) if (name.includes(bad)) problems.push(`may not contain '${bad}'`);
  return problems;
}

/**
 * The etcd key of one object. `namespace` undefined or empty means cluster-scoped, like
 * the registry's NoNamespaceKeyFunc.
 */
export function keyFor(etcdPrefix: string, namespace: string | undefined, name: string): string {
  if (name.length === 0) throw new InvalidKeyError('Name parameter required.');
  const problems = pathSegmentProblems(name);
  if (problems.length > 0) {
    throw new InvalidKeyError(`Name parameter invalid: ${JSON.stringify(name)}: ${problems.join(';')}`);
  }
  return prefixFor(etcdPrefix, namespace) + name;
}

/** The range prefix, with its trailing slash, of a resource (in one namespace, if given). */
export function prefixFor(etcdPrefix: string, namespace?: string): string {
  const root = `${REGISTRY_ROOT}/${trimSlashes(etcdPrefix)}/`;
  return namespace ? `${root}${namespace}/` : root;
}
