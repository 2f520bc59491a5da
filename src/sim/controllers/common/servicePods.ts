/**
 * What the endpoints controllers share: a Service's key is queued when the Service changes,
 * and when a pod it selects (or selected before a label change) comes, changes or goes.
 */
import { keyOf } from '../../api/objects';
import type { Informer, WorkQueue } from '../../client';
import { servicesSelecting } from './endpointutil';
import type { PodObj, ServiceObj } from './types';
import { jsonEqual } from './util';

export function queueServicesOfPods(svcInformer: Informer<ServiceObj>, podInformer: Informer<PodObj>, queue: Pick<WorkQueue, 'add'>): void {
  const enqueue = (o: ServiceObj): void => queue.add(keyOf(o));
  svcInformer.addHandler({ add: enqueue, update: (_o, s) => enqueue(s), delete: enqueue });
  const onPod = (pod: PodObj, old?: PodObj): void => {
    const services = svcInformer.list(pod.metadata.namespace);
    const keys = new Set(servicesSelecting(services, pod.metadata.labels).map(keyOf));
    if (old && !jsonEqual(old.metadata.labels ?? {}, pod.metadata.labels ?? {})) {
      for (const s of servicesSelecting(services, old.metadata.labels)) keys.add(keyOf(s));
    }
    for (const k of keys) queue.add(k);
  };
  podInformer.addHandler({
    add: (p) => onPod(p),
    update: (o, p) => {
      if (o.metadata.resourceVersion !== p.metadata.resourceVersion) onPod(p, o);
    },
    delete: (p) => onPod(p),
  });
}
