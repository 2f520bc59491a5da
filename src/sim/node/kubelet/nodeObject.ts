/**
 * The Node object a kubelet registers and the status it keeps reporting: capacity and
 * allocatable (kubeadm's defaults reserve only the hard eviction thresholds), labels,
 * addresses, nodeInfo, conditions and the images on the node.
 */
import type { ContainerImage, Node, NodeCondition } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../../core';
import { parseQuantity } from '../../api/quantity';
import type { ImageRecord } from '../runtime/cri';
import type { NodeSpec } from '../types';

export const KUBELET_VERSION = 'v1.33.4';
export const CONTAINERD_VERSION = 'containerd://1.7.27';
export const KERNEL = '6.8.0-64-generic';
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
/** ephemeral-storage of a typical kind node's disk. */
const DISK_KI = 61202244;
const EVICTION_MEMORY_BYTES = 100 * 1024 * 1024;
/** kubelet's nodeStatusMaxImages */
const MAX_IMAGES = 50;

/** 172.18.0.N as docker gives kind's nodes: the control plane is .2, workers follow. */
export function nodeIPOf(spec: NodeSpec): string {
  const third = Number.parseInt(spec.podCIDR.split('.')[2] ?? '0', 10);
  return `172.18.0.${third + 2}`;
}

export interface NodeIdentity {
  bootID: string;
  machineID: string;
  systemUUID: string;
}

export function nodeLabels(spec: NodeSpec): Record<string, string> {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': spec.name,
    'kubernetes.io/os': 'linux',
  };
  if (spec.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  if (spec.zone) labels['topology.kubernetes.io/zone'] = spec.zone;
  return labels;
}

export function capacityOf(spec: NodeSpec): { capacity: Record<string, string>; allocatable: Record<string, string> } {
  const memBytes = Number(parseQuantity(spec.memory).value());
  const memKi = Math.floor(memBytes / 1024);
  const allocMemKi = Math.floor((memBytes - EVICTION_MEMORY_BYTES) / 1024);
  const diskBytes = DISK_KI * 1024;
  return {
    capacity: {
      cpu: spec.cpu,
      'ephemeral-storage': `${DISK_KI}Ki`,
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: `${memKi}Ki`,
      pods: String(spec.pods),
    },
    allocatable: {
      cpu: spec.cpu,
      'ephemeral-storage': String(Math.floor(diskBytes * 0.9)),
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: `${allocMemKi}Ki`,
      pods: String(spec.pods),
    },
  };
}

/** The images list of node status: biggest first, at most 50, digests then tags. */
export function nodeImages(images: readonly ImageRecord[]): ContainerImage[] {
  return [...images]
    .sort((a, b) => b.size - a.size || a.id.localeCompare(b.id))
    .slice(0, MAX_IMAGES)
    .map((i) => ({ names: [...i.repoDigests, ...i.repoTags], sizeBytes: i.size }));
}

const CONDITIONS: [string, string, string][] = [
  ['MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
];

/** The conditions the kubelet's setters produce; times move only on transitions. */
export function nodeConditions(now: number, previous: readonly NodeCondition[] | undefined): NodeCondition[] {
  const t = rfc3339(now);
  const keep = (type: string, status: string): string => {
    const old = previous?.find((c) => c.type === type);
    return old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : t;
  };
  const out: NodeCondition[] = CONDITIONS.map(([type, reason, message]) => ({
    lastHeartbeatTime: t,
    lastTransitionTime: keep(type, 'False'),
    message,
    reason,
    status: 'False',
    type,
  }));
  out.push({ lastHeartbeatTime: t, lastTransitionTime: keep('Ready', 'True'), message: 'kubelet is posting ready status', reason: 'KubeletReady', status: 'True', type: 'Ready' });
  return out;
}

export function buildNode(spec: NodeSpec, id: NodeIdentity, now: number, images: readonly ImageRecord[]): Node {
  const { capacity, allocatable } = capacityOf(spec);
  const node: Node & { status: Record<string, unknown> } = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels: nodeLabels(spec),
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: spec.podCIDR,
      podCIDRs: [spec.podCIDR],
      providerID: `kind://docker/kind/${spec.name}`,
      ...(spec.role === 'control-plane' ? { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] } : {}),
    },
    status: {
      addresses: [
        { address: nodeIPOf(spec), type: 'InternalIP' },
        { address: spec.name, type: 'Hostname' },
      ],
      allocatable,
      capacity,
      conditions: nodeConditions(now, undefined),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: nodeImages(images),
      nodeInfo: {
        architecture: 'amd64',
        bootID: id.bootID,
        containerRuntimeVersion: CONTAINERD_VERSION,
        kernelVersion: KERNEL,
        kubeProxyVersion: '',
        kubeletVersion: KUBELET_VERSION,
        machineID: id.machineID,
        operatingSystem: 'linux',
        osImage: OS_IMAGE,
        systemUUID: id.systemUUID,
      },
      // 1.33 reports userNamespaces too; kubernetes-types (1.30) does not know the field yet.
      runtimeHandlers: [
        { features: { recursiveReadOnlyMounts: true, userNamespaces: true } as Record<string, boolean>, name: 'runc' },
        { features: { recursiveReadOnlyMounts: true, userNamespaces: true } as Record<string, boolean>, name: '' },
      ],
      features: { supplementalGroupsPolicy: true },
    },
  };
  return node;
}
