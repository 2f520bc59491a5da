/**
 * kube-scheduler as a component: its client and informers, the event handlers that feed the
 * queue (unassigned pods of this scheduler) and the cache (assigned pods, nodes), and the
 * loop task that runs one scheduling attempt at a time while the queue has pods.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../api/types';
import {
  clientFor, EventRecorder, IDENTITIES, InformerFactory, R, type Component, type ComponentEnv, type GVR, type Informer,
} from '../client';
import type { TaskHandle } from '../core';
import { Algorithm } from './framework/algorithm';
import { SchedulerCache } from './framework/cache';
import { Action, EVENTS, nodeUpdateActions, podUpdateActions, type ClusterEventWithHint } from './framework/events';
import { Framework, type PluginSpec } from './framework/framework';
import type { Listers } from './framework/interface';
import { Nominator } from './framework/nominator';
import { SchedulingQueue } from './framework/queue';
import { ScheduleOne } from './framework/scheduleOne';
import { DEFAULT_SCHEDULER_NAME, type NodeObj, type PodObj, type PVCObj, type PVObj } from './framework/types';
import { defaultProfile } from './plugins/registry';

const GVR_PVC: GVR = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const GVR_PV: GVR = { group: '', version: 'v1', resource: 'persistentvolumes' };

export interface SchedulerOptions {
  /** percentageOfNodesToScore; 0 (the default) is the adaptive formula. */
  percentageOfNodesToScore?: number;
  /** Virtual time one scheduling attempt takes (default 0). */
  cycleMs?: number;
  profile?: PluginSpec[];
}

type ServiceObj = KubeObject & { spec?: { selector?: Record<string, string> } };
type WorkloadObj = KubeObject & { spec?: { selector?: LabelSelector } };

const assigned = (p: PodObj): boolean => !!p.spec?.nodeName;
const responsible = (p: PodObj): boolean => (p.spec?.schedulerName || DEFAULT_SCHEDULER_NAME) === DEFAULT_SCHEDULER_NAME;

export class Scheduler implements Component {
  readonly name = DEFAULT_SCHEDULER_NAME;
  readonly cache = new SchedulerCache();
  readonly nominator = new Nominator();
  readonly fwk: Framework;
  readonly queue: SchedulingQueue;
  private readonly informers: InformerFactory;
  private readonly one: ScheduleOne;
  private pending: TaskHandle | undefined;
  private stopped = false;

  constructor(private readonly env: ComponentEnv, private readonly opts: SchedulerOptions = {}) {
    const client = clientFor(env, IDENTITIES.scheduler);
    this.informers = new InformerFactory(client);
    const inf = <T extends KubeObject>(gvr: GVR): Informer<T> => this.informers.informer<T>(gvr);
    const pods = inf<PodObj>(R.pods);
    const nodes = inf<NodeObj>(R.nodes);
    const pvcs = inf<PVCObj>(GVR_PVC);
    const pvs = inf<PVObj>(GVR_PV);
    const services = inf<ServiceObj>(R.services);
    const replicaSets = inf<WorkloadObj>(R.replicasets);
    const statefulSets = inf<WorkloadObj>(R.statefulsets);
    const namespaces = inf<KubeObject>(R.namespaces);
    const listers: Listers = {
      pod: (ns, name) => pods.get(ns, name),
      node: (name) => nodes.get(undefined, name),
      pvc: (ns, name) => pvcs.get(ns, name),
      pv: (name) => pvs.get(undefined, name),
      namespaceLabels: (ns) => namespaces.get(undefined, ns)?.metadata.labels ?? {},
      namespaces: () => namespaces.list().map((n) => n.metadata.name ?? ''),
      serviceSelectors: (ns) => services.list(ns).map((s) => s.spec?.selector ?? {}),
      controllerSelector: (ns, kind, name) => (kind === 'ReplicaSet' ? replicaSets : statefulSets).get(ns, name)?.spec?.selector,
    };
    const recorder = new EventRecorder(client, env.loop, { component: DEFAULT_SCHEDULER_NAME, host: `${DEFAULT_SCHEDULER_NAME}-control-plane` }, 'events.k8s.io');
    this.fwk = new Framework(opts.profile ?? defaultProfile(), {
      schedulerName: DEFAULT_SCHEDULER_NAME, cache: this.cache, listers, client, recorder, rng: env.rng, loop: env.loop, nominator: this.nominator,
    });
    const hints = new Map<string, ClusterEventWithHint[]>();
    for (const p of this.fwk.plugins) if (p.eventsToRegister) hints.set(p.name, p.eventsToRegister());
    const queueSort = this.fwk.plugins.find((p) => p.less);
    if (!queueSort) throw new Error('the profile has no QueueSort plugin');
    this.queue = new SchedulingQueue({
      loop: env.loop, tracer: env.tracer, component: DEFAULT_SCHEDULER_NAME, queueSort,
      preEnqueue: this.fwk.plugins.filter((p) => p.preEnqueue), hints, nominator: this.nominator, onReady: () => this.wake(),
    });
    const algorithm = new Algorithm(this.fwk, env.rng, opts.percentageOfNodesToScore ?? 0);
    this.one = new ScheduleOne({
      component: DEFAULT_SCHEDULER_NAME, fwk: this.fwk, algorithm, queue: this.queue, listers, client, recorder, loop: env.loop, tracer: env.tracer,
    });
    this.handlePods(pods);
    this.handleNodes(nodes);
    pvcs.addHandler({
      add: (o) => this.queue.moveAllToActiveOrBackoffQueue(EVENTS.pvcAdd, undefined, o),
      update: (a, b) => this.queue.moveAllToActiveOrBackoffQueue(EVENTS.pvcUpdate, a, b),
    });
    pvs.addHandler({
      add: (o) => this.queue.moveAllToActiveOrBackoffQueue(EVENTS.pvAdd, undefined, o),
      update: (a, b) => this.queue.moveAllToActiveOrBackoffQueue(EVENTS.pvUpdate, a, b),
    });
  }

  start(): this {
    this.informers.start();
    this.queue.run();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.pending?.cancel();
    this.queue.close();
    this.informers.stop();
  }

  private handlePods(pods: Informer<PodObj>): void {
    pods.addHandler({
      add: (p) => {
        if (assigned(p)) {
          this.cache.addPod(p);
          this.queue.moveAllToActiveOrBackoffQueue(EVENTS.assignedPodAdd, undefined, p);
        } else if (responsible(p)) {
          this.queue.add(p);
        }
      },
      update: (oldPod, newPod) => {
        if (assigned(newPod)) {
          // The binding came back through the watch: the pod leaves the queue, the cache confirms it.
          if (!assigned(oldPod)) this.queue.delete(oldPod);
          this.cache.addPod(newPod);
          const actions = assigned(oldPod) ? podUpdateActions(oldPod, newPod) : Action.Add;
          if (actions !== 0) {
            const label = assigned(oldPod) ? 'AssignedPodUpdate' : 'AssignedPodAdd';
            this.queue.moveAllToActiveOrBackoffQueue({ resource: 'Pod', action: actions, label }, oldPod, newPod);
          }
        } else if (responsible(newPod)) {
          this.queue.update(oldPod, newPod);
        }
      },
      delete: (p) => {
        if (assigned(p) || this.cache.isAssumed(p.metadata.uid ?? '')) {
          this.cache.removePod(p);
          this.queue.moveAllToActiveOrBackoffQueue(EVENTS.assignedPodDelete, p, undefined);
        }
        this.queue.delete(p);
      },
    });
  }

  private handleNodes(nodes: Informer<NodeObj>): void {
    nodes.addHandler({
      add: (n) => {
        this.cache.addNode(n);
        this.queue.moveAllToActiveOrBackoffQueue(EVENTS.nodeAdd, undefined, n);
      },
      update: (oldNode, newNode) => {
        this.cache.updateNode(newNode);
        const actions = nodeUpdateActions(oldNode, newNode);
        if (actions !== 0) this.queue.moveAllToActiveOrBackoffQueue({ resource: 'Node', action: actions, label: 'NodeUpdate' }, oldNode, newNode);
      },
      delete: (n) => {
        this.cache.removeNode(n);
        this.queue.moveAllToActiveOrBackoffQueue(EVENTS.nodeDelete, n, undefined);
      },
    });
  }

  /** Makes sure one scheduling attempt is on the loop while the queue has pods. */
  private wake(): void {
    if (this.pending || this.stopped) return;
    this.pending = this.env.loop.schedule(this.opts.cycleMs ?? 0, () => {
      this.pending = undefined;
      if (this.stopped) return;
      this.one.run();
      if (this.queue.hasReady) this.wake();
    }, { label: 'default-scheduler scheduleOne' });
  }
}
