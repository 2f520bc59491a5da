/** Which printer draws which resource, keyed `group/plural` ('' for the core group). */
import type { Printer } from './types';
import { podPrinter } from './pods';
import { deploymentPrinter, replicaSetPrinter } from './workloads';
import { cronJobPrinter, daemonSetPrinter, jobPrinter, statefulSetPrinter } from './workloads2';
import { eventPrinter, nodePrinter, servicePrinter } from './cluster';
import {
  clusterRoleBindingPrinter,
  configMapPrinter,
  controllerRevisionPrinter,
  endpointSlicePrinter,
  endpointsPrinter,
  leasePrinter,
  namespacePrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  priorityClassPrinter,
  roleBindingPrinter,
  secretPrinter,
  serviceAccountPrinter,
} from './config';

const PRINTERS: Record<string, Printer> = {
  '/pods': podPrinter,
  'apps/deployments': deploymentPrinter,
  'apps/replicasets': replicaSetPrinter,
  'apps/statefulsets': statefulSetPrinter,
  'apps/daemonsets': daemonSetPrinter,
  'apps/controllerrevisions': controllerRevisionPrinter,
  'batch/jobs': jobPrinter,
  'batch/cronjobs': cronJobPrinter,
  '/services': servicePrinter,
  '/endpoints': endpointsPrinter,
  'discovery.k8s.io/endpointslices': endpointSlicePrinter,
  '/nodes': nodePrinter,
  '/events': eventPrinter,
  '/namespaces': namespacePrinter,
  '/configmaps': configMapPrinter,
  '/secrets': secretPrinter,
  '/serviceaccounts': serviceAccountPrinter,
  '/persistentvolumes': persistentVolumePrinter,
  '/persistentvolumeclaims': persistentVolumeClaimPrinter,
  'coordination.k8s.io/leases': leasePrinter,
  'scheduling.k8s.io/priorityclasses': priorityClassPrinter,
  'rbac.authorization.k8s.io/rolebindings': roleBindingPrinter,
  'rbac.authorization.k8s.io/clusterrolebindings': clusterRoleBindingPrinter,
};

export function printerFor(group: string, plural: string): Printer | undefined {
  return PRINTERS[`${group}/${plural}`];
}
