/**
 * host/explorer: the cluster explorer (tree view of nodes, namespaces, workloads, services
 * and events), the read-only YAML / describe / logs documents, and Show Events (a
 * `kubectl get events --watch` terminal). The tree model, describe text, tables and the
 * events watch are pure (no 'vscode') and tested in test/unit/host-pure.
 * May import 'vscode', the host's ClusterService, sim (through cluster.ts, sim/api and the
 * API server's printers) and kubernetes-types.
 */
export { registerExplorer, EXPLORER_VIEW, type Explorer } from './register';
export { ExplorerProvider, type Row } from './treeProvider';
export { buildExplorer, type ModelInput } from './model';
export { type ExplorerItem, type ItemRef, type Action } from './item';
export { summarize, podHealth, nodeHealth, type ClusterSummary, type Health } from './health';
export { documentUri, parseDocumentUri, SCHEME, type View } from './documents';
export { SHOW_EVENTS_COMMAND } from './eventsTerminal';
export { deleteObject, getObject, infoFor, kindArg, podLogs, resourceArg } from './objects';
