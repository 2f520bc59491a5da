/**
 * What each controller gets from the controller manager: the shared informers of the
 * kube-controller-manager process, a client and an event recorder of its own, and helpers
 * for its work queue and its 'reconcile' trace events.
 */
import type { ObjectRef } from '../../../protocol/trace';
import type { EventLoop, Rng, Tracer } from '../../core';
import {
  EventRecorder, WorkQueue, clientFor, controllerIdentity,
  type Client, type Component, type ComponentEnv, type Identity, type InformerFactory, type SyncResult,
} from '../../client';

export interface ControllerContext {
  /** The controller's service account and trace name: deployment-controller. */
  readonly name: string;
  readonly loop: EventLoop;
  readonly tracer: Tracer;
  readonly rng: Rng;
  readonly informers: InformerFactory;
  readonly client: Client;
  readonly recorder: EventRecorder;
  /** A work queue fed by this process's informers and drained by `sync`. */
  queue(sync: (key: string) => SyncResult): WorkQueue;
  /** Records what one sync decided, before it writes anything. */
  reconcile(summary: string, ref?: ObjectRef): void;
}

export interface ControllerSpec {
  /** Service account (and client identity) upstream runs the controller as. */
  name: string;
  /** Event source component, as upstream's recorder names it. */
  eventSource: string;
  /** Who the controller acts as, when not its own service account (default controllerIdentity(name)). */
  identity?: Identity;
  start(ctx: ControllerContext): Component;
}

export function newControllerContext(env: ComponentEnv, informers: InformerFactory, spec: ControllerSpec): ControllerContext {
  const client = clientFor(env, spec.identity ?? controllerIdentity(spec.name));
  const recorder = new EventRecorder(client, env.loop, { component: spec.eventSource });
  const rng = env.rng.fork();
  return {
    name: spec.name,
    loop: env.loop,
    tracer: env.tracer,
    rng,
    informers,
    client,
    recorder,
    queue: (sync) => new WorkQueue(env.loop, sync, { from: 'kube-controller-manager', controller: spec.name, tracer: env.tracer }),
    reconcile: (summary, ref) => {
      env.tracer.record({ from: spec.name, to: spec.name, channel: 'reconcile', verb: 'sync', ref, summary: `${spec.name}: ${summary}` });
    },
  };
}

/** The trace reference of an object. */
export function refOf(obj: { kind?: string; apiVersion?: string; metadata?: { name?: string; namespace?: string; uid?: string } }): ObjectRef {
  const ref: ObjectRef = { kind: obj.kind ?? '', name: obj.metadata?.name ?? '' };
  if (obj.apiVersion) ref.apiVersion = obj.apiVersion;
  if (obj.metadata?.namespace) ref.namespace = obj.metadata.namespace;
  if (obj.metadata?.uid) ref.uid = obj.metadata.uid;
  return ref;
}

/** A Component that stops the given queues and runs the given clean-ups. */
export function component(name: string, queues: WorkQueue[], cleanups: (() => void)[] = []): Component {
  return {
    name,
    stop() {
      for (const q of queues) q.shutdown();
      for (const c of cleanups) c();
    },
  };
}
