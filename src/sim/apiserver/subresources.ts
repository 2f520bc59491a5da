/** Subresources: pods/binding, status, scale and pods/log. */
import type { KubeObject, ResourceInfo } from '../api/types';
import { newBadRequest, newConflict, newInvalid, newNotFound, notFoundPath, StatusError } from '../api/errors';
import { fieldErrors, newPath } from '../api/fieldErrors';
import { deepClone, setCondition } from '../api/objects';
import type { ApiRequest, ApiResponse } from './types';
import { readKey, writeObject, type ServerContext } from './context';
import { checkPatchOptions, commitUpdate } from './update';
import { applyRequest } from './apply';
import { newMethodNotAllowed } from './httpErrors';
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
  if (sub === 'finalize') return finalize(ctx, info, req);
  throw newMethodNotAllowed();
}

function current(ctx: ServerContext, info: ResourceInfo, req: ApiRequest) {
  const kv = readKey(ctx, info, req.namespace, req.name ?? '');
  if (!kv) throw newNotFound(info, req.name ?? '');
  return kv;
}

/** BindingREST.Create: the scheduler's POST pods/<name>/binding. */
function bind(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  if (req.verb !== 'create') throw newMethodNotAllowed();
  const body = (req.body ?? {}) as { metadata?: { name?: string; uid?: string; annotations?: Record<string, string> }; target?: { name?: string; kind?: string } };
  const name = req.name ?? '';
  if ((body.metadata?.name ?? '') !== name) throw newBadRequest('name in URL does not match name in Binding object');
  // ValidatePodBinding's errors reach the client as a bare error: a 500 without a reason.
  const problems: string[] = [];
  const kind = body.target?.kind ?? '';
  if (kind !== '' && kind !== 'Node') problems.push(`target.kind: Unsupported value: "${kind}": supported values: "Node", "<empty>"`);
  if (!body.target?.name) problems.push('target.name: Required value');
  if (problems.length > 0) {
    throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`, code: 500 });
  }
  const nodeName = body.target?.name ?? '';
  const kv = current(ctx, info, req);
  const pod = deepClone(kv.value) as unknown as KubeObject;
  const uid = body.metadata?.uid;
  if (uid && uid !== pod.metadata.uid) {
    throw newConflict(info, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${pod.metadata.uid ?? ''}`);
  }
  const spec = (pod.spec ?? {}) as { nodeName?: string; schedulingGates?: unknown[] };
  const bindingRes = { group: '', plural: 'pods/binding' };
  if (pod.metadata.deletionTimestamp) {
    throw newConflict(bindingRes, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  }
  if (spec.nodeName) {
    throw newConflict(bindingRes, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
  }
  if ((spec.schedulingGates ?? []).length > 0) throw newConflict(bindingRes, name, `pod ${name} has non-empty .spec.schedulingGates`);
  spec.nodeName = nodeName;
  pod.spec = spec;
  if (body.metadata?.annotations) pod.metadata.annotations = { ...pod.metadata.annotations, ...body.metadata.annotations };
  const st = (pod.status ?? {}) as { conditions?: { type: string; status: string; lastProbeTime?: null; lastTransitionTime?: string }[] };
  st.conditions = setCondition(st.conditions, { type: 'PodScheduled', status: 'True', lastProbeTime: null }, ctx.loop.now());
  pod.status = st;
  if (req.query?.dryRun) return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
  const res = writeObject(ctx, info, pod, kv.modRevision);
  if (!res.ok) throw newConflict(info, name);
  return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}

function status(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  if (req.verb === 'patch') {
    checkPatchOptions(req);
    if (req.query?.patchType === 'apply') return applyRequest(ctx, info, req, 'status');
  }
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
  throw newMethodNotAllowed();
}

const SCALE = { group: 'autoscaling', kind: 'Scale' };

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
  } else throw newMethodNotAllowed();
  const replicas = (scaleObj.spec as { replicas?: unknown } | undefined)?.replicas;
  if (typeof replicas === 'number' && replicas < 0) {
    throw newInvalid(SCALE, obj.metadata.name ?? '', [
      fieldErrors.invalid(newPath('spec', 'replicas'), replicas, 'must be greater than or equal to 0'),
    ]);
  }
  const rv = (scaleObj.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
  const next = deepClone(obj);
  next.spec = { ...(next.spec as object), replicas: typeof replicas === 'number' ? replicas : 0 };
  if (rv) next.metadata.resourceVersion = rv;
  else delete next.metadata.resourceVersion;
  const res = commitUpdate(ctx, info, req, next, kv, undefined, { via: 'scale' });
  return { code: res.code, body: scaleOf(res.body as unknown as KubeObject) };
}

/** namespaces/finalize: PUT only. */
function finalize(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  if (req.verb !== 'update') throw newMethodNotAllowed();
  const kv = current(ctx, info, req);
  return commitUpdate(ctx, info, req, deepClone(req.body) as KubeObject, kv, 'finalize');
}

function logs(ctx: ServerContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  if (req.verb !== 'get') throw newMethodNotAllowed();
  const kv = current(ctx, info, req);
  const pod = kv.value as unknown as KubeObject;
  type Named = { name: string }[] | undefined;
  const spec = (pod.spec ?? {}) as { containers?: Named; initContainers?: Named; ephemeralContainers?: Named };
  const containers = (spec.containers ?? []).map((c) => c.name);
  // VisitContainers' order: init containers, containers, ephemeral containers.
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => c.name);
  let container = req.query?.container;
  if (!container) {
    if (containers.length !== 1) {
      throw newBadRequest(`a container name must be specified for pod ${pod.metadata.name ?? ''}, choose one of: [${all.join(' ')}]`);
    }
    container = containers[0];
  } else if (!all.includes(container)) {
    throw newBadRequest(`container ${container} is not valid for pod ${pod.metadata.name ?? ''}`);
  }
  const source = ctx.logSource;
  const text = source ? source(pod.metadata.namespace ?? '', pod.metadata.name ?? '', container, req.query?.tailLines) : '';
  return { code: 200, body: { kind: 'Log', text } };
}
