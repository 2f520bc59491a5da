/**
 * InterPodAffinity's scoring half: each topology pair earns the weights of the incoming pod's
 * preferred affinity terms its pods match (minus anti-affinity), and of existing pods' terms
 * the incoming pod matches (required affinity at hardPodAffinityWeight 1); a node scores the
 * pairs of its labels, min-max normalized to 0-100.
 */
import type { CycleState, Handle, NodeScore, Plugin } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import { termMatches, type AffinityTerm, type PodInfo } from '../framework/podInfo';
import { Status, type MaybeStatus } from '../framework/status';
import { MAX_NODE_SCORE } from '../framework/types';
import { mergeTermNamespaces, podsMatchingTerm } from './helpers/affinityTerms';

const PRE_SCORE_KEY = 'PreScoreInterPodAffinity';
export const HARD_POD_AFFINITY_WEIGHT = 1;

/** topologyKey -> value -> score. */
type ScoreMap = Map<string, Map<string, number>>;

function add(m: ScoreMap, labels: Readonly<Record<string, string>>, key: string, delta: number): boolean {
  const v = labels[key];
  if (v === undefined) return false;
  let byValue = m.get(key);
  if (!byValue) m.set(key, (byValue = new Map()));
  byValue.set(v, (byValue.get(v) ?? 0) + delta);
  return true;
}

export function affinityScoring(h: Handle): Required<Pick<Plugin, 'preScore' | 'score' | 'normalizeScore'>> {
  return {
    preScore(state: CycleState, pod: PodInfo, nodes: NodeInfo[]): MaybeStatus {
      if (nodes.length === 0) return null;
      const scores: ScoreMap = new Map();
      let touched = false;
      const nsLabels = h.listers.namespaceLabels(pod.namespace);
      const incoming = (terms: readonly (AffinityTerm & { weight: number })[], sign: number): void => {
        for (const wt of terms) {
          const t = mergeTermNamespaces(h, wt);
          for (const p of podsMatchingTerm(h, t)) {
            const ni = h.cache.get(p.nodeName);
            if (ni && add(scores, ni.labels, t.topologyKey, wt.weight * sign)) touched = true;
          }
        }
      };
      incoming(pod.preferredAffinityTerms, 1);
      incoming(pod.preferredAntiAffinityTerms, -1);
      for (const existing of h.cache.podsWithAffinity) {
        const ni = h.cache.get(existing.nodeName);
        if (!ni || Object.keys(ni.labels).length === 0) continue;
        const apply = (t: AffinityTerm, weight: number): void => {
          if (termMatches(t, pod, nsLabels) && add(scores, ni.labels, t.topologyKey, weight)) touched = true;
        };
        for (const t of existing.requiredAffinityTerms) apply(t, HARD_POD_AFFINITY_WEIGHT);
        for (const t of existing.preferredAffinityTerms) apply(t, t.weight);
        for (const t of existing.preferredAntiAffinityTerms) apply(t, -t.weight);
      }
      if (!touched) return Status.skip();
      state.write(PRE_SCORE_KEY, scores);
      return null;
    },

    score(state: CycleState, _pod: PodInfo, ni: NodeInfo): number {
      const m = state.read<ScoreMap>(PRE_SCORE_KEY);
      if (!m) return 0;
      let s = 0;
      for (const [key, byValue] of m) {
        const v = ni.labels[key];
        if (v !== undefined) s += byValue.get(v) ?? 0;
      }
      return s;
    },

    normalizeScore(state: CycleState, _pod: PodInfo, scores: NodeScore[]): MaybeStatus {
      const m = state.read<ScoreMap>(PRE_SCORE_KEY);
      if (!m || m.size === 0) return null;
      let min = Infinity;
      let max = -Infinity;
      for (const s of scores) {
        if (s.score > max) max = s.score;
        if (s.score < min) min = s.score;
      }
      const diff = max - min;
      for (const s of scores) s.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s.score - min) / diff)) : 0;
      return null;
    },
  };
}
