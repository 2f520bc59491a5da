/**
 * The nominator: pods that preempted others and wait for room on their nominated node. Other
 * pods of equal or lower priority see that room as taken (RunFilterPluginsWithNominatedPods).
 */
import type { PodInfo } from './podInfo';

export class Nominator {
  private readonly byNode = new Map<string, Map<string, PodInfo>>();
  private readonly nodeOf = new Map<string, string>();

  /** Records (or clears, with '') the pod's nominated node. */
  add(pi: PodInfo, nodeName: string): void {
    this.delete(pi.uid);
    if (!nodeName) return;
    let m = this.byNode.get(nodeName);
    if (!m) this.byNode.set(nodeName, (m = new Map()));
    m.set(pi.uid, pi);
    this.nodeOf.set(pi.uid, nodeName);
  }

  delete(uid: string): void {
    const node = this.nodeOf.get(uid);
    if (node === undefined) return;
    this.nodeOf.delete(uid);
    const m = this.byNode.get(node);
    m?.delete(uid);
    if (m && m.size === 0) this.byNode.delete(node);
  }

  nominatedNode(uid: string): string | undefined {
    return this.nodeOf.get(uid);
  }

  podsForNode(nodeName: string): PodInfo[] {
    const m = this.byNode.get(nodeName);
    return m ? [...m.values()] : [];
  }

  get size(): number {
    return this.nodeOf.size;
  }
}
