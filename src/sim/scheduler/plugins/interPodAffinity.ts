/**
 * InterPodAffinity. Filter: the pod's required affinity needs a matching pod in the node's
 * domain (or none anywhere, if the pod matches its own terms), its required anti-affinity
 * needs none there, and no existing pod's required anti-affinity may reject it. Score
 * (preferred terms, both ways, and existing pods' required affinity at weight 1): see
 * interPodAffinityScoring.ts.
 */
import { Action } from '../framework/events';
import type { CycleState, Handle, Plugin } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import { PodInfo, termMatches, type AffinityTerm } from '../framework/podInfo';
import { Status } from '../framework/status';
import type { PodObj } from '../framework/types';
import { matchesAllTerms, mergeTermNamespaces, podsMatchingTerm, TopologyCounts } from './helpers/affinityTerms';
import { affinityScoring } from './interPodAffinityScoring';

export const INTER_POD_AFFINITY = 'InterPodAffinity';
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
const PRE_FILTER_KEY = `PreFilter${INTER_POD_AFFINITY}`;

class AffinityState {
  constructor(
    readonly pod: PodInfo,
    readonly affinityTerms: AffinityTerm[],
    readonly antiAffinityTerms: AffinityTerm[],
    readonly nsLabels: Readonly<Record<string, string>>,
    public existingAntiAffinityCounts: TopologyCounts,
    public affinityCounts: TopologyCounts,
    public antiAffinityCounts: TopologyCounts,
  ) {}

  clone(): AffinityState {
    return new AffinityState(this.pod, this.affinityTerms, this.antiAffinityTerms, this.nsLabels,
      this.existingAntiAffinityCounts.clone(), this.affinityCounts.clone(), this.antiAffinityCounts.clone());
  }

  /** updateWithPod: preemption's dry run adds (+1) or removes (-1) an existing pod. */
  updateWithPod(p: PodInfo, ni: NodeInfo, delta: number): void {
    if (!ni.node) return;
    for (const t of p.requiredAntiAffinityTerms) if (termMatches(t, this.pod, this.nsLabels)) this.existingAntiAffinityCounts.update(ni.labels, t.topologyKey, delta);
    if (matchesAllTerms(this.affinityTerms, p)) for (const t of this.affinityTerms) this.affinityCounts.update(ni.labels, t.topologyKey, delta);
    for (const t of this.antiAffinityTerms) if (termMatches(t, p, undefined)) this.antiAffinityCounts.update(ni.labels, t.topologyKey, delta);
  }
}

function preFilterState(h: Handle, pod: PodInfo): AffinityState {
  const nsLabels = h.listers.namespaceLabels(pod.namespace) ?? {};
  const affinityTerms = pod.requiredAffinityTerms.map((t) => mergeTermNamespaces(h, t));
  const antiAffinityTerms = pod.requiredAntiAffinityTerms.map((t) => mergeTermNamespaces(h, t));
  const existing = new TopologyCounts();
  for (const p of h.cache.podsWithRequiredAntiAffinity) {
    const ni = h.cache.get(p.nodeName);
    if (!ni) continue;
    for (const t of p.requiredAntiAffinityTerms) if (termMatches(t, pod, nsLabels)) existing.update(ni.labels, t.topologyKey, 1);
  }
  const affinity = new TopologyCounts();
  const first = affinityTerms[0];
  if (first) {
    for (const p of podsMatchingTerm(h, first)) {
      if (!matchesAllTerms(affinityTerms, p)) continue;
      const labels = h.cache.get(p.nodeName)?.labels ?? {};
      for (const t of affinityTerms) affinity.update(labels, t.topologyKey, 1);
    }
  }
  const anti = new TopologyCounts();
  for (const t of antiAffinityTerms) {
    for (const p of podsMatchingTerm(h, t)) anti.update(h.cache.get(p.nodeName)?.labels ?? {}, t.topologyKey, 1);
  }
  return new AffinityState(pod, affinityTerms, antiAffinityTerms, nsLabels, existing, affinity, anti);
}

function satisfyPodAffinity(s: AffinityState, ni: NodeInfo): boolean {
  let podsExist = true;
  for (const t of s.affinityTerms) {
    const v = ni.labels[t.topologyKey];
    if (v === undefined) return false;
    if (s.affinityCounts.get(t.topologyKey, v) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere its terms' keys exist.
  return s.affinityCounts.size === 0 && matchesAllTerms(s.affinityTerms, s.pod);
}

function satisfyPodAntiAffinity(s: AffinityState, ni: NodeInfo): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.antiAffinityTerms) {
    const v = ni.labels[t.topologyKey];
    if (v !== undefined && s.antiAffinityCounts.get(t.topologyKey, v) > 0) return false;
  }
  return true;
}

function satisfyExistingPodsAntiAffinity(s: AffinityState, ni: NodeInfo): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const [k, v] of Object.entries(ni.labels)) if (s.existingAntiAffinityCounts.get(k, v) > 0) return false;
  return true;
}

export function newInterPodAffinity(h: Handle): Plugin {
  const scoring = affinityScoring(h);
  return {
    name: INTER_POD_AFFINITY,
    preFilter(state: CycleState, pod) {
      if (pod.parseError) return { status: Status.unresolvable(`parsing pod: ${pod.parseError}`) };
      const s = preFilterState(h, pod);
      if (s.existingAntiAffinityCounts.size === 0 && s.affinityTerms.length === 0 && s.antiAffinityTerms.length === 0) {
        return { status: Status.skip() };
      }
      state.write(PRE_FILTER_KEY, s);
      return {};
    },
    addPod(state, _pod, toAdd, ni) {
      state.read<AffinityState>(PRE_FILTER_KEY)?.updateWithPod(toAdd, ni, 1);
      return null;
    },
    removePod(state, _pod, toRemove, ni) {
      state.read<AffinityState>(PRE_FILTER_KEY)?.updateWithPod(toRemove, ni, -1);
      return null;
    },
    filter(state, _pod, nodeInfo) {
      const s = state.read<AffinityState>(PRE_FILTER_KEY);
      if (!s) return null;
      if (!satisfyPodAffinity(s, nodeInfo)) return Status.unresolvable(ERR_REASON_AFFINITY);
      if (!satisfyPodAntiAffinity(s, nodeInfo)) return Status.unschedulable(ERR_REASON_ANTI_AFFINITY);
      if (!satisfyExistingPodsAntiAffinity(s, nodeInfo)) return Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY);
      return null;
    },
    preScore: scoring.preScore,
    score: scoring.score,
    normalizeScore: scoring.normalizeScore,
    eventsToRegister: () => [
      {
        resource: 'Pod',
        actions: Action.Add | Action.UpdatePodLabel | Action.Delete,
        hint: (pod, oldObj, newObj) => podChangeHint(pod, oldObj as PodObj | undefined, newObj as PodObj | undefined),
      },
      { resource: 'Node', actions: Action.Add | Action.UpdateNodeLabel },
    ],
  };
}

/** isSchedulableAfterPodChange: a new pod can satisfy affinity; a deleted one can lift anti-affinity. */
function podChangeHint(pod: PodObj, oldObj: PodObj | undefined, newObj: PodObj | undefined): 'Queue' | 'Skip' {
  const me = new PodInfo(pod);
  if (newObj) {
    const other = new PodInfo(newObj);
    return me.requiredAffinityTerms.some((t) => termMatches(t, other, undefined)) ? 'Queue' : 'Skip';
  }
  if (!oldObj) return 'Skip';
  const gone = new PodInfo(oldObj);
  if (me.requiredAntiAffinityTerms.some((t) => termMatches(t, gone, undefined))) return 'Queue';
  return gone.requiredAntiAffinityTerms.length > 0 ? 'Queue' : 'Skip';
}
