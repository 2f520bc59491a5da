/**
 * Starting and killing one container as kuberuntime does it: back-off check, image,
 * config, CreateContainer, StartContainer, postStart; and Killing, preStop, StopContainer
 * with the grace period (never below 2 s).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { goDuration } from '../util/goDuration';
import { runAction } from './actions';
import { buildEnv, expand, volumeFiles } from './containerEnv';
import { Reason, Waiting, formatPod, msg } from './events';
import type { PodWorker, Track } from './podWorker';
import type { WorkerHost } from './workerHost';

const MIN_GRACE_SECONDS = 2;

function stableKey(pod: Pod, t: Track): string {
  return `${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}_${pod.metadata?.uid ?? ''}_${t.spec.name}`;
}

/** Starts (or restarts) a container; `done(false)` when it could not (the reason is on the track). */
export function startContainer(w: PodWorker, host: WorkerHost, t: Track, done: (ok: boolean) => void): void {
  const pod = w.pod;
  const obj = w.podObject;
  const now = host.loop.now();
  const prev = w.current(t);
  if (prev?.state === 'CONTAINER_EXITED') {
    const key = stableKey(pod, t);
    if (host.crashBackoff.isInBackOffSince(key, prev.finishedAt, now)) {
      host.recorder.warning(obj, Reason.BackOff, msg.backOffRestart(t.spec.name, formatPod(obj)), t.fieldPath);
      t.waiting = { reason: Waiting.CrashLoopBackOff, message: msg.crashLoop(goDuration(host.crashBackoff.get(key)), t.spec.name, formatPod(obj)) };
      return done(false);
    }
    // doBackOff counts from the exit, not from this sync: Next(key, finishedAt).
    host.crashBackoff.next(key, prev.finishedAt);
  }
  const fail = (reason: string, message: string, eventText = reason): void => {
    t.waiting = { reason, message };
    host.recorder.warning(obj, Reason.Failed, msg.error(eventText), t.fieldPath);
    done(false);
  };
  host.images.ensure(pod, t.spec, t.fieldPath, (img) => {
    if (!img.ok) {
      t.waiting = { reason: img.reason, message: img.message };
      host.recorder.warning(obj, Reason.Failed, msg.error(img.reason), t.fieldPath);
      return done(false);
    }
    if (!w.sandboxId || !w.sandboxReady() || w.terminated) return done(false);
    const env = buildEnv(t.spec, { pod, hostIP: host.nodeIP, podIP: w.podIP ?? '', client: host.client, services: host.services(pod.metadata?.namespace ?? 'default') });
    if (!env.ok) return fail(Waiting.CreateContainerConfigError, env.message, env.message);
    const vars = new Map(env.env.map((e) => [e.name, e.value]));
    const config = {
      name: t.spec.name,
      attempt: t.attempt,
      image: t.spec.image ?? '',
      command: t.spec.command?.map((c) => expand(c, vars)),
      args: t.spec.args?.map((a) => expand(a, vars)),
      env: env.env,
      workingDir: t.spec.workingDir,
      stdin: t.spec.stdin ?? false,
      files: volumeFiles(t.spec, pod, host.client),
      labels: {
        'io.kubernetes.container.name': t.spec.name,
        'io.kubernetes.pod.name': pod.metadata?.name ?? '',
        'io.kubernetes.pod.namespace': pod.metadata?.namespace ?? '',
        'io.kubernetes.pod.uid': pod.metadata?.uid ?? '',
      },
    };
    host.runtime.createContainer(w.sandboxId, config, (cerr, id) => {
      if (cerr || !id) return fail(Waiting.CreateContainerError, cerr?.message ?? 'create failed', cerr?.message);
      t.ids.push(id);
      t.attempt++;
      host.recorder.normal(obj, Reason.Created, msg.created(t.spec.name), t.fieldPath);
      gcOld(host, t);
      host.runtime.startContainer(id, (serr) => {
        if (serr) return fail(Waiting.RunContainerError, serr.message, serr.message);
        host.recorder.normal(obj, Reason.Started, msg.started(t.spec.name), t.fieldPath);
        t.waiting = undefined;
        t.started = !t.spec.startupProbe;
        t.ready = t.started && !t.spec.readinessProbe;
        const st = host.runtime.containerStatus(id);
        host.prober.start(w, t.spec, id, st?.startedAt ?? host.loop.now(), w.podIP ?? '');
        const postStart = t.spec.lifecycle?.postStart;
        if (!postStart) return done(true);
        const target = { container: t.spec, containerId: id, podIP: w.podIP ?? '', sourceIP: host.gatewayIP };
        runAction(postStart, target, pod.spec?.terminationGracePeriodSeconds ?? 30, { runtime: host.runtime, network: host.network, loop: host.loop, background: false }, (r) => {
          if (r.ok) return done(true);
          host.recorder.warning(obj, Reason.FailedPostStartHook, 'PostStartHook failed', t.fieldPath);
          killContainer(w, host, t, pod.spec?.terminationGracePeriodSeconds ?? 30, 'FailedPostStartHook', () => {
            t.waiting = { reason: Waiting.PostStartHookError, message: r.message };
            done(false);
          });
        });
      });
    });
  });
}

/** Keeps the current and one previous instance, as the container GC (MaxPerPodContainer=1) does. */
function gcOld(host: WorkerHost, t: Track): void {
  while (t.ids.length > 2) {
    const old = t.ids.shift() as string;
    host.loop.schedule(0, () => host.runtime.removeContainer(old, () => undefined), { background: true });
  }
}

/** killContainer: Killing event, preStop within the grace period, then StopContainer. */
export function killContainer(w: PodWorker, host: WorkerHost, t: Track, graceSeconds: number, message: string | undefined, done: () => void): void {
  const id = t.currentId();
  if (!id) return done();
  host.prober.stop(id);
  host.recorder.normal(w.podObject, Reason.Killing, message ?? msg.stopping(t.spec.name), t.fieldPath);
  const stop = (grace: number): void => host.runtime.stopContainer(id, Math.max(grace, MIN_GRACE_SECONDS), () => done());
  const preStop = t.spec.lifecycle?.preStop;
  if (!preStop || graceSeconds <= 0) return stop(graceSeconds);
  const started = host.loop.now();
  const target = { container: t.spec, containerId: id, podIP: w.podIP ?? '', sourceIP: host.gatewayIP };
  let finished = false;
  const timer = host.loop.schedule(graceSeconds * 1000, () => {
    if (finished) return;
    finished = true;
    stop(0);
  });
  runAction(preStop, target, graceSeconds, { runtime: host.runtime, network: host.network, loop: host.loop, background: false }, (r) => {
    if (finished) return;
    finished = true;
    timer.cancel();
    if (!r.ok) host.recorder.warning(w.podObject, Reason.FailedPreStopHook, 'PreStopHook failed', t.fieldPath);
    const elapsed = Math.floor((host.loop.now() - started) / 1000);
    stop(graceSeconds - elapsed);
  });
}
