/**
 * What the cluster looks like after the trace up to a given seq: the latest snapshot of
 * every object, and each pod's node and status as `kubectl get pods` would word it. Built
 * from trace events alone (snapshots, watch and CRI traffic). Pure: no DOM.
 */
import type { ObjectRef, TraceEvent } from '../../src/protocol/trace';
import { isSchedulingDetail } from '../../src/protocol/scheduling';

export type Tone = 'ok' | 'progress' | 'pending' | 'error' | 'done';

export interface PodView {
  key: string;
  name: string;
  namespace: string;
  node?: string;
  /** kubectl's STATUS column: Pending, ContainerCreating, Running, Terminating ... */
  status: string;
  /** What is happening right now, when the status alone does not say: "pulling nginx:1.14.2". */
  activity?: string;
  tone: Tone;
  ready: boolean;
  ip?: string;
  /** seq of the last event that touched the pod. */
  lastSeq: number;
}

export interface ObjectView {
  key: string;
  ref: ObjectRef;
  snapshot?: Record<string, unknown>;
  seq: number;
  deleted: boolean;
}

export interface World {
  objects: Map<string, ObjectView>;
  pods: PodView[];
}

export function objectKey(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Node name of an agent component id: "kubelet/worker-1" -> "worker-1". */
export function nodeOfComponent(id: string): string | undefined {
  const slash = id.indexOf('/');
  return slash > 0 ? id.slice(slash + 1) : undefined;
}

const ERROR_REASONS = new Set([
  'ErrImagePull', 'ImagePullBackOff', 'CrashLoopBackOff', 'CreateContainerError', 'CreateContainerConfigError',
  'InvalidImageName', 'RunContainerError', 'Error', 'OOMKilled', 'ContainerStatusUnknown',
]);

const CRI_ACTIVITY: Record<string, string> = {
  RunPodSandbox: 'creating pod sandbox',
  PullImage: 'pulling image',
  CreateContainer: 'creating container',
  StartContainer: 'starting container',
  StopContainer: 'stopping container',
  StopPodSandbox: 'stopping sandbox',
};

function statusFromSnapshot(pod: PodView, snap: Rec): void {
  const spec = rec(snap.spec);
  const status = rec(snap.status);
  const meta = rec(snap.metadata);
  const node = str(spec?.nodeName);
  if (node) pod.node = node;
  const phase = str(status?.phase) ?? 'Pending';
  pod.ip = str(status?.podIP) ?? pod.ip;
  const containers = Array.isArray(status?.containerStatuses) ? (status.containerStatuses as unknown[]) : [];
  let reason: string | undefined;
  let ready = containers.length > 0;
  for (const c of containers) {
    const cs = rec(c);
    const state = rec(cs?.state);
    reason ??= str(rec(state?.waiting)?.reason) ?? str(rec(state?.terminated)?.reason);
    if (cs?.ready !== true) ready = false;
  }
  pod.ready = ready && phase === 'Running';
  pod.activity = undefined;
  if (meta?.deletionTimestamp) {
    pod.status = 'Terminating';
    pod.tone = 'progress';
  } else if (reason) {
    pod.status = reason;
    pod.tone = ERROR_REASONS.has(reason) ? 'error' : 'progress';
  } else if (phase === 'Running') {
    pod.status = 'Running';
    pod.tone = pod.ready ? 'ok' : 'progress';
  } else if (phase === 'Succeeded') {
    pod.status = 'Completed';
    pod.tone = 'done';
  } else if (phase === 'Failed') {
    pod.status = 'Error';
    pod.tone = 'error';
  } else {
    pod.status = 'Pending';
    pod.tone = 'pending';
  }
}

/** Applies trace events one by one (in seq order) to an evolving picture of the cluster. */
export class WorldBuilder {
  readonly objects = new Map<string, ObjectView>();
  private readonly pods = new Map<string, PodView>();
  /** seq of the last event applied. */
  seq = 0;

  world(): World {
    return { objects: this.objects, pods: [...this.pods.values()].map((p) => ({ ...p })) };
  }

  podList(): readonly PodView[] {
    return [...this.pods.values()];
  }

  apply(event: TraceEvent): void {
    this.seq = event.seq;
    const ref = event.ref;
    if (!ref) return;
    const key = objectKey(ref);
    const snap = rec(event.snapshot);
    const deleted = event.channel === 'etcd-txn' && event.verb === 'delete';
    if (snap || deleted) {
      const prev = this.objects.get(key);
      this.objects.set(key, { key, ref, snapshot: snap ?? prev?.snapshot, seq: event.seq, deleted });
    } else if (!this.objects.has(key) && event.channel === 'etcd-txn') {
      this.objects.set(key, { key, ref, seq: event.seq, deleted: false });
    }
    if (ref.kind !== 'Pod') return;
    if (deleted) {
      this.pods.delete(key);
      return;
    }
    // A pod exists once the API server stored it; a bare request is only an intention.
    const stored = event.channel === 'etcd-txn' || event.channel === 'watch' || event.channel === 'cri' || this.pods.has(key);
    if (!stored) return;
    let pod = this.pods.get(key);
    if (!pod) {
      pod = { key, name: ref.name, namespace: ref.namespace ?? 'default', status: 'Pending', tone: 'pending', ready: false, lastSeq: event.seq };
      this.pods.set(key, pod);
    }
    pod.lastSeq = event.seq;
    if (snap && (event.channel === 'etcd-txn' || event.channel === 'watch')) statusFromSnapshot(pod, snap);
    if (event.channel === 'schedule' && isSchedulingDetail(event.detail) && event.detail.selected) {
      pod.node = event.detail.selected;
    }
    const agentNode = nodeOfComponent(event.to) ?? nodeOfComponent(event.from);
    if (agentNode && (event.channel === 'watch' || event.channel === 'cri')) pod.node ??= agentNode;
    if (event.channel === 'cri' && event.verb && pod.status !== 'Running') {
      pod.status = 'ContainerCreating';
      pod.tone = 'progress';
      const image = event.path ?? /^PullImage (\S+)/.exec(event.summary)?.[1];
      pod.activity = event.verb === 'PullImage' && image ? `pulling ${image}` : CRI_ACTIVITY[event.verb] ?? event.verb;
    }
    if (event.channel === 'http-request' && event.verb === 'DELETE') {
      pod.status = 'Terminating';
      pod.tone = 'progress';
    }
  }
}

/** The cluster as the trace tells it, after every event with seq <= `highWater`. */
export function deriveWorld(trace: readonly TraceEvent[], highWater: number): World {
  const builder = new WorldBuilder();
  for (const event of trace) if (event.seq <= highWater) builder.apply(event);
  return builder.world();
}

/**
 * The most pods each node holds at any one time over the whole trace, and under '' the most
 * pods waiting for a node: the drawing reserves that much room so it does not jump.
 */
export function peakPods(trace: readonly TraceEvent[]): Map<string, number> {
  const builder = new WorldBuilder();
  const peak = new Map<string, number>();
  const sorted = [...trace].sort((a, b) => a.seq - b.seq);
  for (const event of sorted) {
    builder.apply(event);
    if (event.ref?.kind !== 'Pod') continue;
    const counts = new Map<string, number>();
    for (const pod of builder.podList()) counts.set(pod.node ?? '', (counts.get(pod.node ?? '') ?? 0) + 1);
    for (const [node, n] of counts) peak.set(node, Math.max(peak.get(node) ?? 0, n));
  }
  return peak;
}
