/**
 * The EndpointSlice reconciler for one Service and address type, after
 * pkg/controller/endpointslice/reconciler.go: endpoints grouped by their resolved ports,
 * kept in the slices that already hold them, new ones filling slices with room (at most
 * 100 endpoints each) before new slices are made, empty slices deleted, one placeholder
 * slice kept for a Service with no endpoints, and deletions reused for creations.
 */
import type { EndpointPort } from 'kubernetes-types/discovery/v1';
import type { EndpointSliceEndpoint } from '../../api/kinds';
import { ownerRef } from '../../api/objects';
import { canonicalJson } from '../common/hash';
import type { EndpointSliceObj, ServiceObj } from '../common/types';
import { jsonEqual } from '../common/util';
import { HEADLESS_LABEL, isServiceIPSet } from '../common/endpointutil';

export const MAX_ENDPOINTS_PER_SLICE = 100;
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

export interface DesiredGroup {
  ports: EndpointPort[];
  endpoints: EndpointSliceEndpoint[];
}

export interface SlicePlan {
  create: EndpointSliceObj[];
  update: EndpointSliceObj[];
  delete: EndpointSliceObj[];
}

/** hashEndpoint: an endpoint's identity is its addresses, hostname and pod. */
export function endpointKey(ep: EndpointSliceEndpoint): string {
  return canonicalJson([[...ep.addresses].sort(), ep.hostname ?? '', ep.targetRef?.namespace ?? '', ep.targetRef?.name ?? '']);
}

const portsKey = (ports: readonly EndpointPort[] | null | undefined): string => canonicalJson(ports ?? []);

/** setEndpointSliceLabels: the Service's labels plus the two reserved ones (and headless). */
export function sliceLabels(svc: ServiceObj): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) {
    if (k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY) continue;
    labels[k] = v;
  }
  if (!isServiceIPSet(svc)) labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  labels[LABEL_SERVICE_NAME] = svc.metadata.name ?? '';
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return labels;
}

export function newSlice(svc: ServiceObj, addressType: string, ports: EndpointPort[] | null): EndpointSliceObj {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${svc.metadata.name ?? ''}-`,
      namespace: svc.metadata.namespace,
      labels: sliceLabels(svc),
      ownerReferences: [ownerRef({ ...svc, apiVersion: 'v1', kind: 'Service' })],
    },
    addressType,
    endpoints: null as unknown as EndpointSliceEndpoint[],
    ports: ports as EndpointPort[],
  };
}

const isPlaceholder = (s: EndpointSliceObj): boolean => (s.endpoints ?? []).length === 0 && (s.ports ?? []).length === 0;

export function planSlices(svc: ServiceObj, addressType: string, existing: readonly EndpointSliceObj[], desired: readonly DesiredGroup[]): SlicePlan {
  const labels = sliceLabels(svc);
  const wanted = new Map<string, { group: DesiredGroup; remaining: Map<string, EndpointSliceEndpoint> }>();
  for (const g of desired) {
    const remaining = new Map<string, EndpointSliceEndpoint>();
    for (const ep of g.endpoints) remaining.set(endpointKey(ep), ep);
    wanted.set(portsKey(g.ports), { group: g, remaining });
  }
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const unchanged: EndpointSliceObj[] = [];
  for (const slice of existing) {
    const w = wanted.get(portsKey(slice.ports));
    if (!w) {
      plan.delete.push(slice);
      continue;
    }
    let changed = false;
    const kept: EndpointSliceEndpoint[] = [];
    for (const ep of slice.endpoints ?? []) {
      const k = endpointKey(ep);
      const want = w.remaining.get(k);
      if (!want) {
        changed = true;
        continue;
      }
      if (!jsonEqual(want, ep)) changed = true;
      kept.push(want);
      w.remaining.delete(k);
    }
    const labelsChanged = !jsonEqual(slice.metadata.labels ?? {}, labels);
    if (kept.length === 0 && (slice.endpoints ?? []).length > 0) {
      plan.delete.push(slice);
    } else if (changed || labelsChanged) {
      plan.update.push({ ...slice, metadata: { ...slice.metadata, labels }, endpoints: kept });
    } else {
      unchanged.push(slice);
    }
  }
  // Remaining endpoints go into slices with room (updated ones first), then new slices.
  for (const [key, w] of wanted) {
    const left = [...w.remaining.values()];
    if (left.length === 0) continue;
    const fill = (s: EndpointSliceObj): void => {
      const room = MAX_ENDPOINTS_PER_SLICE - (s.endpoints ?? []).length;
      if (room > 0 && left.length > 0) s.endpoints = [...(s.endpoints ?? []), ...left.splice(0, room)];
    };
    for (const s of plan.update) if (portsKey(s.ports) === key) fill(s);
    for (let i = 0; i < unchanged.length && left.length > 0; i++) {
      const s = unchanged[i] as EndpointSliceObj;
      if (portsKey(s.ports) !== key || (s.endpoints ?? []).length >= MAX_ENDPOINTS_PER_SLICE) continue;
      const copy = { ...s, endpoints: [...(s.endpoints ?? [])] };
      fill(copy);
      plan.update.push(copy);
      unchanged.splice(i--, 1);
    }
    while (left.length > 0) {
      const s = newSlice(svc, addressType, w.group.ports);
      s.endpoints = left.splice(0, MAX_ENDPOINTS_PER_SLICE);
      plan.create.push(s);
    }
  }
  // A Service with no endpoints keeps exactly one placeholder slice.
  if (existing.length === plan.delete.length && plan.create.length === 0) {
    const placeholder = plan.delete.length === 1 ? plan.delete[0] : undefined;
    if (placeholder && isPlaceholder(placeholder) && jsonEqual(placeholder.metadata.labels ?? {}, labels)) plan.delete = [];
    else plan.create.push(newSlice(svc, addressType, null));
  }
  // Slices about to be deleted are reused for the ones about to be created.
  for (let i = 0; i < plan.delete.length && plan.create.length > 0; ) {
    const old = plan.delete[i] as EndpointSliceObj;
    const fresh = plan.create[plan.create.length - 1] as EndpointSliceObj;
    const owned = old.metadata.ownerReferences?.some((r) => r.uid === svc.metadata.uid && r.controller === true) ?? false;
    if (old.addressType === fresh.addressType && owned) {
      plan.create.pop();
      plan.update.push({ ...old, metadata: { ...old.metadata, labels: fresh.metadata.labels }, endpoints: fresh.endpoints, ports: fresh.ports });
      plan.delete.splice(i, 1);
    } else {
      i++;
    }
  }
  return plan;
}
