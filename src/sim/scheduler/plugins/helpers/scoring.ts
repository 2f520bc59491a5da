/**
 * Shared scoring pieces: helper.DefaultNormalizeScore and noderesources' resourceAllocationScorer
 * (the node's requested plus the pod's request, against allocatable, per resource).
 */
import type { NodeScore } from '../../framework/interface';
import type { NodeInfo } from '../../framework/nodeInfo';
import type { PodInfo } from '../../framework/podInfo';
import { isScalarResourceName } from '../../framework/resources';
import { MAX_NODE_SCORE } from '../../framework/types';

/** DefaultNormalizeScore: scale to 0..maxPriority by the highest score (integer division); reverse flips it. */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  let max = 0;
  for (const s of scores) if (s.score > max) max = s.score;
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    let v = Math.trunc((maxPriority * s.score) / max);
    if (reverse) v = maxPriority - v;
    s.score = v;
  }
}

export interface ResourceSpec {
  name: string;
  weight: number;
}

/** The default profile's scoring resources: cpu and memory, weight 1 each. */
export const DEFAULT_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** The pod's request per resource; without useRequested a missing cpu/memory request counts as 100m/200Mi. */
export function podRequestsFor(pod: PodInfo, resources: readonly ResourceSpec[], useRequested: boolean): number[] {
  return resources.map((r) => {
    if (r.name === 'cpu') return useRequested ? pod.requests.milliCPU : pod.nonZeroCPU;
    if (r.name === 'memory') return useRequested ? pod.requests.memory : pod.nonZeroMem;
    if (r.name === 'ephemeral-storage') return pod.requests.ephemeralStorage;
    return pod.requests.scalar.get(r.name) ?? 0;
  });
}

/** calculateResourceAllocatableRequest: [allocatable, requested including the pod]. */
function allocatableRequest(ni: NodeInfo, resource: string, podRequest: number, useRequested: boolean): [number, number] {
  if (podRequest === 0 && isScalarResourceName(resource)) return [0, 0];
  switch (resource) {
    case 'cpu':
      return [ni.allocatable.milliCPU, (useRequested ? ni.requested.milliCPU : ni.nonZeroCPU) + podRequest];
    case 'memory':
      return [ni.allocatable.memory, (useRequested ? ni.requested.memory : ni.nonZeroMem) + podRequest];
    case 'ephemeral-storage':
      return [ni.allocatable.ephemeralStorage, ni.requested.ephemeralStorage + podRequest];
    default:
      if (isScalarResourceName(resource)) return [ni.allocatable.scalar.get(resource) ?? 0, (ni.requested.scalar.get(resource) ?? 0) + podRequest];
      return [0, 0];
  }
}

export type ResourceScorer = (requested: number[], allocatable: number[]) => number;

export function resourceAllocationScore(
  ni: NodeInfo,
  podRequests: number[],
  resources: readonly ResourceSpec[],
  useRequested: boolean,
  scorer: ResourceScorer,
): number {
  const n = resources.length;
  const requested: number[] = new Array<number>(n);
  const allocatable: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const [alloc, req] = allocatableRequest(ni, (resources[i] as ResourceSpec).name, podRequests[i] ?? 0, useRequested);
    allocatable[i] = alloc;
    requested[i] = alloc === 0 ? 0 : req;
  }
  return scorer(requested, allocatable);
}

/** leastRequestedScore: the share of the resource left free, 0..100. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}
