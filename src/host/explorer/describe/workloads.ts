/** `kubectl describe` for Deployments and ReplicaSets, with the pod template they share. */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Event, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { labelSelectorText } from '../../../sim/apiserver/printers';
import { describeContainers, describeVolumes } from './pod';
import { annotationsMultiline, describeEvents, DescribeWriter, labelsMultiline, rfc1123z, tolerationsMultiline } from './writer';

export function describePodTemplate(w: DescribeWriter, template: PodTemplateSpec | undefined): void {
  w.line(0, 'Pod Template:');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  labelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) annotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  const spec = template.spec;
  if (spec?.serviceAccountName) w.line(1, `Service Account:\t${spec.serviceAccountName}`);
  if (spec?.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', spec?.containers ?? [], undefined, '  ');
  describeVolumes(w, spec?.volumes, '  ');
  if (spec?.priorityClassName) w.line(1, `Priority Class Name:\t${spec.priorityClassName}`);
  labelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', spec?.tolerations, '  ');
}

function conditionsTable(w: DescribeWriter, conditions: readonly { type: string; status: string; reason?: string }[] | undefined): void {
  if (!conditions?.length) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.line(1, '----\t------\t------');
  for (const c of conditions) w.line(1, `${c.type} \t${c.status}\t${c.reason ?? ''}`);
}

function podsStatus(pods: readonly Pod[]): string {
  const count = (phase: string): number => pods.filter((p) => p.status?.phase === phase).length;
  return `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`;
}

/** printReplicaSetsByLabels */
function replicaSetsText(sets: readonly ReplicaSet[]): string {
  if (sets.length === 0) return '<none>';
  return sets.map((rs) => `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
}

export function describeDeployment(d: Deployment, owned: readonly ReplicaSet[], events: readonly Event[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const st = d.status ?? {};
  w.line(0, `Name:\t${d.metadata?.name ?? ''}`);
  w.line(0, `Namespace:\t${d.metadata?.namespace ?? ''}`);
  w.line(0, `CreationTimestamp:\t${rfc1123z(d.metadata?.creationTimestamp)}`);
  labelsMultiline(w, 'Labels', d.metadata?.labels);
  annotationsMultiline(w, 'Annotations', d.metadata?.annotations);
  w.line(0, `Selector:\t${labelSelectorText(d.spec?.selector)}`);
  w.line(0, `Replicas:\t${d.spec?.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`);
  w.line(0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}`);
  w.line(0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}`);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru) w.line(0, `RollingUpdateStrategy:\t${String(ru.maxUnavailable ?? '25%')} max unavailable, ${String(ru.maxSurge ?? '25%')} max surge`);
  describePodTemplate(w, d.spec?.template);
  conditionsTable(w, st.conditions);
  const revision = d.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  const isNew = (rs: ReplicaSet): boolean => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision;
  const newRS = owned.filter(isNew);
  const oldRS = owned.filter((rs) => !isNew(rs) && (rs.spec?.replicas ?? 0) > 0);
  w.line(0, `OldReplicaSets:\t${replicaSetsText(oldRS)}`);
  w.line(0, `NewReplicaSet:\t${replicaSetsText(newRS)}`);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeReplicaSet(rs: ReplicaSet, pods: readonly Pod[], events: readonly Event[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${rs.metadata?.name ?? ''}`);
  w.line(0, `Namespace:\t${rs.metadata?.namespace ?? ''}`);
  w.line(0, `Selector:\t${labelSelectorText(rs.spec?.selector)}`);
  labelsMultiline(w, 'Labels', rs.metadata?.labels);
  annotationsMultiline(w, 'Annotations', rs.metadata?.annotations);
  const owner = (rs.metadata?.ownerReferences ?? []).find((r) => r.controller);
  if (owner) w.line(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  w.line(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired`);
  w.line(0, `Pods Status:\t${podsStatus(pods)}`);
  describePodTemplate(w, rs.spec?.template);
  conditionsTable(w, rs.status?.conditions);
  describeEvents(w, events, now);
  return w.toString();
}
