/**
 * "Send a request": what happens to `curl nginx-service:80` from a pod or a node. The
 * name is resolved by the cluster DNS (itself a Service, reached through the same rules),
 * the packet walks the source node's nat table (KUBE-SERVICES -> KUBE-SVC-* -> KUBE-SEP-*
 * DNAT), and the pod that owns the destination answers, or nothing listens.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { Rng } from '../../core';
import type { PodNetwork } from '../network';
import { CLUSTER_CIDR, type Endpoint, type RuleTable } from './rules';

export interface RequestFrom {
  node: string;
  /** The pod's IP when the request leaves a pod (else it leaves the node itself). */
  podIP?: string;
  /** The pod's namespace, for its DNS search path. */
  namespace?: string;
}

export interface RequestResult {
  ok: boolean;
  url: string;
  /** What happened, one line per step. */
  steps: string[];
  /** The chains the packet went through. */
  chains: string[];
  resolvedIP?: string;
  port?: number;
  /** default/nginx-service */
  service?: string;
  endpoint?: Endpoint;
  /** namespace/name of the pod that answered, and its node. */
  pod?: string;
  node?: string;
  container?: string;
  status?: number;
  body?: string;
  /** curl's error text when it failed. */
  error?: string;
  errorKind?: 'resolve' | 'refused' | 'timeout';
}

export interface WalkDeps {
  node: string;
  nodeIP: string;
  gatewayIP: string;
  network: PodNetwork;
  table: () => RuleTable;
  services: () => readonly Service[];
  rng: Rng;
}

const DNS_IP = '10.96.0.10';

function inCluster(ip: string): boolean {
  const [a, b] = ip.split('.');
  return `${a}.${b}.0.0/16` === CLUSTER_CIDR;
}

interface NatResult {
  ip: string;
  port: number;
  chains: string[];
  steps: string[];
  masquerade: boolean;
  service?: string;
  endpoint?: Endpoint;
  rejected?: boolean;
}

/** Walks the nat table for a packet to ip:port from srcIP. */
export function natWalk(deps: WalkDeps, srcIP: string, ip: string, port: number, protocol: string): NatResult {
  const table = deps.table();
  const res: NatResult = { ip, port, chains: [], steps: [], masquerade: false };
  const local = ip === deps.nodeIP || ip === '127.0.0.1';
  let chainName: string | undefined = 'KUBE-SERVICES';
  for (let depth = 0; chainName && depth < 10; depth++) {
    const chain = table.chains.get(chainName);
    if (!chain) break;
    res.chains.push(chainName);
    let next: string | undefined;
    for (const rule of chain.rules) {
      if (rule.dst !== undefined && rule.dst !== ip) continue;
      if (rule.port !== undefined && rule.port !== port) continue;
      if (rule.protocol !== undefined && rule.protocol !== protocol) continue;
      if (chainName === 'KUBE-SERVICES' && rule.dst === undefined && !local) continue;
      if (rule.notFromCluster && inCluster(srcIP)) continue;
      if (rule.fromIP !== undefined && rule.fromIP !== srcIP) continue;
      if (rule.probability !== undefined && deps.rng.next() >= rule.probability) continue;
      const t = rule.target;
      if ('mark' in t) continue;
      if ('reject' in t) {
        res.steps.push(`${chainName}: ${rule.text.replace(/^-A \S+ /, '')}`);
        res.rejected = true;
        return res;
      }
      if ('jump' in t && t.jump === 'KUBE-MARK-MASQ') {
        res.masquerade = true;
        continue;
      }
      if ('dnat' in t) {
        res.steps.push(`${chainName}: DNAT to ${t.dnat}`);
        res.ip = t.endpoint.ip;
        res.port = t.endpoint.port;
        res.endpoint = t.endpoint;
        return res;
      }
      if ('jump' in t) {
        const svc = table.services.find((s) => s.svcChain === t.jump);
        if (svc) res.service = svc.name;
        res.steps.push(`${chainName}: ${rule.text.replace(/^-A \S+ /, '')}`);
        next = t.jump;
        break;
      }
    }
    chainName = next;
  }
  res.chains = res.chains.filter((c) => c !== 'KUBE-MARK-MASQ');
  return res;
}

/** Cluster DNS: <svc>.<ns>.svc.cluster.local -> the Service's cluster IP, through the search path. */
export function dnsNames(name: string, from: RequestFrom): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const search = from.podIP && from.namespace ? [`${from.namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'] : [];
  const expanded = search.map((s) => `${name}.${s}`);
  return dots >= 5 ? [name, ...expanded] : [...expanded, name];
}

function lookup(services: readonly Service[], fqdn: string): string | undefined {
  const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(fqdn);
  if (!m) return undefined;
  const svc = services.find((s) => s.metadata?.name === m[1] && s.metadata?.namespace === m[2]);
  const ip = svc?.spec?.clusterIP;
  return ip && ip !== 'None' ? ip : undefined;
}

function isIP(s: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(s);
}

export function parseTarget(target: string): { host: string; port: number; path: string; url: string } {
  const withScheme = /^[a-z]+:\/\//.test(target) ? target : `http://${target}`;
  const rest = withScheme.replace(/^[a-z]+:\/\//, '');
  const slash = rest.indexOf('/');
  const hostPort = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash) : '/';
  const [host = '', portText] = hostPort.split(':');
  const port = portText ? Number.parseInt(portText, 10) : withScheme.startsWith('https://') ? 443 : 80;
  return { host, port, path, url: withScheme };
}

function sourceIP(from: RequestFrom, deps: WalkDeps): string {
  return from.podIP ?? deps.nodeIP;
}

/** The name resolved through CoreDNS behind the kube-dns Service, or why it could not be. */
function resolve(deps: WalkDeps, from: RequestFrom, host: string, steps: string[]): string | undefined {
  const services = deps.services();
  const dns = services.find((s) => s.metadata?.namespace === 'kube-system' && s.metadata.name === 'kube-dns');
  if (dns) {
    const nat = natWalk(deps, sourceIP(from, deps), DNS_IP, 53, 'udp');
    const answered = !nat.rejected && nat.endpoint && deps.network.lookup(nat.ip)?.connect(53, 'UDP');
    if (!answered) {
      steps.push(`DNS query for ${host} to ${DNS_IP}:53 got no answer (kube-dns has no ready endpoints)`);
      return undefined;
    }
    steps.push(`DNS query for ${host} to kube-dns ${DNS_IP}:53, answered by ${nat.endpoint?.pod ?? nat.ip}`);
  }
  for (const name of dnsNames(host, from)) {
    const ip = lookup(services, name);
    if (ip) {
      steps.push(`${name} resolves to ${ip}`);
      return ip;
    }
  }
  steps.push(`${host}: NXDOMAIN`);
  return undefined;
}

export function sendRequest(deps: WalkDeps, from: RequestFrom, target: string): RequestResult {
  const { host, port, path, url } = parseTarget(target);
  const steps: string[] = [];
  const result: RequestResult = { ok: false, url, steps, chains: [], port };
  const ip = isIP(host) ? host : resolve(deps, from, host, steps);
  if (!ip) {
    result.error = `curl: (6) Could not resolve host: ${host}`;
    result.errorKind = 'resolve';
    return result;
  }
  result.resolvedIP = ip;
  const src = sourceIP(from, deps);
  const nat = natWalk(deps, src, ip, port, 'tcp');
  result.chains = nat.chains;
  steps.push(...nat.steps);
  result.service = nat.service;
  result.endpoint = nat.endpoint;
  if (nat.rejected) {
    result.error = `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`;
    result.errorKind = 'refused';
    return result;
  }
  const dest = deps.network.lookup(nat.ip);
  const onThisNode = dest?.node === deps.node;
  // Masqueraded traffic leaves with the node's address (the bridge's for pods on this node).
  const client = nat.masquerade || !from.podIP ? (onThisNode ? deps.gatewayIP : deps.nodeIP) : src;
  if (nat.endpoint) steps.push(`packet to ${nat.ip}:${nat.port} from ${client}${dest ? ` delivered to ${dest.pod ?? dest.node} on ${dest.node}` : ''}`);
  const conn = dest?.connect(nat.port, 'TCP');
  result.pod = dest?.pod;
  result.node = dest?.node;
  if (!dest) {
    result.error = `curl: (28) Failed to connect to ${host} port ${port} after 130000 ms: Couldn't connect to server`;
    result.errorKind = 'timeout';
    steps.push(`no route to ${nat.ip}`);
    return result;
  }
  if (!conn) {
    result.error = `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`;
    result.errorKind = 'refused';
    steps.push(`nothing listens on ${nat.ip}:${nat.port}: connection refused`);
    return result;
  }
  result.container = conn.container;
  if (!conn.http) {
    result.ok = true;
    steps.push(`${conn.container} accepted the connection`);
    return result;
  }
  const ans = conn.request({ path, clientIP: client, host: port === 80 ? host : `${host}:${port}`, userAgent: 'curl/8.5.0' });
  result.ok = true;
  result.status = ans.status;
  result.body = ans.body;
  steps.push(`${conn.container} answered HTTP ${ans.status}`);
  return result;
}
