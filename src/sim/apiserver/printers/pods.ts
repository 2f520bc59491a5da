/** `kubectl get pods` columns and the STATUS text, as pkg/printers/internalversion printPod. */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Printer } from './types';
import { age, humanDuration } from './format';

export function podStatusText(pod: Pod): { reason: string; ready: number; total: number; restarts: number; lastRestart?: string } {
  const st = pod.status ?? {};
  const spec = pod.spec;
  let reason = st.reason || st.phase || '';
  const total = spec?.containers.length ?? 0;
  let ready = 0;
  let restarts = 0;
  let lastRestart: string | undefined;
  let initializing = false;
  const inits = st.initContainerStatuses ?? [];
  inits.forEach((c, i) => {
    restarts += c.restartCount;
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) return;
    if (t) {
      reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
      initializing = true;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
      initializing = true;
    } else if (!c.started || !c.ready) {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
      initializing = true;
    }
  });
  if (!initializing) {
    restarts = 0;
    let hasRunning = false;
    const statuses = [...(st.containerStatuses ?? [])].reverse();
    for (const c of statuses) {
      restarts += c.restartCount;
      const lastTerm = c.lastState?.terminated?.finishedAt;
      if (lastTerm && (!lastRestart || lastTerm > lastRestart)) lastRestart = lastTerm;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const readyCond = (st.conditions ?? []).find((c) => c.type === 'Ready');
      reason = readyCond?.status === 'True' ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata?.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp) reason = 'Terminating';
  return { reason, ready, total, restarts, lastRestart };
}

export const podPrinter: Printer = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name', priority: 0 },
    { name: 'Ready', type: 'string', description: 'The aggregate readiness state of this pod for accepting traffic.', priority: 0 },
    { name: 'Status', type: 'string', description: 'The aggregate status of the containers in this pod.', priority: 0 },
    { name: 'Restarts', type: 'string', description: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.', priority: 0 },
    { name: 'Age', type: 'string', description: 'CreationTimestamp', priority: 0 },
    { name: 'IP', type: 'string', description: 'The IP address assigned to the pod', priority: 1 },
    { name: 'Node', type: 'string', description: 'The name of the node the pod is assigned to', priority: 1 },
    { name: 'Nominated Node', type: 'string', description: 'The node the pod is nominated to run on', priority: 1 },
    { name: 'Readiness Gates', type: 'string', description: 'The readiness gates of the pod', priority: 1 },
  ],
  row(obj, now) {
    const pod = obj as unknown as Pod;
    const s = podStatusText(pod);
    const restarts = s.lastRestart ? `${s.restarts} (${humanDuration(now - Date.parse(s.lastRestart))} ago)` : String(s.restarts);
    const gates = pod.spec?.readinessGates ?? [];
    return [
      pod.metadata?.name ?? '',
      `${s.ready}/${s.total}`,
      s.reason,
      restarts,
      age(pod.metadata?.creationTimestamp, now),
      pod.status?.podIP || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      gates.length ? `0/${gates.length}` : '<none>',
    ];
  },
};
