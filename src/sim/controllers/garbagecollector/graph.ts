/**
 * The garbage collector's dependency graph (graph.go and graph_builder.go): a node per
 * object uid with its owner references and an index of its dependents, so a change
 * touches only the nodes it names. Owners not yet seen are "virtual" nodes until an
 * informer observes them or the API server says they do not exist.
 */
import type { OwnerReference } from '../../api/kinds';

export interface Identity {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
}

export class GraphNode {
  owners: OwnerReference[] = [];
  readonly dependents = new Set<GraphNode>();
  deletingDependents = false;
  beingDeleted = false;

  constructor(
    public identity: Identity,
    public virtual: boolean,
  ) {}

  /** Dependents whose reference to this node has blockOwnerDeletion: true. */
  blockingDependents(): GraphNode[] {
    return [...this.dependents].filter((d) => d.owners.some((o) => o.uid === this.identity.uid && o.blockOwnerDeletion === true));
  }

  /** Work-queue key: readable in the trace, unique by uid (after the last space). */
  get key(): string {
    const { kind, namespace, name, uid } = this.identity;
    return `${kind} ${namespace ? `${namespace}/` : ''}${name} ${uid}`;
  }

  describe(): string {
    const { kind, namespace, name } = this.identity;
    return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
  }
}

export function uidOfKey(key: string): string {
  return key.slice(key.lastIndexOf(' ') + 1);
}

export class Graph {
  private readonly nodes = new Map<string, GraphNode>();

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  set(node: GraphNode): void {
    this.nodes.set(node.identity.uid, node);
  }

  /** Removes the node and its edges from its owners. */
  remove(node: GraphNode): void {
    this.nodes.delete(node.identity.uid);
    for (const o of node.owners) this.nodes.get(o.uid)?.dependents.delete(node);
  }

  get size(): number {
    return this.nodes.size;
  }
}
