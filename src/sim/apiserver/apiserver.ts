/**
 * The API server: every request goes authentication -> authorization -> admission ->
 * defaulting -> validation -> etcd, each step a trace event. Only this folder talks to
 * the store, as only kube-apiserver talks to etcd.
 */
import type { EventLoop, Rng, Tracer } from '../core';
import type { KubeObject, ResourceInfo } from '../api/types';
import { qualifiedResource } from '../api/types';
import type { ResourceRegistry } from '../api/registry';
import { defaultRegistry } from '../api/registry';
import { StatusError, newForbidden, newMethodNotSupported, newInternalError, newTooManyRequests, notFoundPath } from '../api/errors';
import type { TaskHandle } from '../core';
import { MemoryStore, type KVStore } from '../store';
import type { ApiHandler, ApiRequest, ApiResponse, ApiWatchEvent } from './types';
import { APISERVER, refOf, type ServerContext } from './context';
import { createAllocators } from './allocators';
import { HTTP_METHOD, resourcePath } from './paths';
import { authorize } from './authz';
import { createObject } from './create';
import { getObject, listObjects } from './read';
import { updateObject, patchObject } from './update';
import { deleteObject, deleteCollection } from './delete';
import { WatchFanout } from './fanout';
import { handleSubresource } from './subresources';
import { newMethodNotAllowed } from './httpErrors';
import { startCompactor, COMPACTION_INTERVAL_MS } from './compactor';

export interface ApiServerOptions {
  /** The etcd behind it (default: a fresh in-memory one). */
  store?: KVStore;
  loop: EventLoop;
  tracer: Tracer;
  rng: Rng;
  registry?: ResourceRegistry;
  /** Virtual milliseconds from a commit to a watcher receiving it. */
  watchLatencyMs?: number;
  /** --etcd-compaction-interval (default 5 minutes; 0 turns compaction off). */
  compactionIntervalMs?: number;
}

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

export class ApiServer implements ApiHandler {
  readonly ctx: ServerContext;
  readonly registry: ResourceRegistry;
  private readonly fanout: WatchFanout;
  private readonly compactor: TaskHandle | undefined;
  /** After close() no watch starts: the clients whose watches ended would only try again. */
  private closed = false;

  constructor(opts: ApiServerOptions) {
    this.registry = opts.registry ?? defaultRegistry;
    this.ctx = {
      store: opts.store ?? new MemoryStore(),
      loop: opts.loop,
      tracer: opts.tracer,
      rng: opts.rng,
      registry: this.registry,
      allocators: createAllocators(opts.rng.fork()),
      traceReads: false,
    };
    this.fanout = new WatchFanout(this.ctx, opts.watchLatencyMs ?? 2);
    const interval = opts.compactionIntervalMs ?? COMPACTION_INTERVAL_MS;
    this.compactor = interval > 0 ? startCompactor(this.ctx, interval) : undefined;
  }

  handle(req: ApiRequest): ApiResponse {
    const { tracer } = this.ctx;
    const info = this.registry.byGroupVersionResource(req.group, req.version, req.resource);
    const method = HTTP_METHOD[req.verb];
    const path = info ? resourcePath(info, req.namespace, req.name, req.subresource) : `/${req.group}/${req.version}/${req.resource}`;
    const isWrite = WRITE_VERBS.has(req.verb);
    const bodyRef = info && isWrite ? refOf(info, req.body as KubeObject | undefined, req) : undefined;
    const reqSeq = tracer.record({
      from: req.from,
      to: APISERVER,
      channel: 'http-request',
      verb: method,
      path,
      ref: bodyRef,
      summary: `${method} ${path}${req.query?.dryRun ? '?dryRun=All' : ''}`,
    });
    const response = tracer.withCause(reqSeq, () => {
      try {
        if (!info) throw notFoundPath();
        return this.dispatch(info, req, isWrite);
      } catch (err) {
        if (err instanceof StatusError) return { code: err.code, body: err.status as unknown as Record<string, unknown> };
        return { code: 500, body: newInternalError(err).status as unknown as Record<string, unknown> };
      }
    });
    const meta = (response.body as { metadata?: { resourceVersion?: string } }).metadata;
    tracer.record({
      from: APISERVER,
      to: req.from,
      channel: 'http-response',
      verb: method,
      path,
      code: response.code,
      ref: info && response.code < 300 && (response.body as KubeObject).kind === info.kind ? refOf(info, response.body as KubeObject) : bodyRef,
      resourceVersion: meta?.resourceVersion,
      summary: `${response.code} ${statusText(response)}`,
      cause: reqSeq,
    });
    return response;
  }

  watch(req: ApiRequest, onEvent: (ev: ApiWatchEvent) => void, onClose?: () => void) {
    const info = this.registry.byGroupVersionResource(req.group, req.version, req.resource);
    try {
      if (this.closed) throw newTooManyRequests('The apiserver is shutting down, please try again later.', 1);
      if (!info) throw notFoundPath();
      this.authorizeOrThrow(info, req, false);
      const watch = this.fanout.watch(info, req, onEvent, onClose);
      return { response: { code: 200, body: {} }, watch };
    } catch (err) {
      const status = err instanceof StatusError ? err : newInternalError(err);
      return { response: { code: status.code, body: status.status as unknown as Record<string, unknown> } };
    }
  }

  private dispatch(info: ResourceInfo, req: ApiRequest, isWrite: boolean): ApiResponse {
    this.authorizeOrThrow(info, req, isWrite);
    if (req.subresource) return handleSubresource(this.ctx, info, req);
    if (!info.verbs.includes(req.verb)) throw newMethodNotAllowed();
    switch (req.verb) {
      case 'create':
        return createObject(this.ctx, info, req);
      case 'get':
        return getObject(this.ctx, info, req);
      case 'list':
        return listObjects(this.ctx, info, req);
      case 'update':
        return updateObject(this.ctx, info, req);
      case 'patch':
        return patchObject(this.ctx, info, req);
      case 'delete':
        return deleteObject(this.ctx, info, req);
      case 'deletecollection':
        return deleteCollection(this.ctx, info, req);
      case 'watch':
        throw newMethodNotSupported(info, 'watch');
    }
  }

  private authorizeOrThrow(info: ResourceInfo, req: ApiRequest, traced: boolean): void {
    const { tracer } = this.ctx;
    const trace = traced || this.ctx.traceReads;
    if (trace) {
      tracer.record({
        from: APISERVER,
        to: APISERVER,
        channel: 'authn',
        summary: `authenticated ${req.user.username} (groups ${req.user.groups.join(', ') || 'none'})`,
      });
    }
    const decision = authorize(this.ctx, req.user, req.verb, info, req.namespace, req.name, req.subresource);
    if (trace || !decision.allowed) {
      tracer.record({
        from: APISERVER,
        to: APISERVER,
        channel: 'authz',
        verb: decision.allowed ? 'allow' : 'deny',
        summary: decision.allowed ? decision.reason : `RBAC: ${req.user.username} may not ${req.verb} ${qualifiedResource(info)}`,
      });
    }
    if (!decision.allowed) throw newForbidden(info, req.name ?? '', req.user.username, req.verb, undefined, req.namespace, req.subresource);
  }

  /** Stops every open watch (used when a cluster is reset). */
  close(): void {
    this.closed = true;
    this.compactor?.cancel();
    this.fanout.closeAll();
  }
}

function statusText(res: ApiResponse): string {
  const body = res.body as { kind?: string; message?: string; metadata?: { name?: string } };
  if (res.code >= 400) return body.message ?? 'error';
  if (res.code === 201) return 'Created';
  return 'OK';
}
