/**
 * kube-proxy's iptables mode as data: the nat table's KUBE-SERVICES, KUBE-SVC-*, KUBE-SEP-*,
 * KUBE-EXT-* and KUBE-NODEPORTS chains, with the chain names upstream derives from
 * sha256 + base32 (default/kubernetes:https is KUBE-SVC-NPX46M4PTMTKRN6Y) and the
 * `statistic --mode random --probability` split that spreads connections over endpoints.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { base32, sha256 } from '../util/sha256';

export const CLUSTER_CIDR = '10.244.0.0/16';

export interface Endpoint {
  ip: string;
  port: number;
  node?: string;
  /** namespace/name of the pod behind it */
  pod?: string;
}

export type Target =
  | { jump: string }
  | { dnat: string; endpoint: Endpoint }
  | { reject: true }
  | { mark: true };

export interface Rule {
  /** What iptables-save prints for the rule. */
  text: string;
  /** Matches: destination ip/port and protocol (for KUBE-SERVICES / KUBE-NODEPORTS). */
  dst?: string;
  port?: number;
  protocol?: string;
  /** Only for sources outside the cluster CIDR (the KUBE-MARK-MASQ rules). */
  notFromCluster?: boolean;
  /** Only from this source (a KUBE-SEP's hairpin masquerade). */
  fromIP?: string;
  /** statistic --mode random --probability p */
  probability?: number;
  target: Target;
}

export interface Chain {
  name: string;
  rules: Rule[];
}

/** One service port as programmed: its chains and endpoints, for traces and walks. */
export interface ServicePortRules {
  /** default/nginx-service or default/kubernetes:https */
  name: string;
  clusterIP: string;
  port: number;
  protocol: string;
  nodePort?: number;
  svcChain: string;
  endpoints: Endpoint[];
}

export interface RuleTable {
  chains: Map<string, Chain>;
  services: ServicePortRules[];
}

export function portProtoHash(servicePortName: string, protocol: string): string {
  return base32(sha256(servicePortName + protocol)).slice(0, 16);
}

export function endpointChain(servicePortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${base32(sha256(servicePortName + protocol + endpoint)).slice(0, 16)}`;
}

/** What iptables-save prints for a probability kube-proxy wrote with %0.10f (a 32-bit fraction). */
export function shownProbability(p: number): string {
  const written = Number(p.toFixed(10));
  return (Math.round(written * 2 ** 31) / 2 ** 31).toFixed(11);
}

function quote(s: string): string {
  return `"${s}"`;
}

export function endpointsFor(svc: Service, portName: string | undefined, slices: readonly EndpointSlice[], node: string): Endpoint[] {
  const out: Endpoint[] = [];
  const seen = new Set<string>();
  const svcPort = svc.spec?.ports?.find((p) => (p.name ?? '') === (portName ?? ''));
  const local = svc.spec?.internalTrafficPolicy === 'Local';
  for (const slice of slices) {
    if (slice.addressType && slice.addressType !== 'IPv4') continue;
    const port = slice.ports?.find((p) => (p.name ?? '') === (portName ?? ''))?.port ?? (typeof svcPort?.targetPort === 'number' ? svcPort.targetPort : undefined);
    if (port === undefined || port === null) continue;
    for (const ep of slice.endpoints ?? []) {
      if (ep.conditions?.ready === false) continue;
      if (local && ep.nodeName !== node) continue;
      const ip = ep.addresses[0];
      if (!ip) continue;
      const key = `${ip}:${port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const pod = ep.targetRef?.kind === 'Pod' ? `${ep.targetRef.namespace ?? svc.metadata?.namespace ?? ''}/${ep.targetRef.name ?? ''}` : undefined;
      out.push({ ip, port, node: ep.nodeName, pod });
    }
  }
  // iptables lists endpoints in a stable order: by IP then port.
  return out.sort((a, b) => ipKey(a.ip) - ipKey(b.ip) || a.port - b.port);
}

function ipKey(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/** syncProxyRules: the nat table for these Services and EndpointSlices. */
export function buildRules(services: readonly Service[], slices: readonly EndpointSlice[], node: string): RuleTable {
  const chains = new Map<string, Chain>();
  const chain = (name: string): Chain => {
    let c = chains.get(name);
    if (!c) chains.set(name, (c = { name, rules: [] }));
    return c;
  };
  const kubeServices = chain('KUBE-SERVICES');
  const nodePorts = chain('KUBE-NODEPORTS');
  chain('KUBE-MARK-MASQ').rules.push({ text: '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000', target: { mark: true } });
  const programmed: ServicePortRules[] = [];
  const sorted = [...services].sort((a, b) => `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`));
  for (const svc of sorted) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None' || svc.spec?.type === 'ExternalName') continue;
    const ns = svc.metadata?.namespace ?? '';
    const svcName = svc.metadata?.name ?? '';
    const mine = slices.filter((s) => s.metadata?.namespace === ns && s.metadata?.labels?.['kubernetes.io/service-name'] === svcName);
    for (const sp of svc.spec?.ports ?? []) {
      const proto = (sp.protocol ?? 'TCP').toLowerCase();
      const spn = sp.name ? `${ns}/${svcName}:${sp.name}` : `${ns}/${svcName}`;
      const svcChain = `KUBE-SVC-${portProtoHash(spn, proto)}`;
      const endpoints = endpointsFor(svc, sp.name, mine, node);
      programmed.push({ name: spn, clusterIP: ip, port: sp.port, protocol: proto, nodePort: sp.nodePort, svcChain, endpoints });
      const match = `-d ${ip}/32 -p ${proto} -m comment --comment ${quote(`${spn} cluster IP`)} -m ${proto} --dport ${sp.port}`;
      if (endpoints.length === 0) {
        kubeServices.rules.push({ text: `-A KUBE-SERVICES -d ${ip}/32 -p ${proto} -m comment --comment ${quote(`${spn} has no endpoints`)} -m ${proto} --dport ${sp.port} -j REJECT --reject-with icmp-port-unreachable`, dst: ip, port: sp.port, protocol: proto, target: { reject: true } });
        continue;
      }
      kubeServices.rules.push({ text: `-A KUBE-SERVICES ${match} -j ${svcChain}`, dst: ip, port: sp.port, protocol: proto, target: { jump: svcChain } });
      const sc = chain(svcChain);
      sc.rules.push({ text: `-A ${svcChain} ${match.replace(`-d ${ip}/32 `, `-d ${ip}/32 ! -s ${CLUSTER_CIDR} `)} -j KUBE-MARK-MASQ`, notFromCluster: true, target: { jump: 'KUBE-MARK-MASQ' } });
      endpoints.forEach((ep, i) => {
        const epStr = `${ep.ip}:${ep.port}`;
        const sep = endpointChain(spn, proto, epStr);
        const left = endpoints.length - i;
        const probability = left > 1 ? 1 / left : undefined;
        const stat = probability !== undefined ? ` -m statistic --mode random --probability ${shownProbability(probability)}` : '';
        sc.rules.push({ text: `-A ${svcChain} -m comment --comment ${quote(`${spn} -> ${epStr}`)}${stat} -j ${sep}`, probability, target: { jump: sep } });
        const c = chain(sep);
        c.rules.push({ text: `-A ${sep} -s ${ep.ip}/32 -m comment --comment ${quote(spn)} -j KUBE-MARK-MASQ`, fromIP: ep.ip, target: { jump: 'KUBE-MARK-MASQ' } });
        c.rules.push({ text: `-A ${sep} -p ${proto} -m comment --comment ${quote(spn)} -m ${proto} -j DNAT --to-destination ${epStr}`, target: { dnat: epStr, endpoint: ep } });
      });
      if (sp.nodePort && (svc.spec?.type === 'NodePort' || svc.spec?.type === 'LoadBalancer')) {
        const ext = `KUBE-EXT-${portProtoHash(spn, proto)}`;
        nodePorts.rules.push({ text: `-A KUBE-NODEPORTS -p ${proto} -m comment --comment ${quote(spn)} -m ${proto} --dport ${sp.nodePort} -j ${ext}`, port: sp.nodePort, protocol: proto, target: { jump: ext } });
        const e = chain(ext);
        e.rules.push({ text: `-A ${ext} -m comment --comment ${quote('masquerade traffic for ' + spn + ' external destinations')} -j KUBE-MARK-MASQ`, target: { jump: 'KUBE-MARK-MASQ' } });
        e.rules.push({ text: `-A ${ext} -j ${svcChain}`, target: { jump: svcChain } });
      }
    }
  }
  kubeServices.rules.push({
    text: '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    target: { jump: 'KUBE-NODEPORTS' },
  });
  return { chains, services: programmed };
}

/** The table as `iptables-save -t nat` prints it (the chains kube-proxy owns). */
export function iptablesSave(table: RuleTable): string {
  const names = [...table.chains.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const lines = ['*nat', ...names.map((n) => `:${n} - [0:0]`)];
  for (const n of names) for (const r of table.chains.get(n)?.rules ?? []) lines.push(r.text);
  lines.push('COMMIT');
  return `${lines.join('\n')}\n`;
}

function order(name: string): number {
  if (name === 'KUBE-SERVICES') return 0;
  if (name === 'KUBE-NODEPORTS') return 1;
  if (name === 'KUBE-MARK-MASQ') return 2;
  return 3;
}
