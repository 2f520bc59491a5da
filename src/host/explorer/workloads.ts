/**
 * The Workloads part of the explorer: Deployments (their ReplicaSets and pods), ReplicaSets,
 * Pods, StatefulSets, DaemonSets, Jobs and CronJobs, each with what it owns.
 */
import type { KubeObject } from '../../sim/api/types';
import { age } from '../../sim/apiserver/printers';
import { podHealth, workloadHealth } from './health';
import { refOf, type Action, type ExplorerItem } from './item';

export interface Index {
  of(kind: string): KubeObject[];
}

const GROUPS: { kind: string; label: string; icon: string }[] = [
  { kind: 'Deployment', label: 'Deployments', icon: 'layers' },
  { kind: 'ReplicaSet', label: 'ReplicaSets', icon: 'copy' },
  { kind: 'Pod', label: 'Pods', icon: 'symbol-module' },
  { kind: 'StatefulSet', label: 'StatefulSets', icon: 'database' },
  { kind: 'DaemonSet', label: 'DaemonSets', icon: 'broadcast' },
  { kind: 'Job', label: 'Jobs', icon: 'run-all' },
  { kind: 'CronJob', label: 'CronJobs', icon: 'watch' },
];

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

function ownedBy(owner: KubeObject, objects: readonly KubeObject[]): KubeObject[] {
  const uid = owner.metadata.uid;
  return objects.filter((o) => o.metadata.namespace === owner.metadata.namespace && (o.metadata.ownerReferences ?? []).some((r) => r.uid === uid));
}

function nsSuffix(o: KubeObject): string {
  return o.metadata.namespace && o.metadata.namespace !== 'default' ? ` · ${o.metadata.namespace}` : '';
}

export function podItem(o: KubeObject, prefix: string, now: number, showNode = true): ExplorerItem {
  const h = podHealth(o);
  const node = (o.spec as { nodeName?: string } | undefined)?.nodeName;
  const ip = (o.status as { podIP?: string } | undefined)?.podIP;
  const owner = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
  const parts = [h.status, h.ready, h.restarts > 0 ? `${h.restarts} restart${h.restarts === 1 ? '' : 's'}` : '', showNode ? (node ?? 'unscheduled') : ''];
  return {
    id: `${prefix}pod/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`,
    label: o.metadata.name ?? '',
    description: parts.filter(Boolean).join(' · ') + nsSuffix(o),
    icon: h.health === 'failing' ? 'error' : h.health === 'ok' ? 'pass-filled' : h.health === 'done' ? 'pass' : 'clock',
    health: h.health,
    ref: refOf(o),
    actions: ['yaml', 'describe', 'logs', 'delete', 'walk'],
    tooltip: [
      `**pod/${o.metadata.name ?? ''}** in ${o.metadata.namespace ?? ''}: ${h.status} (${h.ready} ready, ${h.restarts} restarts)`,
      `Node: ${node ?? '<none>'}, IP: ${ip ?? '<none>'}`,
      owner ? `Controlled by ${owner.kind}/${owner.name}` : '',
      `Age: ${age(o.metadata.creationTimestamp, now)}`,
    ].filter(Boolean).join('\n\n'),
  };
}

function workloadItem(o: KubeObject, index: Index, now: number, prefix: string): ExplorerItem {
  const h = workloadHealth(o);
  const actions: Action[] = ['yaml', 'describe', ...(SCALABLE.has(o.kind) ? (['scale'] as Action[]) : []), 'delete', 'walk'];
  const id = `${prefix}${o.kind.toLowerCase()}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
  let children: ExplorerItem[];
  if (o.kind === 'Deployment') {
    children = ownedBy(o, index.of('ReplicaSet')).map((rs) => workloadItem(rs, index, now, `${id}/`));
  } else if (o.kind === 'CronJob') {
    children = ownedBy(o, index.of('Job')).map((j) => workloadItem(j, index, now, `${id}/`));
  } else {
    children = ownedBy(o, index.of('Pod')).map((p) => podItem(p, `${id}/`, now));
  }
  return {
    id,
    label: o.metadata.name ?? '',
    description: `${h.summary}${nsSuffix(o)}`,
    icon: GROUPS.find((g) => g.kind === o.kind)?.icon ?? 'symbol-class',
    health: h.health,
    ref: refOf(o),
    actions,
    tooltip: `**${o.kind.toLowerCase()}/${o.metadata.name ?? ''}** in ${o.metadata.namespace ?? ''}: ${h.summary}\n\nAge: ${age(o.metadata.creationTimestamp, now)}`,
    children,
  };
}

export function workloadsSection(index: Index, now: number): ExplorerItem {
  const children = GROUPS.map((g): ExplorerItem => {
    const objects = index.of(g.kind);
    const items = g.kind === 'Pod' ? objects.map((p) => podItem(p, 'workloads/', now)) : objects.map((o) => workloadItem(o, index, now, 'workloads/'));
    return { id: `workloads/${g.kind}`, label: g.label, icon: g.icon, description: String(items.length), children: items };
  });
  return { id: 'workloads', label: 'Workloads', icon: 'package', children, expanded: true };
}
