/**
 * sim/apiserver: the simulated kube-apiserver. Every request goes authentication ->
 * authorization (RBAC) -> admission -> defaulting -> validation -> etcd (sim/store), with
 * watches fanned out from one store watch per resource, managedFields and server-side apply
 * in fieldmanager/, and the tables `kubectl get` prints in printers/. Imports sim/core,
 * sim/api and sim/store; nothing above it. Other components reach it only through
 * sim/client (the request types in types.ts are shared with it).
 */
export { ApiServer, type ApiServerOptions } from './apiserver';
export type * from './types';
export { PATCH_CONTENT_TYPES } from './types';
export { COMPACTION_INTERVAL_MS } from './compactor';
