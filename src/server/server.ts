/**
 * The Kubernetes REST API over HTTP on 127.0.0.1: every request passes the loopback and
 * token checks, then goes to the simulated API server (resources) or is answered here
 * (version, health, discovery, OpenAPI). A thin adapter: every rule lives in the sim.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { admitRequest, callerName, newToken } from './auth';
import { OpenApiDocs } from './openapi/document';
import { baseHeaders, sendError } from './respond';
import { parseRoute } from './route';
import { serveResource } from './resources';
import { serveNonResource } from './nonResource';
import type { ApiTarget } from './target';
import { APISERVER } from '../sim/apiserver/context';
import { makeServingCert } from './tls';

export interface KubeServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The bearer token; a fresh random one by default. */
  token?: string;
  /**
   * HTTPS with a fresh self-signed certificate (default true). kubectl only sends a bearer
   * token over TLS; plain HTTP serves clients that send it anyway (and tests).
   */
  tls?: boolean;
}

export interface KubeServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** PEM of the serving certificate, to trust in a kubeconfig; undefined over plain HTTP. */
  readonly caCert: string | undefined;
  close(): Promise<void>;
}

export async function startKubeServer(target: ApiTarget, opts: KubeServerOptions = {}): Promise<KubeServer> {
  const token = opts.token ?? newToken();
  const docs = new OpenApiDocs(target.registry);
  let address = '127.0.0.1:0';
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(target, docs, token, address, req, res).catch((err: unknown) => sendError(res, err));
  };
  const tls = opts.tls !== false ? makeServingCert() : undefined;
  const server: Server = tls ? createTlsServer({ cert: tls.cert, key: tls.key }, listener) : createServer(listener);
  // Long watches must not be cut by Node's request timeouts.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  address = `127.0.0.1:${port}`;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    token,
    caCert: tls?.cert,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(target: ApiTarget, docs: OpenApiDocs, token: string, address: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  baseHeaders(res);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const userAgent = req.headers['user-agent'];
  const from = callerName(userAgent);
  const admission = admitRequest(req.headers, url.pathname, token);
  if (!admission.ok) {
    target.tracer?.record({
      from,
      to: APISERVER,
      channel: 'authn',
      verb: 'deny',
      path: url.pathname,
      code: admission.error.code,
      summary: `${req.method ?? 'GET'} ${url.pathname}: ${admission.error.code} ${admission.error.status.message ?? ''}`,
    });
    sendError(res, admission.error);
    return;
  }
  const route = parseRoute(url.pathname);
  if (route.kind !== 'resource') {
    serveNonResource(target, docs, route, url, req, res, address);
    return;
  }
  const user = admission.user;
  if (!user) throw new Error('unreachable: resource requests need a token');
  await serveResource(target, route, url, { user, from, ...(userAgent ? { userAgent } : {}) }, req, res);
}
