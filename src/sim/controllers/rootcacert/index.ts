/**
 * The root CA publisher (root-ca-certificate-publisher-controller, running as
 * root-ca-cert-publisher): a `kube-root-ca.crt` ConfigMap in every namespace, which the
 * projected service-account volume of every pod mounts.
 */
import { isAlreadyExists, isNotFound } from '../../api/errors';
import { R, type Component, type SyncResult } from '../../client';
import { component, type ControllerContext, type ControllerSpec } from '../common/context';
import type { ConfigMapObj, NamespaceObj } from '../common/types';
import { isNamespaceTerminating, jsonEqual } from '../common/util';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

/** The simulated cluster's CA: PEM-shaped, but not a real certificate (nothing verifies it). */
export const SIMULATED_CA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'TUlJQ1NpbXVsYXRlZEt1YmVXYWxrdGhyb3VnaENsdXN0ZXJDQU5vdEFSZWFsQ2VydGlm',
  'aWNhdGVVc2VkT25seVRvU2hvd1doZXJlVGhlUm9vdENBR29lc0luQUNsdXN0ZXI=',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

export const rootCACertPublisher: ControllerSpec = {
  name: 'root-ca-cert-publisher',
  eventSource: 'root-ca-cert-publisher',
  start: startRootCACertPublisher,
};

export function startRootCACertPublisher(ctx: ControllerContext): Component {
  const nsInformer = ctx.informers.informer<NamespaceObj>(R.namespaces);
  const cmInformer = ctx.informers.informer<ConfigMapObj>(R.configmaps);
  const queue = ctx.queue(sync);
  const data = { 'ca.crt': SIMULATED_CA_PEM };

  nsInformer.addHandler({
    add: (ns) => queue.add(ns.metadata.name ?? ''),
    update: (_old, ns) => {
      if (ns.status?.phase === 'Active') queue.add(ns.metadata.name ?? '');
    },
  });
  const onConfigMap = (cm: ConfigMapObj): void => {
    if (cm.metadata.name === ROOT_CA_CONFIGMAP) queue.add(cm.metadata.namespace ?? '');
  };
  cmInformer.addHandler({ update: (_old, cm) => onConfigMap(cm), delete: onConfigMap });

  function sync(name: string): SyncResult {
    const ns = nsInformer.get(undefined, name);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const cm = cmInformer.get(name, ROOT_CA_CONFIGMAP);
    try {
      if (!cm) {
        ctx.reconcile(`namespace ${name} has no ConfigMap ${ROOT_CA_CONFIGMAP}: publishing the cluster CA`, { kind: 'Namespace', name });
        ctx.client.create<ConfigMapObj>(R.configmaps, name, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIGMAP, namespace: name, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
          data,
        });
        return;
      }
      if (jsonEqual(cm.data ?? {}, data) && (cm.metadata.annotations?.[DESCRIPTION_ANNOTATION] ?? '') !== '') return;
      ctx.reconcile(`ConfigMap ${name}/${ROOT_CA_CONFIGMAP} differs from the cluster CA: restoring it`, { kind: 'ConfigMap', namespace: name, name: ROOT_CA_CONFIGMAP });
      ctx.client.update<ConfigMapObj>(R.configmaps, {
        ...cm,
        metadata: { ...cm.metadata, annotations: { ...cm.metadata.annotations, [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
        data,
      });
    } catch (err) {
      if (isAlreadyExists(err) || isNotFound(err) || isNamespaceTerminating(err)) return;
      throw err;
    }
  }

  return component('root-ca-certificate-publisher-controller', [queue]);
}
