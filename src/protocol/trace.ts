/**
 * Trace events: the one record of what happened in the simulated cluster. The panel, the
 * CLI and the workflow read these alone. Plain data only (JSON-safe), shared by the
 * extension host, the simulator and the webview.
 */

/** How two components talked. */
export type Channel =
  | 'http-request'
  | 'http-response'
  | 'authn'
  | 'authz'
  | 'admission'
  | 'validation'
  | 'etcd-txn'
  | 'watch'
  | 'queue'
  | 'reconcile'
  | 'schedule'
  | 'cri'
  | 'proxy-rule'
  | 'event';

export const CHANNELS: readonly Channel[] = [
  'http-request', 'http-response', 'authn', 'authz', 'admission', 'validation', 'etcd-txn',
  'watch', 'queue', 'reconcile', 'schedule', 'cri', 'proxy-rule', 'event',
];

export interface ObjectRef {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export interface TraceEvent {
  /** Strictly increasing from 1 within one cluster run. */
  seq: number;
  /** Virtual time in milliseconds since the Unix epoch. */
  time: number;
  /** Component names as Kubernetes spells them: kubectl, kube-apiserver, etcd,
   * deployment-controller, default-scheduler, kubelet/worker-1, containerd/worker-1 ... */
  from: string;
  to: string;
  channel: Channel;
  /** HTTP verb, etcd op (put, delete, range), watch type (ADDED ...), CRI call name ... */
  verb?: string;
  /** HTTP path, etcd key or other address the interaction names. */
  path?: string;
  ref?: ObjectRef;
  resourceVersion?: string;
  /** One line a person can read. */
  summary: string;
  /** seq of the event that caused this one. */
  cause?: number;
  /** HTTP status code on responses. */
  code?: number;
  /** For writes: the object as stored at this step (plain JSON). */
  snapshot?: unknown;
  /** Extra structured data, e.g. the scheduler's per-node explanation. */
  detail?: unknown;
}
