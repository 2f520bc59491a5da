/**
 * NodeUnschedulable (Filter): a cordoned node (spec.unschedulable) takes only pods that
 * tolerate node.kubernetes.io/unschedulable:NoSchedule.
 */
import { Action } from '../framework/events';
import type { Plugin } from '../framework/interface';
import { Status } from '../framework/status';
import type { NodeObj } from '../framework/types';
import { tolerationsTolerateTaint } from './helpers/taints';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export function newNodeUnschedulable(): Plugin {
  return {
    name: NODE_UNSCHEDULABLE,
    filter(_state, pod, nodeInfo) {
      if (!nodeInfo.unschedulable) return null;
      const tolerates = tolerationsTolerateTaint(pod.pod.spec?.tolerations, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
      return tolerates ? null : Status.unresolvable(ERR_REASON_UNSCHEDULABLE);
    },
    eventsToRegister: () => [
      {
        resource: 'Node',
        actions: Action.Add | Action.UpdateNodeTaint,
        hint: (_pod, _old, newObj) => ((newObj as NodeObj | undefined)?.spec?.unschedulable ? 'Skip' : 'Queue'),
      },
    ],
  };
}
