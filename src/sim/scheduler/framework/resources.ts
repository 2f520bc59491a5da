/**
 * framework.Resource and the pod request arithmetic of component-helpers' PodRequests:
 * containers add up, init containers take the max (restartable sidecars add to both),
 * overhead adds on. CPU is kept in millicores, everything else in whole units.
 */
import type { Container, Pod } from '../../api/kinds';
import { tryParseQuantity } from '../../api/quantity';

/** util.DefaultMilliCPURequest and DefaultMemoryRequest: what scoring assumes for a missing request. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended resources, hugepages-*, attachable-volumes-*. */
  scalar: Map<string, number>;
}

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: new Map() };
}

export function cloneResource(r: Resource): Resource {
  return { ...r, scalar: new Map(r.scalar) };
}

/** schedutil.IsScalarResourceName: extended resources (domain-prefixed, not kubernetes.io), hugepages, attachable volumes. */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  if (!name.includes('/')) return false;
  return !name.startsWith('kubernetes.io/') && !name.startsWith('requests.');
}

type ResourceList = Map<string, number>;

function amount(name: string, q: unknown): number {
  const parsed = tryParseQuantity(typeof q === 'number' ? q : String(q ?? '0'));
  if (!parsed) return 0;
  return name === 'cpu' ? parsed.milliValue() : parsed.value();
}

function listOf(reqs: Readonly<Record<string, unknown>> | undefined, nonMissing: boolean): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of Object.entries(reqs ?? {})) out.set(k, amount(k, v));
  if (nonMissing) {
    if (!out.has('cpu')) out.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
    if (!out.has('memory')) out.set('memory', DEFAULT_MEMORY_REQUEST);
  }
  return out;
}

function addList(into: ResourceList, from: ResourceList): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

function maxList(into: ResourceList, from: ResourceList): void {
  for (const [k, v] of from) into.set(k, Math.max(v, into.get(k) ?? 0));
}

function requestsOf(c: Container): Readonly<Record<string, unknown>> | undefined {
  return c.resources?.requests as Readonly<Record<string, unknown>> | undefined;
}

/** resourcehelper.PodRequests; with nonMissing, a missing cpu/memory request counts as the scheduler's default. */
export function podRequestList(pod: Pod, nonMissing = false): ResourceList {
  const spec = pod.spec;
  const reqs: ResourceList = new Map();
  for (const c of spec?.containers ?? []) addList(reqs, listOf(requestsOf(c), nonMissing));
  const sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of spec?.initContainers ?? []) {
    const own = listOf(requestsOf(c), nonMissing);
    let effective: ResourceList;
    if (c.restartPolicy === 'Always') {
      addList(reqs, own);
      addList(sidecars, own);
      effective = new Map(sidecars);
    } else {
      effective = new Map(own);
      addList(effective, sidecars);
    }
    maxList(initMax, effective);
  }
  maxList(reqs, initMax);
  if (spec?.overhead) addList(reqs, listOf(spec.overhead as Record<string, unknown>, false));
  return reqs;
}

export function resourceFromList(list: ResourceList): Resource {
  const r = emptyResource();
  for (const [k, v] of list) {
    if (k === 'cpu') r.milliCPU += v;
    else if (k === 'memory') r.memory += v;
    else if (k === 'ephemeral-storage') r.ephemeralStorage += v;
    else if (k === 'pods') r.allowedPodNumber += v;
    else if (isScalarResourceName(k)) r.scalar.set(k, (r.scalar.get(k) ?? 0) + v);
  }
  return r;
}

/** A node's allocatable (or capacity) ResourceList as a Resource. */
export function resourceFromNodeList(list: Readonly<Record<string, unknown>> | undefined): Resource {
  const m: ResourceList = new Map();
  for (const [k, v] of Object.entries(list ?? {})) m.set(k, amount(k, v));
  return resourceFromList(m);
}

export function addResource(into: Resource, r: Resource, sign: 1 | -1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  for (const [k, v] of r.scalar) into.scalar.set(k, (into.scalar.get(k) ?? 0) + sign * v);
}
