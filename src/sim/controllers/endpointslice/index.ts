/**
 * The EndpointSlice controller (endpointslice-controller): EndpointSlices named
 * `<service>-<5 chars>` for every selector Service, with each selected pod's addresses,
 * ready/serving/terminating conditions, node, zone and resolved ports.
 */
import type { EndpointPort } from 'kubernetes-types/discovery/v1';
import type { EndpointSliceEndpoint } from '../../api/kinds';
import { isNotFound } from '../../api/errors';
import { selectorFromSet } from '../../api/selectors';
import { R, splitKey, type Component, type SyncResult } from '../../client';
import { component, refOf, type ControllerContext, type ControllerSpec } from '../common/context';
import { queueServicesOfPods } from '../common/servicePods';
import {
  LAST_CHANGE_TRIGGER_TIME, TriggerTimeTracker, findPort, hasSelector, podIPFor, rfc3339Nano, shouldPodBeInEndpoints,
  shouldSetHostname,
} from '../common/endpointutil';
import { canonicalJson } from '../common/hash';
import { isPodReady } from '../common/pods';
import type { EndpointSliceObj, NodeObj, PodObj, ServiceObj } from '../common/types';
import { errorText } from '../common/util';
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, planSlices, type DesiredGroup } from './reconcile';

export const endpointSliceController: ControllerSpec = {
  name: 'endpointslice-controller',
  eventSource: 'endpointslice-controller',
  start: startEndpointSliceController,
};

export function startEndpointSliceController(ctx: ControllerContext): Component {
  const svcInformer = ctx.informers.informer<ServiceObj>(R.services);
  const podInformer = ctx.informers.informer<PodObj>(R.pods);
  const nodeInformer = ctx.informers.informer<NodeObj>(R.nodes);
  const sliceInformer = ctx.informers.informer<EndpointSliceObj>(R.endpointslices, {
    indexers: { serviceName: (s) => (s.metadata.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME ? [`${s.metadata.namespace}/${s.metadata.labels?.[LABEL_SERVICE_NAME] ?? ''}`] : []) },
  });
  const tracker = new TriggerTimeTracker();
  const queue = ctx.queue(sync);

  queueServicesOfPods(svcInformer, podInformer, queue);
  // Slices changed behind the controller's back are reconciled again.
  const onSlice = (s: EndpointSliceObj): void => {
    const svc = s.metadata.labels?.[LABEL_SERVICE_NAME];
    if (svc && s.metadata.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME) queue.add(`${s.metadata.namespace ?? ''}/${svc}`);
  };
  sliceInformer.addHandler({ update: (_o, s) => onSlice(s), delete: onSlice });

  function sync(key: string): SyncResult {
    const { namespace = '', name } = splitKey(key);
    const svc = svcInformer.get(namespace, name);
    if (!svc) {
      // Slices are removed by the garbage collector through their owner reference.
      tracker.delete(namespace, name);
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !hasSelector(svc)) return;
    const selector = selectorFromSet(svc.spec?.selector);
    const pods = podInformer.list(namespace).filter((p) => selector.matches(p.metadata.labels));
    const trigger = tracker.compute(svc, pods);
    const addressType = svc.spec?.ipFamilies?.[0] ?? 'IPv4';
    const desired = desiredGroups(svc, pods);
    const existing = sliceInformer.byIndex('serviceName', key).filter((s) => !s.metadata.deletionTimestamp && s.addressType === addressType);
    const plan = planSlices(svc, addressType, existing, desired);
    if (plan.create.length + plan.update.length + plan.delete.length === 0) return;
    const endpoints = desired.reduce((n, g) => n + g.endpoints.length, 0);
    ctx.reconcile(
      `Service ${name} has ${endpoints} endpoint${endpoints === 1 ? '' : 's'}: ${[
        plan.create.length ? `creating ${plan.create.length}` : '',
        plan.update.length ? `updating ${plan.update.length}` : '',
        plan.delete.length ? `deleting ${plan.delete.length}` : '',
      ].filter(Boolean).join(', ')} EndpointSlice${plan.create.length + plan.update.length + plan.delete.length === 1 ? '' : 's'}`,
      refOf(svc),
    );
    const stamp = (s: EndpointSliceObj): EndpointSliceObj => {
      const annotations = { ...(s.metadata.annotations ?? {}) };
      if (trigger !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = rfc3339Nano(trigger);
      else delete annotations[LAST_CHANGE_TRIGGER_TIME];
      const meta = { ...s.metadata };
      if (Object.keys(annotations).length > 0) meta.annotations = annotations;
      else delete meta.annotations;
      return { ...s, metadata: meta };
    };
    try {
      for (const s of plan.create) ctx.client.create<EndpointSliceObj>(R.endpointslices, namespace, stamp(s));
      for (const s of plan.update) ctx.client.update<EndpointSliceObj>(R.endpointslices, stamp(s));
      for (const s of plan.delete) {
        try {
          ctx.client.delete(R.endpointslices, namespace, s.metadata.name ?? '');
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
    } catch (err) {
      ctx.recorder.warning(svc, 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${namespace}/${name}: ${errorText(err)}`);
      throw err;
    }
  }

  function desiredGroups(svc: ServiceObj, pods: readonly PodObj[]): DesiredGroup[] {
    const groups = new Map<string, DesiredGroup>();
    const sorted = [...pods].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    for (const pod of sorted) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ip = podIPFor(pod, svc);
      if (!ip) continue;
      const ports: EndpointPort[] = [];
      for (const sp of svc.spec?.ports ?? []) {
        const num = findPort(pod, sp);
        if (num === undefined) continue;
        const p: EndpointPort = { name: sp.name ?? '', port: num, protocol: sp.protocol ?? 'TCP' };
        if (sp.appProtocol) p.appProtocol = sp.appProtocol;
        ports.push(p);
      }
      const key = canonicalJson(ports);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { ports, endpoints: [] }));
      g.endpoints.push(endpointFor(svc, pod, ip));
    }
    return [...groups.values()];
  }

  function endpointFor(svc: ServiceObj, pod: PodObj, ip: string): EndpointSliceEndpoint {
    const publishNotReady = svc.spec?.publishNotReadyAddresses ?? false;
    const serving = isPodReady(pod);
    const terminating = !!pod.metadata.deletionTimestamp;
    let ready = publishNotReady || serving;
    if (terminating && !publishNotReady) ready = false;
    const ep: EndpointSliceEndpoint = {
      addresses: [ip],
      conditions: { ready, serving, terminating },
    };
    if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec?.hostname;
    ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
    const nodeName = pod.spec?.nodeName;
    if (nodeName) {
      ep.nodeName = nodeName;
      const zone = nodeInformer.get(undefined, nodeName)?.metadata.labels?.['topology.kubernetes.io/zone'];
      if (zone) ep.zone = zone;
    }
    return ep;
  }

  return component('endpointslice-controller', [queue]);
}
