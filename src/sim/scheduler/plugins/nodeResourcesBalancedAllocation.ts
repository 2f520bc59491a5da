/**
 * NodeResourcesBalancedAllocation (Score): favours nodes whose cpu and memory would be used
 * in equal shares after placing the pod: (1 - standard deviation of the shares) * 100.
 * Counts requests as written; skips best-effort pods (no requests at all), as 1.33 does.
 */
import type { CycleState, Handle, Plugin } from '../framework/interface';
import { Status } from '../framework/status';
import { MAX_NODE_SCORE } from '../framework/types';
import { DEFAULT_RESOURCES, podRequestsFor, resourceAllocationScore, type ResourceSpec } from './helpers/scoring';

export const NODE_RESOURCES_BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';
const PRE_SCORE_KEY = `PreScore${NODE_RESOURCES_BALANCED_ALLOCATION}`;

export function balancedResourceScorer(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    const alloc = allocatable[i] ?? 0;
    if (alloc === 0) continue;
    const f = Math.min(1, (requested[i] ?? 0) / alloc);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export function newNodeResourcesBalancedAllocation(_h?: Handle, resources: readonly ResourceSpec[] = DEFAULT_RESOURCES): Plugin {
  return {
    name: NODE_RESOURCES_BALANCED_ALLOCATION,
    preScore(state: CycleState, pod) {
      const reqs = podRequestsFor(pod, resources, true);
      if (reqs.every((r) => r === 0)) return Status.skip();
      state.write(PRE_SCORE_KEY, reqs);
      return null;
    },
    score(state, pod, nodeInfo) {
      const reqs = state.read<number[]>(PRE_SCORE_KEY) ?? podRequestsFor(pod, resources, true);
      if (reqs.every((r) => r === 0)) return 0;
      return resourceAllocationScore(nodeInfo, reqs, resources, true, balancedResourceScorer);
    },
  };
}
