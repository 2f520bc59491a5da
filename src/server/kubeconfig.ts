/**
 * The kubeconfig that lets kubectl in: the loopback URL, the serving certificate to trust
 * and the bearer token, written with mode 0600 (owner read/write only), as a credential
 * file must be.
 */
import { chmodSync, mkdirSync, openSync, closeSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export const CONTEXT_NAME = 'kube-walkthrough';

export function kubeconfigText(url: string, token: string, caCert?: string, namespace = 'default'): string {
  const cluster: Record<string, string> = { server: url };
  if (caCert) cluster['certificate-authority-data'] = Buffer.from(caCert).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CONTEXT_NAME, cluster }],
    users: [{ name: `${CONTEXT_NAME}-admin`, user: { token } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: `${CONTEXT_NAME}-admin`, namespace } }],
    'current-context': CONTEXT_NAME,
    preferences: {},
  });
}

export function writeKubeconfig(path: string, url: string, token: string, caCert?: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'w', 0o600);
  try {
    writeSync(fd, kubeconfigText(url, token, caCert));
  } finally {
    closeSync(fd);
  }
  // An existing file keeps its old mode through open(): set it explicitly.
  chmodSync(path, 0o600);
}
