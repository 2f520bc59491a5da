/**
 * What a person does to nodes to see failures: cordon and uncordon (spec.unschedulable),
 * drain (cordon, then evict every pod but mirror and DaemonSet pods, as
 * `kubectl drain --ignore-daemonsets` does) and removing a node. Each answers with
 * kubectl's own lines. Stopping a kubelet is NodeAgent.stopKubelet().
 */
import type { KubeObject } from '../api/types';
import { StatusError } from '../api/errors';
import { R, type Client } from '../client';
import type { NodeAgent } from './types';

const MIRROR = 'kubernetes.io/config.mirror';

function setUnschedulable(client: Client, node: string, value: boolean): string {
  const current = client.get<KubeObject>(R.nodes, undefined, node);
  const already = ((current.spec ?? {}) as { unschedulable?: boolean }).unschedulable === true;
  if (already === value) return `node/${node} already ${value ? 'cordoned' : 'uncordoned'}`;
  client.patch(R.nodes, undefined, node, { spec: { unschedulable: value ? true : null } }, 'strategic');
  return `node/${node} ${value ? 'cordoned' : 'uncordoned'}`;
}

export function cordon(client: Client, node: string): string {
  return setUnschedulable(client, node, true);
}

export function uncordon(client: Client, node: string): string {
  return setUnschedulable(client, node, false);
}

export interface DrainOptions {
  ignoreDaemonSets?: boolean;
  force?: boolean;
  gracePeriodSeconds?: number;
}

/** kubectl drain: the lines it prints; pods are evicted (or deleted when eviction is unavailable). */
export function drain(client: Client, node: string, opts: DrainOptions = {}): string[] {
  const out = [cordon(client, node)];
  const pods = client.list<KubeObject>(R.pods, undefined, { fieldSelector: `spec.nodeName=${node}` }).items;
  const daemon: string[] = [];
  const unmanaged: string[] = [];
  const evict: KubeObject[] = [];
  for (const p of pods) {
    const phase = (p.status as { phase?: string } | undefined)?.phase;
    if (p.metadata.annotations?.[MIRROR]) continue;
    if (phase === 'Succeeded' || phase === 'Failed') {
      evict.push(p);
      continue;
    }
    const owner = p.metadata.ownerReferences?.find((o) => o.controller);
    const name = `${p.metadata.namespace}/${p.metadata.name}`;
    if (owner?.kind === 'DaemonSet') daemon.push(name);
    else if (!owner) unmanaged.push(name);
    evict.push(p);
  }
  if (daemon.length > 0 && !opts.ignoreDaemonSets) {
    out.push(`error: unable to drain node "${node}" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.join(', ')}, continuing command...`);
    out.push('There are pending nodes to be drained:', ` ${node}`);
    return out;
  }
  if (unmanaged.length > 0 && !opts.force) {
    out.push(`error: unable to drain node "${node}" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(', ')}, continuing command...`);
    out.push('There are pending nodes to be drained:', ` ${node}`);
    return out;
  }
  const warnings: string[] = [];
  if (daemon.length > 0) warnings.push(`ignoring DaemonSet-managed Pods: ${daemon.join(', ')}`);
  if (unmanaged.length > 0) warnings.push(`deleting Pods that declare no controller: ${unmanaged.join(', ')}`);
  if (warnings.length > 0) out.push(`Warning: ${warnings.join('; ')}`);
  // kubectl evicts every pod at once and reports each as it goes: all "evicting" lines
  // come first, then the "evicted" ones.
  const done: string[] = [];
  for (const p of evict) {
    const ns = p.metadata.namespace ?? 'default';
    const name = p.metadata.name ?? '';
    if (daemon.includes(`${ns}/${name}`)) continue;
    out.push(`evicting pod ${ns}/${name}`);
    try {
      client.createSubresource(R.pods, ns, name, 'eviction', {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name, namespace: ns },
        ...(opts.gracePeriodSeconds !== undefined ? { deleteOptions: { gracePeriodSeconds: opts.gracePeriodSeconds } } : {}),
      });
    } catch (err) {
      if (!(err instanceof StatusError)) throw err;
      if (err.code === 429) {
        out.push(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${err.status.message ?? ''}`);
        continue;
      }
      // Without the eviction subresource kubectl falls back to deleting the pod.
      try {
        client.delete(R.pods, ns, name, opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : undefined);
      } catch (e) {
        if (!(e instanceof StatusError) || e.code !== 404) throw e;
      }
    }
    done.push(`pod/${name} evicted`);
  }
  out.push(...done);
  out.push(`node/${node} drained`);
  return out;
}

/** Removes a node: its agent stops (kubelet, kube-proxy, runtime) and the Node object goes. */
export function removeNode(client: Client, agent: NodeAgent): string {
  agent.stop();
  try {
    client.delete(R.nodes, undefined, agent.spec.name);
  } catch (err) {
    if (!(err instanceof StatusError) || err.code !== 404) throw err;
  }
  return `node "${agent.spec.name}" deleted`;
}
