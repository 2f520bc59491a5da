/**
 * The scheduling queue (internal/queue/scheduling_queue.go): activeQ ordered by the QueueSort
 * plugin, backoffQ ordered by back-off expiry (1 s doubling to 10 s), and the pool of
 * unschedulable pods that only a relevant cluster event (by the rejecting plugins'
 * EventsToRegister and queueing hints) or the 5-minute flush moves back. As in 1.33
 * (SchedulerPopFromBackoffQ), an idle activeQ takes from the backoffQ early.
 */
import type { EventLoop, TaskHandle, Tracer } from '../../core';
import { eventMatches, type ClusterEvent, type ClusterEventWithHint } from './events';
import { KeyedHeap } from './heap';
import type { Plugin } from './interface';
import type { Nominator } from './nominator';
import { PodInfo } from './podInfo';
import { newQueuedPodInfo, type QueuedPodInfo } from './queuedPodInfo';
import type { PodObj } from './types';

export interface QueueOptions {
  loop: EventLoop;
  tracer?: Tracer;
  component: string;
  queueSort: Plugin;
  preEnqueue: Plugin[];
  /** Plugin name -> the events it registered. */
  hints: Map<string, ClusterEventWithHint[]>;
  nominator: Nominator;
  /** Told when the queue has a pod to pop. */
  onReady: () => void;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  maxInUnschedulableMs?: number;
}

type Where = 'activeQ' | 'backoffQ' | 'unschedulablePods';

export class SchedulingQueue {
  private readonly activeQ: KeyedHeap<QueuedPodInfo>;
  private readonly backoffQ: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly inFlight = new Set<string>();
  private readonly timers: TaskHandle[] = [];
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxInUnschedulable: number;
  schedulingCycle = 0;

  constructor(private readonly o: QueueOptions) {
    this.initialBackoff = o.initialBackoffMs ?? 1000;
    this.maxBackoff = o.maxBackoffMs ?? 10_000;
    this.maxInUnschedulable = o.maxInUnschedulableMs ?? 300_000;
    const less = o.queueSort.less?.bind(o.queueSort) ?? ((a: QueuedPodInfo, b: QueuedPodInfo) => a.timestamp < b.timestamp);
    this.activeQ = new KeyedHeap((q) => q.podInfo.uid, less);
    this.backoffQ = new KeyedHeap((q) => q.podInfo.uid, (a, b) => {
      const ea = this.backoffExpiry(a);
      const eb = this.backoffExpiry(b);
      return ea < eb || (ea === eb && less(a, b));
    });
  }

  /** Starts the periodic flushes: backoffQ every second, long-unschedulable pods every 30 s. */
  run(): void {
    this.timers.push(this.o.loop.every(1000, () => this.flushBackoffQCompleted(), { label: 'scheduler flushBackoffQCompleted' }));
    this.timers.push(this.o.loop.every(30_000, () => this.flushUnschedulablePodsLeftover(), { label: 'scheduler flushUnschedulablePodsLeftover' }));
  }

  close(): void {
    for (const t of this.timers) t.cancel();
  }

  get lengths(): { activeQ: number; backoffQ: number; unschedulablePods: number } {
    return { activeQ: this.activeQ.size, backoffQ: this.backoffQ.size, unschedulablePods: this.unschedulable.size };
  }

  /** Where the pod waits, if it is queued. */
  whereIs(uid: string): Where | undefined {
    if (this.activeQ.has(uid)) return 'activeQ';
    if (this.backoffQ.has(uid)) return 'backoffQ';
    if (this.unschedulable.has(uid)) return 'unschedulablePods';
    return undefined;
  }

  get hasReady(): boolean {
    return this.activeQ.size > 0 || this.poppableBackoff() !== undefined;
  }

  add(pod: PodObj): void {
    const pi = new PodInfo(pod);
    if (this.whereIs(pi.uid) || this.inFlight.has(pi.uid)) return this.update(pod, pod);
    const q = newQueuedPodInfo(pi, this.o.loop.now());
    this.o.nominator.add(pi, pod.status?.nominatedNodeName ?? '');
    this.moveToActiveQ(q, 'PodAdd');
  }

  update(oldPod: PodObj, newPod: PodObj): void {
    const pi = new PodInfo(newPod);
    if (this.inFlight.has(pi.uid)) return;
    this.updateNomination(oldPod, newPod, pi);
    for (const h of [this.activeQ, this.backoffQ]) {
      const q = h.get(pi.uid);
      if (q) {
        q.podInfo = pi;
        h.addOrUpdate(q);
        return;
      }
    }
    const q = this.unschedulable.get(pi.uid);
    if (!q) return this.add(newPod);
    q.podInfo = pi;
    if (q.gated || isPodUpdated(oldPod, newPod)) {
      this.unschedulable.delete(pi.uid);
      if (q.gated) this.moveToActiveQ(q, 'UnscheduledPodUpdate');
      else this.requeue(q, 'UnscheduledPodUpdate');
    }
  }

  delete(pod: PodObj): void {
    const uid = pod.metadata.uid ?? '';
    this.activeQ.delete(uid);
    this.backoffQ.delete(uid);
    this.unschedulable.delete(uid);
    this.o.nominator.delete(uid);
  }

  /** Pop: the next pod to schedule (activeQ first, then, when idle, the backoffQ). */
  pop(): QueuedPodInfo | undefined {
    const q = this.activeQ.pop() ?? this.popBackoffEarly();
    if (!q) return undefined;
    q.attempts++;
    q.initialAttemptTimestamp ??= this.o.loop.now();
    this.schedulingCycle++;
    this.inFlight.add(q.podInfo.uid);
    return q;
  }

  /** Done: the pod's scheduling (and binding) attempt is over. */
  done(uid: string): void {
    this.inFlight.delete(uid);
  }

  /** AddUnschedulableIfNotPresent: a failed attempt goes to the pool, or to backoffQ after an error. */
  addUnschedulableIfNotPresent(q: QueuedPodInfo): void {
    const uid = q.podInfo.uid;
    this.inFlight.delete(uid);
    if (this.whereIs(uid)) return;
    q.timestamp = this.o.loop.now();
    const rejected = q.unschedulablePlugins.size + q.pendingPlugins.size > 0;
    if (rejected) {
      q.unschedulableCount++;
      q.consecutiveErrors = 0;
      this.unschedulable.set(uid, q);
      this.trace(q, 'unschedulablePods', 'Unschedulable');
    } else {
      q.consecutiveErrors++;
      this.backoffQ.addOrUpdate(q);
      this.trace(q, 'backoffQ', 'ScheduleAttemptFailure');
      this.o.onReady();
    }
  }

  /** A gated pod (rejected by PreEnqueue) waits in the pool until its own update. */
  private park(q: QueuedPodInfo, message: string): void {
    q.gated = true;
    q.gatingMessage = message;
    this.unschedulable.set(q.podInfo.uid, q);
  }

  /** MoveAllToActiveOrBackoffQueue: requeue the pool's pods this event may help. */
  moveAllToActiveOrBackoffQueue(ev: ClusterEvent, oldObj: unknown, newObj: unknown, preCheck?: (p: PodInfo) => boolean): void {
    if (this.unschedulable.size === 0) return;
    for (const q of [...this.unschedulable.values()]) {
      if (q.gated) continue;
      if (preCheck && !preCheck(q.podInfo)) continue;
      if (!this.worthRequeuing(q, ev, oldObj, newObj)) continue;
      this.unschedulable.delete(q.podInfo.uid);
      this.requeue(q, ev.label);
    }
  }

  /** Activate: move these pods to activeQ at once (PodsToActivate). */
  activate(uids: Iterable<string>): void {
    for (const uid of uids) {
      const q = this.unschedulable.get(uid) ?? this.backoffQ.get(uid);
      if (!q || q.gated) continue;
      this.unschedulable.delete(uid);
      this.backoffQ.delete(uid);
      this.moveToActiveQ(q, 'ForceActivate');
    }
  }

  flushBackoffQCompleted(): void {
    const now = this.o.loop.now();
    for (;;) {
      const q = this.backoffQ.peek();
      if (!q || this.backoffExpiry(q) > now) break;
      this.backoffQ.pop();
      this.moveToActiveQ(q, 'BackoffComplete');
    }
  }

  flushUnschedulablePodsLeftover(): void {
    const now = this.o.loop.now();
    for (const q of [...this.unschedulable.values()]) {
      if (q.gated || now - q.timestamp <= this.maxInUnschedulable) continue;
      this.unschedulable.delete(q.podInfo.uid);
      this.requeue(q, 'UnschedulableTimeout');
    }
  }

  /** calculateBackoffDuration: 1 s doubling per failure, at most 10 s. */
  backoffDuration(q: QueuedPodInfo): number {
    const count = q.consecutiveErrors > 0 ? q.consecutiveErrors : q.unschedulableCount;
    if (q.attempts === 0 || count === 0) return 0;
    let d = this.initialBackoff;
    for (let i = 1; i < count; i++) {
      if (d > this.maxBackoff - d) return this.maxBackoff;
      d += d;
    }
    return d;
  }

  backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffDuration(q);
  }

  private worthRequeuing(q: QueuedPodInfo, ev: ClusterEvent, oldObj: unknown, newObj: unknown): boolean {
    const rejectors = new Set([...q.unschedulablePlugins, ...q.pendingPlugins]);
    if (rejectors.size === 0 || ev.resource === '*') return true;
    for (const plugin of rejectors) {
      for (const reg of this.o.hints.get(plugin) ?? []) {
        if (!eventMatches(reg, ev)) continue;
        if (!reg.hint || reg.hint(q.podInfo.pod, oldObj, newObj) === 'Queue') return true;
      }
    }
    return false;
  }

  /** requeuePodViaQueueingHint: backoffQ while the back-off runs, else activeQ. */
  private requeue(q: QueuedPodInfo, why: string): void {
    if (this.backoffExpiry(q) > this.o.loop.now()) {
      this.backoffQ.addOrUpdate(q);
      this.trace(q, 'backoffQ', why);
      this.o.onReady();
    } else {
      this.moveToActiveQ(q, why);
    }
  }

  private moveToActiveQ(q: QueuedPodInfo, why: string): void {
    for (const p of this.o.preEnqueue) {
      const s = p.preEnqueue?.(q.podInfo.pod);
      if (s && s.code !== 'Success') return this.park(q, s.message());
    }
    q.gated = false;
    q.gatingMessage = undefined;
    this.activeQ.addOrUpdate(q);
    this.trace(q, 'activeQ', why);
    this.o.onReady();
  }

  /** Only pods backing off after a rejection, not after an error, leave the backoffQ early. */
  private poppableBackoff(): QueuedPodInfo | undefined {
    const q = this.backoffQ.peek();
    if (!q) return undefined;
    return q.consecutiveErrors === 0 || this.backoffExpiry(q) <= this.o.loop.now() ? q : undefined;
  }

  private popBackoffEarly(): QueuedPodInfo | undefined {
    const q = this.poppableBackoff();
    if (q) this.backoffQ.delete(q.podInfo.uid);
    return q;
  }

  /**
   * UpdateNominatedPod: an update without nominatedNodeName right after this scheduler
   * nominated the pod (the status patch not yet seen) keeps the in-memory nomination.
   */
  private updateNomination(oldPod: PodObj, newPod: PodObj, pi: PodInfo): void {
    const now = newPod.status?.nominatedNodeName ?? '';
    const before = oldPod.status?.nominatedNodeName ?? '';
    if (now !== '') this.o.nominator.add(pi, now);
    else if (before !== '') this.o.nominator.delete(pi.uid);
    else {
      const kept = this.o.nominator.nominatedNode(pi.uid);
      if (kept) this.o.nominator.add(pi, kept);
    }
  }

  private trace(q: QueuedPodInfo, where: Where, why: string): void {
    q.traceSeq = this.o.tracer?.record({
      from: this.o.component,
      to: this.o.component,
      channel: 'queue',
      verb: where,
      ref: { apiVersion: 'v1', kind: 'Pod', namespace: q.podInfo.namespace, name: q.podInfo.name, uid: q.podInfo.uid },
      summary: `${this.o.component} put ${q.podInfo.key} in ${where} (${why})`,
    });
  }
}

/** isPodUpdated: a change other than status, resourceVersion, generation or managedFields. */
function isPodUpdated(oldPod: PodObj, newPod: PodObj): boolean {
  const strip = (p: PodObj): string => {
    const { resourceVersion: _rv, generation: _g, managedFields: _m, ...meta } = p.metadata;
    return JSON.stringify({ meta, spec: p.spec });
  };
  return strip(oldPod) !== strip(newPod);
}
