/**
 * The `kubernetes` Service's endpoints. In a real cluster kube-apiserver itself keeps them
 * (its endpoint reconciler writes the Endpoints and the EndpointSlice named `kubernetes`
 * with its advertise address); this simulation has no loop inside the API server, so this
 * small reconciler does it in its name: it acts as system:apiserver and shows in the trace
 * as kube-apiserver. The advertise address is the control-plane node's InternalIP.
 */
import { isAlreadyExists, isNotFound } from '../../api/errors';
import { R, type Component, type SyncResult } from '../../client';
import { component, type ControllerContext, type ControllerSpec } from '../common/context';
import type { EndpointSliceObj, EndpointsObj, NodeObj, ServiceObj } from '../common/types';
import { jsonEqual } from '../common/util';

const KEY = 'default/kubernetes';

export const apiserverEndpoints: ControllerSpec = {
  name: 'kube-apiserver',
  eventSource: 'kube-apiserver',
  identity: { user: { username: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] }, component: 'kube-apiserver' },
  start: startApiserverEndpoints,
};

function advertiseAddress(nodes: readonly NodeObj[]): string | undefined {
  const cp = nodes
    .filter((n) => n.metadata.labels && 'node-role.kubernetes.io/control-plane' in n.metadata.labels)
    .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))[0];
  return cp?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

export function startApiserverEndpoints(ctx: ControllerContext): Component {
  const svcInformer = ctx.informers.informer<ServiceObj>(R.services);
  const nodeInformer = ctx.informers.informer<NodeObj>(R.nodes);
  const epInformer = ctx.informers.informer<EndpointsObj>(R.endpoints);
  const sliceInformer = ctx.informers.informer<EndpointSliceObj>(R.endpointslices);
  const queue = ctx.queue(sync);
  const poke = (): void => queue.add(KEY);
  const isOurs = (o: { metadata: { namespace?: string; name?: string } }): boolean => o.metadata.namespace === 'default' && o.metadata.name === 'kubernetes';
  svcInformer.addHandler({ add: (s) => isOurs(s) && poke(), update: (_o, s) => isOurs(s) && poke() });
  nodeInformer.addHandler({ add: poke, update: (o, n) => !jsonEqual(o.status?.addresses ?? [], n.status?.addresses ?? []) && poke() });
  epInformer.addHandler({ update: (_o, e) => isOurs(e) && poke(), delete: (e) => isOurs(e) && poke() });
  sliceInformer.addHandler({ update: (_o, e) => isOurs(e) && poke(), delete: (e) => isOurs(e) && poke() });

  function sync(): SyncResult {
    const svc = svcInformer.get('default', 'kubernetes');
    const ip = advertiseAddress(nodeInformer.list());
    if (!svc || !ip) return;
    const sp = svc.spec?.ports?.[0];
    const port = typeof sp?.targetPort === 'number' ? sp.targetPort : 6443;
    const name = sp?.name ?? 'https';
    const subsets = [{ addresses: [{ ip }], ports: [{ name, port, protocol: 'TCP' }] }];
    const ep = epInformer.get('default', 'kubernetes');
    const slice = sliceInformer.get('default', 'kubernetes');
    const sliceEndpoints = [{ addresses: [ip], conditions: { ready: true } }];
    const slicePorts = [{ name, port, protocol: 'TCP' }];
    const epOk = ep && jsonEqual(ep.subsets ?? [], subsets);
    const sliceOk = slice && jsonEqual(slice.endpoints ?? [], sliceEndpoints) && jsonEqual(slice.ports ?? [], slicePorts);
    if (epOk && sliceOk) return;
    ctx.reconcile(`the kubernetes Service's endpoints point at the API server: ${ip}:${port}`, { kind: 'Service', namespace: 'default', name: 'kubernetes' });
    try {
      if (!ep) {
        ctx.client.create<EndpointsObj>(R.endpoints, 'default', {
          apiVersion: 'v1', kind: 'Endpoints',
          metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
          subsets,
        });
      } else if (!epOk) {
        ctx.client.update<EndpointsObj>(R.endpoints, { ...ep, subsets });
      }
      if (!slice) {
        ctx.client.create<EndpointSliceObj>(R.endpointslices, 'default', {
          apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
          metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
          addressType: 'IPv4', endpoints: sliceEndpoints, ports: slicePorts,
        });
      } else if (!sliceOk) {
        ctx.client.update<EndpointSliceObj>(R.endpointslices, { ...slice, endpoints: sliceEndpoints, ports: slicePorts });
      }
    } catch (err) {
      if (isAlreadyExists(err) || isNotFound(err)) return;
      throw err;
    }
  }

  return component('kube-apiserver endpoint reconciler', [queue]);
}
