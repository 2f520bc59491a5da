/**
 * Node commands: Add Node (a worker sized by the settings), Stop Node / Start Node (the
 * kubelet stops or starts: heartbeats end, the node lifecycle controller marks the node
 * NotReady after its grace period and evicts the pods later), Cordon and Uncordon.
 */
import * as vscode from 'vscode';
import { cordon, uncordon } from '../../sim/node';
import type { KubeObject } from '../../sim/api/types';
import { clusterOptionsFromSettings } from '../clusterService';
import { nodeHealth } from '../explorer';
import { echo, serverError, type CommandDeps } from './context';

/** node-monitor-grace-period (40s) plus the 300s tolerationSeconds of the NoExecute taints, and a little more. */
const EVICTION_WAIT_MS = 6 * 60_000;

interface NodeChoice {
  name: string;
  status: string;
  kubeletRunning: boolean;
  cordoned: boolean;
}

function nodeChoices(deps: CommandDeps): NodeChoice[] {
  return deps.cluster.peek((c) => {
    const objects = c.kubectl.list<KubeObject>({ group: '', version: 'v1', resource: 'nodes' }).items;
    return objects.map((o) => {
      const name = o.metadata.name ?? '';
      const h = nodeHealth(o);
      return { name, status: h.status, kubeletRunning: c.nodes.get(name)?.kubeletRunning ?? false, cordoned: h.status.includes('SchedulingDisabled') };
    });
  });
}

/** The node named by a tree row or argument, else one picked among those `fits` allows. */
async function pickNode(arg: unknown, deps: CommandDeps, fits: (n: NodeChoice) => boolean, title: string, none: string): Promise<string | undefined> {
  if (typeof arg === 'string') return arg;
  const id = (arg as { id?: unknown } | undefined)?.id;
  const fromTree = typeof id === 'string' ? deps.explorer.provider.item(id)?.ref : undefined;
  if (fromTree?.kind === 'Node') return fromTree.name;
  const choices = nodeChoices(deps).filter(fits);
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(none);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    choices.map((n) => ({ label: n.name, description: `${n.status}${n.kubeletRunning ? '' : ' · kubelet stopped'}` })),
    { title, placeHolder: 'Pick a node' },
  );
  return picked?.label;
}

function addNode(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.addNode', async () => {
    const size = clusterOptionsFromSettings(vscode.workspace.getConfiguration('kubeWalkthrough')).workerSize;
    const name = await deps.cluster.run((c) => c.addWorker(size).spec.name);
    echo(deps, `# a new machine joins: its kubelet registers node/${name}`, [`node/${name} registered (cpu ${size?.cpu ?? '2'}, memory ${size?.memory ?? '4Gi'})`]);
    void vscode.window.showInformationMessage(`${name} joined the cluster: its kubelet registered the Node and the scheduler can place pods there.`);
    return name;
  });
}

function stopNode(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.stopNode', async (arg?: unknown) => {
    const name = await pickNode(arg, deps, (n) => n.kubeletRunning, 'Stop Node (systemctl stop kubelet)', 'Every kubelet is already stopped.');
    if (!name) return undefined;
    const agent = deps.cluster.get().nodes.get(name);
    if (!agent) return undefined;
    await deps.cluster.run(() => agent.stopKubelet());
    echo(deps, `# on ${name}: systemctl stop kubelet`, [`kubelet on ${name} stopped: no more node status updates or Lease renewals`]);
    const shown = vscode.window.showInformationMessage(
      `Stopped the kubelet on ${name}. Without its heartbeats the node lifecycle controller marks the node NotReady after 40s, taints it, and evicts its pods 300s later.`,
      'Fast-Forward 6 Minutes',
      'Show Events',
    );
    void shown.then(async (pick) => {
      if (pick === 'Fast-Forward 6 Minutes') await fastForward(deps, EVICTION_WAIT_MS);
      else if (pick === 'Show Events') await vscode.commands.executeCommand('kubeWalkthrough.showEvents');
    });
    return name;
  });
}

function startNode(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.startNode', async (arg?: unknown) => {
    const name = await pickNode(arg, deps, (n) => !n.kubeletRunning, 'Start Node (systemctl start kubelet)', 'Every kubelet is running.');
    if (!name) return undefined;
    const agent = deps.cluster.get().nodes.get(name);
    if (!agent) return undefined;
    await deps.cluster.run(() => agent.startKubelet());
    echo(deps, `# on ${name}: systemctl start kubelet`, [`kubelet on ${name} started: it registers again and reports Ready`]);
    void vscode.window.showInformationMessage(`Started the kubelet on ${name}: it posts node status again and the node returns to Ready.`);
    return name;
  });
}

function cordonCommand(deps: CommandDeps, id: string, on: boolean): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (arg?: unknown) => {
    const name = await pickNode(arg, deps, (n) => n.cordoned !== on, on ? 'Cordon Node' : 'Uncordon Node', on ? 'Every node is already cordoned.' : 'No node is cordoned.');
    if (!name) return undefined;
    const line = await deps.cluster.run((c) => {
      try {
        return on ? cordon(c.kubectl, name) : uncordon(c.kubectl, name);
      } catch (err) {
        return serverError(err);
      }
    });
    echo(deps, `kubectl ${on ? 'cordon' : 'uncordon'} ${name}`, [line]);
    void vscode.window.showInformationMessage(line);
    return line;
  });
}

export async function fastForward(deps: CommandDeps, ms: number): Promise<void> {
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Fast-forwarding the simulated cluster ${Math.round(ms / 1000)}s`, cancellable: true },
    (_p, token) => deps.cluster.advance(ms, token),
  );
}

function fastForwardCommand(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('kubeWalkthrough.fastForward', async (msArg?: unknown) => {
    let ms = typeof msArg === 'number' ? msArg : undefined;
    if (ms === undefined) {
      const picked = await vscode.window.showQuickPick(
        [
          { label: '10 seconds', ms: 10_000 },
          { label: '1 minute', ms: 60_000, detail: 'A stopped node goes NotReady after 40s' },
          { label: '6 minutes', ms: EVICTION_WAIT_MS, detail: 'Pods on a NotReady node are evicted 300s after it is tainted' },
          { label: '1 hour', ms: 3_600_000 },
        ],
        { title: 'Fast-Forward Time', placeHolder: 'How much virtual time should pass?' },
      );
      ms = picked?.ms;
    }
    if (ms !== undefined) await fastForward(deps, ms);
  });
}

export function registerNodeCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    addNode(deps),
    stopNode(deps),
    startNode(deps),
    cordonCommand(deps, 'kubeWalkthrough.cordonNode', true),
    cordonCommand(deps, 'kubeWalkthrough.uncordonNode', false),
    fastForwardCommand(deps),
  ];
}
