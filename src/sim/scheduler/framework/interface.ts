/**
 * The scheduling framework's extension points (upstream's framework/interface.go), as
 * optional methods of one Plugin interface: a plugin implements the points it needs.
 */
import type { EventLoop, Rng } from '../../core';
import type { Client, EventRecorder } from '../../client';
import type { SchedulerCache } from './cache';
import type { ClusterEventWithHint } from './events';
import type { NodeInfo } from './nodeInfo';
import type { PodInfo } from './podInfo';
import type { QueuedPodInfo } from './queuedPodInfo';
import type { MaybeStatus, Status } from './status';
import type { NodeToStatus } from './nodeToStatus';
import type { Nominator } from './nominator';
import type { NodeObj, PodObj, PVCObj, PVObj } from './types';
import type { Labels } from '../../api/selectors';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

/** Per-cycle plugin state; entries with clone() are copied when the cycle state is (preemption dry runs). */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  readonly skipFilterPlugins = new Set<string>();
  readonly skipScorePlugins = new Set<string>();

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) {
      const cl = (v as { clone?: () => unknown } | null)?.clone;
      c.data.set(k, typeof cl === 'function' ? cl.call(v) : v);
    }
    for (const p of this.skipFilterPlugins) c.skipFilterPlugins.add(p);
    for (const p of this.skipScorePlugins) c.skipScorePlugins.add(p);
    return c;
  }
}

export interface NodeScore {
  name: string;
  score: number;
}

/** PreFilterResult: the nodes worth filtering, or every node when nodeNames is undefined. */
export interface PreFilterResult {
  nodeNames?: Set<string>;
}

export interface PreFilterOutput {
  result?: PreFilterResult;
  status?: MaybeStatus;
}

export interface PostFilterOutput {
  /** nominatedNodeName to set ('' clears it); undefined leaves it alone. */
  nominatedNodeName?: string;
  status: MaybeStatus;
  /** The pods preempted for this pod (namespace/name), for the explanation. */
  victims?: string[];
}

/** Read access to the informer caches a plugin needs. */
export interface Listers {
  pod(namespace: string, name: string): PodObj | undefined;
  node(name: string): NodeObj | undefined;
  pvc(namespace: string, name: string): PVCObj | undefined;
  pv(name: string): PVObj | undefined;
  namespaceLabels(namespace: string): Labels;
  namespaces(): string[];
  /** spec.selector of each Service in the namespace. */
  serviceSelectors(namespace: string): Readonly<Record<string, string>>[];
  /** spec.selector of a ReplicaSet or StatefulSet, for helper.DefaultSelector. */
  controllerSelector(namespace: string, kind: string, name: string): LabelSelector | undefined;
}

/** framework.Handle: what the framework lends its plugins. */
export interface Handle {
  readonly schedulerName: string;
  readonly cache: SchedulerCache;
  readonly listers: Listers;
  readonly client: Client;
  readonly recorder: EventRecorder;
  readonly rng: Rng;
  readonly loop: EventLoop;
  readonly nominator: Nominator;
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, toAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  runPreFilterExtensionRemovePod(state: CycleState, pod: PodInfo, toRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
}

export interface Plugin {
  readonly name: string;
  /** EnqueueExtensions: the cluster events that may make a pod this plugin rejected schedulable. */
  eventsToRegister?(): ClusterEventWithHint[];
  preEnqueue?(pod: PodObj): MaybeStatus;
  /** QueueSort. */
  less?(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
  preFilter?(state: CycleState, pod: PodInfo): PreFilterOutput;
  /** PreFilterExtensions, so preemption can try the node with pods added or removed. */
  addPod?(state: CycleState, pod: PodInfo, toAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  removePod?(state: CycleState, pod: PodInfo, toRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  filter?(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  postFilter?(state: CycleState, pod: PodInfo, statuses: NodeToStatus): PostFilterOutput;
  preScore?(state: CycleState, pod: PodInfo, nodes: NodeInfo[]): MaybeStatus;
  score?(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number;
  normalizeScore?(state: CycleState, pod: PodInfo, scores: NodeScore[]): MaybeStatus;
  reserve?(state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
  unreserve?(state: CycleState, pod: PodInfo, nodeName: string): void;
  permit?(state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
  preBind?(state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
  bind?(state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
  postBind?(state: CycleState, pod: PodInfo, nodeName: string): void;
}

export type PluginFactory = (h: Handle) => Plugin;

export type { Status };
