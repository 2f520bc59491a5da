/**
 * `kubectl get` columns of the configuration and cluster resources: namespaces, configmaps,
 * secrets, serviceaccounts, endpoints, endpointslices, leases, priorityclasses, role
 * bindings, controllerrevisions and volumes (pkg/printers/internalversion).
 */
import type { ConfigMap, Endpoints, Namespace, PersistentVolume, PersistentVolumeClaim, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { ClusterRoleBinding } from 'kubernetes-types/rbac/v1';
import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import type { Printer, TableColumn } from './types';
import { age } from './format';
import { AGE_DOC, NAME_DOC, fieldDoc } from './docs';

const NAME: TableColumn = { name: 'Name', type: 'string', format: 'name', description: NAME_DOC, priority: 0 };
const AGE: TableColumn = { name: 'Age', type: 'string', description: AGE_DOC, priority: 0 };
const col = (name: string, description: string, type: TableColumn['type'] = 'string', priority = 0): TableColumn => ({ name, type, description, priority });
const nameOf = (o: { metadata?: { name?: string } }): string => o.metadata?.name ?? '';
const ageOf = (o: { metadata?: { creationTimestamp?: string } }, now: number): string => age(o.metadata?.creationTimestamp, now);

export const namespacePrinter: Printer = {
  columns: [NAME, col('Status', 'The status of the namespace'), AGE],
  row: (obj, now) => {
    const ns = obj as unknown as Namespace;
    return [nameOf(ns), ns.status?.phase ?? '', ageOf(ns, now)];
  },
};

export const configMapPrinter: Printer = {
  columns: [NAME, col('Data', fieldDoc('io.k8s.api.core.v1.ConfigMap', 'data')), AGE],
  row: (obj, now) => {
    const cm = obj as unknown as ConfigMap;
    return [nameOf(cm), Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, ageOf(cm, now)];
  },
};

export const secretPrinter: Printer = {
  columns: [NAME, col('Type', fieldDoc('io.k8s.api.core.v1.Secret', 'type')), col('Data', fieldDoc('io.k8s.api.core.v1.Secret', 'data')), AGE],
  row: (obj, now) => {
    const s = obj as unknown as Secret;
    return [nameOf(s), s.type ?? '', Object.keys(s.data ?? {}).length, ageOf(s, now)];
  },
};

export const serviceAccountPrinter: Printer = {
  columns: [NAME, col('Secrets', fieldDoc('io.k8s.api.core.v1.ServiceAccount', 'secrets')), AGE],
  row: (obj, now) => {
    const sa = obj as unknown as ServiceAccount;
    return [nameOf(sa), (sa.secrets ?? []).length, ageOf(sa, now)];
  },
};

/** formatEndpoints: up to three ip:port, then "+ N more...". */
function endpointsText(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let count = 0;
  let more = false;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

export const endpointsPrinter: Printer = {
  columns: [NAME, col('Endpoints', fieldDoc('io.k8s.api.core.v1.Endpoints', 'subsets')), AGE],
  row: (obj, now) => {
    const ep = obj as unknown as Endpoints;
    return [nameOf(ep), endpointsText(ep), ageOf(ep, now)];
  },
};

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const text = list.join(',');
  if (more) return `${text} + ${count - max} more...`;
  return text === '' ? '<unset>' : text;
}

const ES = 'io.k8s.api.discovery.v1.EndpointSlice';
export const endpointSlicePrinter: Printer = {
  columns: [NAME, col('AddressType', fieldDoc(ES, 'addressType')), col('Ports', fieldDoc(ES, 'ports')), col('Endpoints', fieldDoc(ES, 'endpoints')), AGE],
  row: (obj, now) => {
    const es = obj as unknown as EndpointSlice;
    const max = 3;
    const ports: string[] = [];
    let portCount = 0;
    let morePorts = false;
    for (const p of es.ports ?? []) {
      if (ports.length < max) ports.push(p.port !== undefined ? String(p.port) : (p.name ?? '*'));
      else morePorts = true;
      portCount++;
    }
    const addrs: string[] = [];
    let addrCount = 0;
    let moreAddrs = false;
    for (const e of es.endpoints ?? []) {
      for (const a of e.addresses) {
        if (addrs.length < max) addrs.push(a);
        else moreAddrs = true;
        addrCount++;
      }
    }
    return [nameOf(es), es.addressType, listWithMore(ports, morePorts, portCount, max), listWithMore(addrs, moreAddrs, addrCount, max), ageOf(es, now)];
  },
};

export const leasePrinter: Printer = {
  columns: [NAME, col('Holder', fieldDoc('io.k8s.api.coordination.v1.LeaseSpec', 'holderIdentity')), AGE],
  row: (obj, now) => {
    const l = obj as unknown as Lease;
    return [nameOf(l), l.spec?.holderIdentity ?? '', ageOf(l, now)];
  },
};

const PC = 'io.k8s.api.scheduling.v1.PriorityClass';
export const priorityClassPrinter: Printer = {
  columns: [NAME, col('Value', fieldDoc(PC, 'value'), 'integer'), col('Global-Default', fieldDoc(PC, 'globalDefault'), 'boolean'), AGE, col('PreemptionPolicy', fieldDoc(PC, 'preemptionPolicy'))],
  row: (obj, now) => {
    const pc = obj as unknown as PriorityClass;
    return [nameOf(pc), pc.value, pc.globalDefault ?? false, ageOf(pc, now), pc.preemptionPolicy ?? ''];
  },
};

function bindingPrinter(what: string): Printer {
  return {
    columns: [
      NAME,
      col('Role', fieldDoc(`io.k8s.api.rbac.v1.${what === 'roleBinding' ? 'RoleBinding' : 'ClusterRoleBinding'}`, 'roleRef')),
      AGE,
      col('Users', `Users in the ${what}`, 'string', 1),
      col('Groups', `Groups in the ${what}`, 'string', 1),
      col('ServiceAccounts', `ServiceAccounts in the ${what}`, 'string', 1),
    ],
    row: (obj, now) => {
      const b = obj as unknown as ClusterRoleBinding;
      const users: string[] = [];
      const groups: string[] = [];
      const sas: string[] = [];
      for (const s of b.subjects ?? []) {
        if (s.kind === 'User') users.push(s.name);
        else if (s.kind === 'Group') groups.push(s.name);
        else if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
      }
      return [nameOf(b), `${b.roleRef.kind}/${b.roleRef.name}`, ageOf(b, now), users.join(', '), groups.join(', '), sas.join(', ')];
    },
  };
}
export const roleBindingPrinter = bindingPrinter('roleBinding');
export const clusterRoleBindingPrinter = bindingPrinter('clusterRoleBinding');

export const controllerRevisionPrinter: Printer = {
  columns: [NAME, col('Controller', 'Controller of the object'), col('Revision', fieldDoc('io.k8s.api.apps.v1.ControllerRevision', 'revision')), AGE],
  row: (obj, now) => {
    const cr = obj as unknown as ControllerRevision;
    const ref = (cr.metadata?.ownerReferences ?? []).find((r) => r.controller);
    let controller = '<none>';
    if (ref) {
      const slash = ref.apiVersion.indexOf('/');
      const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
      controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
    }
    return [nameOf(cr), controller, cr.revision, ageOf(cr, now)];
  },
};

/** GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order, each once. */
function accessModes(modes: readonly string[] | undefined): string {
  const short: [string, string][] = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];
  return short.filter(([m]) => (modes ?? []).includes(m)).map(([, s]) => s).join(',');
}

const PV = 'io.k8s.api.core.v1.PersistentVolumeSpec';
export const persistentVolumePrinter: Printer = {
  columns: [
    NAME,
    col('Capacity', fieldDoc(PV, 'capacity')),
    col('Access Modes', fieldDoc(PV, 'accessModes')),
    col('Reclaim Policy', fieldDoc(PV, 'persistentVolumeReclaimPolicy')),
    col('Status', fieldDoc('io.k8s.api.core.v1.PersistentVolumeStatus', 'phase')),
    col('Claim', fieldDoc(PV, 'claimRef')),
    col('StorageClass', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'VolumeAttributesClass of the pv'),
    col('Reason', fieldDoc('io.k8s.api.core.v1.PersistentVolumeStatus', 'reason')),
    AGE,
    col('VolumeMode', fieldDoc(PV, 'volumeMode'), 'string', 1),
  ],
  row: (obj, now) => {
    const pv = obj as unknown as PersistentVolume;
    const spec = pv.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    const phase = pv.metadata?.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? '');
    const cls = spec.storageClassName ?? pv.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
    return [
      nameOf(pv),
      spec.capacity?.storage ?? '0',
      accessModes(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? '',
      phase,
      claim,
      cls,
      spec.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      ageOf(pv, now),
      spec.volumeMode ?? '<unset>',
    ];
  },
};

const PVC = 'io.k8s.api.core.v1.PersistentVolumeClaim';
export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    NAME,
    col('Status', fieldDoc(`${PVC}Status`, 'phase')),
    col('Volume', fieldDoc(`${PVC}Spec`, 'volumeName')),
    col('Capacity', fieldDoc(`${PVC}Status`, 'capacity')),
    col('Access Modes', fieldDoc(`${PVC}Status`, 'accessModes')),
    col('StorageClass', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
    AGE,
    col('VolumeMode', fieldDoc(`${PVC}Spec`, 'volumeMode'), 'string', 1),
  ],
  row: (obj, now) => {
    const pvc = obj as unknown as PersistentVolumeClaim;
    const spec = pvc.spec ?? {};
    const phase = pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? '');
    const bound = !!spec.volumeName;
    const cls = spec.storageClassName ?? pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
    return [
      nameOf(pvc),
      phase,
      spec.volumeName ?? '',
      bound ? (pvc.status?.capacity?.storage ?? '0') : '',
      bound ? accessModes(pvc.status?.accessModes) : '',
      cls,
      spec.volumeAttributesClassName ?? '<unset>',
      ageOf(pvc, now),
      spec.volumeMode ?? '<unset>',
    ];
  },
};
