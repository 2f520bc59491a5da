/**
 * containerd on one node, behind the CRI: pod sandboxes with IPs from the node's pod CIDR,
 * an image store filled by pulls from the simulated registry, and containers whose
 * processes are simulated on the virtual clock. Every call the kubelet makes is a trace
 * event kubelet/<node> -> containerd/<node> on the 'cri' channel.
 */
import type { EventLoop, Rng, Tracer } from '../../core';
import type { ObjectRef } from '../../../protocol/trace';
import type { Callback, ContainerConfig, CriError, ContainerState, ContainerStatus, CRI, ExecResult, ImageRecord, PodSandboxConfig, PodSandboxStatus } from './cri';
import { failedPullDurationMs, mustResolve, pullDurationMs, resolveImage, type ResolvedImage } from './registry';
import { fullName, parseImageRef } from './imageRef';
import { ContainerLog } from './logs';
import type { NetRequest, NetResult } from './process';
import { Sandbox, ProcessRunner, type ContainerRec } from './process-runner';
import type { PodNetwork } from '../network';
import { IpPool } from './ipam';

export interface RuntimeOptions {
  node: string;
  loop: EventLoop;
  tracer: Tracer;
  rng: Rng;
  podCIDR: string;
  nodeIP: string;
  cpus: number;
  network: PodNetwork;
  /** Images already in the store (kind preloads the control plane's). */
  preloaded?: string[];
}

interface ImageRec {
  record: ImageRecord;
  resolved: ResolvedImage;
}

export class ContainerRuntime implements CRI {
  readonly kubeletName: string;
  readonly name: string;
  private readonly images = new Map<string, ImageRec>();
  private readonly sandboxes = new Map<string, Sandbox>();
  private readonly containers = new Map<string, ContainerRec>();
  private readonly ips: IpPool;
  private readonly runner: ProcessRunner;
  private listeners: (() => void)[] = [];
  /** Requests made from inside containers go out through this (kube-proxy's rules). */
  netHook: (fromIP: string, namespace: string, req: NetRequest) => NetResult = () => ({ ok: false, error: 'resolve' });

  constructor(private readonly opts: RuntimeOptions) {
    this.kubeletName = `kubelet/${opts.node}`;
    this.name = `containerd/${opts.node}`;
    this.ips = new IpPool(opts.podCIDR);
    this.runner = new ProcessRunner(opts.loop, opts.tracer, {
      node: opts.node,
      nodeIP: opts.nodeIP,
      cpus: opts.cpus,
      runtimeName: this.name,
      kubeletName: this.kubeletName,
      net: (ip, ns, req) => this.netHook(ip, ns, req),
      changed: () => this.changed(),
    });
    for (const img of opts.preloaded ?? []) this.store(mustResolve(img));
    opts.network.setNodeIP(opts.node, opts.nodeIP);
    opts.network.register(opts.nodeIP, {
      node: opts.node,
      connect: (port, protocol) => {
        for (const sb of this.sandboxes.values()) {
          if (!sb.config.hostNetwork || sb.state !== 'SANDBOX_READY') continue;
          const conn = sb.connect(port, protocol);
          if (conn) return conn;
        }
        return undefined;
      },
    });
  }

  /** Called when a container or sandbox changes state (the kubelet's PLEG relists on it). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  private newId(): string {
    let hex = '';
    for (let i = 0; i < 8; i++) hex += this.opts.rng.nextUint32().toString(16).padStart(8, '0');
    return hex;
  }

  private trace(verb: string, summary: string, ref?: ObjectRef, path?: string): number {
    return this.opts.tracer.record({ from: this.kubeletName, to: this.name, channel: 'cri', verb, summary, ref, path });
  }

  private later<T>(ms: number, cb: Callback<T>, fn: () => { err?: CriError; result?: T }): void {
    this.opts.loop.schedule(ms, () => {
      const out = fn();
      cb(out.err, out.result);
    });
  }

  private jitter(base: number, spread: number): number {
    return base + this.opts.rng.int(spread);
  }

  private podRef(config: PodSandboxConfig): ObjectRef {
    return { apiVersion: 'v1', kind: 'Pod', namespace: config.namespace, name: config.name, uid: config.uid };
  }

  // ---- sandboxes ----

  runPodSandbox(config: PodSandboxConfig, cb: Callback<string>): void {
    this.trace('RunPodSandbox', `RunPodSandbox ${config.namespace}/${config.name} (attempt ${config.attempt})`, this.podRef(config));
    this.later(this.jitter(120, 200), cb, () => {
      const ip = config.hostNetwork ? this.opts.nodeIP : this.ips.allocate();
      if (!ip) return { err: { code: 'Unknown', message: `failed to setup network for sandbox: plugin type="ptp" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${this.opts.podCIDR}` } };
      const id = this.newId();
      const sb = new Sandbox(id, config, ip, this.opts.loop.now(), this.opts.node);
      this.sandboxes.set(id, sb);
      if (!config.hostNetwork) this.opts.network.register(ip, sb);
      this.changed();
      return { result: id };
    });
  }

  stopPodSandbox(id: string, cb: Callback<void>): void {
    const sb = this.sandboxes.get(id);
    this.trace('StopPodSandbox', `StopPodSandbox ${sb ? `${sb.config.namespace}/${sb.config.name}` : id.slice(0, 13)}`, sb ? this.podRef(sb.config) : undefined);
    this.later(this.jitter(30, 60), cb, () => {
      if (sb && sb.state === 'SANDBOX_READY') {
        for (const c of this.containers.values()) if (c.status.podSandboxId === id && c.status.state === 'CONTAINER_RUNNING') this.runner.kill(c, 137);
        sb.state = 'SANDBOX_NOTREADY';
        if (!sb.config.hostNetwork) {
          this.opts.network.unregister(sb.ip, sb);
          this.ips.release(sb.ip);
        }
        this.changed();
      }
      return {};
    });
  }

  removePodSandbox(id: string, cb: Callback<void>): void {
    const sb = this.sandboxes.get(id);
    this.trace('RemovePodSandbox', `RemovePodSandbox ${sb ? `${sb.config.namespace}/${sb.config.name}` : id.slice(0, 13)}`, sb ? this.podRef(sb.config) : undefined);
    this.later(this.jitter(10, 30), cb, () => {
      for (const [cid, c] of this.containers) if (c.status.podSandboxId === id) this.containers.delete(cid);
      this.sandboxes.delete(id);
      return {};
    });
  }

  podSandboxStatus(id: string): PodSandboxStatus | undefined {
    return this.sandboxes.get(id)?.status();
  }

  listPodSandbox(): PodSandboxStatus[] {
    return [...this.sandboxes.values()].map((s) => s.status());
  }

  // ---- images ----

  private store(img: ResolvedImage): ImageRec {
    let rec = this.images.get(img.id);
    if (!rec) {
      rec = { record: { id: img.id, repoTags: [], repoDigests: [img.repoDigest], size: img.size }, resolved: img };
      this.images.set(img.id, rec);
    }
    if (!rec.record.repoTags.includes(img.name) && !img.name.includes('@')) rec.record.repoTags.push(img.name);
    return rec;
  }

  private findImage(image: string): ImageRec | undefined {
    let name: string;
    try {
      name = fullName(parseImageRef(image));
    } catch {
      return undefined;
    }
    for (const rec of this.images.values()) {
      if (rec.record.repoTags.includes(name) || rec.record.repoDigests.some((d) => name.endsWith(d.slice(d.indexOf('@'))) && name.startsWith(d.slice(0, d.indexOf('@'))))) return rec;
    }
    return undefined;
  }

  pullImage(image: string, cb: Callback<{ ref: string; size: number; pullMs: number }>): void {
    this.trace('PullImage', `PullImage ${image}`);
    const plan = resolveImage(image);
    if (!plan.ok) {
      const ms = failedPullDurationMs(this.opts.rng);
      this.later(ms, cb, () => ({ err: plan.error }));
      return;
    }
    const present = this.images.has(plan.image.id);
    const ms = pullDurationMs(plan.image.size, present, this.opts.rng);
    this.later(ms, cb, () => {
      const rec = this.store(plan.image);
      return { result: { ref: rec.record.id, size: rec.record.size, pullMs: ms } };
    });
  }

  /** ImageStatus; `traced` when the kubelet asks as part of a pod's start (not for listings). */
  imageStatus(image: string, traced = false): ImageRecord | undefined {
    const rec = this.findImage(image)?.record;
    if (traced) this.trace('ImageStatus', `ImageStatus ${image}: ${rec ? 'present' : 'not present'}`);
    return rec;
  }

  listImages(): ImageRecord[] {
    return [...this.images.values()].map((r) => r.record);
  }

  // ---- containers ----

  createContainer(sandboxId: string, config: ContainerConfig, cb: Callback<string>): void {
    const sb = this.sandboxes.get(sandboxId);
    this.trace('CreateContainer', `CreateContainer ${config.name} in ${sb ? `${sb.config.namespace}/${sb.config.name}` : sandboxId.slice(0, 13)} (image ${config.image})`, sb ? this.podRef(sb.config) : undefined);
    this.later(this.jitter(20, 50), cb, () => {
      const img = this.findImage(config.image);
      if (!sb || sb.state !== 'SANDBOX_READY') return { err: { code: 'NotFound', message: `failed to get sandbox ${sandboxId}: not found` } };
      if (!img) return { err: { code: 'NotFound', message: `failed to get image ${JSON.stringify(config.image)}: not found` } };
      const id = this.newId();
      const status: ContainerStatus = {
        id,
        podSandboxId: sandboxId,
        name: config.name,
        attempt: config.attempt,
        state: 'CONTAINER_CREATED',
        createdAt: this.opts.loop.now(),
        startedAt: 0,
        finishedAt: 0,
        exitCode: 0,
        reason: '',
        message: '',
        image: img.resolved.name.includes('@') ? img.record.repoTags[0] ?? img.resolved.name : img.resolved.name,
        imageRef: img.record.repoDigests[0] ?? img.record.id,
        labels: config.labels,
      };
      const rec: ContainerRec = { status, config, image: img.resolved, sandbox: sb, log: new ContainerLog(), listens: new Map(), files: new Map(Object.entries(config.files ?? {})) };
      this.containers.set(id, rec);
      sb.containers.add(rec);
      this.changed();
      return { result: id };
    });
  }

  startContainer(id: string, cb: Callback<void>): void {
    const c = this.containers.get(id);
    this.trace('StartContainer', `StartContainer ${c ? c.status.name : ''} (${id.slice(0, 13)})`, c ? this.podRef(c.sandbox.config) : undefined);
    this.later(this.jitter(40, 80), cb, () => {
      if (!c) return { err: { code: 'NotFound', message: `container ${JSON.stringify(id)} not found` } };
      const error = this.runner.start(c);
      this.changed();
      return error ? { err: { code: 'Unknown', message: error } } : {};
    });
  }

  stopContainer(id: string, timeoutSeconds: number, cb: Callback<void>): void {
    const c = this.containers.get(id);
    this.trace('StopContainer', `StopContainer ${c ? c.status.name : ''} (${id.slice(0, 13)}, timeout ${timeoutSeconds}s)`, c ? this.podRef(c.sandbox.config) : undefined);
    if (!c || c.status.state !== 'CONTAINER_RUNNING') {
      this.later(5, cb, () => ({}));
      return;
    }
    this.runner.stop(c, timeoutSeconds, () => cb(undefined, undefined));
  }

  removeContainer(id: string, cb: Callback<void>): void {
    const c = this.containers.get(id);
    this.trace('RemoveContainer', `RemoveContainer ${c ? c.status.name : ''} (${id.slice(0, 13)})`, c ? this.podRef(c.sandbox.config) : undefined);
    this.later(this.jitter(10, 20), cb, () => {
      if (c) {
        if (c.status.state === 'CONTAINER_RUNNING') this.runner.kill(c, 137);
        c.sandbox.containers.delete(c);
        this.containers.delete(id);
      }
      return {};
    });
  }

  containerStatus(id: string): ContainerStatus | undefined {
    const c = this.containers.get(id);
    return c ? { ...c.status } : undefined;
  }

  listContainers(filter: { podUid?: string; state?: ContainerState } = {}): ContainerStatus[] {
    const out: ContainerStatus[] = [];
    for (const c of this.containers.values()) {
      if (filter.podUid !== undefined && c.sandbox.config.uid !== filter.podUid) continue;
      if (filter.state !== undefined && c.status.state !== filter.state) continue;
      out.push({ ...c.status });
    }
    return out;
  }

  execSync(id: string, cmd: readonly string[], timeoutSeconds: number, cb: Callback<ExecResult>, opts: { background?: boolean } = {}): void {
    const c = this.containers.get(id);
    if (!c || c.status.state !== 'CONTAINER_RUNNING') {
      this.later(5, cb, () => ({ err: { code: 'Unknown', message: `container is not created or running` } }));
      return;
    }
    this.runner.exec(c, [...cmd], timeoutSeconds, (res) => cb(undefined, res), opts.background ?? false);
  }

  /** The log of a container, by id. */
  logOf(id: string): ContainerLog | undefined {
    return this.containers.get(id)?.log;
  }

  /** Every container of a pod sandbox, for the kubelet's views. */
  containersOfSandbox(id: string): ContainerStatus[] {
    return [...(this.sandboxes.get(id)?.containers ?? [])].map((c) => ({ ...c.status }));
  }

  /** Tears everything down at once (node removed): no trace, no callbacks. */
  shutdown(): void {
    for (const c of this.containers.values()) if (c.status.state === 'CONTAINER_RUNNING') this.runner.kill(c, 137, true);
    for (const sb of this.sandboxes.values()) if (!sb.config.hostNetwork) this.opts.network.unregister(sb.ip, sb);
    this.listeners = [];
  }
}
