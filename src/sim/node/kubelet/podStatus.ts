/**
 * The pod status the kubelet reports (kubelet_pods.go generateAPIPodStatus, getPhase and
 * the status package's conditions), computed from what the runtime says and what the
 * kubelet remembers (last start errors, probe results).
 */
import type { Container, ContainerState, ContainerStatus as ApiContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../../core';
import { setCondition } from '../../api/objects';
import type { ContainerStatus } from '../runtime/cri';
import { Waiting } from './events';

export interface TrackView {
  spec: Container;
  init: boolean;
  /** The latest instance, and the one before it. */
  current?: ContainerStatus;
  previous?: ContainerStatus;
  /** The last start failure (the kubelet's reasonCache). */
  waiting?: { reason: string; message: string };
  ready: boolean;
  started: boolean;
}

export interface StatusInput {
  pod: Pod;
  now: number;
  hostIP: string;
  podIP?: string;
  sandboxReady: boolean;
  startTime?: number;
  tracks: TrackView[];
  /** The pod is done for good (deleted and stopped, or finished under Never/OnFailure). */
  terminal: boolean;
}

const time = (ms: number): string => rfc3339(ms);

function terminated(c: ContainerStatus): ContainerState {
  const t: Record<string, unknown> = {
    containerID: `containerd://${c.id}`,
    exitCode: c.exitCode,
    finishedAt: time(c.finishedAt),
    reason: c.reason || (c.exitCode === 0 ? 'Completed' : 'Error'),
    startedAt: time(c.startedAt),
  };
  if (c.message) t.message = c.message;
  return { terminated: t as unknown as ContainerState['terminated'] };
}

function apiContainerStatus(t: TrackView, initDone: boolean): ApiContainerStatus {
  const c = t.current;
  const s: ApiContainerStatus & Record<string, unknown> = {
    image: c?.image ?? t.spec.image ?? '',
    imageID: c?.imageRef ?? '',
    lastState: {},
    name: t.spec.name,
    ready: false,
    restartCount: c?.attempt ?? 0,
    started: false,
    state: {},
  };
  if (c) s.containerID = `containerd://${c.id}`;
  if (!c) {
    const reason = t.waiting ?? { reason: !t.init && !initDone ? Waiting.PodInitializing : Waiting.ContainerCreating, message: '' };
    s.state = { waiting: reason.message ? { message: reason.message, reason: reason.reason } : { reason: reason.reason } };
    if (t.waiting) s.image = t.spec.image ?? '';
  } else if (c.state === 'CONTAINER_RUNNING') {
    s.state = { running: { startedAt: time(c.startedAt) } };
    s.ready = t.ready;
    s.started = t.started;
    if (t.previous) s.lastState = terminated(t.previous);
  } else if (c.state === 'CONTAINER_EXITED') {
    if (t.waiting) {
      s.state = { waiting: { message: t.waiting.message, reason: t.waiting.reason } };
      s.lastState = terminated(c);
    } else {
      s.state = terminated(c);
      if (t.previous) s.lastState = terminated(t.previous);
    }
  } else {
    s.state = { waiting: { reason: Waiting.ContainerCreating } };
    if (t.previous) s.lastState = terminated(t.previous);
  }
  const mounts = (t.spec.volumeMounts ?? []).map((m) => {
    const v: Record<string, unknown> = { mountPath: m.mountPath, name: m.name };
    if (m.readOnly) {
      v.readOnly = true;
      v.recursiveReadOnly = 'Disabled';
    }
    return v;
  });
  if (mounts.length > 0) s.volumeMounts = mounts as unknown as ApiContainerStatus['volumeMounts'];
  return s;
}

/** getPhase (kubelet_pods.go), for pods without sidecar containers. */
export function getPhase(pod: Pod, init: ApiContainerStatus[], regular: ApiContainerStatus[], terminal: boolean): string {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let failedInit = 0;
  for (const s of init) {
    if (s.state?.running) pendingInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated && s.lastState.terminated.exitCode !== 0) failedInit++;
      else pendingInit++;
    } else pendingInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of regular) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingInit > 0 || waiting > 0) return terminal ? 'Failed' : 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (terminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function unready(statuses: ApiContainerStatus[]): string[] {
  return statuses.filter((s) => !s.ready).map((s) => s.name);
}

export function generatePodStatus(input: StatusInput): PodStatus {
  const { pod, now } = input;
  const prev = (pod.status ?? {}) as PodStatus;
  const initTracks = input.tracks.filter((t) => t.init);
  const initDone = initTracks.every((t) => t.current?.state === 'CONTAINER_EXITED' && t.current.exitCode === 0);
  const init = initTracks.map((t) => apiContainerStatus(t, true));
  const regular = input.tracks.filter((t) => !t.init).map((t) => apiContainerStatus(t, initDone));
  const phase = getPhase(pod, init, regular, input.terminal);
  const done = phase === 'Succeeded' || phase === 'Failed';

  let conds: PodCondition[] = [];
  const keep = (prev.conditions ?? []) as PodCondition[];
  const set = (c: PodCondition): void => {
    const old = keep.find((k) => k.type === c.type);
    conds.push(setCondition(old ? [old] : [], c, now)[0] as PodCondition);
  };
  set({ type: 'PodReadyToStartContainers', status: input.sandboxReady && !done ? 'True' : 'False' });
  const pendingInit = initTracks.filter((t) => !(t.current?.state === 'CONTAINER_EXITED' && t.current.exitCode === 0)).map((t) => t.spec.name);
  if (done && phase === 'Succeeded') set({ type: 'Initialized', status: 'True', reason: 'PodCompleted' });
  else if (pendingInit.length > 0) set({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${pendingInit.join(' ')}]` });
  else set({ type: 'Initialized', status: 'True' });
  const notReady = unready(regular);
  const ready = (type: string): PodCondition => {
    if (phase === 'Succeeded') return { type, status: 'False', reason: 'PodCompleted' };
    if (pendingInit.length > 0) return { type, status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${pendingInit.join(' ')}]` };
    if (notReady.length > 0 || done) return { type, status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${(notReady.length > 0 ? notReady : regular.map((r) => r.name)).join(' ')}]` };
    return { type, status: 'True' };
  };
  set(ready('Ready'));
  set(ready('ContainersReady'));
  // Conditions the kubelet does not own (PodScheduled, DisruptionTarget, readiness gates) stay;
  // generateAPIPodStatus always reports PodScheduled True (mirror pods have no scheduler).
  for (const c of keep) if (!conds.some((x) => x.type === c.type)) conds.push(c);
  if (!conds.some((c) => c.type === 'PodScheduled')) set({ type: 'PodScheduled', status: 'True' });
  conds = order(conds);

  const status: PodStatus & Record<string, unknown> = {
    conditions: conds,
    containerStatuses: regular,
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    phase,
    qosClass: prev.qosClass,
  };
  if (init.length > 0) status.initContainerStatuses = init;
  if (input.podIP) {
    status.podIP = input.podIP;
    status.podIPs = [{ ip: input.podIP }];
  }
  if (input.startTime !== undefined) status.startTime = time(input.startTime);
  return status;
}

const ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];
function order(conds: PodCondition[]): PodCondition[] {
  const rank = (t: string): number => {
    const i = ORDER.indexOf(t);
    return i < 0 ? ORDER.length : i;
  };
  return [...conds].sort((a, b) => rank(a.type) - rank(b.type));
}
