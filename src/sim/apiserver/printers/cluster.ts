/** `kubectl get services`, `nodes` and `events` columns. */
import type { Event, Node, Service } from 'kubernetes-types/core/v1';
import type { Printer } from './types';
import { age, mapSelectorText } from './format';

export const servicePrinter: Printer = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name', priority: 0 },
    { name: 'Type', type: 'string', description: 'type determines how the Service is exposed.', priority: 0 },
    { name: 'Cluster-IP', type: 'string', description: 'clusterIP is the IP address of the service.', priority: 0 },
    { name: 'External-IP', type: 'string', description: 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.', priority: 0 },
    { name: 'Port(s)', type: 'string', description: 'The list of ports that are exposed by this service.', priority: 0 },
    { name: 'Age', type: 'string', description: 'CreationTimestamp', priority: 0 },
    { name: 'Selector', type: 'string', description: 'Route service traffic to pods with label keys and values matching this selector.', priority: 1 },
  ],
  row(obj, now) {
    const svc = obj as unknown as Service;
    const spec = svc.spec ?? {};
    const ports = (spec.ports ?? [])
      .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
      .join(',');
    let external = '<none>';
    if (spec.type === 'LoadBalancer') external = '<pending>';
    if (spec.type === 'ExternalName') external = spec.externalName ?? '<none>';
    if (spec.externalIPs?.length) external = spec.externalIPs.join(',');
    return [
      svc.metadata?.name ?? '',
      spec.type ?? 'ClusterIP',
      spec.type === 'ExternalName' ? '<none>' : (spec.clusterIP ?? '<none>'),
      external,
      ports || '<none>',
      age(svc.metadata?.creationTimestamp, now),
      mapSelectorText(spec.selector),
    ];
  },
};

export const nodePrinter: Printer = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name', priority: 0 },
    { name: 'Status', type: 'string', description: 'The status of the node', priority: 0 },
    { name: 'Roles', type: 'string', description: 'The roles of the node', priority: 0 },
    { name: 'Age', type: 'string', description: 'CreationTimestamp', priority: 0 },
    { name: 'Version', type: 'string', description: 'Kubelet Version reported by the node.', priority: 0 },
    { name: 'Internal-IP', type: 'string', description: 'List of addresses reachable to the node.', priority: 1 },
    { name: 'External-IP', type: 'string', description: 'List of addresses reachable to the node.', priority: 1 },
    { name: 'OS-Image', type: 'string', description: 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', priority: 1 },
    { name: 'Kernel-Version', type: 'string', description: "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", priority: 1 },
    { name: 'Container-Runtime', type: 'string', description: 'Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2).', priority: 1 },
  ],
  row(obj, now) {
    const n = obj as unknown as Node;
    const ready = (n.status?.conditions ?? []).find((c) => c.type === 'Ready');
    let status = ready ? (ready.status === 'True' ? 'Ready' : ready.status === 'False' ? 'NotReady' : 'NotReady') : 'Unknown';
    if (n.spec?.unschedulable) status += ',SchedulingDisabled';
    const roles = Object.keys(n.metadata?.labels ?? {})
      .filter((k) => k.startsWith('node-role.kubernetes.io/'))
      .map((k) => k.slice('node-role.kubernetes.io/'.length))
      .sort();
    const addr = (t: string): string => (n.status?.addresses ?? []).find((a) => a.type === t)?.address ?? '<none>';
    const info = n.status?.nodeInfo;
    return [
      n.metadata?.name ?? '',
      status,
      roles.length ? roles.join(',') : '<none>',
      age(n.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? '',
      addr('InternalIP'),
      addr('ExternalIP'),
      info?.osImage ?? '',
      info?.kernelVersion ?? '',
      info?.containerRuntimeVersion ?? '',
    ];
  },
};

/** What `kubectl get events` prints in OBJECT: kind in lower case, slash, name. */
export function eventObject(e: Event): string {
  return `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`;
}

/** The time an event was last seen: lastTimestamp, else eventTime (events.k8s.io events). */
export function eventLastSeen(e: Event): string | undefined {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? undefined;
}

export const eventPrinter: Printer = {
  columns: [
    { name: 'Last Seen', type: 'string', description: 'Time when last event occurred.', priority: 0 },
    { name: 'Type', type: 'string', description: 'Type of this event (Normal, Warning), new types could be added in the future.', priority: 0 },
    { name: 'Reason', type: 'string', description: 'This should be a short, machine understandable string that gives the reason for this event being generated.', priority: 0 },
    { name: 'Object', type: 'string', description: 'The object this Event is about.', priority: 0 },
    { name: 'Subobject', type: 'string', description: 'The subobject this Event is about.', priority: 1 },
    { name: 'Source', type: 'string', description: 'The component reporting this event.', priority: 1 },
    { name: 'Message', type: 'string', description: 'A human-readable description of the status of this operation.', priority: 0 },
    { name: 'First Seen', type: 'string', description: 'Time when first event occurred.', priority: 1 },
    { name: 'Count', type: 'string', description: 'The number of times this event has occurred.', priority: 1 },
    { name: 'Name', type: 'string', description: 'Name', priority: 1 },
  ],
  row(obj, now) {
    const e = obj as unknown as Event;
    const last = eventLastSeen(e);
    const source = e.source?.component ? (e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component) : (e.reportingComponent ?? '');
    return [
      age(last, now),
      e.type ?? '',
      e.reason ?? '',
      eventObject(e),
      e.involvedObject.fieldPath ?? '',
      source,
      (e.message ?? '').trim(),
      age(e.firstTimestamp ?? e.eventTime, now),
      String(e.count ?? 1),
      e.metadata?.name ?? '',
    ];
  },
};
