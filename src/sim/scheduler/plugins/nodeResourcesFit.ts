/**
 * NodeResourcesFit: Filter checks the pod's requests, and the pod count, against what the
 * node's allocatable leaves free; Score is LeastAllocated over cpu and memory (weight 1 each),
 * counting a missing request as 100m cpu / 200Mi memory.
 */
import { Action } from '../framework/events';
import type { CycleState, Handle, Plugin } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import { PodInfo } from '../framework/podInfo';
import { resourceFromNodeList, type Resource } from '../framework/resources';
import { Status } from '../framework/status';
import type { NodeObj, PodObj } from '../framework/types';
import {
  DEFAULT_RESOURCES, leastRequestedScore, podRequestsFor, resourceAllocationScore, type ResourceSpec,
} from './helpers/scoring';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
const PRE_SCORE_KEY = `PreScore${NODE_RESOURCES_FIT}`;

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  /** No amount of preemption on this node can help: the request exceeds allocatable itself. */
  unresolvable: boolean;
}

function check(out: InsufficientResource[], name: string, r: number, a: number, u: number, reason: string): void {
  if (r > 0 && r > a - u) out.push({ resourceName: name, reason, requested: r, used: u, capacity: a, unresolvable: r > a });
}

/** The common case without allocating: does everything fit? */
function fitsQuickly(req: Resource, ni: NodeInfo): boolean {
  const alloc = ni.allocatable;
  const used = ni.requested;
  if (ni.pods.size + 1 > alloc.allowedPodNumber) return false;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) return false;
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) return false;
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) return false;
  if (req.scalar.size > 0) {
    for (const [name, r] of req.scalar) if (r > 0 && r > (alloc.scalar.get(name) ?? 0) - (used.scalar.get(name) ?? 0)) return false;
  }
  return true;
}

/** fitsRequest: every resource the node cannot give the pod. */
export function fitsRequest(req: Resource, ni: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  if (fitsQuickly(req, ni)) return out;
  const alloc = ni.allocatable;
  const used = ni.requested;
  if (ni.pods.size + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: ni.pods.size, capacity: alloc.allowedPodNumber, unresolvable: false });
  }
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && req.scalar.size === 0) return out;
  check(out, 'cpu', req.milliCPU, alloc.milliCPU, used.milliCPU, 'Insufficient cpu');
  check(out, 'memory', req.memory, alloc.memory, used.memory, 'Insufficient memory');
  check(out, 'ephemeral-storage', req.ephemeralStorage, alloc.ephemeralStorage, used.ephemeralStorage, 'Insufficient ephemeral-storage');
  for (const [name, r] of req.scalar) check(out, name, r, alloc.scalar.get(name) ?? 0, used.scalar.get(name) ?? 0, `Insufficient ${name}`);
  return out;
}

/** LeastAllocated: the weighted average share left free per resource. */
export function leastResourceScorer(resources: readonly ResourceSpec[]) {
  return (requested: number[], allocatable: number[]): number => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      const alloc = allocatable[i] ?? 0;
      if (alloc === 0) continue;
      const w = resources[i]?.weight ?? 1;
      nodeScore += leastRequestedScore(requested[i] ?? 0, alloc) * w;
      weightSum += w;
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  };
}

export function newNodeResourcesFit(_h?: Handle, resources: readonly ResourceSpec[] = DEFAULT_RESOURCES): Plugin {
  const scorer = leastResourceScorer(resources);
  return {
    name: NODE_RESOURCES_FIT,
    preFilter: () => ({}),
    filter(_state, pod, nodeInfo) {
      if (fitsQuickly(pod.requests, nodeInfo)) return null;
      const insufficient = fitsRequest(pod.requests, nodeInfo);
      if (insufficient.length === 0) return null;
      const code = insufficient.some((r) => r.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
      return new Status(code, insufficient.map((r) => r.reason));
    },
    preScore(state: CycleState, pod) {
      state.write(PRE_SCORE_KEY, podRequestsFor(pod, resources, false));
      return null;
    },
    score(state, pod, nodeInfo) {
      const reqs = state.read<number[]>(PRE_SCORE_KEY) ?? podRequestsFor(pod, resources, false);
      return resourceAllocationScore(nodeInfo, reqs, resources, false, scorer);
    },
    eventsToRegister: () => [
      {
        resource: 'Pod',
        actions: Action.Delete | Action.UpdatePodScaleDown,
        hint: (_pod, oldObj) => ((oldObj as PodObj | undefined)?.spec?.nodeName ? 'Queue' : 'Skip'),
      },
      {
        resource: 'Node',
        actions: Action.Add | Action.UpdateNodeAllocatable | Action.UpdateNodeTaint | Action.UpdateNodeLabel,
        hint: (pod, _old, newObj) => (fitsAllocatable(pod, newObj as NodeObj) ? 'Queue' : 'Skip'),
      },
    ],
  };
}

/** isFit: would the pod fit the node if it were empty (what a node event can change). */
function fitsAllocatable(pod: PodObj, node: NodeObj | undefined): boolean {
  if (!node) return false;
  const req = new PodInfo(pod).requests;
  const alloc = resourceFromNodeList(node.status?.allocatable as Record<string, unknown> | undefined);
  if (alloc.allowedPodNumber < 1) return false;
  if (req.milliCPU > alloc.milliCPU || req.memory > alloc.memory || req.ephemeralStorage > alloc.ephemeralStorage) return false;
  for (const [k, v] of req.scalar) if (v > (alloc.scalar.get(k) ?? 0)) return false;
  return true;
}
