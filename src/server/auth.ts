/**
 * The doors of the loopback endpoint: the Host must be a loopback name (no DNS rebinding),
 * a browser's Origin is refused, and the bearer token of the generated kubeconfig is the
 * only credential. The token maps to the admin identity, as kubeadm's admin.conf does.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { UserInfo } from '../sim/api/types';
import { newForbiddenError, newUnauthorized, type StatusError } from '../sim/api/errors';

/** kubeadm's admin.conf identity. */
export const ADMIN_USER: UserInfo = {
  username: 'kubernetes-admin',
  groups: ['kubeadm:cluster-admins', 'system:masters', 'system:authenticated'],
};

/** Paths the system:public-info-viewer role opens to anonymous callers. */
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** localhost, 127.0.0.0/8 and ::1, with or without a port. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  let name = host.trim().toLowerCase();
  if (name.startsWith('[')) {
    const end = name.indexOf(']');
    if (end < 0) return false;
    name = name.slice(1, end);
    return name === '::1';
  }
  const colon = name.lastIndexOf(':');
  if (colon >= 0) {
    if (!/^\d+$/.test(name.slice(colon + 1))) return false;
    name = name.slice(0, colon);
  }
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

export type Admission = { ok: true; user: UserInfo | undefined } | { ok: false; error: StatusError };

/**
 * Decides whether a request may go on, and as whom: undefined user for an anonymous request
 * to a public path. Errors carry the Status kube-apiserver sends.
 */
export function admitRequest(headers: IncomingHttpHeaders, path: string, token: string): Admission {
  if (!isLoopbackHost(headers.host)) {
    return { ok: false, error: newForbiddenError(undefined, '', 'requests must name a loopback host (localhost or 127.0.0.1)') };
  }
  if (headers.origin !== undefined) {
    return { ok: false, error: newForbiddenError(undefined, '', 'requests from a browser (with an Origin header) are refused') };
  }
  const auth = headers.authorization;
  if (auth === undefined) {
    const base = path.replace(/\/+$/, '') || '/';
    if (PUBLIC_PATHS.has(base) || base.startsWith('/healthz/') || base.startsWith('/livez/') || base.startsWith('/readyz/')) {
      return { ok: true, user: undefined };
    }
    return { ok: false, error: newUnauthorized() };
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  if (!m || !sameToken(m[1] as string, token)) return { ok: false, error: newUnauthorized() };
  return { ok: true, user: ADMIN_USER };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The calling program as the walkthrough names it: every kubectl (and the gcloud dispatcher
 * in front of it) is `kubectl`; other clients by the first word of their user agent.
 */
export function callerName(userAgent: string | undefined): string {
  const program = (userAgent ?? '').split(/[/\s]/)[0]?.trim() ?? '';
  if (program === '' || program.toLowerCase().startsWith('kubectl')) return 'kubectl';
  return program;
}
