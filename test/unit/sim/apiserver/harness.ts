/** A bare API server on a fresh store and loop, for tests of the server and its clients. */
import assert from 'node:assert/strict';
import { EventLoop, Rng, Tracer, VirtualClock } from '../../../../src/sim/core';
import { ApiServer, type ApiServerOptions } from '../../../../src/sim/apiserver/apiserver';
import { Client, IDENTITIES, R } from '../../../../src/sim/client';
import { bootstrapObjects } from '../../../../src/sim/bootstrap';
import { StatusError } from '../../../../src/sim/api/errors';
import type { KubeObject, Status } from '../../../../src/sim/api/types';
import type { ApiWatchEvent, RequestQuery } from '../../../../src/sim/apiserver/types';

export function apiHarness(seed = 1, opts: Partial<Pick<ApiServerOptions, 'compactionIntervalMs' | 'watchLatencyMs'>> = {}) {
  const clock = new VirtualClock();
  const loop = new EventLoop(clock);
  const tracer = new Tracer(clock);
  loop.attachTracer(tracer);
  const api = new ApiServer({ loop, tracer, rng: new Rng(seed), ...opts });
  const admin = new Client(api, IDENTITIES.admin);
  for (const obj of bootstrapObjects()) {
    const info = api.registry.byKind(obj.apiVersion, obj.kind);
    if (!info) throw new Error(obj.kind);
    admin.create({ group: info.group, version: info.version, resource: info.plural }, obj.metadata.namespace, obj);
  }
  admin.create(R.serviceaccounts, 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } } as KubeObject);
  /** A client for a plain user (no RBAC rights unless a test grants them). */
  const as = (username: string, groups: string[] = ['system:authenticated']) => new Client(api, { user: { username, groups }, component: 'kubectl' });
  return { clock, loop, tracer, api, admin, as };
}

// Tests read deep into objects whose shapes the assertions check anyway.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = KubeObject & Record<string, any>;

/** The Status a call fails with; fails the test when the call succeeds. */
export function statusOf(fn: () => unknown): Status {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err.status;
    throw err;
  }
  assert.fail('expected the request to fail');
}

/** A failure Status as kube-apiserver writes it, for deepEqual. */
export function failure(code: number, reason: string, message: string, details?: Record<string, unknown>): Status {
  const s: Record<string, unknown> = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason };
  if (details) s.details = details;
  s.code = code;
  return s as Status;
}

export function deployment(name: string, replicas = 2, image = 'nginx:1.27'): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

export function pod(name: string, labels: Record<string, string> = {}, nodeName?: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...(nodeName ? { nodeName } : {}) },
  };
}

export function configMap(name: string, labels: Record<string, string> = {}, data: Record<string, string> = {}): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data };
}

export function service(name: string, spec: Record<string, unknown>): Obj {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } };
}

/** Collects a watch's events; `run()` lets the loop deliver them. */
export function collect(client: Client, gvr: { group: string; version: string; resource: string }, namespace: string | undefined, query: RequestQuery) {
  const events: ApiWatchEvent[] = [];
  let closed = false;
  const w = client.watch(gvr, namespace, query, (ev) => events.push(ev), () => (closed = true));
  return {
    events,
    stop: () => w.stop(),
    get closed() {
      return closed;
    },
    /** `TYPE name` of each event. */
    summary: () => events.map((e) => `${e.type} ${(e.object as { metadata?: { name?: string } }).metadata?.name ?? ''}`),
  };
}
