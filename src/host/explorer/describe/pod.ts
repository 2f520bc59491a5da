/** `kubectl describe pod`, and the container and volume sections pod templates share. */
import type { Container, ContainerState, ContainerStatus, Event, Pod, Probe, Volume } from 'kubernetes-types/core/v1';
import { humanDuration } from '../../../sim/apiserver/printers';
import { annotationsMultiline, describeEvents, DescribeWriter, labelsMultiline, rfc1123z, tolerationsMultiline } from './writer';

function probeText(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    return `http-get ${scheme}://${p.httpGet.host ?? ''}:${String(p.httpGet.port)}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeState(w: DescribeWriter, name: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.line(2, `${name}:\tRunning`);
    w.line(3, `Started:\t${rfc1123z(state.running.startedAt)}`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.line(2, `${name}:\tTerminated`);
    if (t.reason) w.line(3, `Reason:\t${t.reason}`);
    if (t.message) w.line(3, `Message:\t${t.message}`);
    w.line(3, `Exit Code:\t${t.exitCode}`);
    if ((t.signal ?? 0) > 0) w.line(3, `Signal:\t${t.signal ?? 0}`);
    w.line(3, `Started:\t${rfc1123z(t.startedAt)}`);
    w.line(3, `Finished:\t${rfc1123z(t.finishedAt)}`);
  } else {
    w.line(2, `${name}:\tWaiting`);
    if (state?.waiting?.reason) w.line(3, `Reason:\t${state.waiting.reason}`);
  }
}

function sortedEntries(list: Record<string, string | number> | undefined): [string, string][] {
  return Object.entries(list ?? {}).map(([k, v]): [string, string] => [k, String(v)]).sort(([a], [b]) => (a < b ? -1 : 1));
}

export function describeContainers(w: DescribeWriter, label: string, containers: readonly Container[], statuses: readonly ContainerStatus[] | undefined, space: string): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.line(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}`);
  for (const c of containers) {
    const status = byName.get(c.name);
    w.line(1, `${space ? ' ' : ''}${c.name}:`);
    if (status) w.line(2, `Container ID:\t${status.containerID ?? ''}`);
    w.line(2, `Image:\t${c.image ?? ''}`);
    if (status) w.line(2, `Image ID:\t${status.imageID}`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.line(2, ports.includes(',') ? `Ports:\t${ports}` : `Port:\t${ports || '<none>'}`);
    w.line(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}` : `Host Port:\t${hostPorts || '<none>'}`);
    if (c.command?.length) {
      w.line(2, 'Command:');
      for (const s of c.command.flatMap((x) => x.split('\n'))) w.line(3, s);
    }
    if (c.args?.length) {
      w.line(2, 'Args:');
      for (const s of c.args.flatMap((x) => x.split('\n'))) w.line(3, s);
    }
    if (status) {
      describeState(w, 'State', status.state);
      if (status.lastState?.terminated) describeState(w, 'Last State', status.lastState);
      w.line(2, `Ready:\t${status.ready ? 'True' : 'False'}`);
      w.line(2, `Restart Count:\t${status.restartCount}`);
    }
    const limits = sortedEntries(c.resources?.limits as Record<string, string> | undefined);
    const requests = sortedEntries(c.resources?.requests as Record<string, string> | undefined);
    if (limits.length > 0) w.line(2, 'Limits:');
    for (const [k, v] of limits) w.line(3, `${k}:\t${v}`);
    if (requests.length > 0) w.line(2, 'Requests:');
    for (const [k, v] of requests) w.line(3, `${k}:\t${v}`);
    if (c.livenessProbe) w.line(2, `Liveness:\t${probeText(c.livenessProbe)}`);
    if (c.readinessProbe) w.line(2, `Readiness:\t${probeText(c.readinessProbe)}`);
    if (c.startupProbe) w.line(2, `Startup:\t${probeText(c.startupProbe)}`);
    w.line(2, `Environment:${c.env?.length ? '' : '\t<none>'}`);
    for (const e of c.env ?? []) {
      if (!e.valueFrom) w.line(3, `${e.name}:\t${e.value ?? ''}`);
      else if (e.valueFrom.fieldRef) w.line(3, `${e.name}:\t (${e.valueFrom.fieldRef.apiVersion ?? 'v1'}:${e.valueFrom.fieldRef.fieldPath})`);
      else if (e.valueFrom.secretKeyRef) w.line(3, `${e.name}:\t<set to the key '${e.valueFrom.secretKeyRef.key}' in secret '${e.valueFrom.secretKeyRef.name ?? ''}'>\tOptional: ${e.valueFrom.secretKeyRef.optional === true}`);
      else if (e.valueFrom.configMapKeyRef) w.line(3, `${e.name}:\t<set to the key '${e.valueFrom.configMapKeyRef.key}' of config map '${e.valueFrom.configMapKeyRef.name ?? ''}'>\tOptional: ${e.valueFrom.configMapKeyRef.optional === true}`);
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
    w.line(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}`);
    for (const m of mounts) w.line(3, `${m.mountPath} from ${m.name} (${[m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])].join(',')})`);
  }
}

export function describeVolumes(w: DescribeWriter, volumes: readonly Volume[] | undefined, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.line(0, `${space}Volumes:\t<none>`);
    return;
  }
  w.line(0, `${space}Volumes:`);
  for (const v of volumes) {
    w.line(1, `${space ? ' ' : ''}${v.name}:`);
    if (v.projected) {
      w.line(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)');
      for (const s of v.projected.sources ?? []) {
        if (s.secret) w.write(2, `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${s.secret.optional === true}\n`);
        else if (s.downwardAPI) w.line(2, 'DownwardAPI:\ttrue');
        else if (s.configMap) w.write(2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${s.configMap.optional === true}\n`);
        else if (s.serviceAccountToken) w.line(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}`);
      }
    } else if (v.configMap) {
      w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`);
    } else if (v.secret) {
      w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`);
    } else if (v.emptyDir) {
      w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    } else if (v.hostPath) {
      w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    } else {
      w.line(1, '<unknown>');
    }
  }
}

function qosClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const any = all.some((c) => Object.keys(c.resources?.requests ?? {}).length > 0 || Object.keys(c.resources?.limits ?? {}).length > 0);
  if (!any) return 'BestEffort';
  const guaranteed = all.every((c) => ['cpu', 'memory'].every((r) => {
    const limit = (c.resources?.limits as Record<string, string> | undefined)?.[r];
    const request = (c.resources?.requests as Record<string, string> | undefined)?.[r] ?? limit;
    return limit !== undefined && request === limit;
  }));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function describePod(pod: Pod, events: readonly Event[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const meta = pod.metadata ?? {};
  const spec = pod.spec;
  const status = pod.status ?? {};
  w.line(0, `Name:\t${meta.name ?? ''}`);
  w.line(0, `Namespace:\t${meta.namespace ?? ''}`);
  if (spec?.priority !== undefined) w.line(0, `Priority:\t${spec.priority}`);
  if (spec?.priorityClassName) w.line(0, `Priority Class Name:\t${spec.priorityClassName}`);
  if (spec?.runtimeClassName) w.line(0, `Runtime Class Name:\t${spec.runtimeClassName}`);
  if (spec?.serviceAccountName) w.line(0, `Service Account:\t${spec.serviceAccountName}`);
  w.line(0, spec?.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}` : 'Node:\t<none>');
  if (status.startTime) w.line(0, `Start Time:\t${rfc1123z(status.startTime)}`);
  labelsMultiline(w, 'Labels', meta.labels);
  annotationsMultiline(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.line(0, `Status:\tTerminating (lasts ${humanDuration(now - Date.parse(meta.deletionTimestamp))})`);
    w.line(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s`);
  } else {
    w.line(0, `Status:\t${status.phase ?? ''}`);
  }
  if (status.reason) w.line(0, `Reason:\t${status.reason}`);
  if (status.message) w.line(0, `Message:\t${status.message}`);
  w.line(0, `IP:\t${status.podIP ?? ''}`);
  if (!status.podIPs || status.podIPs.length === 0) w.line(0, 'IPs:\t<none>');
  else {
    w.line(0, 'IPs:');
    for (const ip of status.podIPs) w.line(1, `IP:\t${ip.ip ?? ''}`);
  }
  const owner = (meta.ownerReferences ?? []).find((r) => r.controller);
  if (owner) w.line(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  if (status.nominatedNodeName) w.line(0, `NominatedNodeName:\t${status.nominatedNodeName}`);
  if (spec?.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses, '');
  describeContainers(w, 'Containers', spec?.containers ?? [], status.containerStatuses, '');
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.line(1, `${c.type} \t${c.status} `);
  }
  describeVolumes(w, spec?.volumes, '');
  w.line(0, `QoS Class:\t${qosClass(pod)}`);
  labelsMultiline(w, 'Node-Selectors', spec?.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', spec?.tolerations);
  describeEvents(w, events, now);
  return w.toString();
}
