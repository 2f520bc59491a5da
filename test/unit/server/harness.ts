/**
 * An in-process HTTP server over a bare simulated API server (store, loop, bootstrap
 * namespaces), on an ephemeral loopback port, and a small request helper.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { EventLoop, Rng, Tracer, VirtualClock } from '../../../src/sim/core';
import { ApiServer } from '../../../src/sim/apiserver/apiserver';
import { Client } from '../../../src/sim/client';
import { bootstrapObjects } from '../../../src/sim/bootstrap';
import { startKubeServer, type KubeServer } from '../../../src/server';

export const LOG_TEXT = 'hello\nworld\n';

export interface Harness {
  loop: EventLoop;
  tracer: Tracer;
  api: ApiServer;
  server: KubeServer;
  /** Runs the virtual clock a little so watch notifications are delivered. */
  settle(ms?: number): void;
  close(): Promise<void>;
}

export async function serverHarness(opts: { tls?: boolean } = {}): Promise<Harness> {
  const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
  const loop = new EventLoop(clock);
  const tracer = new Tracer(clock);
  loop.attachTracer(tracer);
  const api = new ApiServer({ loop, tracer, rng: new Rng(1) });
  // What the kubelets would serve for pods/log.
  api.ctx.logSource = () => LOG_TEXT;
  const sys = new Client(api, { user: { username: 'system:apiserver', groups: ['system:masters'] }, component: 'kube-apiserver' });
  for (const obj of bootstrapObjects()) {
    const info = api.registry.byKind(obj.apiVersion, obj.kind);
    if (!info) throw new Error(obj.kind);
    sys.create({ group: info.group, version: info.version, resource: info.plural }, obj.metadata.namespace, obj);
  }
  sys.create({ group: '', version: 'v1', resource: 'serviceaccounts' }, 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
  loop.runUntilQuiet();
  const server = await startKubeServer(
    { api, registry: api.registry, now: () => loop.now(), tracer, logs: () => LOG_TEXT },
    { tls: opts.tls ?? false },
  );
  return {
    loop,
    tracer,
    api,
    server,
    settle: (ms = 50) => loop.runFor(ms),
    close: () => server.close(),
  };
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface Call {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | object;
  /** false: no Authorization header; a string: that token. Default: the server's token. */
  token?: string | false;
}

export function call(h: Harness, c: Call): Promise<Reply> {
  const headers: Record<string, string> = { ...c.headers };
  const token = c.token === undefined ? h.server.token : c.token;
  if (token !== false) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (c.body !== undefined) {
    body = typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const url = new URL(c.path, h.server.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: c.method ?? 'GET', headers, ca: h.server.caCert }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Opens a streaming request and collects newline-delimited JSON until it ends or `until` holds. */
export function stream(
  h: Harness,
  path: string,
  until: (lines: Record<string, unknown>[]) => boolean,
  headers: Record<string, string> = {},
): { lines: Promise<{ status: number; lines: Record<string, unknown>[]; ended: boolean }>; abort(): void } {
  const url = new URL(path, h.server.url);
  let abort = (): void => undefined;
  const lines = new Promise<{ status: number; lines: Record<string, unknown>[]; ended: boolean }>((resolve, reject) => {
    const req = httpRequest(url, { headers: { authorization: `Bearer ${h.server.token}`, ...headers } }, (res) => {
      const got: Record<string, unknown>[] = [];
      let buf = '';
      let done = false;
      const finish = (ended: boolean): void => {
        if (done) return;
        done = true;
        resolve({ status: res.statusCode ?? 0, lines: got, ended });
      };
      res.on('data', (d: Buffer) => {
        buf += d.toString('utf8');
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line.trim()) got.push(JSON.parse(line) as Record<string, unknown>);
        }
        if (until(got)) {
          finish(false);
          req.destroy();
        }
      });
      res.on('end', () => finish(true));
      res.on('close', () => finish(true));
    });
    abort = () => req.destroy();
    req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
    req.end();
  });
  return { lines, abort: () => abort() };
}

export const NGINX_DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx-deployment', labels: { app: 'nginx' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] } },
  },
};
