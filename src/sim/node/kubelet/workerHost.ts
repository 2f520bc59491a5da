/** What a pod worker needs from its kubelet. */
import type { PodStatus, Service } from 'kubernetes-types/core/v1';
import type { EventLoop, Rng } from '../../core';
import type { Client, EventRecorder } from '../../client';
import type { ContainerRuntime } from '../runtime/containerd';
import type { PodNetwork } from '../network';
import type { Backoff } from './backoff';
import type { ImageManager } from './images';
import type { Prober } from './prober';
import type { PodWorker } from './podWorker';

export interface WorkerHost {
  node: string;
  nodeIP: string;
  /** The node's address on the pod network (probe and hook traffic comes from it). */
  gatewayIP: string;
  loop: EventLoop;
  rng: Rng;
  runtime: ContainerRuntime;
  network: PodNetwork;
  images: ImageManager;
  recorder: EventRecorder;
  client: Client;
  prober: Prober;
  /** CrashLoopBackOff, keyed per pod and container. */
  crashBackoff: Backoff;
  services(namespace: string): Service[];
  writeStatus(worker: PodWorker, status: PodStatus): void;
  deletePod(worker: PodWorker): void;
  /** The API object is gone and the pod stopped: remove its containers and sandbox. */
  cleanup(worker: PodWorker): void;
  /** False while the kubelet process is stopped. */
  active(): boolean;
}
