/**
 * Watch fan-out, as kube-apiserver's watch cache does it: one etcd watch per resource, and
 * each change handed to the client watches that want it. Watches with a spec.nodeName
 * field selector (every kubelet's) are indexed by node, so a pod change does not visit
 * every kubelet's watch.
 */
import type { KubeObject, ResourceInfo } from '../api/types';
import { tooOldResourceVersion } from '../api/errors';
import type { KeyValue, WatchEvent as StoreEvent } from '../store';
import { CompactedError } from '../store';
import type { ApiRequest, ApiWatch, ApiWatchEvent, WatchEventType } from './types';
import { APISERVER, refOf, type ServerContext } from './context';
import { storagePrefix } from './paths';
import { compileSelectors, type ObjectFilter } from './filter';
import { validateListOptions } from './listOptions';

interface ClientWatch {
  info: ResourceInfo;
  namespace: string | undefined;
  filter: ObjectFilter;
  component: string;
  onEvent: (ev: ApiWatchEvent) => void;
  onClose?: () => void;
  stopped: boolean;
}

interface ResourceFeed {
  all: Set<ClientWatch>;
  byNode: Map<string, Set<ClientWatch>>;
}

export class WatchFanout {
  private feeds = new Map<string, ResourceFeed>();
  private storeWatches: { cancel(): void }[] = [];

  constructor(
    private readonly ctx: ServerContext,
    private readonly latencyMs: number,
  ) {}

  watch(info: ResourceInfo, req: ApiRequest, onEvent: (ev: ApiWatchEvent) => void, onClose?: () => void): ApiWatch {
    const q = req.query ?? {};
    const w: ClientWatch = {
      info,
      namespace: info.namespaced ? req.namespace : undefined,
      filter: compileSelectors(info, q.labelSelector, q.fieldSelector),
      component: req.from,
      onEvent,
      onClose,
      stopped: false,
    };
    validateListOptions(q, true);
    const feed = this.feedFor(info);
    const rv = q.resourceVersion;
    // Without a resourceVersion (or with "0") a watch starts with the current state, unless
    // sendInitialEvents says otherwise; from a resourceVersion it replays what came after.
    const fromNow = rv === undefined || rv === '' || rv === '0';
    const initial = q.sendInitialEvents ?? fromNow;
    const prefix = storagePrefix(info, w.namespace);
    if (initial) {
      const now = this.ctx.store.range(prefix);
      for (const kv of now.kvs) {
        const obj = kv.value as unknown as KubeObject;
        if (w.filter.matches(obj)) this.deliver(w, 'ADDED', obj);
      }
      if (q.sendInitialEvents && q.allowWatchBookmarks) {
        this.deliver(w, 'BOOKMARK', {
          kind: info.kind,
          apiVersion: info.group ? `${info.group}/${info.version}` : info.version,
          metadata: { resourceVersion: String(now.revision), annotations: { 'k8s.io/initial-events-end': 'true' } },
        } as KubeObject);
      }
    } else if (!fromNow) {
      const from = Number(rv);
      try {
        const replay: StoreEvent[] = [];
        const sw = this.ctx.store.watch(prefix, from + 1, (evs) => replay.push(...evs));
        sw.cancel();
        for (const ev of replay) this.dispatchTo(w, ev);
      } catch (err) {
        if (!(err instanceof CompactedError)) throw err;
        const status = tooOldResourceVersion(from, this.ctx.store.compactRevision);
        this.ctx.loop.schedule(this.latencyMs, () => {
          if (w.stopped) return;
          w.onEvent({ type: 'ERROR', object: status.status as unknown as Record<string, unknown> });
          this.stop(w, feed);
        });
        return { stop: () => this.stop(w, feed) };
      }
    }
    const node = w.filter.nodeName;
    if (node !== undefined) {
      let set = feed.byNode.get(node);
      if (!set) feed.byNode.set(node, (set = new Set()));
      set.add(w);
    } else {
      feed.all.add(w);
    }
    if (q.timeoutSeconds && q.timeoutSeconds > 0) {
      this.ctx.loop.schedule(q.timeoutSeconds * 1000, () => this.stop(w, feed), { background: true });
    }
    return { stop: () => this.stop(w, feed) };
  }

  closeAll(): void {
    for (const sw of this.storeWatches) sw.cancel();
    this.storeWatches = [];
    for (const feed of this.feeds.values()) {
      for (const w of feed.all) this.stop(w, feed);
      for (const set of feed.byNode.values()) for (const w of set) this.stop(w, feed);
    }
    this.feeds.clear();
  }

  private stop(w: ClientWatch, feed: ResourceFeed): void {
    if (w.stopped) return;
    w.stopped = true;
    feed.all.delete(w);
    const node = w.filter.nodeName;
    if (node !== undefined) feed.byNode.get(node)?.delete(w);
    w.onClose?.();
  }

  private feedFor(info: ResourceInfo): ResourceFeed {
    const prefix = storagePrefix(info);
    let feed = this.feeds.get(prefix);
    if (feed) return feed;
    const created: ResourceFeed = { all: new Set(), byNode: new Map() };
    feed = created;
    this.feeds.set(prefix, created);
    const sw = this.ctx.store.watch(prefix, 0, (events) => {
      for (const ev of events) this.dispatch(created, ev);
    });
    this.storeWatches.push(sw);
    return created;
  }

  private dispatch(feed: ResourceFeed, ev: StoreEvent): void {
    for (const w of feed.all) this.dispatchTo(w, ev);
    if (feed.byNode.size === 0) return;
    const nodes = new Set<string>();
    const cur = nodeNameOf(ev.kv);
    const prev = ev.prevKv ? nodeNameOf(ev.prevKv) : undefined;
    nodes.add(cur);
    if (prev !== undefined) nodes.add(prev);
    for (const n of nodes) {
      const set = feed.byNode.get(n);
      if (set) for (const w of set) this.dispatchTo(w, ev);
    }
  }

  private dispatchTo(w: ClientWatch, ev: StoreEvent): void {
    if (w.stopped) return;
    const obj = ev.type === 'DELETE' ? undefined : (ev.kv.value as unknown as KubeObject);
    const prev = ev.prevKv ? (ev.prevKv.value as unknown as KubeObject) : undefined;
    if (w.namespace !== undefined) {
      const ns = (obj ?? prev)?.metadata.namespace;
      if (ns !== w.namespace) return;
    }
    const now = obj !== undefined && w.filter.matches(obj);
    const before = prev !== undefined && w.filter.matches(prev);
    if (ev.type === 'DELETE') {
      if (!before || !prev) return;
      // A deleted object is delivered as it last was, with the deletion's revision.
      const last = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(ev.kv.modRevision) } };
      this.deliver(w, 'DELETED', last);
      return;
    }
    if (!obj) return;
    if (now && before) this.deliver(w, 'MODIFIED', obj);
    else if (now) this.deliver(w, 'ADDED', obj);
    else if (before) this.deliver(w, 'DELETED', obj);
  }

  private deliver(w: ClientWatch, type: WatchEventType, obj: KubeObject): void {
    const { loop, tracer } = this.ctx;
    loop.schedule(this.latencyMs, () => {
      if (w.stopped) return;
      let seq: number | undefined;
      if (type !== 'BOOKMARK') {
        seq = tracer.record({
          from: APISERVER,
          to: w.component,
          channel: 'watch',
          verb: type,
          ref: refOf(w.info, obj),
          resourceVersion: obj.metadata.resourceVersion,
          summary: `WATCH ${type} ${w.info.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name ?? ''}`,
        });
      }
      // What the watcher does on hearing of the change is caused by this notification.
      tracer.withCause(seq, () => w.onEvent({ type, object: obj as unknown as Record<string, unknown> }));
    });
  }
}

function nodeNameOf(kv: KeyValue): string {
  const spec = (kv.value as { spec?: { nodeName?: string } }).spec;
  return spec?.nodeName ?? '';
}
