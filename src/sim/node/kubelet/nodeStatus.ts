/**
 * Registration and heartbeats: the kubelet POSTs its Node (stage zero), renews its Lease
 * in kube-node-lease every 10 s, and patches node status every 10 s when something
 * changed, else every 5 minutes (nodeStatusReportFrequency).
 */
import type { Node, NodeCondition } from 'kubernetes-types/core/v1';
import { rfc3339Micro, type EventLoop, type TaskHandle } from '../../core';
import type { KubeObject } from '../../api/types';
import { StatusError } from '../../api/errors';
import { Informer, R, type Client, type EventRecorder } from '../../client';
import type { ContainerRuntime } from '../runtime/containerd';
import type { NodeSpec } from '../types';
import { buildNode, nodeConditions, nodeImages, type NodeIdentity } from './nodeObject';
import { Reason, msg } from './events';

const LEASE_NS = 'kube-node-lease';
const LEASE_DURATION_S = 40;
const RENEW_MS = 10_000;
const STATUS_CHECK_MS = 10_000;
const REPORT_MS = 5 * 60_000;

export class NodeStatusReporter {
  nodeUid = '';
  private lease: KubeObject | undefined;
  private timers: TaskHandle[] = [];
  private conditions: NodeCondition[] | undefined;
  private lastReported = '';
  private lastReportAt = 0;
  /** The kubelet's own Node as its informer sees it (spec.unschedulable for events). */
  private nodeInformer: Informer<KubeObject> | undefined;
  private lastUnschedulable = false;

  constructor(
    private readonly spec: NodeSpec,
    private readonly identity: NodeIdentity,
    private readonly client: Client,
    private readonly loop: EventLoop,
    private readonly recorder: EventRecorder,
    private readonly runtime: ContainerRuntime,
    /** Called every status check: the kubelet's allocatable may feed admission. */
    private readonly onNode: (node: Node) => void,
  ) {}

  /** The node as events reference it: kind Node, uid = name (the kubelet's nodeRef). */
  get nodeRef(): KubeObject {
    return { kind: 'Node', metadata: { name: this.spec.name, uid: this.spec.name } } as unknown as KubeObject;
  }

  /** registerWithAPIServer: POST, or reconcile an existing Node after a restart. */
  register(): void {
    const now = this.loop.now();
    const node = buildNode(this.spec, this.identity, now, this.runtime.listImages());
    let stored: Node;
    let before: readonly NodeCondition[] = [];
    try {
      stored = this.client.create(R.nodes, undefined, node as unknown as KubeObject) as unknown as Node;
    } catch (err) {
      if (!(err instanceof StatusError) || err.code !== 409) throw err;
      before = (this.client.get<KubeObject>(R.nodes, undefined, this.spec.name).status as { conditions?: NodeCondition[] } | undefined)?.conditions ?? [];
      const status = { ...(node.status as object), conditions: nodeConditions(now, before) };
      stored = this.client.patch(R.nodes, undefined, this.spec.name, { status }, 'strategic', 'status') as unknown as Node;
    }
    this.nodeUid = stored.metadata?.uid ?? '';
    this.conditions = stored.status?.conditions;
    this.lastReported = this.comparable(stored.status as Record<string, unknown>);
    this.lastReportAt = now;
    this.onNode(stored);
    // The status setters record an event when a condition changes from what the stored Node
    // says: every one at first registration, and after a restart the ones the node lifecycle
    // controller turned Unknown meanwhile. The container manager enforces allocatable on
    // every start.
    const changed = (type: string, status: string) => before.find((c) => c.type === type)?.status !== status;
    const pressure: [string, string][] = [['MemoryPressure', 'NodeHasSufficientMemory'], ['DiskPressure', 'NodeHasNoDiskPressure'], ['PIDPressure', 'NodeHasSufficientPID']];
    for (const [type, e] of pressure) if (changed(type, 'False')) this.recorder.normal(this.nodeRef, e, msg.nodeStatus(this.spec.name, e));
    this.recorder.normal(this.nodeRef, Reason.NodeAllocatableEnforced, 'Updated Node Allocatable limit across pods');
    if (changed('Ready', 'True')) this.recorder.normal(this.nodeRef, Reason.NodeReady, msg.nodeStatus(this.spec.name, Reason.NodeReady));
  }

  start(): void {
    this.lastUnschedulable = false;
    this.nodeInformer = new Informer<KubeObject>(this.client, R.nodes, { fieldSelector: `metadata.name=${this.spec.name}` });
    this.nodeInformer.start();
    this.renewLease();
    const phase = 1 + (this.spec.name.length * 137) % 900;
    this.timers.push(this.loop.every(RENEW_MS, () => this.renewLease(), { firstDelayMs: RENEW_MS + phase, label: `lease ${this.spec.name}` }));
    this.timers.push(this.loop.every(STATUS_CHECK_MS, () => this.updateStatus(), { firstDelayMs: STATUS_CHECK_MS + phase + 50, label: `node status ${this.spec.name}` }));
  }

  stop(): void {
    for (const t of this.timers) t.cancel();
    this.timers = [];
    this.nodeInformer?.stop();
    this.nodeInformer = undefined;
  }

  /** recordNodeSchedulableEvent: a status setter, so it notices a cordon at the next tick. */
  private recordSchedulable(): void {
    const node = this.nodeInformer?.get(undefined, this.spec.name);
    if (!node) return;
    const unschedulable = (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;
    if (unschedulable === this.lastUnschedulable) return;
    const reason = unschedulable ? Reason.NodeNotSchedulable : Reason.NodeSchedulable;
    this.recorder.normal(this.nodeRef, reason, msg.nodeStatus(this.spec.name, reason));
    this.lastUnschedulable = unschedulable;
  }

  private leaseBody(): KubeObject {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: this.spec.name,
        namespace: LEASE_NS,
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.spec.name, uid: this.nodeUid }],
      },
      spec: { holderIdentity: this.spec.name, leaseDurationSeconds: LEASE_DURATION_S, renewTime: rfc3339Micro(this.loop.now()) },
    };
  }

  private renewLease(): void {
    try {
      if (!this.lease) this.lease = this.client.tryGet<KubeObject>(R.leases, LEASE_NS, this.spec.name);
      if (!this.lease) {
        this.lease = this.client.create(R.leases, LEASE_NS, this.leaseBody());
        return;
      }
      const next = { ...this.lease, spec: { ...(this.lease.spec as object), holderIdentity: this.spec.name, leaseDurationSeconds: LEASE_DURATION_S, renewTime: rfc3339Micro(this.loop.now()) } };
      this.lease = this.client.update(R.leases, next);
    } catch (err) {
      if (!(err instanceof StatusError)) throw err;
      // A conflict or a missing lease: read it again at the next renewal.
      this.lease = undefined;
    }
  }

  private comparable(status: Record<string, unknown>): string {
    const conds = ((status.conditions ?? []) as NodeCondition[]).map((c) => ({ ...c, lastHeartbeatTime: undefined }));
    return JSON.stringify({ conds, images: status.images });
  }

  /** tryUpdateNodeStatus: report when changed, or when the report is 5 minutes old. */
  private updateStatus(): void {
    this.recordSchedulable();
    const now = this.loop.now();
    const conditions = nodeConditions(now, this.conditions);
    const status = { conditions, images: nodeImages(this.runtime.listImages()) };
    const key = this.comparable(status);
    if (key === this.lastReported && now - this.lastReportAt < REPORT_MS) return;
    try {
      const stored = this.client.patch<KubeObject>(R.nodes, undefined, this.spec.name, { status }, 'strategic', 'status') as unknown as Node;
      this.conditions = stored.status?.conditions ?? conditions;
      this.lastReported = key;
      this.lastReportAt = now;
      this.onNode(stored);
    } catch (err) {
      if (!(err instanceof StatusError)) throw err;
    }
  }
}
