/** Subresources: pods/binding, status, scale and pods/log. */
import type { KubeObject, ResourceInfo } from '../api/types';
import { newBadRequest, newConflict, newMethodNotSupported, newNotFound, notFoundPath } from '../api/errors';
import { deepClone, setCondition } from '../api/objects';
import type { ApiRequest, ApiResponse } from './types';
import { readKey, writeObject, type ServerContext } from './context';
import { commitUpdate } from './update';
import { applyPatch } from './patch';
import { selectorString } from './filter';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

export function handleSubresource(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const sub = req.subresource ?? '';
  if (!info.subresources.includes(sub)) throw notFoundPath();
  if (sub === 'binding') return bind(ctx, info, req);
  if (sub === 'status') return status(ctx, info, req);
  if (sub === 'scale') return scale(ctx, info, req);
  if (sub === 'log') return logs(ctx, info, req);
  throw newMethodNotSupported(info, req.verb);
}

function current(ctx: ServerContext, info: ResourceInfo, req: ApiRequest) {
  const kv = readKey(ctx, info, req.namespace, req.name ?? '');
  if (!kv) throw newNotFound(info, req.name ?? '');
  return kv;
}

function bind(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  if (req.verb !== 'create') throw newMethodNotSupported({ group: '', plural: 'pods/binding' }, req.verb);
  const body = (req.body ?? {}) as { target?: { name?: string; kind?: string } };
  const nodeName = body.target?.name;
  if (!nodeName) throw newBadRequest('Binding.target.name: Required value');
  const kv = current(ctx, info, req);
  const pod = deepClone(kv.value) as unknown as KubeObject;
  const spec = (pod.spec ?? {}) as { nodeName?: string };
  const bindingRes = { group: '', plural: 'pods/binding' };
  if (pod.metadata.deletionTimestamp) {
    throw newConflict(bindingRes, req.name ?? '', `pod ${req.name ?? ''} is being deleted, cannot be assigned to a host`);
  }
  if (spec.nodeName) {
    throw newConflict(bindingRes, req.name ?? '', `pod ${req.name ?? ''} is already assigned to node "${spec.nodeName}"`);
  }
  spec.nodeName = nodeName;
  pod.spec = spec;
  const st = (pod.status ?? {}) as { conditions?: { type: string; status: string; lastProbeTime?: null; lastTransitionTime?: string }[] };
  st.conditions = setCondition(st.conditions, { type: 'PodScheduled', status: 'True', lastProbeTime: null }, ctx.loop.now());
  pod.status = st;
  const res = writeObject(ctx, info, pod, kv.modRevision);
  if (!res.ok) throw newConflict(info, req.name ?? '');
  return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}

function status(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const kv = current(ctx, info, req);
  if (req.verb === 'get') return { code: 200, body: kv.value };
  if (req.verb === 'update') {
    const obj = deepClone(req.body) as KubeObject;
    return commitUpdate(ctx, info, req, obj, kv, 'status');
  }
  if (req.verb === 'patch') {
    const patched = applyPatch(info, kv.value as unknown as KubeObject, req.body, req.query?.patchType ?? 'strategic');
    return commitUpdate(ctx, info, req, patched, kv, 'status');
  }
  throw newMethodNotSupported(info, req.verb);
}

interface ScalableSpec {
  replicas?: number;
  selector?: LabelSelector;
}

function scaleOf(obj: KubeObject): Record<string, unknown> {
  const spec = (obj.spec ?? {}) as ScalableSpec;
  const st = (obj.status ?? {}) as { replicas?: number };
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: st.replicas ?? 0, selector: selectorString(spec.selector) },
  };
}

function scale(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const kv = current(ctx, info, req);
  const obj = kv.value as unknown as KubeObject;
  if (req.verb === 'get') return { code: 200, body: scaleOf(obj) };
  let scaleObj: Record<string, unknown>;
  if (req.verb === 'update') scaleObj = deepClone(req.body) as Record<string, unknown>;
  else if (req.verb === 'patch') {
    scaleObj = applyPatch({ ...info, kind: 'Scale' }, scaleOf(obj) as unknown as KubeObject, req.body, req.query?.patchType ?? 'merge') as unknown as Record<string, unknown>;
  } else throw newMethodNotSupported(info, req.verb);
  const replicas = (scaleObj.spec as { replicas?: unknown } | undefined)?.replicas;
  const rv = (scaleObj.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
  const next = deepClone(obj);
  next.spec = { ...(next.spec as object), replicas: typeof replicas === 'number' ? replicas : 0 };
  if (rv) next.metadata.resourceVersion = rv;
  else delete next.metadata.resourceVersion;
  const res = commitUpdate(ctx, info, req, next, kv, undefined);
  return { code: res.code, body: scaleOf(res.body as unknown as KubeObject) };
}

function logs(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  if (req.verb !== 'get') throw newMethodNotSupported(info, req.verb);
  const kv = current(ctx, info, req);
  const pod = kv.value as unknown as KubeObject;
  const containers = ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((c) => c.name);
  let container = req.query?.container;
  if (!container) {
    if (containers.length !== 1) {
      throw newBadRequest(
        `a container name must be specified for pod ${pod.metadata.name ?? ''}, choose one of: [${containers.join(' ')}]`,
      );
    }
    container = containers[0];
  } else if (!containers.includes(container)) {
    throw newBadRequest(`container ${container} is not valid for pod ${pod.metadata.name ?? ''}`);
  }
  const source = ctx.logSource;
  const text = source ? source(pod.metadata.namespace ?? '', pod.metadata.name ?? '', container, req.query?.tailLines) : '';
  return { code: 200, body: { kind: 'Log', text } };
}
