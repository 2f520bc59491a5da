/**
 * The composition root: createCluster() wires etcd, the API server, the controller
 * manager, the scheduler and one kubelet, container runtime and kube-proxy per node, all
 * on one virtual clock. The only file in sim/ that sees every layer.
 */
import { EventLoop, Rng, Tracer, VirtualClock, DEFAULT_EPOCH_MS } from './core';
import type { KubeObject } from './api/types';
import type { EventRow, Topology } from '../protocol/workflow';
import { eventLastSeen, eventObject } from './apiserver/printers';
import type { Event } from 'kubernetes-types/core/v1';
import { ApiServer } from './apiserver/apiserver';
import { Client, IDENTITIES, R, type Component, type ComponentEnv } from './client';
import { applyDocuments, type ApplyOptions, type ApplyResult } from './client/apply';
import { startControllerManager } from './controllers';
import { startScheduler } from './scheduler';
import { addonObjects, startNode, type NodeAgent, type NodeSpec } from './node';
import { bootstrapObjects } from './bootstrap';
import type { StoreSnapshot } from './apiserver/types';

export const CLUSTER_SNAPSHOT_FORMAT = 'kube-walkthrough.cluster/v1';

/** What outlives the process (a window reload): etcd's data, the virtual time, the nodes. */
export interface ClusterSnapshot {
  format: typeof CLUSTER_SNAPSHOT_FORMAT;
  nowMs: number;
  store: StoreSnapshot;
  nodes: NodeSpec[];
}

export interface NodeSize {
  cpu: string;
  memory: string;
  pods: number;
}

export interface ClusterOptions {
  seed?: number;
  /** Worker nodes (default 2): worker-1, worker-2, ... */
  workers?: number;
  workerSize?: NodeSize;
  /** Zones given to workers in turn (topology.kubernetes.io/zone). */
  zones?: string[];
  /** Trace events kept (ring buffer). */
  traceCapacity?: number;
  startMs?: number;
}

export const DEFAULT_WORKER: NodeSize = { cpu: '2', memory: '4Gi', pods: 110 };
export const DEFAULT_CONTROL_PLANE: NodeSize = { cpu: '2', memory: '4Gi', pods: 110 };

export class Cluster {
  readonly loop: EventLoop;
  readonly tracer: Tracer;
  readonly api: ApiServer;
  /** The person at the keyboard: kubectl with cluster-admin rights. */
  readonly kubectl: Client;
  readonly nodes = new Map<string, NodeAgent>();
  private readonly rng: Rng;
  private readonly components: Component[] = [];
  private nodeCount = 0;

  constructor(readonly options: ClusterOptions = {}) {
    const clock = new VirtualClock(options.startMs ?? DEFAULT_EPOCH_MS);
    this.loop = new EventLoop(clock);
    this.tracer = new Tracer(clock, options.traceCapacity);
    this.loop.attachTracer(this.tracer);
    this.rng = new Rng(options.seed ?? 1);
    this.api = new ApiServer({ loop: this.loop, tracer: this.tracer, rng: this.rng.fork() });
    this.api.ctx.logSource = (ns, pod, container, tail) => this.logs(ns, pod, container, tail);
    this.kubectl = new Client(this.api, IDENTITIES.admin);
  }

  env(): ComponentEnv {
    return { loop: this.loop, tracer: this.tracer, rng: this.rng.fork(), api: this.api };
  }

  /**
   * Brings the cluster up: bootstrap objects, nodes, control plane; runs until quiet. From a
   * snapshot, etcd's data comes back first and the same nodes boot on it, as after a reboot.
   */
  start(from?: ClusterSnapshot): this {
    const apiserver = new Client(this.api, {
      user: { username: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] },
      component: 'kube-apiserver',
    });
    if (from) {
      this.api.ctx.store.restore(from.store);
      // kube-apiserver's repair loop: allocations are rebuilt from the stored Services.
      for (const svc of apiserver.list<KubeObject>(R.services).items) {
        const spec = (svc.spec ?? {}) as { clusterIP?: string; ports?: { nodePort?: number }[] };
        if (spec.clusterIP && spec.clusterIP !== 'None') this.api.ctx.allocators.serviceIPs.allocate(spec.clusterIP);
        for (const p of spec.ports ?? []) if (p.nodePort) this.api.ctx.allocators.nodePorts.allocate(p.nodePort);
      }
      this.nodeCount = Math.max(0, ...from.nodes.map((n) => Number(n.podCIDR.split('.')[2]) + 1));
      for (const spec of from.nodes) this.addNode(spec);
      return this.startControlPlane();
    }
    for (const obj of bootstrapObjects()) apiserver.create(gvrFor(this, obj), obj.metadata.namespace, obj);
    this.addNode({ name: 'control-plane', role: 'control-plane', ...DEFAULT_CONTROL_PLANE });
    const workers = this.options.workers ?? 2;
    for (let i = 0; i < workers; i++) this.addWorker();
    return this.startControlPlane();
  }

  private startControlPlane(): this {
    this.components.push(startControllerManager(this.env()));
    this.components.push(startScheduler(this.env()));
    // kubeadm's add-ons: kube-proxy as a DaemonSet, CoreDNS behind the kube-dns Service.
    const kubeadm = new Client(this.api, { user: IDENTITIES.admin.user, component: 'kubeadm' });
    applyDocuments(kubeadm, this.api.registry, addonObjects(), { source: 'kubeadm' });
    this.runUntilQuiet();
    return this;
  }

  addWorker(size: NodeSize = this.options.workerSize ?? DEFAULT_WORKER): NodeAgent {
    const index = [...this.nodes.values()].filter((n) => n.spec.role === 'worker').length + 1;
    const zones = this.options.zones ?? ['zone-a', 'zone-b', 'zone-c'];
    return this.addNode({ name: `worker-${index}`, role: 'worker', zone: zones[(index - 1) % zones.length], ...size });
  }

  addNode(spec: Omit<NodeSpec, 'podCIDR'> & { podCIDR?: string }): NodeAgent {
    const full: NodeSpec = { ...spec, podCIDR: spec.podCIDR ?? `10.244.${this.nodeCount++}.0/24` };
    const agent = startNode(this.env(), full);
    this.nodes.set(full.name, agent);
    return agent;
  }

  snapshot(): ClusterSnapshot {
    const nodes = [...this.nodes.values()].map((n) => ({ ...n.spec }));
    return { format: CLUSTER_SNAPSHOT_FORMAT, nowMs: this.loop.now(), store: this.api.ctx.store.snapshot(), nodes };
  }

  /** Applies documents as `kubectl apply` does, then runs until the cluster is quiet. */
  apply(documents: unknown[], opts: ApplyOptions = {}): ApplyResult[] {
    const results = applyDocuments(this.kubectl, this.api.registry, documents, opts);
    return results;
  }

  /** Runs until only background upkeep remains (or maxMs of virtual time passes). */
  runUntilQuiet(maxMs = 600_000): boolean {
    return this.loop.runUntilQuiet(this.loop.now() + maxMs);
  }

  runFor(ms: number): void {
    this.loop.runFor(ms);
  }

  /** Every stored object, as the API returns them. */
  objects(): KubeObject[] {
    const out: KubeObject[] = [];
    // events.k8s.io Events are the core Events seen through another group: list each store once.
    const listed = new Set<string>();
    for (const info of this.api.registry.all()) {
      if (!info.verbs.includes('list') || listed.has(info.etcdPrefix)) continue;
      listed.add(info.etcdPrefix);
      const res = this.api.handle({
        verb: 'list',
        group: info.group,
        version: info.version,
        resource: info.plural,
        user: IDENTITIES.admin.user,
        from: 'kube-walkthrough',
      });
      if (res.code === 200) out.push(...((res.body as { items: KubeObject[] }).items ?? []));
    }
    return out;
  }

  /** Events as `kubectl get events` lists them, oldest first (by last seen). */
  eventRows(namespace?: string): EventRow[] {
    const events = this.objects().filter((o) => o.kind === 'Event' && (!namespace || o.metadata.namespace === namespace)) as unknown as Event[];
    return events
      .map((e) => ({
        lastSeen: Date.parse(eventLastSeen(e) ?? '') || 0,
        type: e.type ?? '',
        reason: e.reason ?? '',
        object: eventObject(e),
        message: e.message ?? '',
        source: e.source?.component ?? e.reportingComponent ?? '',
        count: e.count ?? 1,
      }))
      .sort((a, b) => a.lastSeen - b.lastSeen);
  }

  /** What the panel draws: the nodes and the controllers at work. */
  topology(): Topology {
    const nodes = [...this.nodes.values()].map((n) => {
      const node = this.kubectl.tryGet<KubeObject>(R.nodes, undefined, n.spec.name);
      const conditions = ((node?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
      return { name: n.spec.name, role: n.spec.role, ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True') };
    });
    const controllers = new Set<string>();
    for (const e of this.tracer.events()) {
      if (e.from.endsWith('-controller')) controllers.add(e.from);
    }
    return { controlPlane: 'control-plane', nodes, controllers: [...controllers].sort() };
  }

  /** `curl TARGET` from a node (default: the first worker), or from a pod. */
  curl(target: string, from?: { node?: string; pod?: { namespace: string; name: string } }) {
    if (from?.pod) {
      for (const n of this.nodes.values()) {
        const r = n.curl(target, from.pod);
        if (r) return r;
      }
      return undefined;
    }
    const node = from?.node ? this.nodes.get(from.node) : [...this.nodes.values()].find((n) => n.spec.role === 'worker');
    return node?.curl(target);
  }

  logs(namespace: string, pod: string, container: string | undefined, tail?: number): string {
    for (const n of this.nodes.values()) {
      const text = n.logs(namespace, pod, container, tail);
      if (text !== undefined) return text;
    }
    return '';
  }

  stop(): void {
    for (const c of this.components) c.stop();
    for (const n of this.nodes.values()) n.stop();
    this.api.close();
  }
}

function gvrFor(cluster: Cluster, obj: KubeObject) {
  const info = cluster.api.registry.byKind(obj.apiVersion, obj.kind);
  if (!info) throw new Error(`no resource for ${obj.apiVersion} ${obj.kind}`);
  return { group: info.group, version: info.version, resource: info.plural };
}

export function createCluster(options: ClusterOptions = {}): Cluster {
  return new Cluster(options).start();
}

/**
 * A cluster booted from a snapshot at the snapshot's virtual time. The seed is moved on by
 * the store's revision so fresh random names do not repeat the ones already stored.
 */
export function restoreCluster(snapshot: ClusterSnapshot, options: ClusterOptions = {}): Cluster {
  if (snapshot.format !== CLUSTER_SNAPSHOT_FORMAT) throw new Error(`invalid cluster snapshot: format is not ${CLUSTER_SNAPSHOT_FORMAT}`);
  const seed = (options.seed ?? 1) + snapshot.store.revision;
  return new Cluster({ ...options, seed, startMs: snapshot.nowMs }).start(snapshot);
}
