/**
 * The pod network shared by every node of one cluster: which IP belongs to which node's
 * runtime, so a packet leaving a pod or a node (after kube-proxy's rules) finds the pod
 * that answers. There is one per API server, found through a WeakMap, because nodes are
 * started one by one by the composition root.
 */
import type { HttpRequestInfo, ServedAnswer } from './runtime/servers';

/** Something reachable at an IP: a pod's sandbox or a node (host network). */
export interface Reachable {
  node: string;
  /** Pod namespace/name, or undefined for the node itself. */
  pod?: string;
  /** Connects to a port: undefined when nothing listens (connection refused). */
  connect(port: number, protocol: 'TCP' | 'UDP'): Connection | undefined;
}

export interface Connection {
  /** Container that accepted the connection. */
  container: string;
  /** HTTP servers answer requests; plain TCP servers only accept. */
  http: boolean;
  request(req: Omit<HttpRequestInfo, 'podName' | 'podIP' | 'now'>): ServedAnswer;
}

/** A node's kube-proxy as the network sees it: where packets leaving that node are rewritten. */
export interface NodeProxy {
  node: string;
}

export class PodNetwork {
  private readonly byIP = new Map<string, Reachable>();
  private readonly nodeIPs = new Map<string, string>();
  readonly proxies = new Map<string, NodeProxy>();

  register(ip: string, target: Reachable): void {
    this.byIP.set(ip, target);
  }

  unregister(ip: string, target: Reachable): void {
    if (this.byIP.get(ip) === target) this.byIP.delete(ip);
  }

  lookup(ip: string): Reachable | undefined {
    return this.byIP.get(ip);
  }

  setNodeIP(node: string, ip: string): void {
    this.nodeIPs.set(node, ip);
  }

  nodeIP(node: string): string | undefined {
    return this.nodeIPs.get(node);
  }

  isNodeIP(ip: string): boolean {
    return [...this.nodeIPs.values()].includes(ip);
  }

  /** The node that owns an IP (its node IP or one of its pods'). */
  nodeOf(ip: string): string | undefined {
    return this.byIP.get(ip)?.node;
  }
}

const networks = new WeakMap<object, PodNetwork>();

export function networkFor(key: object): PodNetwork {
  let n = networks.get(key);
  if (!n) networks.set(key, (n = new PodNetwork()));
  return n;
}
