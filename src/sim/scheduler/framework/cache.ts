/**
 * The scheduler cache: nodes and the pods counted on them. A pod counts on its node from
 * the moment the scheduler assumes it (before the binding is written), so a burst of pods
 * spreads across nodes without waiting for each binding to come back through the watch.
 * The cycle reads the cache directly: the loop runs one task at a time, so nothing changes
 * under a scheduling cycle and no snapshot copy is needed.
 */
import { PodLabelIndex } from './labelIndex';
import { NodeInfo } from './nodeInfo';
import { NodeTree } from './nodeTree';
import { PodInfo } from './podInfo';
import type { NodeObj, PodObj } from './types';

interface PodState {
  info: PodInfo;
  assumed: boolean;
}

export class SchedulerCache {
  private readonly nodeInfos = new Map<string, NodeInfo>();
  private readonly tree = new NodeTree();
  private list: NodeInfo[] | undefined;
  private readonly podStates = new Map<string, PodState>();
  /** Which nodes report each image (ImageStateSummary.NumNodes). */
  private readonly imageNodes = new Map<string, Set<string>>();
  readonly labelIndex = new PodLabelIndex();
  readonly podsWithAffinity = new Set<PodInfo>();
  readonly podsWithRequiredAntiAffinity = new Set<PodInfo>();

  /** Nodes that exist (have a Node object), zone by zone in turn. */
  nodeList(): NodeInfo[] {
    if (!this.list) this.list = this.tree.list().map((n) => this.nodeInfos.get(n) as NodeInfo);
    return this.list;
  }

  get numNodes(): number {
    return this.tree.size;
  }

  /** The NodeInfo of an existing node. */
  get(name: string): NodeInfo | undefined {
    const ni = this.nodeInfos.get(name);
    return ni?.node ? ni : undefined;
  }

  imageNumNodes(image: string): number {
    return this.imageNodes.get(image)?.size ?? 0;
  }

  addNode(node: NodeObj): void {
    const name = node.metadata.name ?? '';
    let ni = this.nodeInfos.get(name);
    if (!ni) this.nodeInfos.set(name, (ni = new NodeInfo(name)));
    if (ni.node) this.removeImages(ni);
    ni.setNode(node);
    this.addImages(ni);
    if (this.tree.add(name, node.metadata.labels)) this.list = undefined;
  }

  updateNode(node: NodeObj): void {
    this.addNode(node);
  }

  removeNode(node: NodeObj): void {
    const name = node.metadata.name ?? '';
    const ni = this.nodeInfos.get(name);
    if (!ni) return;
    this.removeImages(ni);
    this.tree.remove(name);
    this.list = undefined;
    // Pods still bound there stay counted until their own deletions arrive, as upstream keeps a ghost NodeInfo.
    if (ni.pods.size === 0) this.nodeInfos.delete(name);
    else ni.clearNode();
  }

  isAssumed(uid: string): boolean {
    return this.podStates.get(uid)?.assumed ?? false;
  }

  /** The pod as the cache counts it (bound or assumed), if at all. */
  podInfo(uid: string): PodInfo | undefined {
    return this.podStates.get(uid)?.info;
  }

  /** AssumePod: count the pod on `nodeName` before the binding is written. */
  assumePod(pod: PodObj, nodeName: string): PodInfo {
    const assumed = { ...pod, spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName } } as PodObj;
    const info = new PodInfo(assumed);
    this.removeState(info.uid);
    this.place(info, true);
    return info;
  }

  /** ForgetPod: the binding failed; the pod no longer counts. */
  forgetPod(uid: string): void {
    if (this.podStates.get(uid)?.assumed) this.removeState(uid);
  }

  /** An assigned pod seen through the watch (add or update); confirms an assumed one. */
  addPod(pod: PodObj): void {
    const info = new PodInfo(pod);
    this.removeState(info.uid);
    this.place(info, false);
  }

  removePod(pod: PodObj): void {
    this.removeState(pod.metadata.uid ?? `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`);
  }

  private place(info: PodInfo, assumed: boolean): void {
    let ni = this.nodeInfos.get(info.nodeName);
    if (!ni) this.nodeInfos.set(info.nodeName, (ni = new NodeInfo(info.nodeName)));
    ni.addPod(info);
    this.labelIndex.add(info);
    if (info.hasAffinity) this.podsWithAffinity.add(info);
    if (info.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.add(info);
    this.podStates.set(info.uid, { info, assumed });
  }

  private removeState(uid: string): void {
    const st = this.podStates.get(uid);
    if (!st) return;
    this.podStates.delete(uid);
    const ni = this.nodeInfos.get(st.info.nodeName);
    if (ni) {
      ni.removePod(st.info);
      if (!ni.node && ni.pods.size === 0) this.nodeInfos.delete(ni.name);
    }
    this.labelIndex.remove(st.info);
    this.podsWithAffinity.delete(st.info);
    this.podsWithRequiredAntiAffinity.delete(st.info);
  }

  private addImages(ni: NodeInfo): void {
    for (const image of ni.imageSizes.keys()) {
      let s = this.imageNodes.get(image);
      if (!s) this.imageNodes.set(image, (s = new Set()));
      s.add(ni.name);
    }
  }

  private removeImages(ni: NodeInfo): void {
    for (const image of ni.imageSizes.keys()) {
      const s = this.imageNodes.get(image);
      s?.delete(ni.name);
      if (s && s.size === 0) this.imageNodes.delete(image);
    }
  }
}
