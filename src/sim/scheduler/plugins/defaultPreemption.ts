/**
 * DefaultPreemption (PostFilter): when no node fits, look for a node where evicting pods of
 * lower priority makes room, evict the fewest and least important, and nominate the node.
 * Its message joins the FailedScheduling event: "preemption: 0/3 nodes are available: ...".
 */
import { Evaluator, moreImportantPod, type PreemptionInterface } from '../framework/preemption';
import type { CycleState, Handle, Plugin } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import type { PodInfo } from '../framework/podInfo';
import { isSuccess, Status, type MaybeStatus } from '../framework/status';

export const DEFAULT_PREEMPTION = 'DefaultPreemption';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
/** DefaultPreemptionArgs defaults. */
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

function terminatingByPreemption(p: PodInfo): boolean {
  if (!p.terminating) return false;
  const c = (p.pod.status?.conditions ?? []).find((x) => x.type === 'DisruptionTarget');
  return !!c && c.status === 'True' && c.reason === 'PreemptionByScheduler';
}

export function newDefaultPreemption(h: Handle): Plugin {
  const iface: PreemptionInterface = {
    podIneligible(pod, nominatedNodeStatus) {
      if (pod.pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
      const nominated = h.listers.pod(pod.namespace, pod.name)?.status?.nominatedNodeName ?? '';
      if (nominated === '' || nominatedNodeStatus.code === 'UnschedulableAndUnresolvable') return undefined;
      const ni = h.cache.get(nominated);
      if (ni) {
        for (const p of ni.pods.values()) {
          if (p.priority < pod.priority && terminatingByPreemption(p)) return 'not eligible due to a terminating pod on the nominated node.';
        }
      }
      return undefined;
    },
    selectVictimsOnNode: (state, pod, ni) => selectVictimsOnNode(h, state, pod, ni),
    offsetAndNumCandidates(numNodes) {
      let n = Math.trunc((numNodes * MIN_CANDIDATE_NODES_PERCENTAGE) / 100);
      if (n < MIN_CANDIDATE_NODES_ABSOLUTE) n = MIN_CANDIDATE_NODES_ABSOLUTE;
      if (n > numNodes) n = numNodes;
      return [h.rng.int(numNodes), n];
    },
  };
  const evaluator = new Evaluator(h, iface);
  return {
    name: DEFAULT_PREEMPTION,
    postFilter(state, pod, statuses) {
      const out = evaluator.preempt(state, pod, statuses);
      const msg = out.status ? out.status.message() : '';
      if (msg.length > 0) return { ...out, status: new Status((out.status as Status).code, [`preemption: ${msg}`]) };
      return out;
    },
  };
}

/**
 * SelectVictimsOnNode: remove every lower-priority pod, check the pod fits, then give back
 * (most important first) every pod that can stay; the rest are the victims.
 */
export function selectVictimsOnNode(h: Handle, state: CycleState, pod: PodInfo, ni: NodeInfo): { victims: PodInfo[]; status: MaybeStatus } {
  const potential: PodInfo[] = [];
  for (const p of [...ni.pods.values()]) {
    if (p.priority >= pod.priority) continue;
    potential.push(p);
    ni.removePod(p);
    const s = h.runPreFilterExtensionRemovePod(state, pod, p, ni);
    if (!isSuccess(s)) return { victims: [], status: s };
  }
  if (potential.length === 0) return { victims: [], status: Status.unresolvable(NO_VICTIMS) };
  const fits = h.runFilterPluginsWithNominatedPods(state, pod, ni);
  if (!isSuccess(fits)) return { victims: [], status: fits };
  potential.sort((a, b) => (moreImportantPod(h, a, b) ? -1 : moreImportantPod(h, b, a) ? 1 : 0));
  const victims: PodInfo[] = [];
  for (const p of potential) {
    ni.addPod(p);
    const s = h.runPreFilterExtensionAddPod(state, pod, p, ni);
    if (!isSuccess(s)) return { victims: [], status: s };
    if (!isSuccess(h.runFilterPluginsWithNominatedPods(state, pod, ni))) {
      ni.removePod(p);
      h.runPreFilterExtensionRemovePod(state, pod, p, ni);
      victims.push(p);
    }
  }
  return { victims, status: null };
}
