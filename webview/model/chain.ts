/**
 * The ownership chains a person follows after an apply: Deployment -> ReplicaSet -> Pods ->
 * Nodes, and Service -> EndpointSlice -> endpoints, each link with a status in words and a
 * tone for colour. Built from the latest snapshots. Pure: no DOM.
 */
import type { Topology } from '../../src/protocol/workflow';
import type { ObjectView, PodView, Tone, World } from './world';

export interface ChainNode {
  kind: string;
  name: string;
  status: string;
  tone: Tone;
  children: ChainNode[];
  /** Namespace of a namespaced object (top-level chains say where they live). */
  namespace?: string;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function ownerOf(obj: ObjectView | undefined): { kind: string; name: string } | undefined {
  const owners = rec(obj?.snapshot?.metadata)?.ownerReferences;
  if (!Array.isArray(owners)) return undefined;
  const controller = owners.map(rec).find((o) => o?.controller === true) ?? rec(owners[0]);
  return typeof controller?.kind === 'string' && typeof controller.name === 'string'
    ? { kind: controller.kind, name: controller.name }
    : undefined;
}

function replicaStatus(obj: ObjectView): { status: string; tone: Tone } {
  const spec = rec(obj.snapshot?.spec);
  const status = rec(obj.snapshot?.status);
  const want = num(spec?.replicas) ?? 1;
  const ready = num(status?.readyReplicas) ?? 0;
  const text = `${ready}/${want} ready`;
  if (!obj.snapshot) return { status: 'stored', tone: 'pending' };
  if (ready >= want) return { status: text, tone: 'ok' };
  return { status: text, tone: ready === 0 ? 'pending' : 'progress' };
}

function podNode(pod: PodView, topology: Topology): ChainNode[] {
  if (!pod.node) return [{ kind: 'Node', name: '(not scheduled yet)', status: 'waiting', tone: 'pending', children: [] }];
  const node = topology.nodes.find((n) => n.name === pod.node);
  const ready = node?.ready ?? true;
  return [{ kind: 'Node', name: pod.node, status: ready ? 'Ready' : 'NotReady', tone: ready ? 'ok' : 'error', children: [] }];
}

function podChain(pod: PodView, topology: Topology): ChainNode {
  const status = pod.activity ? `${pod.status} (${pod.activity})` : pod.status;
  return { kind: 'Pod', name: pod.name, namespace: pod.namespace, status, tone: pod.tone, children: podNode(pod, topology) };
}

export function buildChains(world: World, topology: Topology): ChainNode[] {
  const live = [...world.objects.values()].filter((o) => !o.deleted);
  const byKind = (kind: string) => live.filter((o) => o.ref.kind === kind);
  const usedPods = new Set<string>();
  const podsOf = (rsName: string, namespace: string | undefined): ChainNode[] =>
    world.pods
      .filter((p) => {
        if (p.namespace !== (namespace ?? 'default')) return false;
        const owner = ownerOf(world.objects.get(p.key));
        return owner ? owner.kind === 'ReplicaSet' && owner.name === rsName : p.name.startsWith(`${rsName}-`);
      })
      .map((p) => {
        usedPods.add(p.key);
        return podChain(p, topology);
      });

  const usedRs = new Set<string>();
  const rsChain = (rs: ObjectView): ChainNode => {
    usedRs.add(rs.key);
    return { kind: 'ReplicaSet', name: rs.ref.name, namespace: rs.ref.namespace, ...replicaStatus(rs), children: podsOf(rs.ref.name, rs.ref.namespace) };
  };
  const chains: ChainNode[] = byKind('Deployment').map((d) => ({
    kind: 'Deployment',
    name: d.ref.name,
    namespace: d.ref.namespace,
    ...replicaStatus(d),
    children: byKind('ReplicaSet')
      .filter((rs) => {
        const owner = ownerOf(rs);
        return owner?.kind === 'Deployment' && owner.name === d.ref.name && rs.ref.namespace === d.ref.namespace;
      })
      .map(rsChain),
  }));
  for (const rs of byKind('ReplicaSet')) if (!usedRs.has(rs.key)) chains.push(rsChain(rs));
  for (const pod of world.pods) if (!usedPods.has(pod.key)) chains.push(podChain(pod, topology));

  for (const svc of byKind('Service')) {
    const spec = rec(svc.snapshot?.spec);
    const ip = typeof spec?.clusterIP === 'string' ? spec.clusterIP : undefined;
    const slices = byKind('EndpointSlice').filter((s) => {
      const labels = rec(rec(s.snapshot?.metadata)?.labels);
      return labels?.['kubernetes.io/service-name'] === svc.ref.name && s.ref.namespace === svc.ref.namespace;
    });
    chains.push({
      kind: 'Service',
      name: svc.ref.name,
      namespace: svc.ref.namespace,
      status: ip ? `${String(spec?.type ?? 'ClusterIP')} ${ip}` : 'stored',
      tone: 'ok',
      children: slices.map((slice) => {
        const endpoints = Array.isArray(slice.snapshot?.endpoints) ? (slice.snapshot.endpoints as unknown[]).map(rec) : [];
        const ready = endpoints.filter((e) => rec(e?.conditions)?.ready === true);
        return {
          kind: 'EndpointSlice',
          name: slice.ref.name,
          status: `${ready.length} ready endpoint${ready.length === 1 ? '' : 's'}`,
          tone: ready.length > 0 ? 'ok' : 'pending',
          children: endpoints.map((e) => {
            const addresses = Array.isArray(e?.addresses) ? e.addresses.join(', ') : '';
            const target = rec(e?.targetRef);
            const isReady = rec(e?.conditions)?.ready === true;
            return {
              kind: 'Endpoint',
              name: `${addresses}${typeof target?.name === 'string' ? ` (${target.name})` : ''}`,
              status: isReady ? 'ready' : 'not ready',
              tone: isReady ? 'ok' : 'pending',
              children: [],
            } satisfies ChainNode;
          }),
        };
      }),
    });
  }
  return chains;
}
