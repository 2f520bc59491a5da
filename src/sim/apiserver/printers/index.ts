/**
 * apiserver/printers: the server-side tables (meta.k8s.io Table) that `kubectl get` prints,
 * with upstream's columns. Also used by the CLI to print what kubectl would.
 */
export * from './types';
export * from './format';
export { podStatusText } from './pods';
export { eventObject, eventLastSeen } from './cluster';
export { printerFor } from './registry';
export { toTable, type IncludeObject, type MetaTable, type MetaTableRow, type TableListMeta } from './table';
