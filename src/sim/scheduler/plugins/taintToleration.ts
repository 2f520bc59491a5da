/**
 * TaintToleration: Filter rejects a node with a NoSchedule or NoExecute taint the pod does
 * not tolerate ("node(s) had untolerated taint {key: value}"); Score counts the
 * PreferNoSchedule taints the pod does not tolerate, fewer is better.
 */
import type { Toleration } from 'kubernetes-types/core/v1';
import { Action } from '../framework/events';
import type { CycleState, Plugin } from '../framework/interface';
import { Status } from '../framework/status';
import { MAX_NODE_SCORE, type NodeObj } from '../framework/types';
import { defaultNormalizeScore } from './helpers/scoring';
import { findUntoleratedTaint, isDoNotSchedule, tolerationsTolerateTaint } from './helpers/taints';

export const TAINT_TOLERATION = 'TaintToleration';
const PRE_SCORE_KEY = `PreScore${TAINT_TOLERATION}`;

export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

export function newTaintToleration(): Plugin {
  return {
    name: TAINT_TOLERATION,
    filter(_state, pod, nodeInfo) {
      if (nodeInfo.taints.length === 0) return null;
      const taint = findUntoleratedTaint(nodeInfo.taints, pod.pod.spec?.tolerations, isDoNotSchedule);
      return taint ? Status.unresolvable(untoleratedTaintReason(taint.key, taint.value)) : null;
    },
    preScore(state: CycleState, pod) {
      const prefer = (pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
      state.write(PRE_SCORE_KEY, prefer);
      return null;
    },
    score(state, pod, nodeInfo) {
      if (nodeInfo.taints.length === 0) return 0;
      const prefer =
        state.read<Toleration[]>(PRE_SCORE_KEY) ?? (pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
      let n = 0;
      for (const taint of nodeInfo.taints) {
        if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(prefer, taint)) n++;
      }
      return n;
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
      return null;
    },
    eventsToRegister: () => [
      {
        resource: 'Node',
        actions: Action.Add | Action.UpdateNodeTaint,
        hint: (pod, _old, newObj) => {
          const node = newObj as NodeObj | undefined;
          if (!node) return 'Skip';
          return findUntoleratedTaint(node.spec?.taints ?? [], pod.spec?.tolerations, isDoNotSchedule) ? 'Skip' : 'Queue';
        },
      },
      { resource: 'UnscheduledPod', actions: Action.UpdatePodToleration },
    ],
  };
}
