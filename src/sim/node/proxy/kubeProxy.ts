/**
 * kube-proxy on one node (iptables mode): watches Services and EndpointSlices, rebuilds
 * its nat table at most once a second (minSyncPeriod), and records each change as a
 * 'proxy-rule' trace event. It also walks its table for requests leaving the node.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { TaskHandle } from '../../core';
import { EventRecorder, Informer, R, clientFor, type Client, type ComponentEnv } from '../../client';
import type { KubeObject } from '../../api/types';
import type { NetRequest, NetResult } from '../runtime/process';
import type { PodNetwork } from '../network';
import { buildRules, iptablesSave, type RuleTable, type ServicePortRules } from './rules';
import { sendRequest, type RequestFrom, type RequestResult } from './request';

const MIN_SYNC_MS = 1000;

export class KubeProxy {
  readonly name: string;
  private readonly client: Client;
  private services: Informer | undefined;
  private slices: Informer | undefined;
  private table: RuleTable = { chains: new Map(), services: [] };
  private pending: TaskHandle | undefined;
  private lastSync = -Infinity;
  private running = false;
  /** How many times the rules were rewritten. */
  syncs = 0;

  constructor(
    private readonly env: ComponentEnv,
    readonly node: string,
    readonly nodeIP: string,
    private readonly gatewayIP: string,
    private readonly network: PodNetwork,
  ) {
    this.name = `kube-proxy/${node}`;
    this.client = clientFor(env, { user: { username: 'system:kube-proxy', groups: ['system:authenticated'] }, component: this.name });
    network.proxies.set(node, this);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.services = new Informer(this.client, R.services);
    this.slices = new Informer(this.client, R.endpointslices);
    const kick = { add: () => this.requestSync(), update: () => this.requestSync(), delete: () => this.requestSync() };
    this.services.addHandler(kick);
    this.slices.addHandler(kick);
    this.services.start();
    this.slices.start();
    // kube-proxy reports its start on the Node with the events.k8s.io recorder (no message).
    const nodeRef = { kind: 'Node', metadata: { name: this.node, uid: this.node } } as unknown as KubeObject;
    // A millisecond later than the kubelet's own Starting: Event names are <node>.<time>.
    this.env.loop.schedule(1, () => new EventRecorder(this.client, this.env.loop, { component: 'kube-proxy', host: this.node }, 'events.k8s.io').normal(nodeRef, 'Starting', '', undefined, 'StartKubeProxy'));
    this.requestSync();
  }

  stop(): void {
    this.running = false;
    this.services?.stop();
    this.slices?.stop();
    this.pending?.cancel();
    this.pending = undefined;
    this.network.proxies.delete(this.node);
  }

  private requestSync(): void {
    if (!this.running || this.pending) return;
    const wait = Math.max(0, this.lastSync + MIN_SYNC_MS - this.env.loop.now());
    this.pending = this.env.loop.schedule(wait, () => {
      this.pending = undefined;
      this.sync();
    }, { label: `${this.name} sync` });
  }

  private listServices(): Service[] {
    return (this.services?.list() ?? []) as unknown as Service[];
  }

  /** syncProxyRules */
  sync(): void {
    this.lastSync = this.env.loop.now();
    const before = new Map(this.table.services.map((s) => [s.name, s]));
    const next = buildRules(this.listServices(), (this.slices?.list() ?? []) as unknown as EndpointSlice[], this.node);
    this.table = next;
    this.syncs++;
    const after = new Map(next.services.map((s) => [s.name, s]));
    for (const [name, s] of after) {
      const old = before.get(name);
      if (old && key(old) === key(s)) continue;
      this.trace(s);
    }
    for (const [name, s] of before) {
      if (after.has(name)) continue;
      this.env.tracer.record({
        from: this.name,
        to: this.name,
        channel: 'proxy-rule',
        verb: 'delete',
        path: s.svcChain,
        summary: `kube-proxy on ${this.node} removed the rules for ${name} (${s.clusterIP}:${s.port})`,
      });
    }
  }

  private trace(s: ServicePortRules): void {
    const [ns, rest = ''] = s.name.split('/');
    const n = s.endpoints.length;
    const chains = [...this.table.chains.values()].filter((c) => c.rules.some((r) => r.text.includes(`"${s.name}`) || r.text.includes(`${s.name} `))).map((c) => ({ chain: c.name, rules: c.rules.filter((r) => r.text.includes(s.name)).map((r) => r.text) }));
    this.env.tracer.record({
      from: this.name,
      to: this.name,
      channel: 'proxy-rule',
      verb: n === 0 ? 'reject' : 'sync',
      path: s.svcChain,
      ref: { apiVersion: 'v1', kind: 'Service', namespace: ns, name: rest.split(':')[0] ?? rest },
      summary: n === 0
        ? `kube-proxy on ${this.node} programmed ${s.name} (${s.clusterIP}:${s.port}) with no endpoints: connections are rejected`
        : `kube-proxy on ${this.node} programmed ${n} endpoint${n === 1 ? '' : 's'} for ${s.name} (${s.clusterIP}:${s.port})`,
      detail: { chains, endpoints: s.endpoints },
    });
  }

  /** The nat table as `iptables-save -t nat` prints it. */
  rules(): string {
    return iptablesSave(this.table);
  }

  get ruleTable(): RuleTable {
    return this.table;
  }

  /** `curl <target>` from this node (or from one of its pods, with `from.podIP`). */
  request(target: string, from: Omit<RequestFrom, 'node'> = {}): RequestResult {
    const res = sendRequest(
      { node: this.node, nodeIP: this.nodeIP, gatewayIP: this.gatewayIP, network: this.network, table: () => this.table, services: () => this.listServices(), rng: this.env.rng },
      { ...from, node: this.node },
      target,
    );
    this.env.tracer.record({
      from: from.podIP ? `${this.name}` : this.name,
      to: this.name,
      channel: 'proxy-rule',
      verb: 'request',
      summary: res.ok
        ? `request to ${res.url} from ${from.podIP ?? this.nodeIP} went ${res.chains.join(' -> ') || 'directly'} to ${res.pod ?? res.node ?? res.resolvedIP}${res.status !== undefined ? ` (HTTP ${res.status})` : ''}`
        : `request to ${res.url} from ${from.podIP ?? this.nodeIP} failed: ${res.error ?? ''}`,
      detail: { steps: res.steps, chains: res.chains, endpoint: res.endpoint },
    });
    return res;
  }

  /** What wget/curl inside a container on this node get. */
  fromPod(podIP: string, namespace: string, req: NetRequest): NetResult {
    const res = this.request(req.url, { podIP, namespace });
    if (!res.ok) return { ok: false, error: res.errorKind === 'resolve' ? 'resolve' : res.errorKind === 'timeout' ? 'timeout' : 'refused', address: res.resolvedIP, port: res.port };
    return { ok: true, address: res.resolvedIP ?? '', port: res.port ?? 80, answer: res.status !== undefined ? { status: res.status, body: res.body ?? '' } : undefined, pod: res.pod };
  }
}

function key(s: ServicePortRules): string {
  return JSON.stringify([s.clusterIP, s.port, s.nodePort, s.endpoints.map((e) => `${e.ip}:${e.port}`)]);
}
