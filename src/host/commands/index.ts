/**
 * host/commands: one factory per command. apply.ts is "Apply to Simulated Cluster"; the rest
 * (registered by registerCommands) act on the cluster, its objects and nodes, and drive the
 * Get Started walkthrough. May import 'vscode', the host's services and explorer, manifest,
 * workflow, protocol and sim (through cluster.ts, sim/api, sim/node's actions and the
 * client's kubectl texts).
 */
import type * as vscode from 'vscode';
import { registerClusterCommands } from './cluster';
import type { CommandDeps } from './context';
import { registerNodeCommands } from './nodes';
import { registerObjectActions } from './objectActions';
import { registerSendRequest } from './request';
import { registerSampleCommands } from './sample';

export { CATEGORY, type CommandDeps } from './context';
export { deleteManifest } from './cluster';
export { requestLines, sendRequest, type RequestTarget } from './request';
export { rootOwner, walkthroughFor } from './walkThrough';

/** Every command but apply (registered on its own) and Show Events (with the explorer). */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    ...registerClusterCommands(deps),
    ...registerNodeCommands(deps),
    ...registerObjectActions(deps),
    registerSendRequest(deps),
    ...registerSampleCommands(deps),
  ];
}
