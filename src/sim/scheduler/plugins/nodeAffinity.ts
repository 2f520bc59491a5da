/**
 * NodeAffinity: Filter checks spec.nodeSelector and the required node affinity terms
 * ("node(s) didn't match Pod's node affinity/selector"); PreFilter narrows the nodes when a
 * term names them by metadata.name; Score sums the weights of the preferred terms a node
 * matches, normalized to 0-100.
 */
import { Action } from '../framework/events';
import type { CycleState, Plugin } from '../framework/interface';
import { Status } from '../framework/status';
import { MAX_NODE_SCORE, type NodeObj, type PodObj } from '../framework/types';
import { PreferredSchedulingTerms, RequiredNodeAffinity } from './helpers/nodeSelector';
import { defaultNormalizeScore } from './helpers/scoring';

export const NODE_AFFINITY = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
const ERR_REASON_CONFLICT = 'pod affinity terms conflict';
const PRE_FILTER_KEY = `PreFilter${NODE_AFFINITY}`;
const PRE_SCORE_KEY = `PreScore${NODE_AFFINITY}`;

function preferredOf(pod: PodObj): PreferredSchedulingTerms {
  return new PreferredSchedulingTerms(pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
}

export function newNodeAffinity(): Plugin {
  return {
    name: NODE_AFFINITY,
    preFilter(state: CycleState, pod) {
      const req = pod.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
      if (!req && !pod.pod.spec?.nodeSelector) return { status: Status.skip() };
      state.write(PRE_FILTER_KEY, new RequiredNodeAffinity(pod.pod));
      const terms = req?.nodeSelectorTerms ?? [];
      if (terms.length === 0) return {};
      let nodeNames: Set<string> | undefined;
      for (const t of terms) {
        let termNames: Set<string> | undefined;
        for (const f of t.matchFields ?? []) {
          if (f.key !== 'metadata.name' || f.operator !== 'In') continue;
          const s = new Set(f.values ?? []);
          termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
        }
        // A term without a node-name field lets every node through: the terms are ORed.
        if (!termNames) return {};
        nodeNames = new Set([...(nodeNames ?? []), ...termNames]);
      }
      if (nodeNames && nodeNames.size === 0) return { status: Status.unresolvable(ERR_REASON_CONFLICT) };
      return nodeNames ? { result: { nodeNames } } : {};
    },
    filter(state, pod, nodeInfo) {
      const node = nodeInfo.node;
      if (!node) return Status.error('node not found');
      const req = state.read<RequiredNodeAffinity>(PRE_FILTER_KEY) ?? new RequiredNodeAffinity(pod.pod);
      return req.match(node) ? null : Status.unresolvable(ERR_REASON_POD);
    },
    preScore(state: CycleState, pod) {
      if ((pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length === 0) return Status.skip();
      const pref = preferredOf(pod.pod);
      state.write(PRE_SCORE_KEY, pref);
      return null;
    },
    score(state, pod, nodeInfo) {
      const pref = state.read<PreferredSchedulingTerms>(PRE_SCORE_KEY) ?? preferredOf(pod.pod);
      return nodeInfo.node ? pref.score(nodeInfo.node) : 0;
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
      return null;
    },
    eventsToRegister: () => [
      {
        resource: 'Node',
        actions: Action.Add | Action.UpdateNodeLabel,
        hint: (pod, oldObj, newObj) => {
          const req = new RequiredNodeAffinity(pod);
          const now = newObj ? req.match(newObj as NodeObj) : false;
          const before = oldObj ? req.match(oldObj as NodeObj) : false;
          return now && !before ? 'Queue' : 'Skip';
        },
      },
    ],
  };
}
