/**
 * The kubelet of one node: registers the Node and keeps its heartbeats, watches the pods
 * bound to the node (fieldSelector spec.nodeName=<node>), admits them, runs one worker per
 * pod over the container runtime, relists the runtime each second after a change (PLEG),
 * runs the control plane's static pods and posts their mirror pods.
 */
import type { Node, Pod, PodStatus, Service } from 'kubernetes-types/core/v1';
import type { TaskHandle } from '../../core';
import type { KubeObject } from '../../api/types';
import { StatusError, newBadRequest } from '../../api/errors';
import { deepClone } from '../../api/objects';
import { EventRecorder, Informer, R, clientFor, nodeIdentity, type Client, type ComponentEnv } from '../../client';
import type { ContainerRuntime } from '../runtime/containerd';
import type { PodNetwork } from '../network';
import type { NodeSpec } from '../types';
import { admitPod } from './admission';
import { Backoff } from './backoff';
import { ImageManager } from './images';
import { capacityOf, type NodeIdentity } from './nodeObject';
import { NodeStatusReporter } from './nodeStatus';
import { PodWorker } from './podWorker';
import { Prober } from './prober';
import { controlPlaneManifests, staticPod } from './staticPods';
import type { WorkerHost } from './workerHost';

const MIRROR = 'kubernetes.io/config.mirror';

export class Kubelet implements WorkerHost {
  readonly node: string;
  readonly loop: ComponentEnv['loop'];
  readonly rng: ComponentEnv['rng'];
  readonly client: Client;
  readonly recorder: EventRecorder;
  readonly images: ImageManager;
  readonly prober: Prober;
  readonly crashBackoff = new Backoff(10_000, 300_000);
  readonly workers = new Map<string, PodWorker>();
  private readonly reporter: NodeStatusReporter;
  private readonly staticUids = new Set<string>();
  private readonly mirrors = new Set<string>();
  private allocatable: Record<string, string>;
  private podInformer: Informer | undefined;
  private svcInformer: Informer | undefined;
  private pleg: TaskHandle | undefined;
  private running = false;
  private readonly plegPhase: number;

  constructor(
    readonly env: ComponentEnv,
    readonly spec: NodeSpec,
    readonly nodeIP: string,
    readonly gatewayIP: string,
    readonly runtime: ContainerRuntime,
    readonly network: PodNetwork,
    identity: NodeIdentity,
  ) {
    this.node = spec.name;
    this.loop = env.loop;
    this.rng = env.rng;
    this.client = clientFor(env, nodeIdentity(spec.name));
    this.recorder = new EventRecorder(this.client, env.loop, { component: 'kubelet', host: spec.name });
    this.images = new ImageManager(runtime, this.recorder, env.loop);
    this.prober = new Prober({ loop: env.loop, runtime, network, recorder: this.recorder, sourceIP: gatewayIP });
    this.allocatable = capacityOf(spec).allocatable;
    this.reporter = new NodeStatusReporter(spec, identity, this.client, env.loop, this.recorder, runtime, (n: Node) => {
      this.allocatable = (n.status?.allocatable as Record<string, string> | undefined) ?? this.allocatable;
    });
    this.plegPhase = env.loop.now() % 1000;
    runtime.onChange(() => this.plegKick());
  }

  get isRunning(): boolean {
    return this.running;
  }

  active(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.recorder.normal(this.reporter.nodeRef, 'Starting', 'Starting kubelet.');
    this.reporter.register();
    this.reporter.start();
    this.svcInformer = new Informer(this.client, R.services);
    this.svcInformer.start();
    this.podInformer = new Informer(this.client, R.pods, { fieldSelector: `spec.nodeName=${this.node}` });
    this.podInformer.addHandler({
      add: (p) => this.onPod(p as unknown as Pod),
      update: (o, p) => this.onPod(p as unknown as Pod, o as unknown as Pod),
      delete: (p) => this.onPodDeleted(p as unknown as Pod),
    });
    this.podInformer.start();
    if (this.spec.role === 'control-plane' && this.staticUids.size === 0) this.startStaticPods();
    // After a restart: pick up what the runtime still runs.
    for (const w of this.workers.values()) {
      for (const t of w.tracks) {
        const id = t.currentId();
        const st = id ? this.runtime.containerStatus(id) : undefined;
        if (id && st?.state === 'CONTAINER_RUNNING') this.prober.start(w, t.spec, id, st.startedAt, w.podIP ?? '');
      }
      w.sync();
    }
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.reporter.stop();
    this.podInformer?.stop();
    this.svcInformer?.stop();
    this.pleg?.cancel();
    this.pleg = undefined;
    this.prober.stopAll();
  }

  services(namespace: string): Service[] {
    const all = (this.svcInformer?.list() ?? []) as unknown as Service[];
    return all.filter((s) => s.metadata?.namespace === namespace || (s.metadata?.namespace === 'default' && s.metadata.name === 'kubernetes'));
  }

  // ---- pods from the API ----

  private onPod(pod: Pod, old?: Pod): void {
    if (pod.metadata?.annotations?.[MIRROR]) {
      this.mirrors.add(`${pod.metadata.namespace}/${pod.metadata.name}`);
      return;
    }
    const uid = pod.metadata?.uid ?? '';
    let w = this.workers.get(uid);
    if (!w) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      w = new PodWorker(pod, this);
      this.workers.set(uid, w);
      if (phase !== 'Running' && !this.admit(w)) return;
    } else {
      w.pod = pod;
      // A status-only change (often the kubelet's own write) is a reconcile, not a sync.
      if (old && !needsSync(old, pod)) return;
    }
    w.sync();
  }

  private admit(w: PodWorker): boolean {
    const admitted = [...this.workers.values()].filter((o) => o !== w && !o.rejected && !o.terminated).map((o) => o.pod);
    const res = admitPod(w.pod, admitted, this.allocatable);
    if (res.admit) return true;
    w.rejected = true;
    this.recorder.warning(w.podObject, res.reason ?? 'UnexpectedAdmissionError', res.message ?? '');
    this.patchStatus(w, { phase: 'Failed', reason: res.reason, message: `Pod was rejected: ${res.message ?? ''}`, qosClass: w.pod.status?.qosClass });
    return false;
  }

  private onPodDeleted(pod: Pod): void {
    if (pod.metadata?.annotations?.[MIRROR]) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      this.mirrors.delete(key);
      // The kubelet recreates a mirror pod someone deleted.
      for (const w of this.workers.values()) if (this.staticUids.has(w.uid) && w.key === key) w.writeStatus(w.terminated);
      return;
    }
    const w = this.workers.get(pod.metadata?.uid ?? '');
    if (!w) return;
    w.removed = true;
    if (w.terminated || w.rejected) this.cleanup(w);
    else w.sync();
  }

  // ---- WorkerHost ----

  private patchStatus(w: PodWorker, status: PodStatus): void {
    // Conditions merge by type: a reason or message that went away is deleted explicitly,
    // as the status manager's two-way merge patch does.
    const stored = w.pod.status?.conditions ?? [];
    const conditions = status.conditions?.map((c) => {
      const old = stored.find((o) => o.type === c.type);
      const out: Record<string, unknown> = { ...c };
      if (old?.reason !== undefined && c.reason === undefined) out.reason = null;
      if (old?.message !== undefined && c.message === undefined) out.message = null;
      return out;
    });
    const body = conditions ? { ...status, conditions } : status;
    try {
      this.client.patch(R.pods, w.pod.metadata?.namespace, w.pod.metadata?.name ?? '', { status: body }, 'strategic', 'status');
    } catch (err) {
      if (!(err instanceof StatusError)) throw err;
    }
  }

  writeStatus(w: PodWorker, status: PodStatus): void {
    if (!this.running) return;
    if (this.staticUids.has(w.uid) && !this.mirrors.has(w.key)) this.createMirror(w, status);
    else this.patchStatus(w, status);
  }

  deletePod(w: PodWorker): void {
    if (this.staticUids.has(w.uid)) return;
    try {
      this.client.delete(R.pods, w.pod.metadata?.namespace, w.pod.metadata?.name ?? '', { gracePeriodSeconds: 0 });
    } catch (err) {
      if (!(err instanceof StatusError)) throw err;
    }
  }

  cleanup(w: PodWorker): void {
    this.workers.delete(w.uid);
    this.prober.stopPod(w);
    const sandbox = w.sandboxId;
    const ids = w.tracks.flatMap((t) => t.ids);
    let pending = ids.length;
    const removeSandbox = (): void => {
      if (sandbox) this.runtime.removePodSandbox(sandbox, () => undefined);
    };
    if (pending === 0) return removeSandbox();
    for (const id of ids) {
      this.runtime.removeContainer(id, () => {
        if (--pending === 0) removeSandbox();
      });
    }
  }

  // ---- PLEG ----

  private plegKick(): void {
    if (!this.running || this.pleg) return;
    const since = (this.loop.now() - this.plegPhase) % 1000;
    this.pleg = this.loop.schedule(1000 - since, () => {
      this.pleg = undefined;
      this.relist();
    }, { label: `pleg ${this.node}` });
  }

  private relist(): void {
    for (const w of [...this.workers.values()]) {
      const sig = w.signature();
      if (sig === w.lastSignature) continue;
      w.lastSignature = sig;
      w.sync();
    }
  }

  // ---- static pods ----

  private startStaticPods(): void {
    for (const m of controlPlaneManifests(this.nodeIP)) {
      const pod = staticPod(m, this.node, this.loop.now());
      const w = new PodWorker(pod, this);
      this.staticUids.add(w.uid);
      this.workers.set(w.uid, w);
      w.sync();
    }
  }

  private createMirror(w: PodWorker, status: PodStatus): void {
    const mirror = deepClone(w.pod) as unknown as KubeObject;
    const hash = w.uid;
    mirror.metadata = {
      name: w.pod.metadata?.name,
      namespace: w.pod.metadata?.namespace,
      labels: w.pod.metadata?.labels,
      annotations: { ...w.pod.metadata?.annotations, [MIRROR]: hash },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.node, uid: this.reporter.nodeUid, controller: true }],
    };
    mirror.status = status;
    try {
      this.client.create(R.pods, mirror.metadata.namespace, mirror);
      this.mirrors.add(w.key);
    } catch (err) {
      if (!(err instanceof StatusError)) throw err;
      if (err.code === 409) {
        this.mirrors.add(w.key);
        this.patchStatus(w, status);
      }
    }
  }

  /** The IP of a pod this kubelet runs (undefined when not here or not started). */
  podIP(namespace: string, name: string): string | undefined {
    const key = `${namespace}/${name}`;
    for (const w of this.workers.values()) if (w.key === key && w.sandboxReady()) return w.podIP;
    return undefined;
  }

  /** The log of a pod's container on this node (undefined when the pod is not here). */
  logs(namespace: string, pod: string, container?: string, tailLines?: number): string | undefined {
    const key = `${namespace}/${pod}`;
    for (const w of this.workers.values()) {
      if (w.key !== key) continue;
      const t = container ? w.tracks.find((x) => x.spec.name === container) : w.tracks.find((x) => !x.init);
      const id = t?.currentId();
      if (!id && t) {
        // validateContainerLogStatus: a container that never started has no log yet.
        const st = w.pod.status;
        const reported = [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? [])].find((c) => c.name === t.spec.name)?.state?.waiting?.reason;
        const reason = reported ?? 'ContainerCreating';
        throw newBadRequest(`container ${JSON.stringify(t.spec.name)} in pod ${JSON.stringify(pod)} is waiting to start: ${reason}`);
      }
      return id ? (this.runtime.logOf(id)?.text(tailLines) ?? '') : '';
    }
    return undefined;
  }
}

/** config.checkAndUpdatePod: spec, labels, annotations or deletion changed. */
function needsSync(old: Pod, cur: Pod): boolean {
  const a = old.metadata ?? {};
  const b = cur.metadata ?? {};
  return (
    JSON.stringify(old.spec) !== JSON.stringify(cur.spec) ||
    JSON.stringify(a.labels) !== JSON.stringify(b.labels) ||
    JSON.stringify(a.annotations) !== JSON.stringify(b.annotations) ||
    a.deletionTimestamp !== b.deletionTimestamp ||
    a.deletionGracePeriodSeconds !== b.deletionGracePeriodSeconds
  );
}
