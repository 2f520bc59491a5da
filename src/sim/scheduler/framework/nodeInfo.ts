/**
 * framework.NodeInfo: one node and the pods the scheduler counts on it (bound and assumed),
 * with the aggregates kept incrementally so a Filter never walks the pods: requested and
 * non-zero requested resources, used host ports, pods with (anti-)affinity.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import type { PodInfo } from './podInfo';
import { addResource, cloneResource, emptyResource, resourceFromNodeList, type Resource } from './resources';
import type { NodeObj } from './types';

const ANY_IP = '0.0.0.0';
const NO_TAINTS: readonly Taint[] = [];
const NO_LABELS: Readonly<Record<string, string>> = {};

export class NodeInfo {
  node: NodeObj | undefined;
  allocatable: Resource = emptyResource();
  requested: Resource = emptyResource();
  nonZeroCPU = 0;
  nonZeroMem = 0;
  readonly pods = new Map<string, PodInfo>();
  readonly podsWithAffinity = new Set<PodInfo>();
  readonly podsWithRequiredAntiAffinity = new Set<PodInfo>();
  /** ip -> "protocol/port" -> count of pods using it. */
  readonly usedPorts = new Map<string, Map<string, number>>();
  /** Image name as the node reports it -> size in bytes, from node.status.images. */
  imageSizes = new Map<string, number>();
  generation = 0;

  constructor(readonly name: string) {}

  /** The node's labels, taints and spec.unschedulable, kept at hand for the filters. */
  labels: Readonly<Record<string, string>> = NO_LABELS;
  taints: readonly Taint[] = NO_TAINTS;
  unschedulable = false;

  setNode(node: NodeObj): void {
    this.node = node;
    this.labels = node.metadata.labels ?? NO_LABELS;
    this.taints = node.spec?.taints ?? NO_TAINTS;
    this.unschedulable = !!node.spec?.unschedulable;
    this.allocatable = resourceFromNodeList(node.status?.allocatable as Record<string, unknown> | undefined);
    this.imageSizes = new Map();
    for (const img of node.status?.images ?? []) {
      for (const n of img.names ?? []) this.imageSizes.set(n, img.sizeBytes ?? 0);
    }
    this.generation++;
  }

  /** The Node object is gone while pods bound to it remain (a ghost NodeInfo). */
  clearNode(): void {
    this.node = undefined;
    this.labels = NO_LABELS;
    this.taints = NO_TAINTS;
    this.unschedulable = false;
    this.generation++;
  }

  addPod(p: PodInfo): void {
    this.pods.set(p.uid, p);
    if (p.hasAffinity) this.podsWithAffinity.add(p);
    if (p.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.add(p);
    this.update(p, 1);
  }

  removePod(p: PodInfo): boolean {
    const cur = this.pods.get(p.uid);
    if (!cur) return false;
    this.pods.delete(p.uid);
    this.podsWithAffinity.delete(cur);
    this.podsWithRequiredAntiAffinity.delete(cur);
    this.update(cur, -1);
    return true;
  }

  private update(p: PodInfo, sign: 1 | -1): void {
    addResource(this.requested, p.requests, sign);
    this.nonZeroCPU += sign * p.nonZeroCPU;
    this.nonZeroMem += sign * p.nonZeroMem;
    for (const hp of p.hostPorts) {
      let m = this.usedPorts.get(hp.ip);
      if (!m) this.usedPorts.set(hp.ip, (m = new Map()));
      const k = `${hp.protocol}/${hp.port}`;
      const n = (m.get(k) ?? 0) + sign;
      if (n > 0) m.set(k, n);
      else m.delete(k);
      if (m.size === 0) this.usedPorts.delete(hp.ip);
    }
    this.generation++;
  }

  /** HostPortInfo.CheckConflict: 0.0.0.0 conflicts with every address on the same protocol and port. */
  portConflicts(ip: string, protocol: string, port: number): boolean {
    const k = `${protocol}/${port}`;
    if (ip === ANY_IP) {
      for (const m of this.usedPorts.values()) if (m.has(k)) return true;
      return false;
    }
    return !!this.usedPorts.get(ANY_IP)?.has(k) || !!this.usedPorts.get(ip)?.has(k);
  }

  /** A copy whose pod set can change without touching the cache (preemption's dry run). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.labels = this.labels;
    c.taints = this.taints;
    c.unschedulable = this.unschedulable;
    c.allocatable = this.allocatable;
    c.requested = cloneResource(this.requested);
    c.nonZeroCPU = this.nonZeroCPU;
    c.nonZeroMem = this.nonZeroMem;
    for (const [k, p] of this.pods) c.pods.set(k, p);
    for (const p of this.podsWithAffinity) c.podsWithAffinity.add(p);
    for (const p of this.podsWithRequiredAntiAffinity) c.podsWithRequiredAntiAffinity.add(p);
    for (const [ip, m] of this.usedPorts) c.usedPorts.set(ip, new Map(m));
    c.imageSizes = this.imageSizes;
    c.generation = this.generation;
    return c;
  }
}

/** imagelocality's normalizedImageName: an image without a tag means :latest. */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return `${name}:latest`;
  return name;
}
