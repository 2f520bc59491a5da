/**
 * PodTopologySpread. Filter (whenUnsatisfiable: DoNotSchedule): placing the pod in a domain
 * must keep "matching pods there + itself - global minimum" within maxSkew. Score
 * (ScheduleAnyway, and the system defaults: hostname maxSkew 3, zone maxSkew 5, for pods of
 * a Service, ReplicaSet or StatefulSet): see podTopologySpreadScoring.ts.
 */
import { Action } from '../framework/events';
import type { CycleState, Handle, Plugin } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import type { PodInfo } from '../framework/podInfo';
import { Status } from '../framework/status';
import type { PodObj } from '../framework/types';
import {
  constraintsFor, filterConstraints, matchesInclusionPolicies, matchingPods, nodeHasAllKeys, RequiredNodeAffinity, type Constraint,
} from './helpers/topologySpread';
import { spreadScoring } from './podTopologySpreadScoring';

export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;
const PRE_FILTER_KEY = `PreFilter${POD_TOPOLOGY_SPREAD}`;

/** preFilterState: matching pods per domain for each hard constraint, and each constraint's global minimum. */
class SpreadState {
  private mins: (number | undefined)[];

  constructor(
    readonly constraints: Constraint[],
    readonly tpValueToMatchNum: Map<string, number>[],
  ) {
    this.mins = constraints.map(() => undefined);
  }

  /** minMatchNum: the smallest domain count, or 0 while there are fewer domains than minDomains. */
  minMatchNum(i: number): number {
    const counts = this.tpValueToMatchNum[i] as Map<string, number>;
    const c = this.constraints[i] as Constraint;
    if (counts.size < c.minDomains) return 0;
    let m = this.mins[i];
    if (m === undefined) {
      m = Infinity;
      for (const v of counts.values()) if (v < m) m = v;
      if (m === Infinity) m = 0;
      this.mins[i] = m;
    }
    return m;
  }

  add(i: number, value: string, delta: number): void {
    const counts = this.tpValueToMatchNum[i] as Map<string, number>;
    counts.set(value, (counts.get(value) ?? 0) + delta);
    this.mins[i] = undefined;
  }

  clone(): SpreadState {
    return new SpreadState(this.constraints, this.tpValueToMatchNum.map((m) => new Map(m)));
  }
}

function calPreFilterState(h: Handle, pod: PodInfo): SpreadState {
  const constraints = constraintsFor(h, pod.pod, 'DoNotSchedule');
  const counts = constraints.map(() => new Map<string, number>());
  if (constraints.length === 0) return new SpreadState(constraints, counts);
  const required = new RequiredNodeAffinity(pod.pod);
  const eligible = new Map<string, boolean[]>();
  for (const ni of h.cache.nodeList()) {
    const node = ni.node;
    if (!node || !nodeHasAllKeys(ni.labels, constraints)) continue;
    const flags = constraints.map((c) => matchesInclusionPolicies(c, pod.pod, node, required));
    eligible.set(ni.name, flags);
    constraints.forEach((c, i) => {
      if (!flags[i]) return;
      const m = counts[i] as Map<string, number>;
      const v = ni.labels[c.topologyKey] as string;
      if (!m.has(v)) m.set(v, 0);
    });
  }
  constraints.forEach((c, i) => {
    const m = counts[i] as Map<string, number>;
    for (const { node } of matchingPods(h, c, pod.namespace)) {
      if (!eligible.get(node.name)?.[i]) continue;
      const v = node.labels[c.topologyKey] as string;
      m.set(v, (m.get(v) ?? 0) + 1);
    }
  });
  return new SpreadState(constraints, counts);
}

/** updateWithPod: preemption's dry run adds or removes a pod on a node. */
function updateWithPod(state: SpreadState | undefined, changed: PodInfo, pod: PodInfo, ni: NodeInfo, delta: number): void {
  const node = ni.node;
  if (!state || changed.namespace !== pod.namespace || !node) return;
  if (!nodeHasAllKeys(ni.labels, state.constraints)) return;
  const required = new RequiredNodeAffinity(pod.pod);
  state.constraints.forEach((c, i) => {
    if (!c.selector.matches(changed.labels)) return;
    if (!matchesInclusionPolicies(c, pod.pod, node, required)) return;
    state.add(i, ni.labels[c.topologyKey] as string, delta);
  });
}

export function newPodTopologySpread(h: Handle): Plugin {
  const scoring = spreadScoring(h);
  return {
    name: POD_TOPOLOGY_SPREAD,
    preFilter(state: CycleState, pod) {
      const s = calPreFilterState(h, pod);
      if (s.constraints.length === 0) return { status: Status.skip() };
      state.write(PRE_FILTER_KEY, s);
      return {};
    },
    addPod: (state, pod, toAdd, ni) => (updateWithPod(state.read<SpreadState>(PRE_FILTER_KEY), toAdd, pod, ni, 1), null),
    removePod: (state, pod, toRemove, ni) => (updateWithPod(state.read<SpreadState>(PRE_FILTER_KEY), toRemove, pod, ni, -1), null),
    filter(state, pod, nodeInfo) {
      const s = state.read<SpreadState>(PRE_FILTER_KEY);
      if (!s || s.constraints.length === 0) return null;
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i] as Constraint;
        const tpVal = nodeInfo.labels[c.topologyKey];
        if (tpVal === undefined) return Status.unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
        const self = c.selector.matches(pod.labels) ? 1 : 0;
        const matchNum = s.tpValueToMatchNum[i]?.get(tpVal) ?? 0;
        if (matchNum + self - s.minMatchNum(i) > c.maxSkew) return Status.unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
      }
      return null;
    },
    preScore: scoring.preScore,
    score: scoring.score,
    normalizeScore: scoring.normalizeScore,
    eventsToRegister: () => [
      {
        resource: 'Pod',
        actions: Action.Add | Action.UpdatePodLabel | Action.Delete,
        hint: (pod, oldObj, newObj) => (podChangeMatters(pod, (newObj ?? oldObj) as PodObj | undefined) ? 'Queue' : 'Skip'),
      },
      { resource: 'Node', actions: Action.Add | Action.Delete | Action.UpdateNodeLabel | Action.UpdateNodeTaint },
    ],
  };
}

/** isSchedulableAfterPodChange: a pod in the same namespace that one of the pod's own hard constraints selects. */
function podChangeMatters(pod: PodObj, changed: PodObj | undefined): boolean {
  if (!changed || changed.metadata.namespace !== pod.metadata.namespace) return false;
  const own = pod.spec?.topologySpreadConstraints ?? [];
  if (own.length === 0) return true;
  return filterConstraints(own, pod.metadata.labels ?? {}, 'DoNotSchedule').some((c) => c.selector.matches(changed.metadata.labels));
}
