/**
 * Endpoints subsets as the endpoints controller builds them: one address per pod and
 * port, then RepackSubsets into the canonical layout (addresses grouped by the set of
 * ports they serve), then truncation to 1000 addresses. Upstream orders ports and subsets
 * by an MD5 of their Go dump; here they are ordered by their JSON instead (same grouping,
 * possibly a different order when a Service has several ports).
 */
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../../api/kinds';
import { canonicalJson } from '../common/hash';

export const MAX_CAPACITY = 1000;

interface Entry {
  addr: EndpointAddress;
  ready: boolean;
}

const addrKey = (a: EndpointAddress): string => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;

function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** RepackSubsets + SortSubsets. */
export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const all = new Map<string, EndpointAddress>();
  // port (as JSON, '' for the no-port sentinel) -> address key -> ready
  const byPort = new Map<string, Map<string, boolean>>();
  const portOf = new Map<string, EndpointPort | undefined>();
  const note = (addr: EndpointAddress, port: EndpointPort | undefined, ready: boolean): void => {
    const k = addrKey(addr);
    if (!all.has(k)) all.set(k, { ...addr });
    const pk = port ? canonicalJson(port) : '';
    portOf.set(pk, port);
    let set = byPort.get(pk);
    if (!set) byPort.set(pk, (set = new Map()));
    if (set.get(k) !== true) set.set(k, ready);
  };
  for (const s of subsets) {
    const ports: (EndpointPort | undefined)[] = (s.ports ?? []).length > 0 ? (s.ports as EndpointPort[]) : [undefined];
    for (const port of ports) {
      for (const a of s.addresses ?? []) note(a, port, true);
      for (const a of s.notReadyAddresses ?? []) note(a, port, false);
    }
  }
  // Group ports by the exact set of (address, ready) they map to.
  const groups = new Map<string, { entries: Entry[]; ports: EndpointPort[] }>();
  for (const [pk, set] of byPort) {
    const entries = [...set].map(([k, ready]) => ({ addr: all.get(k) as EndpointAddress, ready }));
    entries.sort((x, y) => lessAddress(x.addr, y.addr));
    const gk = entries.map((e) => `${addrKey(e.addr)}\u0000${e.ready}`).join('\u0001');
    let g = groups.get(gk);
    if (!g) groups.set(gk, (g = { entries, ports: [] }));
    const port = portOf.get(pk);
    if (port) g.ports.push(port);
  }
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const subset: EndpointSubset = {};
    const ready = g.entries.filter((e) => e.ready).map((e) => e.addr);
    const notReady = g.entries.filter((e) => !e.ready).map((e) => e.addr);
    if (ready.length) subset.addresses = ready;
    if (notReady.length) subset.notReadyAddresses = notReady;
    if (g.ports.length) subset.ports = [...g.ports].sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1));
    out.push(subset);
  }
  return out.sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : canonicalJson(a) > canonicalJson(b) ? 1 : 0));
}

/** truncateEndpoints: keeps at most 1000 addresses, ready ones first, proportionally per subset. */
export function truncateSubsets(subsets: EndpointSubset[]): boolean {
  let ready = 0;
  let notReady = 0;
  for (const s of subsets) {
    ready += s.addresses?.length ?? 0;
    notReady += s.notReadyAddresses?.length ?? 0;
  }
  if (ready + notReady <= MAX_CAPACITY) return false;
  const truncateReady = ready > MAX_CAPACITY;
  const max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - ready;
  const total = truncateReady ? ready : notReady;
  let canAdd = max;
  for (const s of subsets) {
    const n = truncateReady ? (s.addresses?.length ?? 0) : (s.notReadyAddresses?.length ?? 0);
    const toAdd = Math.min(Math.ceil((n / total) * max), canAdd);
    if (truncateReady) {
      s.addresses = (s.addresses ?? []).slice(0, toAdd);
      delete s.notReadyAddresses;
      canAdd -= s.addresses.length;
    } else {
      s.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, toAdd);
      canAdd -= s.notReadyAddresses.length;
    }
  }
  return true;
}
