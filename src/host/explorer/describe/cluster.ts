/** `kubectl describe` for Nodes and Services, and a plain one for every other kind. */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Event, Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { humanDuration } from '../../../sim/apiserver/printers';
import { parseQuantity, type Quantity } from '../../../sim/api/quantity';
import type { KubeObject } from '../../../sim/api/types';
import { annotationsMultiline, describeEvents, DescribeWriter, labelsMultiline, rfc1123z, taintsMultiline } from './writer';

type Resources = Record<string, string>;

/** Go's Quantity.Add keeps the first non-zero operand's format (70Mi stays binary). */
function sum(pods: readonly Pod[], which: 'requests' | 'limits', resource: string): Quantity {
  let total: Quantity | undefined;
  for (const p of pods) {
    for (const c of p.spec?.containers ?? []) {
      const v = (c.resources?.[which] as Resources | undefined)?.[resource];
      if (v === undefined) continue;
      const q = parseQuantity(v);
      total = total === undefined || total.isZero() ? q : total.add(q);
    }
  }
  return total ?? parseQuantity('0');
}

function percent(q: Quantity, of: string | undefined, milli: boolean): number {
  if (!of) return 0;
  const whole = parseQuantity(of);
  const d = milli ? whole.milliValue() : whole.value();
  return d > 0 ? Math.trunc(((milli ? q.milliValue() : q.value()) / d) * 100) : 0;
}

function nodeResources(w: DescribeWriter, node: Node, pods: readonly Pod[], now: number): void {
  const alloc = (Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status?.allocatable : node.status?.capacity) as Resources | undefined;
  w.line(0, `Non-terminated Pods:\t(${pods.length} in total)`);
  w.line(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge');
  w.line(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---');
  for (const p of pods) {
    const cell = (which: 'requests' | 'limits', r: string): string => {
      const q = sum([p], which, r);
      return `${q.toString()} (${percent(q, alloc?.[r], r === 'cpu')}%)`;
    };
    const age = p.metadata?.creationTimestamp ? humanDuration(now - Date.parse(p.metadata.creationTimestamp)) : '<unknown>';
    w.line(1, `${p.metadata?.namespace ?? ''}\t${p.metadata?.name ?? ''}\t\t${cell('requests', 'cpu')}\t${cell('limits', 'cpu')}\t${cell('requests', 'memory')}\t${cell('limits', 'memory')}\t${age}`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.line(1, 'Resource\tRequests\tLimits');
  w.line(1, '--------\t--------\t------');
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = sum(pods, 'requests', r);
    const lim = sum(pods, 'limits', r);
    w.line(1, `${r}\t${req.toString()} (${percent(req, alloc?.[r], r === 'cpu')}%)\t${lim.toString()} (${percent(lim, alloc?.[r], r === 'cpu')}%)`);
  }
}

export function describeNode(node: Node, pods: readonly Pod[], lease: Lease | undefined, events: readonly Event[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const labels = node.metadata?.labels ?? {};
  const roles = Object.keys(labels).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length)).filter(Boolean).sort();
  w.line(0, `Name:\t${node.metadata?.name ?? ''}`);
  w.line(0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}`);
  labelsMultiline(w, 'Labels', labels);
  annotationsMultiline(w, 'Annotations', node.metadata?.annotations);
  w.line(0, `CreationTimestamp:\t${rfc1123z(node.metadata?.creationTimestamp)}`);
  taintsMultiline(w, 'Taints', node.spec?.taints);
  w.line(0, `Unschedulable:\t${node.spec?.unschedulable === true}`);
  w.line(0, 'Lease:');
  w.line(1, `HolderIdentity:\t${lease?.spec?.holderIdentity ?? '<unset>'}`);
  w.line(1, `AcquireTime:\t${lease?.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}`);
  w.line(1, `RenewTime:\t${lease?.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}`);
  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.line(1, '----\t------\t-----------------\t------------------\t------\t-------');
    for (const c of conditions) {
      w.line(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}`);
    }
  }
  w.line(0, 'Addresses:');
  for (const a of node.status?.addresses ?? []) w.line(1, `${a.type}:\t${a.address}`);
  for (const [title, list] of [['Capacity', node.status?.capacity], ['Allocatable', node.status?.allocatable]] as const) {
    const entries = Object.entries((list ?? {}) as Resources).sort(([a], [b]) => (a < b ? -1 : 1));
    if (entries.length === 0) continue;
    w.line(0, `${title}:`);
    for (const [k, v] of entries) w.line(0, `  ${k}:\t${v}`);
  }
  const info = node.status?.nodeInfo;
  w.line(0, 'System Info:');
  w.line(0, `  Machine ID:\t${info?.machineID ?? ''}`);
  w.line(0, `  System UUID:\t${info?.systemUUID ?? ''}`);
  w.line(0, `  Boot ID:\t${info?.bootID ?? ''}`);
  w.line(0, `  Kernel Version:\t${info?.kernelVersion ?? ''}`);
  w.line(0, `  OS Image:\t${info?.osImage ?? ''}`);
  w.line(0, `  Operating System:\t${info?.operatingSystem ?? ''}`);
  w.line(0, `  Architecture:\t${info?.architecture ?? ''}`);
  w.line(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}`);
  w.line(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}`);
  w.line(0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}`);
  if (node.spec?.podCIDR) w.line(0, `PodCIDR:\t${node.spec.podCIDR}`);
  if (node.spec?.podCIDRs?.length) w.line(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}`);
  if (node.spec?.providerID) w.line(0, `ProviderID:\t${node.spec.providerID}`);
  const running = pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  nodeResources(w, node, running, now);
  describeEvents(w, events, now);
  return w.toString();
}

/** formatEndpointSlices: up to three ready addresses, then "+ N more...". */
function endpointsText(slices: readonly EndpointSlice[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const s of slices) {
    for (const port of s.ports ?? []) {
      if ((port.name ?? '') !== portName) continue;
      for (const ep of s.endpoints) {
        if (ep.conditions?.ready === false) continue;
        if (list.length < 3) list.push(`${ep.addresses[0] ?? ''}:${port.port ?? 0}`);
        count++;
      }
    }
  }
  return list.join(',') + (count > 3 ? ` + ${count - 3} more...` : '');
}

export function describeService(svc: Service, slices: readonly EndpointSlice[], events: readonly Event[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = svc.spec ?? {};
  w.line(0, `Name:\t${svc.metadata?.name ?? ''}`);
  w.line(0, `Namespace:\t${svc.metadata?.namespace ?? ''}`);
  labelsMultiline(w, 'Labels', svc.metadata?.labels);
  annotationsMultiline(w, 'Annotations', svc.metadata?.annotations);
  w.line(0, `Selector:\t${Object.entries(spec.selector ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(',')}`);
  w.line(0, `Type:\t${spec.type ?? ''}`);
  if (spec.ipFamilyPolicy) w.line(0, `IP Family Policy:\t${spec.ipFamilyPolicy}`);
  w.line(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}`);
  w.line(0, `IP:\t${spec.clusterIP ?? ''}`);
  w.line(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}`);
  if (spec.externalIPs?.length) w.line(0, `External IPs:\t${spec.externalIPs.join(',')}`);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    const protocol = p.protocol ?? 'TCP';
    w.line(0, `Port:\t${name}\t${p.port}/${protocol}`);
    w.line(0, `TargetPort:\t${String(p.targetPort ?? p.port)}/${protocol}`);
    if (p.nodePort) w.line(0, `NodePort:\t${name}\t${p.nodePort}/${protocol}`);
    w.line(0, `Endpoints:\t${endpointsText(slices, p.name ?? '')}`);
  }
  w.line(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}`);
  if (spec.externalTrafficPolicy) w.line(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}`);
  if (spec.internalTrafficPolicy) w.line(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}`);
  describeEvents(w, events, now);
  return w.toString();
}

/** Kinds without a describer of their own: name, namespace, labels, annotations, events. */
export function describeGeneric(o: KubeObject, events: readonly Event[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name ?? ''}`);
  if (o.metadata.namespace) w.line(0, `Namespace:\t${o.metadata.namespace}`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  w.line(0, `CreationTimestamp:\t${rfc1123z(o.metadata.creationTimestamp)}`);
  const status = (o.status ?? {}) as { phase?: string };
  if (status.phase) w.line(0, `Status:\t${status.phase}`);
  const owner = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (owner) w.line(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  describeEvents(w, events, now);
  return w.toString();
}
