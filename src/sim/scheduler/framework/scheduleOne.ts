/**
 * One scheduling attempt (schedule_one.go): pop a pod, run the algorithm, on failure run
 * PostFilter (preemption) and report (FailedScheduling event, PodScheduled=False), on success
 * assume the pod, Reserve, Permit, and hand over to the binding cycle, a later loop task that
 * runs PreBind, Bind (POST pods/binding) and PostBind and records the Scheduled event.
 */
import { R, type Client, type EventRecorder } from '../../client';
import { rfc3339, type EventLoop, type Tracer } from '../../core';
import type { Algorithm, AttemptRecord } from './algorithm';
import { buildDetail } from './detail';
import { EVENTS } from './events';
import { reasonHistogram, type FitError } from './fitError';
import type { Framework } from './framework';
import { CycleState, type Listers } from './interface';
import { PodInfo } from './podInfo';
import type { SchedulingQueue } from './queue';
import type { QueuedPodInfo } from './queuedPodInfo';
import { isRejected, isSuccess, Status } from './status';

/** validation.NoteLengthLimit. */
const NOTE_LENGTH_LIMIT = 1024;

export function truncateMessage(m: string): string {
  return m.length <= NOTE_LENGTH_LIMIT ? m : `${m.slice(0, NOTE_LENGTH_LIMIT - 4)} ...`;
}

export interface CoreDeps {
  component: string;
  fwk: Framework;
  algorithm: Algorithm;
  queue: SchedulingQueue;
  listers: Listers;
  client: Client;
  recorder: EventRecorder;
  loop: EventLoop;
  tracer: Tracer;
}

export class ScheduleOne {
  constructor(private readonly d: CoreDeps) {}

  /** Runs one attempt; false when the queue had nothing to pop. */
  run(): boolean {
    const q = this.d.queue.pop();
    if (!q) return false;
    this.d.tracer.withCause(q.traceSeq, () => this.attempt(q));
    return true;
  }

  private attempt(q: QueuedPodInfo): void {
    const { fwk, queue } = this.d;
    const pod = q.podInfo;
    if (pod.terminating) {
      this.d.recorder.warning(pod.pod, 'FailedScheduling', `skip schedule deleting pod: ${pod.namespace}/${pod.name}`, undefined, 'Scheduling');
      queue.done(pod.uid);
      return;
    }
    if (fwk.cache.isAssumed(pod.uid)) {
      queue.done(pod.uid);
      return;
    }
    const state = new CycleState();
    const out = this.d.algorithm.schedulePod(state, pod);
    if (out.kind === 'error') {
      const seq = this.trace(q, state, out.record, { outcome: 'Error', message: out.status.message() });
      return this.d.tracer.withCause(seq, () => this.failure(q, out.status, undefined, { nominatingMode: 'override', nominated: '' }));
    }
    if (out.kind === 'fit') {
      const fe = out.fitError;
      let nominated: string | undefined;
      let victims: string[] | undefined;
      if (fwk.hasPostFilterPlugins) {
        const pf = fwk.runPostFilterPlugins(state, pod, fe.diagnosis.nodeToStatus);
        fe.diagnosis.postFilterMsg = pf.status ? pf.status.message() : '';
        nominated = pf.nominatedNodeName;
        victims = pf.victims;
      }
      const message = fe.message;
      const seq = this.trace(q, state, out.record, {
        outcome: 'Unschedulable', message, reasons: reasonHistogram(fe.numAllNodes, fe.diagnosis.nodeToStatus), nominated, victims,
      });
      const nom = { nominatingMode: nominated === undefined ? ('noop' as const) : ('override' as const), nominated };
      return this.d.tracer.withCause(seq, () => this.failure(q, Status.unschedulable(message), fe, nom));
    }
    const host = out.result.suggestedHost;
    const assumed = fwk.cache.assumePod(pod.pod, host);
    fwk.nominator.delete(pod.uid);
    const decided = this.trace(q, state, out.record, { outcome: 'Scheduled', selected: host, feasible: out.result.feasibleNodes });
    const reserve = fwk.runReservePluginsReserve(state, assumed, host);
    const permit = isSuccess(reserve) ? fwk.runPermitPlugins(state, assumed, host) : reserve;
    if (!isSuccess(permit)) {
      fwk.runReservePluginsUnreserve(state, assumed, host);
      fwk.cache.forgetPod(pod.uid);
      queue.moveAllToActiveOrBackoffQueue(EVENTS.assignedPodDelete, assumed.pod, undefined, (p) => p.uid !== pod.uid);
      return this.failure(q, permit as Status, undefined, { nominatingMode: 'override', nominated: '' });
    }
    // The binding follows from the decision: the panel chains decision -> POST binding -> watch.
    this.d.loop.schedule(0, () => this.bindingCycle(q, state, assumed, host), { label: `default-scheduler bind ${pod.key}`, cause: decided });
  }

  /** The binding cycle: runs after the scheduling cycle, as upstream's goroutine does. */
  private bindingCycle(q: QueuedPodInfo, state: CycleState, assumed: PodInfo, host: string): void {
    const { fwk, queue } = this.d;
    const pre = fwk.runPreBindPlugins(state, assumed, host);
    const bound = isSuccess(pre) ? fwk.runBindPlugins(state, assumed, host) : pre;
    if (!isSuccess(bound)) {
      fwk.runReservePluginsUnreserve(state, assumed, host);
      fwk.cache.forgetPod(assumed.uid);
      // What the assumed pod held on the node is free again for the pods waiting.
      queue.moveAllToActiveOrBackoffQueue(EVENTS.assignedPodDelete, assumed.pod, undefined, (p) => p.uid !== assumed.uid);
      const st = bound as Status;
      const err = st.code === 'Skip' ? Status.error('no bind plugin bound the pod') : new Status('Error', st.reasons);
      this.d.tracer.record({
        from: this.d.component,
        to: this.d.component,
        channel: 'schedule',
        verb: 'BindingFailed',
        ref: { apiVersion: 'v1', kind: 'Pod', namespace: assumed.namespace, name: assumed.name, uid: assumed.uid },
        summary: `${this.d.component} could not bind ${assumed.key} to ${host}: ${err.message()}`,
      });
      return this.failure(q, err, undefined, { nominatingMode: 'override', nominated: '' });
    }
    this.d.recorder.normal(assumed.pod, 'Scheduled', `Successfully assigned ${assumed.namespace}/${assumed.name} to ${host}`, undefined, 'Binding');
    fwk.runPostBindPlugins(state, assumed, host);
    queue.done(assumed.uid);
  }

  /** handleSchedulingFailure: requeue, nominate, FailedScheduling event, PodScheduled=False. */
  private failure(q: QueuedPodInfo, status: Status, fe: FitError | undefined, nom: { nominatingMode: 'noop' | 'override'; nominated?: string }): void {
    const { queue, fwk } = this.d;
    const pod = q.podInfo;
    const reason = isRejected(status) ? 'Unschedulable' : 'SchedulerError';
    q.unschedulablePlugins = fe ? fe.diagnosis.unschedulablePlugins : new Set();
    q.pendingPlugins = fe ? fe.diagnosis.pendingPlugins : new Set();
    const cached = this.d.listers.pod(pod.namespace, pod.name);
    if (!cached || cached.metadata.uid !== pod.uid || cached.spec?.nodeName) {
      queue.done(pod.uid);
    } else {
      q.podInfo = new PodInfo(cached);
      queue.addUnschedulableIfNotPresent(q);
    }
    const nominated = nom.nominatingMode === 'override' ? (nom.nominated ?? '') : (cached?.status?.nominatedNodeName ?? '');
    fwk.nominator.add(q.podInfo, nominated);
    const message = status.message();
    this.d.recorder.warning(pod.pod, 'FailedScheduling', truncateMessage(message), undefined, 'Scheduling');
    if (cached && !cached.spec?.nodeName) this.updatePod(cached, reason, message, nom.nominatingMode === 'override' ? nominated : undefined);
  }

  /** updatePod: patch the PodScheduled condition and nominatedNodeName when they change. */
  private updatePod(pod: PodInfo['pod'], reason: string, message: string, nominated: string | undefined): void {
    const old = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
    const conditionChanged = !old || old.status !== 'False' || old.reason !== reason || old.message !== message;
    const nnnChanged = nominated !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominated;
    if (!conditionChanged && !nnnChanged) return;
    const status: Record<string, unknown> = {};
    if (conditionChanged) {
      const lastTransitionTime = old && old.status === 'False' && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(this.d.loop.now());
      status.conditions = [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime, reason, message }];
    }
    if (nnnChanged) status.nominatedNodeName = nominated === '' ? null : nominated;
    try {
      this.d.client.patch(R.pods, pod.metadata.namespace, pod.metadata.name ?? '', { status }, 'strategic', 'status');
    } catch {
      // Best effort, as upstream logs and moves on; the next attempt writes it again.
    }
  }

  private trace(
    q: QueuedPodInfo,
    state: CycleState,
    record: AttemptRecord,
    o: {
      outcome: 'Scheduled' | 'Unschedulable' | 'Error';
      selected?: string;
      feasible?: number;
      message?: string;
      reasons?: Map<string, number>;
      nominated?: string;
      victims?: string[];
    },
  ): number {
    const { tracer, fwk, component } = this.d;
    const pod = q.podInfo;
    let summary: string;
    if (o.outcome === 'Scheduled') {
      summary = `${component} picked ${o.selected ?? ''} for ${pod.key} (${o.feasible ?? 0} of ${record.totalNodes} nodes feasible)`;
    } else if (o.outcome === 'Unschedulable') {
      summary = `${component} found no node for ${pod.key}: ${o.message ?? ''}`;
      if (o.nominated) summary += ` (preempting on ${o.nominated})`;
    } else {
      summary = `${component} failed to schedule ${pod.key}: ${o.message ?? ''}`;
    }
    const event = {
      from: component,
      to: component,
      channel: 'schedule' as const,
      verb: o.outcome,
      ref: { apiVersion: 'v1', kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid },
      summary,
    };
    if (!tracer.enabled) return tracer.record(event);
    const detail = buildDetail({
      pod: pod.key,
      attempt: q.attempts,
      filterPlugins: fwk.filterPlugins.map((p) => p.name),
      scorePlugins: fwk.scorePlugins.map((p) => ({ plugin: p.name, weight: fwk.weights.get(p.name) ?? 1 })),
      skippedFilters: state.skipFilterPlugins,
      record,
      outcome: o.outcome,
      selected: o.selected,
      message: o.message,
      reasons: o.reasons,
      nominatedNode: o.nominated || undefined,
      victims: o.victims,
    });
    return tracer.record({ ...event, detail });
  }
}
