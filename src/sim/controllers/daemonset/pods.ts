/**
 * Daemon pods: the template as util.CreatePodTemplate makes it (the tolerations every
 * daemon pod gets, controller-revision-hash and pod-template-generation labels), pinned to
 * its node with required node affinity on metadata.name so the scheduler places it, and
 * NodeShouldRunDaemonPod's verdict for a node.
 */
import type { Affinity, PodSpec, PodTemplateSpec, Taint, Toleration } from 'kubernetes-types/core/v1';
import { deepClone } from '../../api/objects';
import { matchesRequiredNodeAffinity } from '../common/nodeaffinity';
import { toleratesTaint } from '../common/taints';
import type { DaemonSetObj, NodeObj, PodObj } from '../common/types';

export const REVISION_HASH_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
const NETWORK_UNAVAILABLE: Toleration = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' };

/** AddOrUpdateTolerationInPodSpec for each toleration a daemon pod needs. */
export function addDaemonTolerations(spec: PodSpec): void {
  const wanted = [...DAEMON_TOLERATIONS, ...(spec.hostNetwork ? [NETWORK_UNAVAILABLE] : [])];
  const list = [...(spec.tolerations ?? [])];
  for (const t of wanted) {
    const i = list.findIndex((x) => x.key === t.key && (x.operator ?? 'Equal') === t.operator && (x.value ?? '') === '' && x.effect === t.effect);
    if (i >= 0) list[i] = { ...t };
    else list.push({ ...t });
  }
  spec.tolerations = list;
}

/** util.CreatePodTemplate */
export function daemonTemplate(ds: DaemonSetObj, hash: string): PodTemplateSpec {
  const t = deepClone(ds.spec?.template ?? {}) as PodTemplateSpec;
  t.spec = t.spec ?? { containers: [] };
  addDaemonTolerations(t.spec);
  t.metadata = { ...t.metadata, labels: { ...t.metadata?.labels, [TEMPLATE_GENERATION_LABEL]: String(ds.metadata.generation ?? 1) } };
  if (hash) (t.metadata.labels as Record<string, string>)[REVISION_HASH_LABEL] = hash;
  return t;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity */
export function pinToNode(affinity: Affinity | undefined, node: string): Affinity {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] };
  const a: Affinity = affinity ? deepClone(affinity) : {};
  a.nodeAffinity = a.nodeAffinity ?? {};
  a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
  return a;
}

/** util.GetTargetNodeName: spec.nodeName, or the node the affinity pins the pod to. */
export function targetNode(pod: PodObj): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) {
    for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

function untolerated(taints: readonly Taint[], tolerations: readonly Toleration[], effects: readonly string[]): boolean {
  return taints.some((t) => effects.includes(t.effect) && !tolerations.some((x) => toleratesTaint(x, t)));
}

/** NodeShouldRunDaemonPod: [should run a new pod, should keep running an existing one]. */
export function shouldRun(node: NodeObj, ds: DaemonSetObj): [boolean, boolean] {
  const spec = deepClone(ds.spec?.template?.spec ?? { containers: [] }) as PodSpec;
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return [false, false];
  addDaemonTolerations(spec);
  if (!matchesRequiredNodeAffinity(spec, node)) return [false, false];
  const taints = node.spec?.taints ?? [];
  const tolerations = spec.tolerations ?? [];
  if (untolerated(taints, tolerations, ['NoSchedule', 'NoExecute'])) return [false, !untolerated(taints, tolerations, ['NoExecute'])];
  return [true, true];
}
