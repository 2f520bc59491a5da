/**
 * How healthy an object looks, in the words kubectl prints (pod STATUS, node STATUS) and as
 * one of a few states the explorer and the status bar colour: ok, progressing, failing, done.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { podStatusText } from '../../sim/apiserver/printers';
import type { KubeObject } from '../../sim/api/types';

export type Health = 'ok' | 'progressing' | 'failing' | 'done' | 'off';

export interface PodHealth {
  health: Health;
  /** kubectl's STATUS column: Running, ContainerCreating, CrashLoopBackOff, ... */
  status: string;
  ready: string;
  restarts: number;
}

const FAILING = /BackOff|Err|Error|Failed|Invalid|Unknown|Evicted|OOMKilled|NodeLost|ExitCode|Signal|NodeAffinity|OutOf|UnexpectedAdmission/;

export function podHealth(obj: KubeObject): PodHealth {
  const pod = obj as unknown as Pod;
  const text = podStatusText(pod);
  const status = text.reason || 'Unknown';
  const ready = `${text.ready}/${text.total}`;
  const phase = pod.status?.phase;
  let health: Health;
  if (status === 'Completed' || phase === 'Succeeded') health = 'done';
  else if (status === 'Terminating') health = 'progressing';
  else if (FAILING.test(status) || phase === 'Failed') health = 'failing';
  else if (status === 'Running' && text.ready === text.total) health = 'ok';
  else health = 'progressing';
  return { health, status, ready, restarts: text.restarts };
}

export interface NodeHealth {
  health: Health;
  /** kubectl's STATUS column: Ready, NotReady, Unknown, plus ",SchedulingDisabled". */
  status: string;
  ready: boolean;
}

export function nodeHealth(obj: KubeObject): NodeHealth {
  const node = obj as unknown as Node;
  const cond = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const readyText = !cond ? 'Unknown' : cond.status === 'True' ? 'Ready' : cond.status === 'False' ? 'NotReady' : 'Unknown';
  const ready = readyText === 'Ready';
  const cordoned = node.spec?.unschedulable === true;
  const status = cordoned ? `${readyText},SchedulingDisabled` : readyText;
  return { health: !ready ? 'failing' : cordoned ? 'progressing' : 'ok', status, ready };
}

/** READY/UP-TO-DATE/AVAILABLE style health of a workload from its status. */
export function workloadHealth(obj: KubeObject): { health: Health; summary: string } {
  const spec = (obj.spec ?? {}) as { replicas?: number; suspend?: boolean; completions?: number };
  const status = (obj.status ?? {}) as Record<string, unknown>;
  const num = (k: string): number => (typeof status[k] === 'number' ? (status[k] as number) : 0);
  switch (obj.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet': {
      const want = spec.replicas ?? 1;
      const ready = num('readyReplicas');
      const health: Health = ready >= want ? (want === 0 ? 'off' : 'ok') : 'progressing';
      return { health, summary: `${ready}/${want} ready` };
    }
    case 'DaemonSet': {
      const want = num('desiredNumberScheduled');
      const ready = num('numberReady');
      return { health: ready >= want ? 'ok' : 'progressing', summary: `${ready}/${want} ready` };
    }
    case 'Job': {
      const conditions = (status.conditions ?? []) as { type: string; status: string }[];
      const has = (t: string): boolean => conditions.some((c) => c.type === t && c.status === 'True');
      if (has('Failed')) return { health: 'failing', summary: 'Failed' };
      if (has('Complete')) return { health: 'done', summary: `Complete ${num('succeeded')}/${spec.completions ?? 1}` };
      if (spec.suspend) return { health: 'off', summary: 'Suspended' };
      return { health: 'progressing', summary: `Running ${num('succeeded')}/${spec.completions ?? 1}` };
    }
    case 'CronJob': {
      const active = ((status.active ?? []) as unknown[]).length;
      if (spec.suspend) return { health: 'off', summary: 'Suspended' };
      return { health: 'ok', summary: active > 0 ? `${active} active` : 'Scheduled' };
    }
    default:
      return { health: 'ok', summary: '' };
  }
}

export interface ClusterSummary {
  nodesReady: number;
  nodesTotal: number;
  podsRunning: number;
  podsPending: number;
  podsFailing: number;
  podsDone: number;
  /** Names of the failing pods (namespace/name: STATUS), for tooltips. */
  failing: string[];
  notReady: string[];
}

export function summarize(objects: readonly KubeObject[]): ClusterSummary {
  const s: ClusterSummary = {
    nodesReady: 0, nodesTotal: 0, podsRunning: 0, podsPending: 0, podsFailing: 0, podsDone: 0, failing: [], notReady: [],
  };
  for (const o of objects) {
    if (o.kind === 'Node') {
      s.nodesTotal++;
      const h = nodeHealth(o);
      if (h.ready) s.nodesReady++;
      else s.notReady.push(`${o.metadata.name ?? ''}: ${h.status}`);
    } else if (o.kind === 'Pod') {
      const h = podHealth(o);
      if (h.health === 'ok') s.podsRunning++;
      else if (h.health === 'failing') {
        s.podsFailing++;
        s.failing.push(`${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}: ${h.status}`);
      } else if (h.health === 'done') s.podsDone++;
      else s.podsPending++;
    }
  }
  return s;
}
