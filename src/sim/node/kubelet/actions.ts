/**
 * The handlers probes and lifecycle hooks run (exec, httpGet, tcpSocket, sleep), with the
 * prober's own failure texts: `Get "http://10.244.1.5:8080/healthz": dial tcp
 * 10.244.1.5:8080: connect: connection refused`, `HTTP probe failed with statuscode: 404`.
 */
import type { Container, HTTPGetAction, LifecycleHandler, Probe, TCPSocketAction } from 'kubernetes-types/core/v1';
import type { EventLoop } from '../../core';
import type { ContainerRuntime } from '../runtime/containerd';
import type { PodNetwork } from '../network';

export interface ActionTarget {
  container: Container;
  containerId: string;
  podIP: string;
  /** The node's address on the pod network: where the kubelet's probes come from. */
  sourceIP: string;
}

export interface ActionResult {
  ok: boolean;
  message: string;
}

export function resolvePort(port: number | string | undefined, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** Loopback from the kubelet's side is the pod itself (or the node, for host-network pods). */
function address(host: string | undefined, t: ActionTarget): string {
  if (!host || host === '127.0.0.1' || host === 'localhost') return t.podIP;
  return host;
}

export function httpGet(network: PodNetwork, action: HTTPGetAction, t: ActionTarget): ActionResult {
  const shown = action.host || t.podIP;
  const host = address(action.host, t);
  const port = resolvePort(action.port as number | string, t.container);
  const path = action.path || '/';
  const scheme = (action.scheme ?? 'HTTP').toLowerCase();
  const url = `${scheme}://${shown}:${port ?? ''}${path.startsWith('/') ? path : `/${path}`}`;
  if (port === undefined) return { ok: false, message: `Get "${url}": dial tcp: address ${shown}: missing port in address` };
  const conn = network.lookup(host)?.connect(port, 'TCP');
  if (!conn) return { ok: false, message: `Get ${JSON.stringify(url)}: dial tcp ${shown}:${port}: connect: connection refused` };
  if (!conn.http) return { ok: false, message: `Get ${JSON.stringify(url)}: net/http: HTTP/1.x transport connection broken: malformed HTTP response "\\x00\\x00\\x00"` };
  if (scheme === 'https') return { ok: true, message: '' };
  const ans = conn.request({ path, clientIP: t.sourceIP, host: `${shown}:${port}`, userAgent: 'kube-probe/1.33' });
  if (ans.status >= 200 && ans.status < 400) return { ok: true, message: '' };
  return { ok: false, message: `HTTP probe failed with statuscode: ${ans.status}` };
}

export function tcpSocket(network: PodNetwork, action: TCPSocketAction, t: ActionTarget): ActionResult {
  const shown = action.host || t.podIP;
  const port = resolvePort(action.port as number | string, t.container);
  const conn = port !== undefined ? network.lookup(address(action.host, t))?.connect(port, 'TCP') : undefined;
  if (!conn) return { ok: false, message: `dial tcp ${shown}:${port ?? ''}: connect: connection refused` };
  return { ok: true, message: '' };
}

/** Runs a probe's or hook's handler; `done` gets the outcome after the action's time. */
export function runAction(
  handler: Probe | LifecycleHandler,
  t: ActionTarget,
  timeoutSeconds: number,
  deps: { runtime: ContainerRuntime; network: PodNetwork; loop: EventLoop; background: boolean },
  done: (r: ActionResult) => void,
): void {
  const later = (ms: number, r: ActionResult): void => {
    deps.loop.schedule(ms, () => done(r), { background: deps.background });
  };
  if (handler.exec) {
    const cmd = handler.exec.command ?? [];
    deps.runtime.execSync(
      t.containerId,
      cmd,
      timeoutSeconds,
      (err, res) => {
        if (err || !res) return done({ ok: false, message: err?.message ?? 'exec failed' });
        if (res.timedOut) return done({ ok: false, message: `command ${JSON.stringify(cmd.join(' '))} timed out` });
        done({ ok: res.exitCode === 0, message: `${res.stdout}${res.stderr}` });
      },
      { background: deps.background },
    );
    return;
  }
  if (handler.httpGet) return later(2, httpGet(deps.network, handler.httpGet, t));
  if (handler.tcpSocket) return later(1, tcpSocket(deps.network, handler.tcpSocket, t));
  const sleep = (handler as LifecycleHandler).sleep;
  if (sleep) return later(sleep.seconds * 1000, { ok: true, message: '' });
  const grpc = (handler as Probe).grpc;
  if (grpc) return later(1, tcpSocket(deps.network, { port: grpc.port }, t));
  later(0, { ok: false, message: 'missing probe handler' });
}
