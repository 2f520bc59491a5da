/**
 * "Send Request to Service": curl a Service's cluster DNS name from a node, and show in the
 * output channel which rules kube-proxy's nat table sent the packet through and which pod
 * answered. Sending again shows the load balancing.
 */
import * as vscode from 'vscode';
import type { Service } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../sim/api/types';
import type { RequestResult } from '../../sim/node';
import { echo, targetOf, type CommandDeps } from './context';

export interface RequestTarget {
  namespace: string;
  service: string;
  port: number;
}

/** The lines the output channel shows for one request. */
export function requestLines(result: RequestResult): string[] {
  const lines = result.steps.map((s) => `  ${s}`);
  if (result.ok) {
    lines.push(`=> answered by pod ${result.pod ?? '?'} on ${result.node ?? '?'}${result.container ? ` (container ${result.container})` : ''}: HTTP ${result.status ?? 200}`);
    lines.push(`   through ${result.chains.join(' -> ') || 'no kube-proxy rule'}`);
    const title = /<title>([^<]*)<\/title>/.exec(result.body ?? '')?.[1];
    const firstLine = (result.body ?? '').split('\n').find((l) => l.trim() !== '');
    if (title ?? firstLine) lines.push(`   ${title ? `<title>${title}</title>` : firstLine}`);
  } else {
    lines.push(`=> ${result.error ?? 'no answer'}`);
  }
  return lines;
}

async function pickPort(svc: Service): Promise<number | undefined> {
  const ports = (svc.spec?.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP');
  if (ports.length <= 1) return ports[0]?.port;
  const picked = await vscode.window.showQuickPick(
    ports.map((p) => ({ label: String(p.port), description: p.name ?? '', port: p.port })),
    { title: `Which port of service/${svc.metadata?.name ?? ''}?` },
  );
  return picked?.port;
}

/** Sends one request; returns the result, or undefined when no node can send it. */
export async function sendRequest(deps: CommandDeps, target: RequestTarget): Promise<RequestResult | undefined> {
  const host = `${target.service}.${target.namespace}.svc.cluster.local`;
  const { result, from } = await deps.cluster.run((c) => {
    const nodes = [...c.nodes.values()];
    const sender = nodes.find((n) => n.spec.role === 'worker' && n.kubeletRunning) ?? nodes.find((n) => n.kubeletRunning) ?? nodes[0];
    return { result: sender?.curl(`${host}:${target.port}`), from: sender?.spec.name };
  });
  if (!result || !from) {
    void vscode.window.showErrorMessage('No node can send the request.');
    return undefined;
  }
  echo(deps, `curl http://${host}:${target.port}/    # from node ${from}`, requestLines(result));
  return result;
}

export function registerSendRequest(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.sendRequest', async (arg?: unknown, portArg?: unknown) => {
    const ref = await targetOf(arg, deps, ['Service'], 'Send Request to Service');
    if (!ref) return undefined;
    const svc = deps.cluster.peek((c) => c.kubectl.tryGet<KubeObject>({ group: '', version: 'v1', resource: 'services' }, ref.namespace ?? 'default', ref.name)) as unknown as Service | undefined;
    if (!svc) {
      void vscode.window.showErrorMessage(`Error from server (NotFound): services "${ref.name}" not found`);
      return undefined;
    }
    const port = typeof portArg === 'number' ? portArg : await pickPort(svc);
    if (port === undefined) return undefined;
    const result = await sendRequest(deps, { namespace: ref.namespace ?? 'default', service: ref.name, port });
    if (!result) return undefined;
    deps.output.show(true);
    const summary = result.ok
      ? `service/${ref.name} answered from pod ${result.pod ?? '?'} on ${result.node ?? '?'} (HTTP ${result.status ?? 200}).`
      : `service/${ref.name}: ${result.error ?? 'no answer'}`;
    const shown = result.ok ? vscode.window.showInformationMessage(summary, 'Send Again') : vscode.window.showWarningMessage(summary, 'Send Again');
    // Not awaited: the command returns while the notification waits for a click.
    void shown.then((again) => again === 'Send Again' && vscode.commands.executeCommand('kubeWalkthrough.sendRequest', ref, port));
    return result;
  });
}
