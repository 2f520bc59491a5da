/**
 * Informers: list, then watch from the list's resourceVersion, keep a cache with indexes,
 * and tell handlers. A watch that ends in 410 Expired relists, as client-go's reflector
 * does. Cached objects are frozen: copy before changing.
 */
import type { KubeObject } from '../api/types';
import type { ApiWatchEvent } from '../apiserver/types';
import { StatusError } from '../api/errors';
import type { Client, GVR } from './client';

export interface Handlers<T> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  delete?(obj: T): void;
}

export type IndexFunc<T> = (obj: T) => string[];

export interface InformerOptions<T> {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  indexers?: Record<string, IndexFunc<T>>;
}

export function keyOf(obj: { metadata: { namespace?: string; name?: string } }): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name ?? ''}` : (obj.metadata.name ?? '');
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export const NAMESPACE_INDEX = 'namespace';

export class Informer<T extends KubeObject = KubeObject> {
  private cache = new Map<string, T>();
  private indexes = new Map<string, Map<string, Set<string>>>();
  private handlers: Handlers<T>[] = [];
  private stopWatch: (() => void) | undefined;
  private lastRV = '';
  private started = false;
  /** Numbers each watch, so callbacks of a watch given up on are ignored. */
  private watchGen = 0;
  synced = false;

  constructor(
    private readonly client: Client,
    readonly gvr: GVR,
    private readonly opts: InformerOptions<T> = {},
  ) {
    const indexers: Record<string, IndexFunc<T>> = {
      [NAMESPACE_INDEX]: (o) => [o.metadata.namespace ?? ''],
      ...opts.indexers,
    };
    this.opts = { ...opts, indexers };
    for (const name of Object.keys(indexers)) this.indexes.set(name, new Map());
  }

  addHandler(h: Handlers<T>): void {
    this.handlers.push(h);
    if (this.synced) for (const obj of this.cache.values()) h.add?.(obj);
  }

  addIndexer(name: string, fn: IndexFunc<T>): void {
    if (this.indexes.has(name)) return;
    (this.opts.indexers as Record<string, IndexFunc<T>>)[name] = fn;
    const index = new Map<string, Set<string>>();
    this.indexes.set(name, index);
    for (const [key, obj] of this.cache) this.indexAdd(name, fn, key, obj);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.listAndWatch();
  }

  stop(): void {
    this.started = false;
    this.stopWatch?.();
    this.stopWatch = undefined;
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  getByKey(key: string): T | undefined {
    return this.cache.get(key);
  }

  list(namespace?: string): T[] {
    if (namespace === undefined) return [...this.cache.values()];
    return this.byIndex(NAMESPACE_INDEX, namespace);
  }

  byIndex(index: string, value: string): T[] {
    const keys = this.indexes.get(index)?.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) {
      const o = this.cache.get(k);
      if (o) out.push(o);
    }
    return out;
  }

  get size(): number {
    return this.cache.size;
  }

  private listAndWatch(): void {
    const { namespace, labelSelector, fieldSelector } = this.opts;
    const res = this.client.list<T>(this.gvr, namespace, { labelSelector, fieldSelector });
    const seen = new Set<string>();
    for (const obj of res.items) {
      const key = keyOf(obj);
      seen.add(key);
      this.upsert(key, obj);
    }
    for (const [key, obj] of [...this.cache]) {
      if (!seen.has(key)) this.remove(key, obj);
    }
    this.synced = true;
    this.lastRV = res.resourceVersion;
    this.watch();
  }

  /**
   * Watches from the last resourceVersion seen. When the server ends the watch, watches
   * again from there; a 410 (the revision was compacted away) means a fresh list, as
   * client-go's reflector does.
   */
  private watch(): void {
    if (!this.started) return;
    const { namespace, labelSelector, fieldSelector } = this.opts;
    const gen = ++this.watchGen;
    let w: { stop(): void };
    try {
      w = this.client.watch(
        this.gvr,
        namespace,
        { labelSelector, fieldSelector, resourceVersion: this.lastRV, allowWatchBookmarks: true },
        (ev) => {
          if (gen === this.watchGen) this.onEvent(ev);
        },
        () => {
          if (gen !== this.watchGen) return;
          this.stopWatch = undefined;
          this.watch();
        },
      );
    } catch (err) {
      if (err instanceof StatusError && err.code === 410) {
        this.listAndWatch();
        return;
      }
      // The API server is gone (or refuses): nothing more to hear.
      this.stopWatch = undefined;
      return;
    }
    this.stopWatch = () => {
      if (gen === this.watchGen) this.watchGen++;
      w.stop();
    };
  }

  private onEvent(ev: ApiWatchEvent): void {
    if (ev.type === 'ERROR') {
      // 410 Expired: start over with a fresh list.
      this.stopWatch?.();
      this.stopWatch = undefined;
      if (this.started) this.listAndWatch();
      return;
    }
    const obj = ev.object as unknown as T;
    if (obj.metadata?.resourceVersion) this.lastRV = obj.metadata.resourceVersion;
    if (ev.type === 'BOOKMARK') return;
    const key = keyOf(obj);
    if (ev.type === 'DELETED') {
      const old = this.cache.get(key);
      if (old) this.remove(key, obj);
    } else {
      this.upsert(key, obj);
    }
  }

  private upsert(key: string, obj: T): void {
    const old = this.cache.get(key);
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    if (old) this.unindex(key, old);
    this.cache.set(key, obj);
    for (const [name, fn] of Object.entries(this.opts.indexers ?? {})) this.indexAdd(name, fn, key, obj);
    for (const h of this.handlers) {
      if (old) h.update?.(old, obj);
      else h.add?.(obj);
    }
  }

  private remove(key: string, last: T): void {
    const old = this.cache.get(key);
    if (old) this.unindex(key, old);
    this.cache.delete(key);
    for (const h of this.handlers) h.delete?.(last);
  }

  private indexAdd(name: string, fn: IndexFunc<T>, key: string, obj: T): void {
    const index = this.indexes.get(name);
    if (!index) return;
    for (const v of fn(obj)) {
      let set = index.get(v);
      if (!set) index.set(v, (set = new Set()));
      set.add(key);
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of Object.entries(this.opts.indexers ?? {})) {
      const index = this.indexes.get(name);
      if (!index) continue;
      for (const v of fn(obj)) {
        const set = index.get(v);
        set?.delete(key);
        if (set && set.size === 0) index.delete(v);
      }
    }
  }
}

/** One informer per resource per component process, shared by its controllers. */
export class InformerFactory {
  private informers = new Map<string, Informer<KubeObject>>();

  constructor(readonly client: Client) {}

  informer<T extends KubeObject>(gvr: GVR, opts: InformerOptions<T> = {}): Informer<T> {
    const key = `${gvr.group}/${gvr.version}/${gvr.resource}?${opts.namespace ?? ''}&${opts.labelSelector ?? ''}&${opts.fieldSelector ?? ''}`;
    let inf = this.informers.get(key) as Informer<T> | undefined;
    if (!inf) {
      inf = new Informer<T>(this.client, gvr, opts);
      this.informers.set(key, inf as unknown as Informer<KubeObject>);
    } else if (opts.indexers) {
      for (const [name, fn] of Object.entries(opts.indexers)) inf.addIndexer(name, fn);
    }
    return inf;
  }

  start(): void {
    for (const inf of this.informers.values()) inf.start();
  }

  stop(): void {
    for (const inf of this.informers.values()) inf.stop();
  }
}

export type { ApiWatchEvent };
