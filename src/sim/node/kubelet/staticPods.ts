/**
 * The control plane's static pods as kubeadm writes them to /etc/kubernetes/manifests on
 * the control-plane node. The kubelet runs them itself and posts a mirror pod for each,
 * which is how `kubectl get pods -n kube-system` shows etcd and the API server.
 */
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1';
import { sha256Hex } from '../util/sha256';

const K8S = 'v1.33.4';

function probe(path: string, port: number, host: string, scheme: 'HTTP' | 'HTTPS', failureThreshold: number, extra: Partial<Probe> = {}): Probe {
  return { failureThreshold, httpGet: { host, path, port, scheme }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 15, ...extra };
}

function manifest(name: string, component: string, container: Container, volumes: { name: string; path: string; type: string }[], annotations: Record<string, string> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'kube-system', labels: { component, tier: 'control-plane' }, annotations },
    spec: {
      containers: [{ imagePullPolicy: 'IfNotPresent', ...container, volumeMounts: volumes.map((v) => ({ mountPath: v.path, name: v.name, ...(v.name.includes('ca-certs') || v.name.includes('k8s-certs') || v.name === 'kubeconfig' ? { readOnly: true } : {}) })) }],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      volumes: volumes.map((v) => ({ hostPath: { path: v.path, type: v.type }, name: v.name })),
    },
  };
}

/** The four manifests kubeadm init writes, for a control plane at `ip`. */
export function controlPlaneManifests(ip: string): Pod[] {
  const pki = { name: 'k8s-certs', path: '/etc/kubernetes/pki', type: 'DirectoryOrCreate' };
  const ca = { name: 'ca-certs', path: '/etc/ssl/certs', type: 'DirectoryOrCreate' };
  return [
    manifest('etcd', 'etcd', {
      name: 'etcd',
      image: 'registry.k8s.io/etcd:3.5.21-0',
      command: ['etcd', `--advertise-client-urls=https://${ip}:2379`, '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true', '--data-dir=/var/lib/etcd', '--feature-gates=InitialCorruptCheck=true', `--initial-advertise-peer-urls=https://${ip}:2380`, `--initial-cluster=control-plane=https://${ip}:2380`, '--key-file=/etc/kubernetes/pki/etcd/server.key', `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${ip}:2380`, '--name=control-plane', '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt', '--watch-progress-notify-interval=5s'],
      livenessProbe: probe('/livez', 2381, '127.0.0.1', 'HTTP', 8),
      startupProbe: probe('/readyz', 2381, '127.0.0.1', 'HTTP', 24),
      resources: { requests: { cpu: '100m', memory: '100Mi' } },
    }, [{ name: 'etcd-certs', path: '/etc/kubernetes/pki/etcd', type: 'DirectoryOrCreate' }, { name: 'etcd-data', path: '/var/lib/etcd', type: 'DirectoryOrCreate' }], { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` }),
    manifest('kube-apiserver', 'kube-apiserver', {
      name: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${K8S}`,
      command: ['kube-apiserver', `--advertise-address=${ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC', '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true', '--etcd-servers=https://127.0.0.1:2379', '--secure-port=6443', '--service-account-issuer=https://kubernetes.default.svc.cluster.local', '--service-cluster-ip-range=10.96.0.0/16', '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key'],
      livenessProbe: probe('/livez', 6443, ip, 'HTTPS', 8),
      readinessProbe: { failureThreshold: 3, httpGet: { host: ip, path: '/readyz', port: 6443, scheme: 'HTTPS' }, periodSeconds: 1, timeoutSeconds: 15 },
      startupProbe: probe('/livez', 6443, ip, 'HTTPS', 24),
      resources: { requests: { cpu: '250m' } },
    }, [ca, pki], { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` }),
    manifest('kube-controller-manager', 'kube-controller-manager', {
      name: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${K8S}`,
      command: ['kube-controller-manager', '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf', '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1', '--cluster-cidr=10.244.0.0/16', '--cluster-name=kind', '--controllers=*,bootstrapsigner,tokencleaner', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true', '--service-cluster-ip-range=10.96.0.0/16', '--use-service-account-credentials=true'],
      livenessProbe: probe('/healthz', 10257, '127.0.0.1', 'HTTPS', 8),
      startupProbe: probe('/healthz', 10257, '127.0.0.1', 'HTTPS', 24),
      resources: { requests: { cpu: '200m' } },
    }, [ca, pki, { name: 'kubeconfig', path: '/etc/kubernetes/controller-manager.conf', type: 'FileOrCreate' }]),
    manifest('kube-scheduler', 'kube-scheduler', {
      name: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${K8S}`,
      command: ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
      livenessProbe: probe('/livez', 10259, '127.0.0.1', 'HTTPS', 8),
      startupProbe: probe('/livez', 10259, '127.0.0.1', 'HTTPS', 24),
      resources: { requests: { cpu: '100m' } },
    }, [{ name: 'kubeconfig', path: '/etc/kubernetes/scheduler.conf', type: 'FileOrCreate' }]),
  ];
}

/** The images the control-plane node has before anything is pulled (kind preloads them). */
export const PRELOADED_IMAGES = [
  'registry.k8s.io/pause:3.10',
  'registry.k8s.io/etcd:3.5.21-0',
  `registry.k8s.io/kube-apiserver:${K8S}`,
  `registry.k8s.io/kube-controller-manager:${K8S}`,
  `registry.k8s.io/kube-scheduler:${K8S}`,
  `registry.k8s.io/kube-proxy:${K8S}`,
  'registry.k8s.io/coredns/coredns:v1.12.0',
  'docker.io/kindest/kindnetd:v20250512-df8de77b',
  'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a',
];

/**
 * The pod the kubelet runs from a manifest: named <name>-<node>, bound to the node, with
 * the config hash as its UID and the annotations the file source adds.
 */
export function staticPod(manifest: Pod, node: string, seenMs: number): Pod {
  const hash = sha256Hex(JSON.stringify(manifest)).slice(0, 32);
  const seen = new Date(seenMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  return {
    ...manifest,
    metadata: {
      ...manifest.metadata,
      name: `${manifest.metadata?.name ?? ''}-${node}`,
      uid: hash,
      annotations: {
        ...manifest.metadata?.annotations,
        'kubernetes.io/config.hash': hash,
        'kubernetes.io/config.seen': seen,
        'kubernetes.io/config.source': 'file',
      },
    },
    spec: {
      ...manifest.spec,
      containers: manifest.spec?.containers ?? [],
      nodeName: node,
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
      enableServiceLinks: true,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
    },
    status: { phase: 'Pending' },
  };
}
