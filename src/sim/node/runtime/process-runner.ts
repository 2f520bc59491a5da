/**
 * Drives container processes on the virtual clock: starts PID 1 from the image and the
 * container's command, delivers SIGTERM/SIGKILL as runc does, runs exec commands for
 * probes and hooks, and serves the ports processes listen on.
 */
import type { EventLoop, TaskHandle, Tracer } from '../../core';
import type { ContainerConfig, ContainerStatus, ExecResult, PodSandboxConfig, PodSandboxStatus, SandboxState } from './cri';
import type { ResolvedImage } from './registry';
import { ContainerLog } from './logs';
import { ExitError, type NetRequest, type NetResult, type Proc, type ProcHost, type ServerKind } from './process';
import { commandsOf, effectiveArgv, programFor, startProgram, type ImageInfo, type StartContext } from './programs';
import { serve } from './servers';
import type { Connection, Reachable } from '../network';

/** Waits that end within this long after a process starts keep the cluster busy; later ones are upkeep. */
export const STARTUP_WINDOW_MS = 30_000;

export interface ContainerRec {
  status: ContainerStatus;
  config: ContainerConfig;
  image: ResolvedImage;
  sandbox: Sandbox;
  log: ContainerLog;
  listens: Map<string, ServerKind>;
  files: Map<string, string>;
  proc?: Proc;
  wake?: TaskHandle;
  killTimer?: TaskHandle;
  interruptible?: boolean;
  trap?: string;
  pendingSignal?: boolean;
  termHandler?: () => { code: number; afterMs: number };
  stopCallbacks?: (() => void)[];
}

export class Sandbox implements Reachable {
  state: SandboxState = 'SANDBOX_READY';
  readonly containers = new Set<ContainerRec>();

  constructor(
    readonly id: string,
    readonly config: PodSandboxConfig,
    readonly ip: string,
    readonly createdAt: number,
    readonly node: string,
  ) {}

  get pod(): string {
    return `${this.config.namespace}/${this.config.name}`;
  }

  status(): PodSandboxStatus {
    return { id: this.id, config: this.config, state: this.state, createdAt: this.createdAt, ip: this.ip };
  }

  connect(port: number, protocol: 'TCP' | 'UDP'): Connection | undefined {
    if (this.state !== 'SANDBOX_READY') return undefined;
    for (const c of this.containers) {
      if (c.status.state !== 'CONTAINER_RUNNING') continue;
      const server = c.listens.get(`${port}/${protocol}`);
      if (!server) continue;
      return {
        container: c.status.name,
        http: server.kind !== 'tcp' && server.kind !== 'dns',
        request: (req) => {
          const ans = serve(server, { ...req, podName: this.config.hostname, podIP: this.ip, now: c.log.lines.length >= 0 ? nowOf(c) : 0 });
          for (const l of ans.log ?? []) c.log.write(l.stream, `${l.text}\n`, nowOf(c));
          return ans;
        },
      };
    }
    return undefined;
  }
}

/** The time a container lives in (the runner keeps a clock handle on each record). */
const clocks = new WeakMap<ContainerRec, () => number>();
function nowOf(c: ContainerRec): number {
  return clocks.get(c)?.() ?? 0;
}

export interface RunnerOptions {
  node: string;
  nodeIP: string;
  cpus: number;
  runtimeName: string;
  kubeletName: string;
  net(fromIP: string, namespace: string, req: NetRequest): NetResult;
  changed(): void;
}

const PATHS: Record<string, string> = {
  busybox: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  alpine: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  debian: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  ubuntu: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  distroless: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
};

export class ProcessRunner {
  constructor(
    private readonly loop: EventLoop,
    private readonly tracer: Tracer,
    private readonly opts: RunnerOptions,
  ) {}

  private imageInfo(c: ContainerRec): ImageInfo {
    const cat = c.image.catalog;
    return { repo: cat.repo, app: cat.app, family: cat.family, version: c.image.concreteTag, entrypoint: cat.entrypoint, cmd: cat.cmd };
  }

  private makeHost(c: ContainerRec, write: (fd: 1 | 2, text: string) => void, ctx: StartContext): ProcHost {
    const info = this.imageInfo(c);
    const commands = commandsOf(info);
    const env = new Map<string, string>();
    env.set('PATH', PATHS[info.family] ?? PATHS.debian as string);
    env.set('HOSTNAME', c.sandbox.config.hostname);
    for (const [k, v] of Object.entries(c.image.catalog.env ?? {})) env.set(k, v);
    for (const e of c.config.env) env.set(e.name, e.value);
    if (!env.has('HOME')) env.set('HOME', '/root');
    const host: ProcHost = {
      family: info.family,
      env,
      files: c.files,
      hostname: c.sandbox.config.hostname,
      cpus: this.opts.cpus,
      now: () => this.loop.now(),
      write,
      listen: (port, server, protocol = 'TCP') => {
        c.listens.set(`${port}/${protocol}`, server);
      },
      isListening: (port) => c.listens.has(`${port}/TCP`) || [...c.sandbox.containers].some((o) => o.listens.has(`${port}/TCP`)),
      hasCommand: (name) => commands.has(name),
      program: (argv, h) => programFor(argv, h, info, ctx),
      net: (req) => this.opts.net(c.sandbox.ip, c.sandbox.config.namespace, req),
      setTrap: (script) => {
        c.trap = script;
      },
      takeSignal: () => {
        if (!c.pendingSignal || c.trap === undefined) return undefined;
        c.pendingSignal = false;
        return c.trap;
      },
      onTerm: (handler) => {
        c.termHandler = handler;
      },
    };
    return host;
  }

  /** Starts PID 1. Returns runc's error when the executable is not in the image. */
  start(c: ContainerRec): string | undefined {
    clocks.set(c, () => this.loop.now());
    const ctx: StartContext = { podIP: c.sandbox.ip, nodeIP: this.opts.nodeIP, stdin: c.config.stdin ?? false };
    this.seedFiles(c);
    const host = this.makeHost(c, (fd, text) => c.log.write(fd === 1 ? 'stdout' : 'stderr', text, this.loop.now()), ctx);
    const argv = effectiveArgv(this.imageInfo(c), c.config.command, c.config.args);
    const proc = startProgram(argv, host, this.imageInfo(c), ctx);
    const now = this.loop.now();
    if ('error' in proc) {
      // runc never started the process: containerd reports a zero start time.
      Object.assign(c.status, { state: 'CONTAINER_EXITED', exitCode: 128, reason: 'StartError', message: proc.error, startedAt: 0, finishedAt: now });
      return proc.error;
    }
    c.proc = proc;
    Object.assign(c.status, { state: 'CONTAINER_RUNNING', startedAt: now });
    this.step(c, undefined);
    return undefined;
  }

  private seedFiles(c: ContainerRec): void {
    const sb = c.sandbox.config;
    const f = c.files;
    if (!f.has('/etc/hostname')) f.set('/etc/hostname', `${sb.hostname}\n`);
    if (!f.has('/etc/hosts')) f.set('/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${c.sandbox.ip}\t${sb.hostname}\n`);
    if (!f.has('/etc/resolv.conf')) f.set('/etc/resolv.conf', `search ${sb.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
  }

  private step(c: ContainerRec, resume: 'signal' | undefined): void {
    c.wake = undefined;
    if (c.status.state !== 'CONTAINER_RUNNING' || !c.proc) return;
    let r: IteratorResult<{ ms: number; interruptible?: boolean }, number>;
    try {
      r = c.proc.next(resume);
    } catch (err) {
      if (err instanceof ExitError) return this.exit(c, err.code);
      throw err;
    }
    if (r.done) return this.exit(c, r.value);
    const { ms, interruptible } = r.value;
    c.interruptible = interruptible ?? false;
    if (ms === Infinity) return;
    const background = c.status.startedAt + STARTUP_WINDOW_MS < this.loop.now() + ms;
    c.wake = this.loop.schedule(ms, () => this.step(c, undefined), { background, label: `process ${c.status.name}` });
  }

  private exit(c: ContainerRec, code: number, reason?: string): void {
    if (c.status.state !== 'CONTAINER_RUNNING') return;
    c.wake?.cancel();
    c.killTimer?.cancel();
    const now = this.loop.now();
    c.log.flush(now);
    c.listens.clear();
    c.proc = undefined;
    Object.assign(c.status, { state: 'CONTAINER_EXITED', exitCode: code, finishedAt: now, reason: reason ?? (code === 0 ? 'Completed' : 'Error') });
    this.tracer.record({
      from: this.opts.runtimeName,
      to: this.opts.kubeletName,
      channel: 'cri',
      verb: 'TaskExit',
      ref: { apiVersion: 'v1', kind: 'Pod', namespace: c.sandbox.config.namespace, name: c.sandbox.config.name, uid: c.sandbox.config.uid },
      summary: `container ${c.status.name} of ${c.sandbox.pod} exited with code ${code}`,
    });
    const cbs = c.stopCallbacks ?? [];
    c.stopCallbacks = undefined;
    for (const cb of cbs) cb();
    this.opts.changed();
  }

  /** SIGTERM now, SIGKILL after the timeout (exit 137), as containerd's StopContainer does. */
  stop(c: ContainerRec, timeoutSeconds: number, done: () => void): void {
    (c.stopCallbacks ??= []).push(done);
    if (c.killTimer) return;
    c.killTimer = this.loop.schedule(Math.max(0, timeoutSeconds) * 1000, () => this.exit(c, 137));
    if (c.termHandler) {
      const { code, afterMs } = c.termHandler();
      if (afterMs < timeoutSeconds * 1000) this.loop.schedule(afterMs, () => this.exit(c, code));
      return;
    }
    if (c.trap !== undefined) {
      c.pendingSignal = true;
      // A shell blocked in `wait` runs its trap at once; one in a foreground sleep only after it.
      if (c.interruptible || !c.wake) {
        c.wake?.cancel();
        this.step(c, 'signal');
      }
    }
    // Otherwise PID 1 has no handler for SIGTERM: the kernel ignores it, SIGKILL follows.
  }

  kill(c: ContainerRec, code: number, silent = false): void {
    if (silent) {
      c.wake?.cancel();
      c.killTimer?.cancel();
      Object.assign(c.status, { state: 'CONTAINER_EXITED', exitCode: code, finishedAt: this.loop.now(), reason: 'Error' });
      return;
    }
    this.exit(c, code);
  }

  exec(c: ContainerRec, argv: string[], timeoutSeconds: number, cb: (res: ExecResult) => void, background: boolean): void {
    let stdout = '';
    let stderr = '';
    const ctx: StartContext = { podIP: c.sandbox.ip, nodeIP: this.opts.nodeIP, stdin: false };
    const host = this.makeHost(c, (fd, t) => (fd === 1 ? (stdout += t) : (stderr += t)), ctx);
    const started = this.loop.now();
    const proc = startProgram(argv, host, this.imageInfo(c), ctx);
    const finish = (code: number, timedOut = false): void => cb({ exitCode: code, stdout, stderr, timedOut });
    if ('error' in proc) {
      this.loop.schedule(5, () => finish(126, false), { background });
      stderr = proc.error.replace(/^failed to create containerd task: failed to create shim task: /, '');
      return;
    }
    const run = (): void => {
      for (;;) {
        let r: IteratorResult<{ ms: number }, number>;
        try {
          r = proc.next(undefined);
        } catch (err) {
          if (err instanceof ExitError) return finish(err.code);
          throw err;
        }
        if (r.done) return finish(r.value);
        const left = started + timeoutSeconds * 1000 - this.loop.now();
        if (r.value.ms >= left) {
          this.loop.schedule(Math.max(0, left), () => finish(-1, true), { background });
          return;
        }
        this.loop.schedule(r.value.ms, run, { background });
        return;
      }
    };
    this.loop.schedule(5, run, { background });
  }
}
