/** NodeName (Filter): a pod that names a node in spec.nodeName fits only that node. */
import { Action } from '../framework/events';
import type { Plugin } from '../framework/interface';
import { Status } from '../framework/status';

export const NODE_NAME = 'NodeName';
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export function newNodeName(): Plugin {
  return {
    name: NODE_NAME,
    filter(_state, pod, nodeInfo) {
      const want = pod.pod.spec?.nodeName;
      if (!want || want === nodeInfo.name) return null;
      return Status.unresolvable(ERR_REASON_NODE_NAME);
    },
    eventsToRegister: () => [{ resource: 'Node', actions: Action.Add }],
  };
}
