/** DefaultBinder (Bind): POST a Binding to the pod's binding subresource, as upstream does. */
import { R } from '../../client';
import type { Handle, Plugin } from '../framework/interface';
import { Status } from '../framework/status';

export const DEFAULT_BINDER = 'DefaultBinder';

export function newDefaultBinder(h: Handle): Plugin {
  return {
    name: DEFAULT_BINDER,
    bind(_state, pod, nodeName) {
      try {
        h.client.createSubresource(R.pods, pod.namespace, pod.name, 'binding', {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name: pod.name, namespace: pod.namespace, uid: pod.uid },
          target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
        });
        return null;
      } catch (err) {
        return Status.error(err instanceof Error ? err.message : String(err));
      }
    },
  };
}
