/**
 * framework.Diagnosis and FitError: why no node fits, aggregated as upstream's
 * FitError.Error() prints it: "0/3 nodes are available: 1 node(s) had untolerated taint
 * {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: ..." with the
 * "count reason" strings sorted as Go's sort.Strings sorts them.
 */
import { NodeToStatus } from './nodeToStatus';
import type { Status } from './status';

export const NO_NODE_AVAILABLE_MSG = (n: number): string => `0/${n} nodes are available`;

export class Diagnosis {
  nodeToStatus = new NodeToStatus();
  unschedulablePlugins = new Set<string>();
  pendingPlugins = new Set<string>();
  preFilterMsg = '';
  postFilterMsg = '';

  /** AddPluginStatus: remember which plugin rejected the pod, for requeueing. */
  addPluginStatus(s: Status): void {
    if (!s.plugin) return;
    if (s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable' || s.code === 'Pending') this.unschedulablePlugins.add(s.plugin);
    if (s.code === 'Pending') this.pendingPlugins.add(s.plugin);
  }
}

/** The reason histogram: reason -> number of nodes that gave it. */
export function reasonHistogram(numAllNodes: number, statuses: NodeToStatus): Map<string, number> {
  const reasons = new Map<string, number>();
  for (const [, s] of statuses.entries()) for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  if (statuses.size < numAllNodes) {
    for (const r of statuses.absentNodesStatus.reasons) reasons.set(r, (reasons.get(r) ?? 0) + numAllNodes - statuses.size);
  }
  return reasons;
}

/** Go's sort.Strings compares bytes; for these ASCII texts plain code-unit order is the same. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `${NO_NODE_AVAILABLE_MSG(numAllNodes)}:`;
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const parts = [...reasonHistogram(numAllNodes, d.nodeToStatus)].map(([r, n]) => `${n} ${r}`).sort(byteOrder);
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** A scheduling failure because no node fits (as opposed to an internal error). */
export class FitError {
  constructor(
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {}

  get message(): string {
    return fitErrorMessage(this.numAllNodes, this.diagnosis);
  }
}

export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
