/**
 * Shared helpers of the golden scenarios: manifests from YAML text, events as kubectl lists
 * them, and a recorder that follows resources through admin watches so a scenario can check
 * an invariant at every store revision.
 */
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import type { Cluster } from '../../../src/sim/cluster';
import type { GVR } from '../../../src/sim/client';
import { R } from '../../../src/sim/client';
import type { KubeObject } from '../../../src/sim/api/types';

// Scenario code reads deep, loosely typed API objects; tests only.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = KubeObject & { metadata: any; [field: string]: any };

export function yamlDocs(text: string): KubeObject[] {
  return parseAllDocuments(text).map((d) => d.toJSON() as KubeObject);
}

export interface Ev {
  type: string;
  source: string;
  reason: string;
  /** kind/name of the involved object, kind lower-cased as kubectl prints it. */
  object: string;
  message: string;
  count: number;
  firstMs: number;
  lastMs: number;
}

/** Events of a namespace (default: all), oldest first. */
export function events(c: Cluster, namespace?: string): Ev[] {
  return c.kubectl
    .list<Obj>(R.events, namespace)
    .items.map((e) => ({
      type: e.type ?? '',
      source: e.source?.component ?? e.reportingComponent ?? '',
      reason: e.reason ?? '',
      object: `${String(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`,
      message: e.message ?? '',
      count: e.count ?? 1,
      firstMs: Date.parse(e.firstTimestamp ?? e.eventTime ?? '') || 0,
      lastMs: Date.parse(e.lastTimestamp ?? e.eventTime ?? '') || 0,
    }))
    .sort((a, b) => a.firstMs - b.firstMs);
}

/** Asserts an event with this source and reason whose message matches, and returns it. */
export function expectEvent(list: Ev[], source: string, reason: string, message: RegExp, object?: string | RegExp): Ev {
  const hit = list.find(
    (e) =>
      e.source === source &&
      e.reason === reason &&
      message.test(e.message) &&
      (object === undefined || (typeof object === 'string' ? e.object === object : object.test(e.object))),
  );
  assert.ok(hit, `no ${source} ${reason} event matching ${message}${object ? ` on ${object}` : ''}; have:\n${list.map((e) => `${e.source} ${e.reason} ${e.object} ${e.message}`).join('\n')}`);
  return hit;
}

export interface Change {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  rv: number;
  atMs: number;
  object: Obj;
}

/**
 * Follows resources in a namespace through watches from the current resourceVersion: a
 * current map of objects and every change in store order. `onChange` runs after each change
 * (each store revision that touched one of them) with the current objects.
 */
export function follow(c: Cluster, resources: { gvr: GVR; prefix: string }[], namespace = 'default', onChange?: (state: Map<string, Obj>, change: Change) => void) {
  const state = new Map<string, Obj>();
  const changes: Change[] = [];
  const watches = resources.map(({ gvr, prefix }) => {
    const list = c.kubectl.list<Obj>(gvr, namespace);
    for (const o of list.items) state.set(`${prefix}/${o.metadata.name}`, o);
    return c.kubectl.watch(gvr, namespace, { resourceVersion: list.resourceVersion }, (ev) => {
      if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED' && ev.type !== 'DELETED') return;
      const o = ev.object as unknown as Obj;
      const key = `${prefix}/${o.metadata.name}`;
      if (ev.type === 'DELETED') state.delete(key);
      else state.set(key, o);
      const change: Change = { type: ev.type, rv: Number(o.metadata.resourceVersion), atMs: c.loop.now(), object: o };
      changes.push(change);
      onChange?.(state, change);
    });
  });
  return { state, changes, stop: () => watches.forEach((w) => w.stop()) };
}

export const isReady = (p: Obj): boolean => (p.status?.conditions ?? []).some((x: Obj) => x.type === 'Ready' && x.status === 'True');
export const phase = (p: Obj): string | undefined => p.status?.phase;
export const pods = (c: Cluster, namespace = 'default', labelSelector?: string): Obj[] =>
  c.kubectl.list<Obj>(R.pods, namespace, labelSelector ? { labelSelector } : undefined).items;

/** Runs the loop in steps until `done()` holds or `maxMs` of virtual time passes; returns the time taken. */
export function runUntil(c: Cluster, done: () => boolean, maxMs: number, stepMs = 1000): number {
  const start = c.loop.now();
  while (!done()) {
    if (c.loop.now() - start >= maxMs) assert.fail(`condition not reached within ${maxMs} ms of virtual time`);
    c.runFor(stepMs);
  }
  return c.loop.now() - start;
}
