/**
 * What the cluster holds for an object of the manifest, in a line or two for the hover:
 * `kubectl get`-like state on the kind and name, and on replicas how many Pods are desired,
 * ready and pending, with the Pending reasons the Pods' conditions give. Read quietly (no
 * trace). Pure: no vscode.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Cluster } from '../../sim/cluster';
import type { KubeObject } from '../../sim/api/types';
import { matchesLabelSelector } from '../../sim/api/selectors';
import { R } from '../../sim/client';
import { kubectlName } from '../../sim/client/apply';
import { podStatusText } from '../../sim/apiserver/printers';
import { quietly } from './isolate';

export interface LiveTarget {
  apiVersion: string;
  kind: string;
  name: string;
  /** As written; namespaced kinds without one live in `default`. */
  namespace?: string;
}

type Obj = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const rec = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});

/** The object as stored, or undefined when the cluster has none (or does not know the kind). */
export function liveObject(cluster: Cluster, target: LiveTarget): KubeObject | undefined {
  const info = cluster.api.registry.byKind(target.apiVersion, target.kind);
  if (!info || !target.name) return undefined;
  const namespace = info.namespaced ? (target.namespace ?? 'default') : undefined;
  return quietly(cluster, () => cluster.kubectl.tryGet<KubeObject>({ group: info.group, version: info.version, resource: info.plural }, namespace, target.name));
}

function podsOf(cluster: Cluster, obj: KubeObject): Pod[] {
  const selector = rec(obj.spec).selector as LabelSelector | undefined;
  if (!selector) return [];
  const pods = quietly(cluster, () => cluster.kubectl.list<KubeObject>(R.pods, obj.metadata.namespace).items) as unknown as Pod[];
  return pods.filter((p) => !p.metadata?.deletionTimestamp && matchesLabelSelector(selector, p.metadata?.labels));
}

/** Why a Pod is not running yet: the scheduler's message, or the container's waiting reason. */
export function pendingReason(pod: Pod): string {
  const unscheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unscheduled?.message) return unscheduled.message;
  if (unscheduled?.reason) return unscheduled.reason;
  return podStatusText(pod).reason || 'Pending';
}

/** `replicas: 3 desired, 2 ready, 1 pending: 0/3 nodes are available: ...` */
export function replicasLine(cluster: Cluster, obj: KubeObject): string {
  const desired = num(rec(obj.spec).replicas ?? 1);
  const ready = num(rec(obj.status).readyReplicas);
  const pods = podsOf(cluster, obj).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const pending = pods.filter((p) => (p.status?.phase ?? 'Pending') === 'Pending');
  const parts = [`${desired} desired`, `${ready} ready`];
  const reasons = [...new Set(pending.map(pendingReason))];
  if (pending.length > 0) parts.push(`${pending.length} pending${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}`);
  const notReady = pods.filter((p) => p.status?.phase === 'Running' && !p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  if (notReady.length > 0) parts.push(`${notReady.length} not ready: ${[...new Set(notReady.map((p) => podStatusText(p).reason))].join('; ')}`);
  const missing = desired - pods.length;
  if (missing > 0 && pods.length > 0) parts.push(`${missing} not created yet`);
  return `replicas: ${parts.join(', ')}`;
}

function summary(cluster: Cluster, obj: KubeObject): string {
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  switch (obj.kind) {
    case 'Deployment':
      return `${num(status.readyReplicas)}/${num(spec.replicas ?? 1)} ready, ${num(status.updatedReplicas)} up-to-date, ${num(status.availableReplicas)} available`;
    case 'ReplicaSet':
    case 'StatefulSet':
      return `${num(status.readyReplicas)}/${num(spec.replicas ?? 1)} ready, ${num(status.replicas)} current`;
    case 'DaemonSet':
      return `${num(status.desiredNumberScheduled)} desired, ${num(status.currentNumberScheduled)} current, ${num(status.numberReady)} ready`;
    case 'Job':
      return `${num(status.succeeded)}/${num(spec.completions ?? 1)} succeeded, ${num(status.active)} active, ${num(status.failed)} failed`;
    case 'CronJob':
      return `${((status.active as unknown[] | undefined) ?? []).length} active, last scheduled ${typeof status.lastScheduleTime === 'string' ? status.lastScheduleTime : 'never'}`;
    case 'Pod': {
      const p = obj as unknown as Pod;
      const s = podStatusText(p);
      return `${s.reason}, ${s.ready}/${s.total} ready, ${s.restarts} restarts${p.spec?.nodeName ? `, on ${p.spec.nodeName}` : ', no node yet'}${p.status?.podIP ? `, IP ${p.status.podIP}` : ''}`;
    }
    case 'Service': {
      const ports = ((spec.ports as Obj[] | undefined) ?? []).map((p) => `${String(p.port)}${p.nodePort ? `:${String(p.nodePort)}` : ''}/${String(p.protocol ?? 'TCP')}`);
      return `${String(spec.type ?? 'ClusterIP')}, cluster IP ${String(spec.clusterIP ?? '<none>')}, ports ${ports.join(',') || '<none>'}, ${endpointCount(cluster, obj)} ready endpoints`;
    }
    case 'Node': {
      const ready = ((status.conditions as Obj[] | undefined) ?? []).find((c) => c.type === 'Ready');
      return ready?.status === 'True' ? 'Ready' : 'NotReady';
    }
    default:
      return `stored, resourceVersion ${obj.metadata.resourceVersion ?? '?'}`;
  }
}

function endpointCount(cluster: Cluster, svc: KubeObject): number {
  const slices = quietly(cluster, () => cluster.kubectl.list<KubeObject>(R.endpointslices, svc.metadata.namespace, { labelSelector: `kubernetes.io/service-name=${svc.metadata.name ?? ''}` }).items);
  const ready = new Set<string>();
  for (const s of slices) {
    for (const e of ((s as unknown as { endpoints?: { addresses?: string[]; conditions?: { ready?: boolean } }[] }).endpoints ?? [])) {
      if (e.conditions?.ready !== false) for (const a of e.addresses ?? []) ready.add(a);
    }
  }
  return ready.size;
}

/**
 * Markdown lines on the live object, or a line saying the cluster has none. `focus` picks
 * what the cursor is on: the kind and name get the object's state, replicas its Pods.
 */
export function liveLines(cluster: Cluster, target: LiveTarget, focus: 'object' | 'replicas'): string[] {
  const info = cluster.api.registry.byKind(target.apiVersion, target.kind);
  if (!info || !target.name) return [];
  const obj = liveObject(cluster, target);
  const name = kubectlName(info, target.name);
  if (!obj) return [`$(cloud) **In the cluster:** no ${name} yet (apply the manifest to create it)`];
  if (focus === 'replicas' && ['Deployment', 'ReplicaSet', 'StatefulSet'].includes(obj.kind)) {
    return [`$(cloud) **In the cluster:** ${replicasLine(cluster, obj).replace(/[\\*_[\]<>|]/g, '\\$&')}`];
  }
  return [`$(cloud) **In the cluster:** \`${name}\`: ${summary(cluster, obj).replace(/[\\*_[\]<>|]/g, '\\$&')}`];
}
