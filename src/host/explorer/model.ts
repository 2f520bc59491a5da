/**
 * Builds the explorer's tree from the cluster's objects: Nodes (conditions and their pods),
 * Namespaces, Workloads, Services with their endpoints, and the latest Events.
 */
import type { Event, Node, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject } from '../../sim/api/types';
import { age } from '../../sim/apiserver/printers';
import { nodeHealth, summarize, type Health } from './health';
import { keyOf, refOf, type ExplorerItem } from './item';
import { podItem, workloadsSection, type Index } from './workloads';

export interface ModelInput {
  objects: readonly KubeObject[];
  /** Virtual time, for ages in tooltips. */
  now: number;
  /** Nodes whose kubelet is stopped (Start Node instead of Stop Node). */
  stoppedKubelets?: ReadonlySet<string>;
  /** Events shown under Events (newest first). */
  eventLimit?: number;
}

function byName(a: KubeObject, b: KubeObject): number {
  return keyOf(a).localeCompare(keyOf(b));
}

export function indexObjects(objects: readonly KubeObject[]): Index {
  const byKind = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const list = byKind.get(o.kind) ?? [];
    list.push(o);
    byKind.set(o.kind, list);
  }
  for (const list of byKind.values()) list.sort(byName);
  const of = (kind: string): KubeObject[] => byKind.get(kind) ?? [];
  return { of };
}

export function buildExplorer(input: ModelInput): ExplorerItem[] {
  const index = indexObjects(input.objects);
  return [
    nodesSection(index, input),
    namespacesSection(index),
    workloadsSection(index, input.now),
    servicesSection(index),
    eventsSection(index, input),
  ];
}

function nodesSection(index: Index, input: ModelInput): ExplorerItem {
  const nodes = index.of('Node');
  const s = summarize(nodes);
  const children = nodes.map((o) => nodeItem(o, index, input));
  return { id: 'nodes', label: 'Nodes', icon: 'server-environment', description: `${s.nodesReady}/${s.nodesTotal} Ready`, children, expanded: true };
}

function nodeItem(o: KubeObject, index: Index, input: ModelInput): ExplorerItem {
  const node = o as unknown as Node;
  const name = node.metadata?.name ?? '';
  const h = nodeHealth(o);
  const role = node.metadata?.labels?.['node-role.kubernetes.io/control-plane'] !== undefined ? 'control-plane' : 'worker';
  const pods = index.of('Pod').filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === name);
  const stopped = input.stoppedKubelets?.has(name) ?? false;
  const conditions: ExplorerItem = {
    id: `node/${name}/conditions`,
    label: 'Conditions',
    icon: 'checklist',
    children: (node.status?.conditions ?? []).map((c) => {
      const good = c.type === 'Ready' ? c.status === 'True' : c.status === 'False';
      return {
        id: `node/${name}/condition/${c.type}`,
        label: c.type,
        description: `${c.status}${c.reason ? ` · ${c.reason}` : ''}`,
        icon: good ? 'pass' : c.status === 'Unknown' ? 'question' : 'error',
        health: good ? 'ok' : 'failing',
        tooltip: `**${c.type}: ${c.status}**${c.reason ? ` (${c.reason})` : ''}\n\n${c.message ?? ''}\n\nLast heartbeat ${age(c.lastHeartbeatTime, input.now)} ago, changed ${age(c.lastTransitionTime, input.now)} ago`,
      };
    }),
  };
  const ip = (node.status?.addresses ?? []).find((a) => a.type === 'InternalIP')?.address ?? '';
  const taints = (node.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
  return {
    id: `node/${name}`,
    label: name,
    description: `${h.status} · ${role} · ${pods.length} pod${pods.length === 1 ? '' : 's'}${stopped ? ' · kubelet stopped' : ''}`,
    icon: 'server',
    health: h.health,
    ref: refOf(o),
    actions: ['yaml', 'describe', h.status.includes('SchedulingDisabled') ? 'uncordon' : 'cordon', stopped ? 'startNode' : 'stopNode'],
    tooltip: [
      `**node/${name}**: ${h.status}`,
      `Role: ${role}, InternalIP: ${ip}, pod CIDR: ${node.spec?.podCIDR ?? ''}`,
      `Taints: ${taints.length > 0 ? taints.join(', ') : '<none>'}`,
      stopped ? 'The kubelet is stopped: no heartbeats, so the node lifecycle controller marks the node NotReady after 40s and evicts its pods after 300s more.' : '',
      `Age: ${age(node.metadata?.creationTimestamp, input.now)}`,
    ].filter(Boolean).join('\n\n'),
    children: [conditions, ...pods.map((p) => podItem(p, `node/${name}/`, input.now, false))],
  };
}

function namespacesSection(index: Index): ExplorerItem {
  const pods = index.of('Pod');
  const children = index.of('Namespace').map((o): ExplorerItem => {
    const name = o.metadata.name ?? '';
    const phase = (o.status as { phase?: string } | undefined)?.phase ?? 'Active';
    const n = pods.filter((p) => p.metadata.namespace === name).length;
    return {
      id: `namespace/${name}`,
      label: name,
      description: `${phase} · ${n} pod${n === 1 ? '' : 's'}`,
      icon: 'symbol-namespace',
      health: phase === 'Active' ? undefined : 'progressing',
      ref: refOf(o),
      actions: ['yaml', 'describe', 'delete'],
    };
  });
  return { id: 'namespaces', label: 'Namespaces', icon: 'symbol-namespace', description: String(children.length), children };
}

function portText(svc: Service): string {
  return (svc.spec?.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function servicesSection(index: Index): ExplorerItem {
  const slices = index.of('EndpointSlice') as unknown as EndpointSlice[];
  const children = index.of('Service').map((o): ExplorerItem => {
    const svc = o as unknown as Service;
    const name = svc.metadata?.name ?? '';
    const ns = svc.metadata?.namespace ?? 'default';
    const mine = slices.filter((s) => s.metadata?.namespace === ns && s.metadata?.labels?.['kubernetes.io/service-name'] === name);
    const endpoints: ExplorerItem[] = [];
    for (const slice of mine) {
      const ports = slice.ports ?? [];
      for (const ep of slice.endpoints ?? []) {
        const ready = ep.conditions?.ready !== false;
        const terminating = ep.conditions?.terminating === true;
        for (const addr of ep.addresses) {
          const only = ports.length === 1 ? ports[0] : undefined;
          const target = ep.targetRef ? `${ep.targetRef.kind?.toLowerCase() ?? 'pod'}/${ep.targetRef.name ?? ''}` : '';
          const health: Health = terminating ? 'progressing' : ready ? 'ok' : 'failing';
          endpoints.push({
            id: `service/${ns}/${name}/endpoint/${addr}`,
            label: only ? `${addr}:${only.port ?? 0}` : addr,
            description: [only ? '' : ports.map((p) => `${p.port ?? 0}/${p.protocol ?? 'TCP'}`).join(','), target, ep.nodeName, terminating ? 'terminating' : ready ? 'ready' : 'not ready']
              .filter(Boolean)
              .join(' · '),
            icon: 'plug',
            health,
          });
        }
      }
    }
    const selector = Object.entries(svc.spec?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
    if (endpoints.length === 0) {
      endpoints.push({
        id: `service/${ns}/${name}/endpoint/none`,
        label: 'No endpoints',
        description: selector ? `no ready pod matches ${selector}` : 'no selector',
        icon: 'circle-slash',
        health: selector ? 'progressing' : undefined,
      });
    }
    const type = svc.spec?.type ?? 'ClusterIP';
    return {
      id: `service/${ns}/${name}`,
      label: name,
      description: `${type} ${svc.spec?.clusterIP ?? ''} · ${portText(svc)}${ns === 'default' ? '' : ` · ${ns}`}`,
      icon: 'globe',
      ref: refOf(o),
      actions: ['yaml', 'describe', 'delete', 'walk', 'request'],
      tooltip: `**service/${name}** in ${ns}\n\nType: ${type}, ClusterIP: ${svc.spec?.clusterIP ?? ''}, ports: ${portText(svc)}\n\nSelector: ${selector || '<none>'}`,
      children: endpoints,
    };
  });
  return { id: 'services', label: 'Services', icon: 'globe', description: String(children.length), children };
}

function eventsSection(index: Index, input: ModelInput): ExplorerItem {
  const events = index.of('Event') as unknown as Event[];
  const last = (e: Event): number => Date.parse(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '') || 0;
  const sorted = [...events].sort((a, b) => last(b) - last(a)).slice(0, input.eventLimit ?? 50);
  const warnings = events.filter((e) => e.type === 'Warning').length;
  const children = sorted.map((e): ExplorerItem => {
    const object = `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`;
    const warning = e.type === 'Warning';
    return {
      id: `event/${e.metadata?.uid ?? `${e.metadata?.namespace ?? ''}/${e.metadata?.name ?? ''}`}`,
      label: e.reason ?? '',
      description: `${object}${(e.count ?? 1) > 1 ? ` (x${e.count ?? 1})` : ''} · ${e.message ?? ''}`,
      icon: warning ? 'warning' : 'info',
      health: warning ? 'failing' : undefined,
      tooltip: `**${e.type ?? ''} ${e.reason ?? ''}** on ${object}${e.metadata?.namespace ? ` in ${e.metadata.namespace}` : ''}\n\n${e.message ?? ''}\n\nFrom ${e.source?.component ?? e.reportingComponent ?? ''}, last seen ${age(e.lastTimestamp ?? e.eventTime, input.now)} ago, ${e.count ?? 1} time(s)`,
    };
  });
  return {
    id: 'events',
    label: 'Events',
    icon: 'bell',
    description: `${events.length}${warnings > 0 ? ` · ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`,
    actions: ['events'],
    children,
  };
}
