/**
 * Workloads for the scale cases: Deployments of small nginx pods (10m cpu, 16Mi memory
 * requested), so that 30 pods fit a default worker (2 cpu, 4Gi, 110 pods) with room to
 * spare, and a census of pods by phase read through the API as kubectl would.
 */
import type { Cluster } from '../../src/sim/cluster';
import { R } from '../../src/sim/client';
import type { KubeObject } from '../../src/sim/api/types';

export function deployment(name: string, replicas: number, namespace = 'default'): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.14.2',
              ports: [{ containerPort: 80 }],
              resources: { requests: { cpu: '10m', memory: '16Mi' } },
            },
          ],
        },
      },
    },
  };
}

/** Pods in the namespace by status.phase. */
export function podPhases(cluster: Cluster, namespace = 'default'): Record<string, number> {
  const out: Record<string, number> = {};
  const pods = cluster.kubectl.list<KubeObject>(R.pods, namespace).items;
  for (const p of pods) {
    const phase = (p.status as { phase?: string } | undefined)?.phase ?? 'Unknown';
    out[phase] = (out[phase] ?? 0) + 1;
  }
  return out;
}

/** Sum of readyReplicas over the named Deployments (one cheap GET each). */
export function readyReplicas(cluster: Cluster, names: string[], namespace = 'default'): number {
  let ready = 0;
  for (const name of names) {
    const d = cluster.kubectl.tryGet<KubeObject>(R.deployments, namespace, name);
    ready += (d?.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
  }
  return ready;
}
