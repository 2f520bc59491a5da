/** A real API server with node agents started on it, and shortcuts to make bound pods. */
import { Rng } from '../../../../src/sim/core';
import { R } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { startNode, type NodeAgent } from '../../../../src/sim/node';
import { apiHarness } from '../apiserver/harness';

export function nodeHarness(seed = 1) {
  const h = apiHarness(seed);
  let n = 0;
  const start = h.loop.now();
  const node = (name: string, role: 'worker' | 'control-plane' = 'worker', size: { cpu?: string; memory?: string; pods?: number } = {}): NodeAgent =>
    startNode(
      { loop: h.loop, tracer: h.tracer, rng: new Rng(seed * 100 + n), api: h.api },
      { name, role, cpu: size.cpu ?? '2', memory: size.memory ?? '4Gi', pods: size.pods ?? 110, podCIDR: `10.244.${n++}.0/24`, zone: role === 'worker' ? 'zone-a' : undefined },
    );
  const pod = (name: string, nodeName: string, spec: Record<string, unknown>, labels?: Record<string, string>): KubeObject =>
    h.admin.create(R.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { nodeName, ...spec } } as KubeObject);
  const get = (name: string, ns = 'default'): KubeObject | undefined => h.admin.tryGet<KubeObject>(R.pods, ns, name);
  /** The pod's Events as `reason: message`, oldest first. */
  const events = (name: string): string[] =>
    (h.admin.list<KubeObject>(R.events, 'default').items as KubeObject[])
      .filter((e) => (e.involvedObject as { name?: string }).name === name)
      .map((e) => `${String(e.reason)}: ${String(e.message)}`);
  const eventCount = (name: string, reason: string): number =>
    (h.admin.list<KubeObject>(R.events, 'default').items as KubeObject[])
      .filter((e) => (e.involvedObject as { name?: string }).name === name && e.reason === reason)
      .reduce((sum, e) => sum + Number(e.count ?? 1), 0);
  const elapsed = (): number => h.loop.now() - start;
  return { ...h, node, pod, get, events, eventCount, elapsed };
}

export function containerStatus(pod: KubeObject | undefined, i = 0): Record<string, any> {
  const st = (pod?.status ?? {}) as { containerStatuses?: Record<string, any>[] };
  return st.containerStatuses?.[i] ?? {};
}

export function condition(pod: KubeObject | undefined, type: string): string | undefined {
  const st = (pod?.status ?? {}) as { conditions?: { type: string; status: string }[] };
  return st.conditions?.find((c) => c.type === type)?.status;
}
