/** `kubectl get deployments` and `replicasets` columns. */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Printer } from './types';
import { age, labelSelectorText } from './format';

function containersAndImages(spec: { containers?: { name: string; image?: string }[] } | undefined): [string, string] {
  const cs = spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

export const deploymentPrinter: Printer = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name', priority: 0 },
    { name: 'Ready', type: 'string', description: 'Number of the pod with ready state', priority: 0 },
    { name: 'Up-to-date', type: 'string', description: 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.', priority: 0 },
    { name: 'Available', type: 'string', description: 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.', priority: 0 },
    { name: 'Age', type: 'string', description: 'CreationTimestamp', priority: 0 },
    { name: 'Containers', type: 'string', description: 'Names of each container in the template.', priority: 1 },
    { name: 'Images', type: 'string', description: 'Images referenced by each container in the template.', priority: 1 },
    { name: 'Selector', type: 'string', description: 'Label selector for pods.', priority: 1 },
  ],
  row(obj, now) {
    const d = obj as unknown as Deployment;
    const [c, i] = containersAndImages(d.spec?.template.spec);
    return [
      d.metadata?.name ?? '',
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      age(d.metadata?.creationTimestamp, now),
      c,
      i,
      labelSelectorText(d.spec?.selector),
    ];
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name', priority: 0 },
    { name: 'Desired', type: 'integer', description: 'Number of desired pods.', priority: 0 },
    { name: 'Current', type: 'integer', description: 'Number of actual replicas.', priority: 0 },
    { name: 'Ready', type: 'integer', description: 'The number of ready replicas for this replica set.', priority: 0 },
    { name: 'Age', type: 'string', description: 'CreationTimestamp', priority: 0 },
    { name: 'Containers', type: 'string', description: 'Names of each container in the template.', priority: 1 },
    { name: 'Images', type: 'string', description: 'Images referenced by each container in the template.', priority: 1 },
    { name: 'Selector', type: 'string', description: 'Label selector for pods.', priority: 1 },
  ],
  row(obj, now) {
    const rs = obj as unknown as ReplicaSet;
    const [c, i] = containersAndImages(rs.spec?.template?.spec);
    return [
      rs.metadata?.name ?? '',
      rs.spec?.replicas ?? 0,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      age(rs.metadata?.creationTimestamp, now),
      c,
      i,
      labelSelectorText(rs.spec?.selector),
    ];
  },
};
