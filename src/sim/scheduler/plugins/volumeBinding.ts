/**
 * VolumeBinding, simplified for the simulated PVCs: every PersistentVolumeClaim the pod uses
 * must exist and be bound (no dynamic provisioning here), and the bound volume's node
 * affinity must admit the node.
 */
import type { NodeSelector } from 'kubernetes-types/core/v1';
import { Action } from '../framework/events';
import type { CycleState, Handle, Plugin } from '../framework/interface';
import { Status } from '../framework/status';
import type { NodeObj, PVObj } from '../framework/types';
import { compileTerm } from './helpers/nodeSelector';

export const VOLUME_BINDING = 'VolumeBinding';
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
const STATE_KEY = VOLUME_BINDING;

function pvMatchesNode(pv: PVObj, node: NodeObj): boolean {
  const required: NodeSelector | undefined = pv.spec?.nodeAffinity?.required;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((t) => {
    const c = compileTerm(t);
    if (!c) return false;
    const name = node.metadata.name ?? '';
    return c.labels.matches(node.metadata.labels) && c.fields.every((f) => (f.operator === 'in' ? f.values.includes(name) : !f.values.includes(name)));
  });
}

export function newVolumeBinding(h: Handle): Plugin {
  return {
    name: VOLUME_BINDING,
    preFilter(state: CycleState, pod) {
      const claims: string[] = [];
      for (const v of pod.pod.spec?.volumes ?? []) {
        if (v.persistentVolumeClaim) claims.push(v.persistentVolumeClaim.claimName);
        else if (v.ephemeral) claims.push(`${pod.name}-${v.name}`);
      }
      if (claims.length === 0) return { status: Status.skip() };
      const bound: PVObj[] = [];
      for (const name of claims) {
        const pvc = h.listers.pvc(pod.namespace, name);
        if (!pvc) return { status: Status.unresolvable(`persistentvolumeclaim "${name}" not found`) };
        if (pvc.metadata.deletionTimestamp) return { status: Status.unresolvable(`persistentvolumeclaim "${name}" is being deleted`) };
        const volumeName = pvc.spec?.volumeName;
        if (!volumeName) return { status: Status.unresolvable(ERR_UNBOUND_IMMEDIATE) };
        const pv = h.listers.pv(volumeName);
        if (!pv) return { status: Status.unresolvable(`pvc(s) bound to non-existent pv(s)`) };
        bound.push(pv);
      }
      state.write(STATE_KEY, bound);
      return {};
    },
    filter(state, _pod, nodeInfo) {
      const bound = state.read<PVObj[]>(STATE_KEY) ?? [];
      const node = nodeInfo.node;
      if (!node) return Status.error('node not found');
      for (const pv of bound) if (!pvMatchesNode(pv, node)) return Status.unresolvable(ERR_REASON_NODE_CONFLICT);
      return null;
    },
    eventsToRegister: () => [
      { resource: 'PersistentVolumeClaim', actions: Action.Add | Action.Update },
      { resource: 'PersistentVolume', actions: Action.Add | Action.Update },
      { resource: 'Node', actions: Action.Add | Action.UpdateNodeLabel | Action.UpdateNodeTaint },
    ],
  };
}
