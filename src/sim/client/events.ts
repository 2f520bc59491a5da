/**
 * The event recorder: writes core/v1 Events through the API server, and counts repeats of
 * the same event (same object, reason, message and source) as client-go's correlator does.
 */
import type { KubeObject } from '../api/types';
import { rfc3339, rfc3339Micro, type EventLoop } from '../core';
import type { Client } from './client';
import { R } from './client';

export interface EventSource {
  component: string;
  host?: string;
}

interface Recorded {
  name: string;
  namespace: string;
  count: number;
}

export class EventRecorder {
  private seen = new Map<string, Recorded>();
  private counter = 0n;

  constructor(
    private readonly client: Client,
    private readonly loop: EventLoop,
    private readonly source: EventSource,
    /** events.k8s.io style (the scheduler's): eventTime and action instead of counts. */
    private readonly style: 'core' | 'events.k8s.io' = 'core',
  ) {}

  normal(obj: KubeObject, reason: string, message: string, fieldPath?: string, action?: string): void {
    this.record(obj, 'Normal', reason, message, fieldPath, action);
  }

  warning(obj: KubeObject, reason: string, message: string, fieldPath?: string, action?: string): void {
    this.record(obj, 'Warning', reason, message, fieldPath, action);
  }

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string, action?: string): void {
    const now = this.loop.now();
    const namespace = obj.metadata.namespace || 'default';
    const key = [obj.kind, namespace, obj.metadata.name, obj.metadata.uid, fieldPath ?? '', type, reason, message].join('\u0000');
    const prior = this.seen.get(key);
    try {
      if (prior && this.style === 'core') {
        prior.count++;
        this.traceEvent(obj, type, reason, message);
        this.client.patch(R.events, prior.namespace, prior.name, { count: prior.count, lastTimestamp: rfc3339(now) }, 'strategic');
        return;
      }
      // Upstream names events <object>.<UnixNano in hex>. Virtual time has millisecond steps, so
      // the nanoseconds come from the trace's global sequence: unique across all recorders.
      const seq = BigInt((this.loop.tracer?.lastSeq ?? 0) % 1_000_000) + this.counter++;
      const nanos = BigInt(now) * 1_000_000n + (seq % 1_000_000n);
      const name = `${obj.metadata.name ?? ''}.${nanos.toString(16)}`;
      const involved: Record<string, unknown> = {
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        uid: obj.metadata.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: obj.metadata.resourceVersion,
      };
      if (fieldPath) involved.fieldPath = fieldPath;
      const event: KubeObject = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: involved,
        reason,
        message,
        type,
        reportingComponent: this.source.component,
        reportingInstance: this.source.host ?? '',
      };
      if (this.style === 'core') {
        Object.assign(event, {
          source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
          firstTimestamp: rfc3339(now),
          lastTimestamp: rfc3339(now),
          count: 1,
          eventTime: null,
        });
      } else {
        Object.assign(event, {
          source: {},
          firstTimestamp: null,
          lastTimestamp: null,
          eventTime: rfc3339Micro(now),
          action: action ?? reason,
          reportingInstance: this.source.host ?? `${this.source.component}`,
        });
      }
      this.traceEvent(obj, type, reason, message);
      this.client.create(R.events, namespace, event);
      this.seen.set(key, { name, namespace, count: 1 });
    } catch {
      // Event recording never fails the caller, as in client-go.
    }
  }

  /** The Event as a trace step of its own, so the walkthrough can show it beside what it reports. */
  private traceEvent(obj: KubeObject, type: string, reason: string, message: string): void {
    this.loop.tracer?.record({
      from: this.client.component,
      to: 'kube-apiserver',
      channel: 'event',
      verb: reason,
      ref: { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name ?? '', namespace: obj.metadata.namespace, uid: obj.metadata.uid },
      summary: `${type} ${reason}: ${message}`,
    });
  }
}
