/**
 * apiserver/printers: the server-side tables (meta.k8s.io Table) that `kubectl get` prints,
 * with upstream's columns. Also used by the CLI to print what kubectl would.
 */
import type { Printer } from './types';
import { podPrinter } from './pods';
import { deploymentPrinter, replicaSetPrinter } from './workloads';
import { eventPrinter, nodePrinter, servicePrinter } from './cluster';

export * from './types';
export * from './format';
export { podStatusText } from './pods';
export { eventObject, eventLastSeen } from './cluster';

const PRINTERS: Record<string, Printer> = {
  '/pods': podPrinter,
  'apps/deployments': deploymentPrinter,
  'apps/replicasets': replicaSetPrinter,
  '/services': servicePrinter,
  '/nodes': nodePrinter,
  '/events': eventPrinter,
};

export function printerFor(group: string, plural: string): Printer | undefined {
  return PRINTERS[`${group}/${plural}`];
}
