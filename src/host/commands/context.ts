/**
 * What the commands share: the cluster, the output channel, the explorer, and how a command
 * finds its object (a tree row, a reference passed by another command, or a quick pick).
 */
import * as vscode from 'vscode';
import type { ClusterService } from '../clusterService';
import type { Explorer, ItemRef } from '../explorer';
import { nodeHealth, podHealth } from '../explorer';
import type { Walkthrough } from '../../protocol/workflow';
import type { KubeObject } from '../../sim/api/types';
import { StatusError } from '../../sim/api/errors';

export interface CommandDeps {
  cluster: ClusterService;
  output: vscode.OutputChannel;
  explorer: Explorer;
  extensionUri: vscode.Uri;
  openWalkthrough?: (w: Walkthrough) => void;
}

export const CATEGORY = 'Kube Walkthrough';

function isRef(x: unknown): x is ItemRef {
  const r = x as Partial<ItemRef> | undefined;
  return typeof r === 'object' && r !== null && typeof r.kind === 'string' && typeof r.name === 'string';
}

/** The object a command was invoked on, or one the person picks among `kinds`. */
export async function targetOf(arg: unknown, deps: CommandDeps, kinds: readonly string[], title: string): Promise<ItemRef | undefined> {
  if (isRef(arg)) return { apiVersion: arg.apiVersion ?? 'v1', kind: arg.kind, name: arg.name, ...(arg.namespace ? { namespace: arg.namespace } : {}) };
  const id = (arg as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string') {
    const ref = deps.explorer.provider.item(id)?.ref;
    if (ref) return ref;
  }
  const objects = deps.cluster.peek((c) => c.objects()).filter((o) => kinds.includes(o.kind));
  if (objects.length === 0) {
    void vscode.window.showInformationMessage(`No ${kinds.join(', ')} objects in the simulated cluster yet.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    objects.map((o) => ({
      label: `${o.kind.toLowerCase()}/${o.metadata.name ?? ''}`,
      description: [o.metadata.namespace, statusOf(o)].filter(Boolean).join(' · '),
      object: o,
    })),
    { title, placeHolder: 'Pick an object', matchOnDescription: true },
  );
  if (!picked) return undefined;
  const o = picked.object;
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '', ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) };
}

function statusOf(o: KubeObject): string {
  if (o.kind === 'Pod') return podHealth(o).status;
  if (o.kind === 'Node') return nodeHealth(o).status;
  return '';
}

/** Writes kubectl-like lines to the output channel, each command under its own `$` line. */
export function echo(deps: CommandDeps, command: string, lines: readonly string[]): void {
  deps.output.appendLine(`$ ${command}`);
  for (const l of lines) deps.output.appendLine(l);
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** kubectl's line for a failed request: `Error from server (NotFound): ...`. */
export function serverError(err: unknown): string {
  if (err instanceof StatusError) return `Error from server${err.status.reason ? ` (${err.status.reason})` : ''}: ${err.status.message ?? ''}`;
  return `error: ${errorText(err)}`;
}
