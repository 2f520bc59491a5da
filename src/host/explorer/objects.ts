/**
 * Reaching one object of the simulated cluster through its API server, as kubectl would:
 * by apiVersion and kind, and the names kubectl prints for it (deployment.apps/web).
 */
import type { Cluster } from '../../sim/cluster';
import type { KubeObject, ResourceInfo, Status } from '../../sim/api/types';
import type { ItemRef } from './item';

export function infoFor(cluster: Cluster, ref: Pick<ItemRef, 'apiVersion' | 'kind'>): ResourceInfo | undefined {
  return cluster.api.registry.byKind(ref.apiVersion, ref.kind);
}

/** kubectl's "kind.group": deployment.apps, service, node. */
export function kindArg(info: Pick<ResourceInfo, 'kind' | 'group'>): string {
  return info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
}

/** kubectl's "resource.group" for errors: deployments.apps, services. */
export function resourceArg(info: Pick<ResourceInfo, 'plural' | 'group'>): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

export interface Answer<T> {
  ok: boolean;
  value?: T;
  /** kubectl's error line when not ok. */
  error?: string;
}

function call(cluster: Cluster, info: ResourceInfo, verb: 'get' | 'delete', ref: ItemRef, subresource?: string, query?: Record<string, string | number>): Answer<Record<string, unknown>> {
  const res = cluster.api.handle({
    verb,
    group: info.group,
    version: info.version,
    resource: info.plural,
    namespace: info.namespaced ? (ref.namespace ?? 'default') : undefined,
    name: ref.name,
    subresource,
    query,
    user: cluster.kubectl.identity.user,
    from: 'kubectl',
  });
  if (res.code < 400) return { ok: true, value: res.body as Record<string, unknown> };
  const status = res.body as unknown as Status;
  return { ok: false, error: `Error from server${status.reason ? ` (${status.reason})` : ''}: ${status.message ?? ''}` };
}

export function getObject(cluster: Cluster, ref: ItemRef): Answer<KubeObject> {
  const info = infoFor(cluster, ref);
  if (!info) return { ok: false, error: `error: the server doesn't have a resource type "${ref.kind.toLowerCase()}"` };
  const a = call(cluster, info, 'get', ref);
  return a.ok ? { ok: true, value: a.value as unknown as KubeObject } : { ok: false, error: a.error ?? '' };
}

/** `kubectl delete kind/name`: kubectl's own line either way. */
export function deleteObject(cluster: Cluster, ref: ItemRef): Answer<string> {
  const info = infoFor(cluster, ref);
  if (!info) return { ok: false, error: `error: the server doesn't have a resource type "${ref.kind.toLowerCase()}"` };
  const a = call(cluster, info, 'delete', ref);
  return a.ok ? { ok: true, value: `${kindArg(info)} "${ref.name}" deleted` } : { ok: false, error: a.error ?? '' };
}

/** `kubectl logs pod [-c container]` through pods/log. */
export function podLogs(cluster: Cluster, namespace: string, pod: string, container?: string): Answer<string> {
  const info = cluster.api.registry.byKind('v1', 'Pod');
  if (!info) return { ok: false, error: 'error: no pods resource' };
  const a = call(cluster, info, 'get', { apiVersion: 'v1', kind: 'Pod', namespace, name: pod }, 'log', container ? { container } : undefined);
  return a.ok ? { ok: true, value: String((a.value as { text?: unknown } | undefined)?.text ?? '') } : { ok: false, error: a.error ?? '' };
}

/** The object as `kubectl get -o yaml` shows it: managedFields are hidden by default. */
export function forDisplay(o: KubeObject): KubeObject {
  const { managedFields: _hidden, ...metadata } = o.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  return { ...o, metadata };
}
