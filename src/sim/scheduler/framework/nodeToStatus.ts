/**
 * framework.NodeToStatus: each rejected node's status, plus one status for every node that
 * was never evaluated (PreFilter narrowed the nodes, or rejected the pod outright).
 */
import type { NodeInfo } from './nodeInfo';
import { Status, type Code } from './status';

export class NodeToStatus {
  private readonly m = new Map<string, Status>();
  absentNodesStatus: Status = new Status('UnschedulableAndUnresolvable');

  set(node: string, s: Status): void {
    this.m.set(node, s);
  }

  get(node: string): Status {
    return this.m.get(node) ?? this.absentNodesStatus;
  }

  has(node: string): boolean {
    return this.m.has(node);
  }

  get size(): number {
    return this.m.size;
  }

  entries(): IterableIterator<[string, Status]> {
    return this.m.entries();
  }

  /** NodesForStatusCode: the nodes whose status (explicit or absent) has this code. */
  nodesForStatusCode(all: readonly NodeInfo[], code: Code): NodeInfo[] {
    const out: NodeInfo[] = [];
    const absentMatches = this.absentNodesStatus.code === code;
    for (const ni of all) {
      const s = this.m.get(ni.name);
      if (s ? s.code === code : absentMatches) out.push(ni);
    }
    return out;
  }
}
