/**
 * The Endpoints controller (endpoints-controller, running as endpoint-controller): an
 * Endpoints object per selector Service, listing its pods' addresses (ready ones under
 * addresses, the others under notReadyAddresses) and each pod's resolved target ports.
 */
import type { EndpointSubset } from '../../api/kinds';
import { isForbidden, isNotFound } from '../../api/errors';
import { keyOf } from '../../api/objects';
import { selectorFromSet } from '../../api/selectors';
import { R, splitKey, type Component, type SyncResult } from '../../client';
import { component, refOf, type ControllerContext, type ControllerSpec } from '../common/context';
import { queueServicesOfPods } from '../common/servicePods';
import {
  HEADLESS_LABEL, LAST_CHANGE_TRIGGER_TIME, TriggerTimeTracker, findPort, hasSelector, isServiceIPSet, podIPFor, rfc3339Nano,
  shouldPodBeInEndpoints, shouldSetHostname,
} from '../common/endpointutil';
import { isPodReady } from '../common/pods';
import type { EndpointsObj, PodObj, ServiceObj } from '../common/types';
import { errorText, isNamespaceTerminating, jsonEqual } from '../common/util';
import { repackSubsets, truncateSubsets } from './subsets';

const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

export const endpointsController: ControllerSpec = {
  name: 'endpoint-controller',
  eventSource: 'endpoint-controller',
  start: startEndpointsController,
};

export function startEndpointsController(ctx: ControllerContext): Component {
  const svcInformer = ctx.informers.informer<ServiceObj>(R.services);
  const podInformer = ctx.informers.informer<PodObj>(R.pods);
  const epInformer = ctx.informers.informer<EndpointsObj>(R.endpoints);
  const tracker = new TriggerTimeTracker();
  const queue = ctx.queue(sync);

  const enqueue = (o: { metadata: { namespace?: string; name?: string } }): void => queue.add(keyOf(o));
  queueServicesOfPods(svcInformer, podInformer, queue);
  // An Endpoints object changed or removed by someone else is put back.
  epInformer.addHandler({ delete: enqueue });

  function sync(key: string): SyncResult {
    const { namespace = '', name } = splitKey(key);
    const svc = svcInformer.get(namespace, name);
    if (!svc) {
      tracker.delete(namespace, name);
      if (!epInformer.get(namespace, name)) return;
      ctx.reconcile(`Service ${key} is gone: deleting its Endpoints`, { kind: 'Endpoints', namespace, name });
      try {
        ctx.client.delete(R.endpoints, namespace, name);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !hasSelector(svc)) return;
    const selector = selectorFromSet(svc.spec?.selector);
    const pods = podInformer.list(namespace).filter((p) => selector.matches(p.metadata.labels));
    const trigger = tracker.compute(svc, pods);
    const publishNotReady = svc.spec?.publishNotReadyAddresses ?? false;
    const raw: EndpointSubset[] = [];
    let ready = 0;
    let notReady = 0;
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
      const ip = podIPFor(pod, svc);
      if (!ip) continue;
      const addr: NonNullable<EndpointSubset['addresses']>[number] = {
        ip,
        nodeName: pod.spec?.nodeName ?? '',
        targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
      };
      if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec?.hostname;
      const isReady = publishNotReady || isPodReady(pod);
      const ports = svc.spec?.ports ?? [];
      const add = (port?: NonNullable<EndpointSubset['ports']>[number]): void => {
        const p = port ? [port] : [];
        raw.push(isReady ? { addresses: [addr], ports: p } : { notReadyAddresses: [addr], ports: p });
        if (isReady) ready++;
        else notReady++;
      };
      if (ports.length === 0) {
        if (svc.spec?.clusterIP === 'None') add();
        continue;
      }
      for (const sp of ports) {
        const num = findPort(pod, sp);
        if (num === undefined) continue;
        const ep: NonNullable<EndpointSubset['ports']>[number] = { port: num, protocol: sp.protocol ?? 'TCP' };
        if (sp.name) ep.name = sp.name;
        if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
        add(ep);
      }
    }
    const subsets = repackSubsets(raw);
    const current = epInformer.get(namespace, name);
    const create = !current;
    const svcLabels = svc.metadata.labels ?? {};
    const curLabels = { ...(current?.metadata.labels ?? {}) };
    delete curLabels[HEADLESS_LABEL];
    // capacityAnnotationSetCorrectly
    const capacityOk = countAddresses(current?.subsets ?? []) <= 1000 && current?.metadata.annotations?.[OVER_CAPACITY] === undefined;
    if (current && jsonEqual(stripRV(current.subsets ?? []), subsets) && jsonEqual(curLabels, svcLabels) && capacityOk) return;

    const next: EndpointsObj = current
      ? (JSON.parse(JSON.stringify(current)) as EndpointsObj)
      : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
    const annotations = { ...(next.metadata.annotations ?? {}) };
    if (trigger !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = rfc3339Nano(trigger);
    else delete annotations[LAST_CHANGE_TRIGGER_TIME];
    if (truncateSubsets(subsets)) annotations[OVER_CAPACITY] = 'truncated';
    else delete annotations[OVER_CAPACITY];
    const labels: Record<string, string> = { ...svcLabels };
    if (!isServiceIPSet(svc)) labels[HEADLESS_LABEL] = '';
    next.metadata.labels = labels;
    next.metadata.annotations = annotations;
    if (subsets.length > 0) next.subsets = subsets;
    else delete next.subsets;
    ctx.reconcile(
      `${create ? 'creating' : 'updating'} Endpoints ${name}: ${ready} ready and ${notReady} not-ready address${ready + notReady === 1 ? '' : 'es'} from ${pods.length} selected pod${pods.length === 1 ? '' : 's'}`,
      refOf(svc),
    );
    try {
      if (create) ctx.client.create<EndpointsObj>(R.endpoints, namespace, next);
      else ctx.client.update<EndpointsObj>(R.endpoints, next);
    } catch (err) {
      if (create && isForbidden(err) && isNamespaceTerminating(err)) return;
      if (create) ctx.recorder.warning(next, 'FailedToCreateEndpoint', `Failed to create endpoint for service ${namespace}/${name}: ${errorText(err)}`);
      else ctx.recorder.warning(next, 'FailedToUpdateEndpoint', `Failed to update endpoint ${namespace}/${name}: ${errorText(err)}`);
      throw err;
    }
  }

  return component('endpoints-controller', [queue]);
}

function countAddresses(subsets: readonly EndpointSubset[]): number {
  return subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
}

/** endpointSubsetsEqualIgnoreResourceVersion */
function stripRV(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const strip = (a: NonNullable<EndpointSubset['addresses']>[number]) => {
    if (!a.targetRef?.resourceVersion) return a;
    const { resourceVersion: _rv, ...ref } = a.targetRef;
    return { ...a, targetRef: ref };
  };
  return subsets.map((s) => {
    const out: EndpointSubset = { ...s };
    if (s.addresses) out.addresses = s.addresses.map(strip);
    if (s.notReadyAddresses) out.notReadyAddresses = s.notReadyAddresses.map(strip);
    return out;
  });
}
