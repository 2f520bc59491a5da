/**
 * sim/node: what runs on every node. The kubelet (registration, heartbeats, the pod
 * lifecycle, probes, static pods), the container runtime behind a CRI-like interface
 * (containerd: sandboxes, images from a simulated registry, simulated processes and their
 * logs) and kube-proxy (an iptables-mode rule table and the "send a request" walk), plus
 * the add-on manifests (kube-proxy, CoreDNS) the cluster creates.
 * Imports sim/core, sim/api, sim/client and src/protocol types only.
 */
import { uuid, type Rng } from '../core';
import type { ComponentEnv } from '../client';
import { ContainerRuntime } from './runtime/containerd';
import { Kubelet } from './kubelet/kubelet';
import { nodeIPOf } from './kubelet/nodeObject';
import { PRELOADED_IMAGES } from './kubelet/staticPods';
import { KubeProxy } from './proxy/kubeProxy';
import { networkFor } from './network';
import { IpPool } from './runtime/ipam';
import type { NodeAgent, NodeSpec } from './types';
import { parseQuantity } from '../api/quantity';

export type { NodeAgent, NodeSpec } from './types';
export { ContainerRuntime } from './runtime/containerd';
export { KubeProxy } from './proxy/kubeProxy';
export type { RequestResult, RequestFrom } from './proxy/request';
export { addonObjects, coreDnsAddon, kubeProxyAddon } from './addons';
export { cordon, uncordon, drain, removeNode, type DrainOptions } from './nodeActions';
export { CATALOG } from './runtime/catalog';

function hex(rng: Rng, n: number): string {
  let s = '';
  while (s.length < n) s += rng.nextUint32().toString(16).padStart(8, '0');
  return s.slice(0, n);
}

export function startNode(env: ComponentEnv, spec: NodeSpec): NodeAgent {
  const rng = env.rng;
  const nodeIP = nodeIPOf(spec);
  const network = networkFor(env.api);
  const cpus = Math.max(1, Math.ceil(parseQuantity(spec.cpu).milliValue() / 1000));
  const runtime = new ContainerRuntime({
    node: spec.name,
    loop: env.loop,
    tracer: env.tracer,
    rng: rng.fork(),
    podCIDR: spec.podCIDR,
    nodeIP,
    cpus,
    network,
    preloaded: PRELOADED_IMAGES,
  });
  const identity = { bootID: uuid(rng), machineID: hex(rng, 32), systemUUID: uuid(rng) };
  const gateway = new IpPool(spec.podCIDR).gateway();
  const kubelet = new Kubelet({ ...env, rng: rng.fork() }, spec, nodeIP, gateway, runtime, network, identity);
  const proxy = new KubeProxy({ ...env, rng: rng.fork() }, spec.name, nodeIP, gateway, network);
  runtime.netHook = (ip, namespace, req) => proxy.fromPod(ip, namespace, req);
  kubelet.start();
  proxy.start();
  let stopped = false;
  return {
    name: spec.name,
    spec,
    nodeIP,
    runtime,
    proxy,
    logs: (ns, pod, container, tail) => kubelet.logs(ns, pod, container, tail),
    curl: (target, fromPod) => {
      if (!fromPod) return proxy.request(target);
      const podIP = kubelet.podIP(fromPod.namespace, fromPod.name);
      return podIP ? proxy.request(target, { podIP, namespace: fromPod.namespace }) : undefined;
    },
    get kubeletRunning() {
      return kubelet.isRunning;
    },
    stopKubelet: () => kubelet.stop(),
    startKubelet: () => {
      if (!stopped) kubelet.start();
    },
    stop: () => {
      stopped = true;
      kubelet.stop();
      proxy.stop();
      runtime.shutdown();
    },
  };
}
