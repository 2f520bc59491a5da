/**
 * Per-resource rules the generic registry applies around a write, as upstream's
 * "strategies": what create resets, what an update may change, when generation moves.
 */
import type { KubeObject, ResourceInfo } from '../api/types';
import { initialStatus, prepareNamespaceForCreate } from '../api/defaults';
import { jsonEqual } from './json';

/** Resources whose metadata.generation tracks spec changes. */
const WITH_GENERATION = new Set([
  'apps/deployments', 'apps/replicasets', 'apps/statefulsets', 'apps/daemonsets',
  'batch/jobs', 'batch/cronjobs', '/pods',
]);

export function hasGeneration(info: ResourceInfo): boolean {
  return WITH_GENERATION.has(`${info.group}/${info.plural}`);
}

export function hasStatusSubresource(info: ResourceInfo): boolean {
  return info.subresources.includes('status');
}

/** PrepareForCreate: status starts empty (pods start Pending), generation 1. */
export function prepareForCreate(info: ResourceInfo, obj: KubeObject): void {
  if (hasGeneration(info)) obj.metadata.generation = 1;
  if (info.group === '' && info.plural === 'pods') {
    // Mirror pods of static pods are written by the kubelet with their status already set.
    const mirror = obj.metadata.annotations?.['kubernetes.io/config.mirror'];
    if (!mirror || !obj.status) obj.status = { phase: 'Pending', qosClass: qosClass(obj) };
  } else if (info.group === '' && info.plural === 'namespaces') {
    prepareNamespaceForCreate(obj);
  } else if (info.plural !== 'nodes') {
    const initial = initialStatus(info.kind);
    if (initial !== undefined) obj.status = initial;
    else if (hasStatusSubresource(info)) delete obj.status;
  }
  if (info.group === 'batch' && info.plural === 'jobs') generateJobSelector(obj);
}

/**
 * jobStrategy's generateSelectorIfNeeded: unless manualSelector, the template gets the
 * job-name and controller-uid labels (new and legacy keys) and the selector matches the
 * controller-uid. Needs the uid, so it runs after the uid is assigned.
 */
function generateJobSelector(obj: KubeObject): void {
  const spec = (obj.spec ?? {}) as {
    manualSelector?: boolean;
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: { labels?: Record<string, string> } };
  };
  if (spec.manualSelector) return;
  const template = (spec.template ??= {});
  const meta = (template.metadata ??= {});
  const labels = (meta.labels ??= {});
  const name = obj.metadata.name ?? '';
  const uid = obj.metadata.uid ?? '';
  for (const key of ['job-name', 'batch.kubernetes.io/job-name']) if (!(key in labels)) labels[key] = name;
  for (const key of ['controller-uid', 'batch.kubernetes.io/controller-uid']) if (!(key in labels)) labels[key] = uid;
  const selector = (spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  if (!('batch.kubernetes.io/controller-uid' in matchLabels)) matchLabels['batch.kubernetes.io/controller-uid'] = uid;
  obj.spec = spec;
}

interface ResourcesLike {
  requests?: Record<string, unknown>;
  limits?: Record<string, unknown>;
}

/** The pod's QoS class from its containers' requests and limits (pkg/apis/core/v1/helper/qos). */
export function qosClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = (pod.spec ?? {}) as { containers?: { resources?: ResourcesLike }[]; initContainers?: { resources?: ResourcesLike }[] };
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || String(q) !== String(l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function specPart(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}

/**
 * PrepareForUpdate of the main resource: status comes from the old object when the
 * resource has a status subresource; generation moves when anything but metadata and
 * status changed.
 */
export function prepareForUpdate(info: ResourceInfo, obj: KubeObject, old: KubeObject): void {
  if (info.group === '' && info.plural === 'namespaces') {
    // Only namespaces/finalize changes spec.finalizers.
    const finalizers = (old.spec as { finalizers?: string[] } | undefined)?.finalizers;
    const spec = { ...((obj.spec as object | undefined) ?? {}) } as { finalizers?: string[] };
    if (finalizers === undefined) delete spec.finalizers;
    else spec.finalizers = finalizers;
    obj.spec = spec;
  }
  if (hasStatusSubresource(info)) {
    if (old.status === undefined) delete obj.status;
    else obj.status = old.status;
  }
  if (hasGeneration(info)) {
    const gen = old.metadata.generation ?? 1;
    // A Deployment's annotations count too: they are copied onto its ReplicaSets.
    const annotationsChanged =
      info.group === 'apps' && info.plural === 'deployments' && !jsonEqual(obj.metadata.annotations ?? {}, old.metadata.annotations ?? {});
    obj.metadata.generation = !annotationsChanged && jsonEqual(specPart(obj), specPart(old)) ? gen : gen + 1;
  }
}

/** Status subresource update: everything but status comes from the old object. */
export function prepareForStatusUpdate(obj: KubeObject, old: KubeObject): KubeObject {
  const next: KubeObject = { ...old, metadata: { ...old.metadata } };
  if (obj.status === undefined) delete next.status;
  else next.status = obj.status;
  // deploymentStatusStrategy resets only spec and labels, so annotations written through
  // deployments/status stick: the deployment controller sets deployment.kubernetes.io/revision
  // that way.
  if (old.kind === 'Deployment' && old.apiVersion === 'apps/v1') {
    if (obj.metadata?.annotations === undefined) delete next.metadata.annotations;
    else next.metadata.annotations = obj.metadata.annotations;
  }
  return next;
}

/** namespaces/finalize: everything but status comes from the request (spec.finalizers above all). */
export function prepareForFinalize(obj: KubeObject, old: KubeObject): void {
  if (old.status === undefined) delete obj.status;
  else obj.status = old.status;
}
