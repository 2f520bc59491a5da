/**
 * PodTopologySpread's scoring half: for each soft constraint a node earns
 * "matching pods in its domain x log(domains + 2) + (maxSkew - 1)", and NormalizeScore turns
 * fewer into better: 100 x (max + min - score) / max.
 */
import type { CycleState, Handle, NodeScore, Plugin } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import type { PodInfo } from '../framework/podInfo';
import { Status, type MaybeStatus } from '../framework/status';
import { MAX_NODE_SCORE } from '../framework/types';
import {
  constraintsFor, LABEL_HOSTNAME, matchesInclusionPolicies, matchingPods, nodeHasAllKeys, RequiredNodeAffinity, type Constraint,
} from './helpers/topologySpread';

const PRE_SCORE_KEY = 'PreScorePodTopologySpread';

interface PreScoreState {
  constraints: Constraint[];
  ignoredNodes: Set<string>;
  /** Per constraint: domain value -> matching pods (non-hostname constraints). */
  pairCounts: (Map<string, number> | undefined)[];
  /** Per constraint: node -> matching pods (hostname constraints). */
  nodeCounts: (Map<string, number> | undefined)[];
  normalizingWeight: number[];
}

export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

export function scoreForCount(cnt: number, maxSkew: number, weight: number): number {
  return cnt * weight + (maxSkew - 1);
}

export function spreadScoring(h: Handle): Required<Pick<Plugin, 'preScore' | 'score' | 'normalizeScore'>> {
  return {
    preScore(state: CycleState, pod: PodInfo, filtered: NodeInfo[]): MaybeStatus {
      if (filtered.length === 0 || h.cache.numNodes === 0) return Status.skip();
      const constraints = constraintsFor(h, pod.pod, 'ScheduleAnyway');
      if (constraints.length === 0) return Status.skip();
      // Only non-default rules require every topology key, so a node without a zone still gets hostname spreading.
      const requireAll = (pod.pod.spec?.topologySpreadConstraints ?? []).length > 0;
      const s: PreScoreState = { constraints, ignoredNodes: new Set(), pairCounts: [], nodeCounts: [], normalizingWeight: [] };
      const topoSize = constraints.map(() => 0);
      constraints.forEach((c, i) => {
        if (c.topologyKey === LABEL_HOSTNAME) s.nodeCounts[i] = new Map();
        else s.pairCounts[i] = new Map();
      });
      for (const ni of filtered) {
        if (requireAll && !nodeHasAllKeys(ni.labels, constraints)) {
          s.ignoredNodes.add(ni.name);
          continue;
        }
        constraints.forEach((c, i) => {
          const m = s.pairCounts[i];
          const v = ni.labels[c.topologyKey];
          if (!m || v === undefined || m.has(v)) return;
          m.set(v, 0);
          topoSize[i] = (topoSize[i] ?? 0) + 1;
        });
      }
      s.normalizingWeight = constraints.map((c, i) =>
        topologyNormalizingWeight(c.topologyKey === LABEL_HOSTNAME ? filtered.length - s.ignoredNodes.size : (topoSize[i] ?? 0)),
      );
      const required = new RequiredNodeAffinity(pod.pod);
      const included = new Map<string, boolean>();
      constraints.forEach((c, i) => {
        const pairs = s.pairCounts[i];
        const perNode = s.nodeCounts[i];
        for (const { node } of matchingPods(h, c, pod.namespace)) {
          if (perNode) {
            perNode.set(node.name, (perNode.get(node.name) ?? 0) + 1);
            continue;
          }
          if (!pairs || !node.node) continue;
          if (requireAll && !nodeHasAllKeys(node.labels, constraints)) continue;
          const key = `${i}/${node.name}`;
          let ok = included.get(key);
          if (ok === undefined) included.set(key, (ok = matchesInclusionPolicies(c, pod.pod, node.node, required)));
          if (!ok) continue;
          const v = node.labels[c.topologyKey];
          if (v !== undefined && pairs.has(v)) pairs.set(v, (pairs.get(v) ?? 0) + 1);
        }
      });
      state.write(PRE_SCORE_KEY, s);
      return null;
    },

    score(state: CycleState, _pod: PodInfo, ni: NodeInfo): number {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!s || s.ignoredNodes.has(ni.name)) return 0;
      let score = 0;
      s.constraints.forEach((c, i) => {
        const v = ni.labels[c.topologyKey];
        if (v === undefined) return;
        const cnt = c.topologyKey === LABEL_HOSTNAME ? (s.nodeCounts[i]?.get(ni.name) ?? 0) : (s.pairCounts[i]?.get(v) ?? 0);
        score += scoreForCount(cnt, c.maxSkew, s.normalizingWeight[i] ?? 0);
      });
      return Math.round(score);
    },

    normalizeScore(state: CycleState, _pod: PodInfo, scores: NodeScore[]): MaybeStatus {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!s) return null;
      let min = Number.MAX_SAFE_INTEGER;
      let max = 0;
      const ignored = new Set<number>();
      scores.forEach((sc, i) => {
        if (s.ignoredNodes.has(sc.name)) {
          ignored.add(i);
          return;
        }
        if (sc.score < min) min = sc.score;
        if (sc.score > max) max = sc.score;
      });
      scores.forEach((sc, i) => {
        if (ignored.has(i)) sc.score = 0;
        else if (max === 0) sc.score = MAX_NODE_SCORE;
        else sc.score = Math.trunc((MAX_NODE_SCORE * (max + min - sc.score)) / max);
      });
      return null;
    },
  };
}
