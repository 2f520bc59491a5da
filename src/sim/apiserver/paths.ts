/** URL paths and HTTP methods as kube-apiserver serves them, for the trace and the HTTP layer. */
import type { ResourceInfo } from '../api/types';
import type { Verb } from './types';

export const HTTP_METHOD: Record<Verb, string> = {
  create: 'POST',
  get: 'GET',
  list: 'GET',
  watch: 'GET',
  update: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  deletecollection: 'DELETE',
};

/** /api/v1/namespaces/default/pods/web-1/binding, /apis/apps/v1/namespaces/default/deployments */
export function resourcePath(
  info: Pick<ResourceInfo, 'group' | 'version' | 'plural' | 'namespaced'>,
  namespace?: string,
  name?: string,
  subresource?: string,
): string {
  let p = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
  if (info.namespaced && namespace) p += `/namespaces/${namespace}`;
  p += `/${info.plural}`;
  if (name) p += `/${name}`;
  if (name && subresource) p += `/${subresource}`;
  return p;
}

/** etcd key of one object: /registry/deployments/default/nginx-deployment, /registry/minions/worker-1 */
export function storageKey(info: Pick<ResourceInfo, 'etcdPrefix' | 'namespaced'>, namespace: string | undefined, name: string): string {
  return info.namespaced ? `/registry/${info.etcdPrefix}/${namespace ?? ''}/${name}` : `/registry/${info.etcdPrefix}/${name}`;
}

/** Range prefix for a list: every namespace, or one. Always ends with '/'. */
export function storagePrefix(info: Pick<ResourceInfo, 'etcdPrefix' | 'namespaced'>, namespace?: string): string {
  return info.namespaced && namespace ? `/registry/${info.etcdPrefix}/${namespace}/` : `/registry/${info.etcdPrefix}/`;
}
