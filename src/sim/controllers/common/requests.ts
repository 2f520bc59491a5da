/**
 * Requests sim/client's Client does not offer yet (DELETE on a collection, PUT on a
 * subresource such as namespaces/finalize): the same request Client would send, through
 * the same ApiHandler, as the controller's own identity, throwing StatusError likewise.
 */
import { StatusError } from '../../api/errors';
import type { KubeObject, Status } from '../../api/types';
import type { Client, GVR } from '../../client';
import type { ApiRequest, RequestQuery } from '../../apiserver/types';

function send(client: Client, req: Omit<ApiRequest, 'user' | 'from'>): Readonly<Record<string, unknown>> {
  const res = client.api.handle({ ...req, user: client.identity.user, from: client.component });
  if (res.code >= 400) throw new StatusError(res.body as unknown as Status);
  return res.body;
}

/** DELETE .../<resource> (deletecollection). */
export function deleteCollection(client: Client, gvr: GVR, namespace: string, query?: RequestQuery): void {
  send(client, { verb: 'deletecollection', ...gvr, namespace, query });
}

/** PUT .../<name>/<subresource>. */
export function updateSubresource<T extends KubeObject>(client: Client, gvr: GVR, obj: T, subresource: string): T {
  return send(client, {
    verb: 'update',
    ...gvr,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    subresource,
    body: obj,
  }) as unknown as T;
}
