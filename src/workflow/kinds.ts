/**
 * Honest stage lists per kind: a Deployment goes through all ten; a bare Pod skips the
 * controllers; other workloads have their own controller in place of stages 4 to 6.
 */
import { DEPLOYMENT_STAGES, type StageDefinition } from './stages';

const CONTROLLED: Record<string, { controller: string; what: string }> = {
  StatefulSet: { controller: 'statefulset-controller', what: 'creates the Pods one by one, in order, named <name>-0, <name>-1, ...' },
  DaemonSet: { controller: 'daemonset-controller', what: 'creates one Pod for every eligible node' },
  Job: { controller: 'job-controller', what: 'creates Pods that run to completion, and replaces those that fail' },
  ReplicaSet: { controller: 'replicaset-controller', what: 'creates the Pods it is missing' },
};

export function definitionsFor(kinds: string[]): StageDefinition[] {
  if (kinds.includes('Deployment')) return DEPLOYMENT_STAGES;
  const workload = kinds.find((k) => k in CONTROLLED);
  if (workload) {
    const c = CONTROLLED[workload] as { controller: string; what: string };
    return DEPLOYMENT_STAGES.map((s) => {
      if (s.id === '4') return { ...s, title: `The ${c.controller} learns of the new ${workload}`, components: ['kube-apiserver', 'kube-controller-manager', c.controller] };
      if (s.id === '5') return { ...s, title: `A ${workload} has no ReplicaSet`, explanation: `Only Deployments manage ReplicaSets. The ${c.controller} ${c.what}.`, components: [c.controller] };
      if (s.id === '6') return { ...s, title: `The ${c.controller} creates the Pods`, explanation: `The ${c.controller} ${c.what}, through the API server.`, components: [c.controller, 'kube-apiserver'] };
      return s;
    });
  }
  if (kinds.includes('Pod')) {
    return DEPLOYMENT_STAGES.map((s) =>
      ['4', '5', '6'].includes(s.id) ? { ...s, title: `${s.title} (not for a bare Pod)`, explanation: 'A Pod you create yourself has no controller: no Deployment or ReplicaSet takes part, and nothing replaces it if it goes away.' } : s,
    );
  }
  return DEPLOYMENT_STAGES;
}
