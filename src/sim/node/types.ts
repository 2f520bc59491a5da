/** The node agents' public shapes: what the composition root passes in and gets back. */
import type { Component } from '../client';
import type { ContainerRuntime } from './runtime/containerd';
import type { KubeProxy } from './proxy/kubeProxy';
import type { RequestResult } from './proxy/request';

export interface NodeSpec {
  name: string;
  role: 'control-plane' | 'worker';
  /** Capacity as quantities: cpu '2', memory '4Gi'. */
  cpu: string;
  memory: string;
  pods: number;
  /** topology.kubernetes.io/zone */
  zone?: string;
  /** 10.244.N.0/24 */
  podCIDR: string;
}

/** One node: its kubelet, container runtime and kube-proxy. */
export interface NodeAgent extends Component {
  readonly spec: NodeSpec;
  /** InternalIP: 172.18.0.N */
  readonly nodeIP: string;
  readonly runtime: ContainerRuntime;
  readonly proxy: KubeProxy;
  /** What `kubectl logs` shows for a container of a pod on this node (undefined: not here). */
  logs(namespace: string, pod: string, container?: string, tailLines?: number): string | undefined;
  /** Whether the kubelet process runs (heartbeats, pod syncs). */
  readonly kubeletRunning: boolean;
  /**
   * `curl <target>` from this node, or from a pod on it (undefined when that pod is not
   * here). Target: `nginx-service:80`, `nginx-service.default.svc.cluster.local`, `10.96.0.20:80/path`.
   */
  curl(target: string, fromPod?: { namespace: string; name: string }): RequestResult | undefined;
  /** `systemctl stop kubelet`: heartbeats stop, containers keep running. */
  stopKubelet(): void;
  /** `systemctl start kubelet`: registers again, relists pods, adopts running containers. */
  startKubelet(): void;
}
