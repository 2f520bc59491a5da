/** The API server's request and response shapes: what an HTTP request carries, as data. */
import type { UserInfo } from '../api/types';

export type Verb = 'create' | 'get' | 'list' | 'update' | 'patch' | 'delete' | 'deletecollection' | 'watch';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface RequestQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  /** dryRun=All: run every step but the write. */
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  force?: boolean;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  patchType?: PatchType;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
  /** pods/log */
  container?: string;
  follow?: boolean;
  tailLines?: number;
}

export interface ApiRequest {
  verb: Verb;
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name: pods, deployments. */
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  body?: unknown;
  query?: RequestQuery;
  /** Who is calling (authentication's input; the HTTP layer maps a token to it). */
  user: UserInfo;
  /** The calling component as the trace names it: kubectl, deployment-controller, kubelet/worker-1 */
  from: string;
  /** User agent as kube-apiserver would log it (optional). */
  userAgent?: string;
}

export interface ApiResponse {
  code: number;
  /** The object, the list, or a Status. Frozen: copy before changing. */
  body: Readonly<Record<string, unknown>>;
  warnings?: string[];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface ApiWatchEvent {
  type: WatchEventType;
  object: Readonly<Record<string, unknown>>;
}

export interface ApiWatch {
  stop(): void;
}

/** What a client needs of the API server; the HTTP server and the in-process clients use it. */
export interface ApiHandler {
  handle(req: ApiRequest): ApiResponse;
  /** Starts a watch; events arrive later through the event loop. The first response is the
   * error Status when the watch cannot start (e.g. 410 Expired), else code 200. */
  watch(req: ApiRequest, onEvent: (ev: ApiWatchEvent) => void, onClose?: () => void): { response: ApiResponse; watch?: ApiWatch };
}

/** etcd's snapshot, as the composition root saves and restores it through the API server. */
export type { StoreSnapshot } from '../store';
