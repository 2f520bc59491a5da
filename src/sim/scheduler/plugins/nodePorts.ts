/** NodePorts (Filter): a pod's host ports must be free on the node (0.0.0.0 conflicts with every address). */
import { Action } from '../framework/events';
import type { Plugin } from '../framework/interface';
import { Status } from '../framework/status';
import type { PodObj } from '../framework/types';

export const NODE_PORTS = 'NodePorts';
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

export function newNodePorts(): Plugin {
  return {
    name: NODE_PORTS,
    preFilter: (_state, pod) => (pod.hostPorts.length === 0 ? { status: Status.skip() } : {}),
    filter(_state, pod, nodeInfo) {
      for (const hp of pod.hostPorts) {
        if (nodeInfo.portConflicts(hp.ip, hp.protocol, hp.port)) return Status.unschedulable(ERR_REASON_NODE_PORTS);
      }
      return null;
    },
    eventsToRegister: () => [
      {
        resource: 'Pod',
        actions: Action.Delete,
        hint: (_pod, oldObj) => {
          const p = oldObj as PodObj | undefined;
          const usesPorts = [...(p?.spec?.containers ?? [])].some((c) => (c.ports ?? []).some((cp) => (cp.hostPort ?? 0) > 0));
          return p?.spec?.nodeName && usesPorts ? 'Queue' : 'Skip';
        },
      },
      { resource: 'Node', actions: Action.Add },
    ],
  };
}
