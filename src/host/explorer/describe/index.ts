/**
 * explorer/describe: `kubectl describe` text for an object, from the cluster's objects (its
 * events, owned objects, pods, lease, endpoint slices). Pure: no 'vscode'.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Event, Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject } from '../../../sim/api/types';
import { describeGeneric, describeNode, describeService } from './cluster';
import { describePod } from './pod';
import { describeDeployment, describeReplicaSet } from './workloads';

export { tabulate } from '../tabwriter';
export { rfc1123z } from './writer';

/** The events `kubectl describe` finds for an object (involvedObject matches it). */
export function eventsFor(target: KubeObject, all: readonly KubeObject[]): Event[] {
  return (all.filter((o) => o.kind === 'Event') as unknown as Event[]).filter((e) => {
    const io = e.involvedObject;
    if (io.uid && target.metadata.uid) return io.uid === target.metadata.uid;
    return io.kind === target.kind && io.name === target.metadata.name && (io.namespace ?? '') === (target.metadata.namespace ?? '');
  });
}

function owned<T>(owner: KubeObject, all: readonly KubeObject[], kind: string): T[] {
  return all.filter(
    (o) => o.kind === kind && o.metadata.namespace === owner.metadata.namespace && (o.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid),
  ) as unknown as T[];
}

export function describeObject(target: KubeObject, all: readonly KubeObject[], now: number): string {
  const events = eventsFor(target, all);
  switch (target.kind) {
    case 'Pod':
      return describePod(target as unknown as Pod, events, now);
    case 'Deployment':
      return describeDeployment(target as unknown as Deployment, owned<ReplicaSet>(target, all, 'ReplicaSet'), events, now);
    case 'ReplicaSet':
      return describeReplicaSet(target as unknown as ReplicaSet, owned<Pod>(target, all, 'Pod'), events, now);
    case 'Node': {
      const name = target.metadata.name ?? '';
      const pods = all.filter((o) => o.kind === 'Pod' && (o.spec as { nodeName?: string } | undefined)?.nodeName === name) as unknown as Pod[];
      const lease = all.find((o) => o.kind === 'Lease' && o.metadata.namespace === 'kube-node-lease' && o.metadata.name === name) as unknown as Lease | undefined;
      return describeNode(target as unknown as Node, pods, lease, events, now);
    }
    case 'Service': {
      const slices = all.filter(
        (o) => o.kind === 'EndpointSlice' && o.metadata.namespace === target.metadata.namespace && o.metadata.labels?.['kubernetes.io/service-name'] === target.metadata.name,
      ) as unknown as EndpointSlice[];
      return describeService(target as unknown as Service, slices, events, now);
    }
    default:
      return describeGeneric(target, events, now);
  }
}
