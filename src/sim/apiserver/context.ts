/** What every request handler of the API server shares: the store, the clock, the trace. */
import type { EventLoop, Rng, Tracer } from '../core';
import type { KubeObject, ResourceInfo } from '../api/types';
import type { ResourceRegistry } from '../api/registry';
import type { KVStore, KeyValue } from '../store';
import type { ApiRequest } from './types';
import type { Allocators } from './allocators';
import { storageKey } from './paths';
import { deepFreeze } from '../api/objects';

export const APISERVER = 'kube-apiserver';
export const ETCD = 'etcd';

export interface ServerContext {
  store: KVStore;
  loop: EventLoop;
  tracer: Tracer;
  rng: Rng;
  registry: ResourceRegistry;
  allocators: Allocators;
  /** Trace the authn/authz/admission/validation steps of read requests too. */
  traceReads: boolean;
  /** Container logs, from the kubelets (pods/log). */
  logSource?: LogSource;
}

/** Reads a container's log as the kubelet would serve it. */
export type LogSource = (namespace: string, pod: string, container: string | undefined, tailLines?: number) => string;

export function refOf(info: ResourceInfo, obj: { metadata?: { name?: string; namespace?: string; uid?: string } } | undefined, req?: ApiRequest) {
  const name = obj?.metadata?.name ?? req?.name ?? '';
  const namespace = info.namespaced ? (obj?.metadata?.namespace ?? req?.namespace) : undefined;
  const ref: { apiVersion: string; kind: string; name: string; namespace?: string; uid?: string } = {
    apiVersion: info.group === '' ? info.version : `${info.group}/${info.version}`,
    kind: info.kind,
    name,
  };
  if (namespace) ref.namespace = namespace;
  if (obj?.metadata?.uid) ref.uid = obj.metadata.uid;
  return ref;
}

export function readKey(ctx: ServerContext, info: ResourceInfo, namespace: string | undefined, name: string): KeyValue | undefined {
  const key = storageKey(info, namespace, name);
  return ctx.store.get(key);
}

/**
 * Writes one object (create when expectedModRevision is 0) and records the etcd
 * transaction first, so what the commit sets off (watch notifications) names it as cause.
 */
export function writeObject(
  ctx: ServerContext,
  info: ResourceInfo,
  obj: KubeObject,
  expectedModRevision: number,
): { ok: boolean; stored: KubeObject } {
  const key = storageKey(info, obj.metadata.namespace, obj.metadata.name ?? '');
  const rv = String(ctx.store.revision + 1);
  obj.metadata.resourceVersion = rv;
  obj.metadata = inGoOrder(obj.metadata);
  const frozen = deepFreeze(obj);
  const create = expectedModRevision === 0;
  const seq = ctx.tracer.record({
    from: APISERVER,
    to: ETCD,
    channel: 'etcd-txn',
    verb: 'put',
    path: key,
    ref: refOf(info, obj),
    resourceVersion: rv,
    summary: `txn ${create ? 'create' : 'put'} ${key} (revision ${rv})`,
    snapshot: frozen,
  });
  const res = ctx.tracer.withCause(seq, () =>
    ctx.store.txn({
      compare: [{ key, modRevision: expectedModRevision }],
      success: [{ type: 'put', key, value: frozen as unknown as Record<string, unknown> }],
    }),
  );
  if (!res.succeeded) traceFailedTxn(ctx, info, obj, key, create ? 'key already exists' : 'modified since read');
  return { ok: res.succeeded, stored: frozen };
}

function traceFailedTxn(ctx: ServerContext, info: ResourceInfo, obj: KubeObject, key: string, why: string): void {
  ctx.tracer.record({
    from: ETCD,
    to: APISERVER,
    channel: 'etcd-txn',
    verb: 'txn-failed',
    path: key,
    ref: refOf(info, obj),
    summary: `txn compare failed on ${key}: ${why}; nothing written`,
  });
}

/** Deletes one object's key, guarded by its modRevision, and records the transaction. */
export function deleteKey(ctx: ServerContext, info: ResourceInfo, obj: KubeObject, modRevision: number): boolean {
  const key = storageKey(info, obj.metadata.namespace, obj.metadata.name ?? '');
  const rev = ctx.store.revision + 1;
  const seq = ctx.tracer.record({
    from: APISERVER,
    to: ETCD,
    channel: 'etcd-txn',
    verb: 'delete',
    path: key,
    ref: refOf(info, obj),
    resourceVersion: String(rev),
    summary: `txn delete ${key} (revision ${rev})`,
  });
  const res = ctx.tracer.withCause(seq, () => ctx.store.txn({ compare: [{ key, modRevision }], success: [{ type: 'delete', key }] }));
  if (!res.succeeded) traceFailedTxn(ctx, info, obj, key, 'modified since read');
  return res.succeeded;
}

/** ObjectMeta's fields in the order Go serializes them, as `kubectl get -o json` shows. */
const META_ORDER = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
];

/**
 * Every ObjectMeta list and map is omitempty in Go: a patch that removes the last owner
 * reference or label stores no field at all, not an empty one.
 */
function isEmptyCollection(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}

function inGoOrder(meta: KubeObject['metadata']): KubeObject['metadata'] {
  const src = meta as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const keep = (k: string) => src[k] !== undefined && !isEmptyCollection(src[k]);
  for (const k of META_ORDER) if (keep(k)) out[k] = src[k];
  for (const k of Object.keys(src)) if (!(k in out) && keep(k)) out[k] = src[k];
  return out as KubeObject['metadata'];
}
