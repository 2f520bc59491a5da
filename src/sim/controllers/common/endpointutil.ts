/**
 * What the Endpoints and EndpointSlice controllers share (pkg/controller/util/endpoint and
 * endpointslice/util): which pods belong in endpoints, how a Service port resolves per pod,
 * which Services select a pod, and the last-change-trigger-time tracker.
 */
import type { ServicePort } from '../../api/kinds';
import { selectorFromSet } from '../../api/selectors';
import { parseTime } from '../../core';
import type { PodObj, ServiceObj } from './types';

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

/** A selector-less (or empty-selector) Service gets its endpoints from elsewhere. */
export function hasSelector(svc: ServiceObj): boolean {
  return Object.keys(svc.spec?.selector ?? {}).length > 0;
}

export function isServiceIPSet(svc: ServiceObj): boolean {
  const ip = svc.spec?.clusterIP;
  return ip !== undefined && ip !== '' && ip !== 'None';
}

/** ShouldPodBeInEndpoints: not finished, has an IP, and not terminating unless asked. */
export function shouldPodBeInEndpoints(pod: PodObj, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && (pod.status?.podIPs ?? []).length === 0) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod asked for a hostname in this Service's subdomain. */
export function shouldSetHostname(pod: PodObj, svc: ServiceObj): boolean {
  return !!pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace;
}

/** podutil.FindPort: a numeric targetPort as is; a named one from the pod's (or sidecars') ports. */
export function findPort(pod: PodObj, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  const protocol = port.protocol ?? 'TCP';
  const containers = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
  ];
  for (const c of containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** The pod's IP in the Service's first IP family. */
export function podIPFor(pod: PodObj, svc: ServiceObj): string | undefined {
  const family = svc.spec?.ipFamilies?.[0] ?? 'IPv4';
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => !!ip);
  if (ips.length === 0 && pod.status?.podIP) ips.push(pod.status.podIP);
  return ips.find((ip) => (family === 'IPv6') === ip.includes(':'));
}

/** Services in the pod's namespace whose selector matches the pod's labels. */
export function servicesSelecting(services: readonly ServiceObj[], labels: Readonly<Record<string, string>> | undefined): ServiceObj[] {
  return services.filter((s) => hasSelector(s) && selectorFromSet(s.spec?.selector).matches(labels));
}

interface ServiceState {
  podTimes: Map<string, number>;
  serviceTime: number;
}

/**
 * endpointutil.TriggerTimeTracker: the earliest time of a change this sync reacts to (a pod's
 * Ready transition or the Service's creation), or undefined when nothing changed.
 */
export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  compute(svc: ServiceObj, pods: readonly PodObj[]): number | undefined {
    const key = `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`;
    const known = this.states.get(key);
    const state: ServiceState = { podTimes: new Map(), serviceTime: 0 };
    let min: number | undefined;
    const consider = (t: number): void => {
      if (min === undefined || t < min) min = t;
    };
    for (const pod of pods) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
      if (!ready) continue;
      const t = parseTime(ready);
      const name = pod.metadata.name ?? '';
      state.podTimes.set(name, t);
      if (known && known.podTimes.get(name) === t) continue;
      consider(t);
    }
    const created = svc.metadata.creationTimestamp ? parseTime(svc.metadata.creationTimestamp) : 0;
    state.serviceTime = created;
    if (!known || known.serviceTime !== created) consider(created);
    this.states.set(key, state);
    return min;
  }

  delete(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}

/** time.Time.UTC().Format(time.RFC3339Nano): trailing zeros of the fraction dropped. */
export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z').replace(/(\.\d*?)0+Z$/, '$1Z');
}
