/**
 * The preemption Evaluator (framework/preemption): find the nodes where removing lower-priority
 * pods would let the pod fit (a dry run on copies), pick the node whose victims matter least,
 * evict them gracefully and nominate the node.
 */
import { R } from '../../client';
import { parseTime, rfc3339 } from '../../core';
import { fitErrorMessage, Diagnosis } from './fitError';
import type { CycleState, Handle, PostFilterOutput } from './interface';
import type { NodeInfo } from './nodeInfo';
import { NodeToStatus } from './nodeToStatus';
import type { PodInfo } from './podInfo';
import { isSuccess, Status, type MaybeStatus } from './status';

export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const MAX_INT32 = 2147483647;

export interface Candidate {
  name: string;
  /** Ordered from most to least important. */
  victims: PodInfo[];
}

export interface PreemptionInterface {
  /** Why the pod may not preempt, or undefined when it may. */
  podIneligible(pod: PodInfo, nominatedNodeStatus: Status): string | undefined;
  selectVictimsOnNode(state: CycleState, pod: PodInfo, ni: NodeInfo): { victims: PodInfo[]; status: MaybeStatus };
  /** GetOffsetAndNumCandidates. */
  offsetAndNumCandidates(numNodes: number): [number, number];
}

/** util.GetPodStartTime: status.startTime, or now for a pod not started. */
export function podStartTime(h: Handle, p: PodInfo): number {
  const t = p.pod.status?.startTime;
  return t ? parseTime(t) : h.loop.now();
}

/** util.MoreImportantPod: higher priority, then the one running longer. */
export function moreImportantPod(h: Handle, a: PodInfo, b: PodInfo): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return podStartTime(h, a) < podStartTime(h, b);
}

function earliestStartOfTopPriority(h: Handle, victims: PodInfo[]): number {
  const first = victims[0] as PodInfo;
  let earliest = podStartTime(h, first);
  let maxPriority = first.priority;
  for (const p of victims) {
    if (p.priority === maxPriority) earliest = Math.min(earliest, podStartTime(h, p));
    else if (p.priority > maxPriority) {
      maxPriority = p.priority;
      earliest = podStartTime(h, p);
    }
  }
  return earliest;
}

/** pickOneNodeForPreemption: fewest PDB violations (none here), lowest top victim, lowest sum, fewest victims, latest start. */
export function pickOneNodeForPreemption(h: Handle, candidates: Candidate[]): Candidate | undefined {
  let all = candidates;
  const funcs: ((c: Candidate) => number)[] = [
    (c) => -((c.victims[0] as PodInfo).priority),
    (c) => -c.victims.reduce((s, p) => s + p.priority + MAX_INT32 + 1, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfTopPriority(h, c.victims),
  ];
  for (const f of funcs) {
    let best = -Infinity;
    let selected: Candidate[] = [];
    for (const c of all) {
      const s = f(c);
      if (s > best) {
        best = s;
        selected = [];
      }
      if (s === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    all = selected;
  }
  return all[0];
}

export class Evaluator {
  constructor(
    private readonly h: Handle,
    private readonly iface: PreemptionInterface,
  ) {}

  preempt(state: CycleState, pod: PodInfo, m: NodeToStatus): PostFilterOutput {
    const latest = this.h.listers.pod(pod.namespace, pod.name);
    if (!latest) return { status: Status.error(`pods "${pod.name}" not found`) };
    const nominated = latest.status?.nominatedNodeName ?? '';
    const why = this.iface.podIneligible(pod, m.get(nominated));
    if (why !== undefined) return { status: Status.unschedulable(why) };

    const allNodes = this.h.cache.nodeList();
    const potential = m.nodesForStatusCode(allNodes, 'Unschedulable');
    const { candidates, statuses } = potential.length === 0 ? { candidates: [], statuses: new NodeToStatus() } : this.dryRun(state, pod, potential);
    if (candidates.length === 0) {
      const d = new Diagnosis();
      d.nodeToStatus = statuses;
      statuses.absentNodesStatus = Status.unresolvable(PREEMPTION_NOT_HELPFUL);
      return { nominatedNodeName: '', status: Status.unschedulable(fitErrorMessage(allNodes.length, d)) };
    }
    const best = pickOneNodeForPreemption(this.h, candidates);
    if (!best) return { status: Status.unschedulable('no candidate node for preemption') };
    const st = this.prepareCandidate(best, pod);
    if (!isSuccess(st)) return { status: st };
    return { nominatedNodeName: best.name, status: null, victims: best.victims.map((v) => v.key) };
  }

  /** DryRunPreemption: from a random offset, until enough candidates are found. */
  private dryRun(state: CycleState, pod: PodInfo, potential: NodeInfo[]): { candidates: Candidate[]; statuses: NodeToStatus } {
    const [offset, numCandidates] = this.iface.offsetAndNumCandidates(potential.length);
    const candidates: Candidate[] = [];
    const statuses = new NodeToStatus();
    for (let i = 0; i < potential.length && candidates.length < numCandidates; i++) {
      const ni = (potential[(offset + i) % potential.length] as NodeInfo).clone();
      const { victims, status } = this.iface.selectVictimsOnNode(state.clone(), pod, ni);
      if (isSuccess(status) && victims.length > 0) {
        candidates.push({ name: ni.name, victims });
        continue;
      }
      statuses.set(ni.name, isSuccess(status) ? Status.error(`expected at least one victim pod on node "${ni.name}"`) : (status as Status));
    }
    return { candidates, statuses };
  }

  /** prepareCandidate: mark and delete each victim, then clear lower-priority nominations on the node. */
  private prepareCandidate(c: Candidate, pod: PodInfo): MaybeStatus {
    const now = rfc3339(this.h.loop.now());
    for (const v of c.victims) {
      if (v.terminating) continue;
      try {
        this.h.client.patch(R.pods, v.namespace, v.name, {
          status: {
            conditions: [{
              type: 'DisruptionTarget',
              status: 'True',
              reason: 'PreemptionByScheduler',
              message: `${pod.pod.spec?.schedulerName ?? this.h.schedulerName}: preempting to accommodate a higher priority pod`,
              lastTransitionTime: now,
            }],
          },
        }, 'strategic', 'status');
        this.h.client.delete(R.pods, v.namespace, v.name);
      } catch (err) {
        if ((err as { code?: number }).code === 404) continue;
        return Status.error(err instanceof Error ? err.message : String(err));
      }
      this.h.recorder.normal(v.pod, 'Preempted', `Preempted by pod ${pod.uid} on node ${c.name}`, undefined, 'Preempting');
    }
    for (const np of this.h.nominator.podsForNode(c.name)) {
      if (np.uid === pod.uid || np.priority >= pod.priority) continue;
      try {
        this.h.client.patch(R.pods, np.namespace, np.name, { status: { nominatedNodeName: null } }, 'strategic', 'status');
      } catch {
        // Not critical, as upstream: the pod finds another place later anyway.
      }
    }
    return null;
  }
}
