/**
 * Test scaffolding: etcd (MemoryStore), the API server, the event loop and only the
 * controllers under test, with a kubectl client. `kubelet` is a stand-in for the real
 * node agent (scheduling and readiness are faked through the binding and status
 * subresources) so controller tests do not depend on the scheduler or kubelet.
 */
import { EventLoop, Rng, Tracer, VirtualClock, rfc3339 } from '../../../../src/sim/core';
import { MemoryStore } from '../../../../src/sim/store';
import { ApiServer } from '../../../../src/sim/apiserver/apiserver';
import { Client, IDENTITIES, Informer, R, type Component, type ComponentEnv, type GVR } from '../../../../src/sim/client';
import type { KubeObject } from '../../../../src/sim/api/types';
import { startControllerManager } from '../../../../src/sim/controllers';

export interface EventRow {
  reason: string;
  message: string;
  type: string;
  source: string;
  kind: string;
  name: string;
  count: number;
}

export class Harness {
  readonly loop: EventLoop;
  readonly tracer: Tracer;
  readonly api: ApiServer;
  readonly kubectl: Client;
  readonly apiserverClient: Client;
  readonly kubeletClient: Client;
  readonly store = new MemoryStore();
  private manager: Component | undefined;
  private readonly rng: Rng;

  constructor(seed = 7) {
    const clock = new VirtualClock();
    this.loop = new EventLoop(clock);
    this.tracer = new Tracer(clock);
    this.loop.attachTracer(this.tracer);
    this.rng = new Rng(seed);
    this.api = new ApiServer({ store: this.store, loop: this.loop, tracer: this.tracer, rng: this.rng.fork() });
    this.kubectl = new Client(this.api, IDENTITIES.admin);
    this.apiserverClient = new Client(this.api, {
      user: { username: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] },
      component: 'kube-apiserver',
    });
    this.kubeletClient = new Client(this.api, { user: { username: 'system:node:test-kubelet', groups: ['system:nodes', 'system:authenticated'] }, component: 'kubelet/test' });
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      this.apiserverClient.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
  }

  env(): ComponentEnv {
    return { loop: this.loop, tracer: this.tracer, rng: this.rng.fork(), api: this.api };
  }

  /** Starts the named controllers (service-account names). */
  start(only?: string[]): this {
    this.manager = startControllerManager(this.env(), { only });
    return this;
  }

  stop(): void {
    this.manager?.stop();
  }

  /** A default ServiceAccount as the serviceaccount controller would make it (when that controller is not running). */
  defaultServiceAccount(ns = 'default'): void {
    this.apiserverClient.create(R.serviceaccounts, ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
  }

  run(ms = 60_000): void {
    this.loop.runUntilQuiet(this.loop.now() + ms);
  }

  advance(ms: number): void {
    this.loop.runFor(ms);
  }

  list<T extends KubeObject>(gvr: GVR, ns?: string): T[] {
    return this.kubectl.list<T>(gvr, ns).items;
  }

  get<T extends KubeObject>(gvr: GVR, ns: string | undefined, name: string): T | undefined {
    return this.kubectl.tryGet<T>(gvr, ns, name);
  }

  events(ns = 'default'): EventRow[] {
    return this.list<KubeObject>(R.events, ns).map((e) => {
      const ev = e as unknown as {
        reason: string; message: string; type: string; source?: { component?: string }; involvedObject: { kind: string; name: string }; count?: number;
      };
      return {
        reason: ev.reason, message: ev.message, type: ev.type, source: ev.source?.component ?? '',
        kind: ev.involvedObject.kind, name: ev.involvedObject.name, count: ev.count ?? 1,
      };
    });
  }

  /** Stand-in kubelet: binds the pod to `node` and reports it Running and Ready. */
  makeReady(pod: KubeObject, node = 'worker-1'): void {
    const ns = pod.metadata.namespace;
    const name = pod.metadata.name ?? '';
    const current = this.kubectl.get<KubeObject>(R.pods, ns, name);
    if (!(current.spec as { nodeName?: string }).nodeName) {
      this.kubeletClient.createSubresource(R.pods, ns, name, 'binding', {
        apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns }, target: { apiVersion: 'v1', kind: 'Node', name: node },
      });
    }
    const fresh = this.kubectl.get<KubeObject>(R.pods, ns, name);
    const now = rfc3339(this.loop.now());
    const cond = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now });
    this.kubeletClient.updateStatus(R.pods, {
      ...fresh,
      status: {
        ...(fresh.status as object),
        phase: 'Running',
        conditions: [cond('Initialized'), cond('Ready'), cond('ContainersReady'), cond('PodScheduled')],
        podIP: `10.244.1.${(this.ipCounter++ % 250) + 2}`,
        startTime: now,
      },
    });
  }

  private ipCounter = 0;

  /** Stand-in kubelet: the pod's containers ran to an end (exit code 0 for Succeeded). */
  finishPod(pod: KubeObject, phase: 'Succeeded' | 'Failed', exitCode = phase === 'Succeeded' ? 0 : 1): void {
    const ns = pod.metadata.namespace;
    const name = pod.metadata.name ?? '';
    const current = this.kubectl.get<KubeObject>(R.pods, ns, name);
    if (!(current.spec as { nodeName?: string }).nodeName) {
      this.kubeletClient.createSubresource(R.pods, ns, name, 'binding', {
        apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns }, target: { apiVersion: 'v1', kind: 'Node', name: 'worker-1' },
      });
    }
    const fresh = this.kubectl.get<KubeObject>(R.pods, ns, name);
    const now = rfc3339(this.loop.now());
    const containers = ((fresh.spec as { containers?: { name: string; image: string }[] }).containers ?? []);
    this.kubeletClient.updateStatus(R.pods, {
      ...fresh,
      status: {
        ...(fresh.status as object),
        phase,
        conditions: [{ type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: now, reason: 'PodCompleted' }],
        containerStatuses: containers.map((c) => ({
          name: c.name, image: c.image, imageID: '', ready: false, restartCount: 0, started: false,
          state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: now, finishedAt: now } },
        })),
      },
    });
  }

  /**
   * Stand-in kubelet running on its own: every new pod is bound and becomes Running and
   * Ready after `readyAfterMs`; a pod given a deletionTimestamp is removed after
   * `terminateAfterMs`. Test scaffolding only.
   */
  autoKubelet(opts: { readyAfterMs?: number; terminateAfterMs?: number } = {}): () => void {
    const ready = opts.readyAfterMs ?? 1000;
    const term = opts.terminateAfterMs ?? 500;
    const pending = new Set<string>();
    const inf = new Informer<KubeObject>(this.kubeletClient, R.pods);
    const onPod = (p: KubeObject): void => {
      const key = `${p.metadata.namespace}/${p.metadata.name}/${p.metadata.uid}`;
      if (p.metadata.deletionTimestamp) {
        if (pending.has(`del:${key}`)) return;
        pending.add(`del:${key}`);
        this.loop.schedule(term, () => {
          try {
            this.kubeletClient.delete(R.pods, p.metadata.namespace, p.metadata.name ?? '', { gracePeriodSeconds: 0 });
          } catch {
            // already gone
          }
        });
        return;
      }
      if (pending.has(key)) return;
      pending.add(key);
      this.loop.schedule(ready, () => {
        const cur = this.kubectl.tryGet<KubeObject>(R.pods, p.metadata.namespace, p.metadata.name ?? '');
        if (!cur || cur.metadata.uid !== p.metadata.uid || cur.metadata.deletionTimestamp) return;
        this.makeReady(cur);
      });
    };
    inf.addHandler({ add: onPod, update: (_o, p) => onPod(p) });
    inf.start();
    return () => inf.stop();
  }

  /** Makes every pod in `ns` that is not ready yet Running and Ready. */
  readyAll(ns = 'default'): number {
    let n = 0;
    for (const p of this.list<KubeObject>(R.pods, ns)) {
      if (p.metadata.deletionTimestamp) continue;
      const conds = ((p.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
      if (conds.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
      this.makeReady(p);
      n++;
    }
    return n;
  }

  /** Stand-in kubelet finishing graceful deletion: removes pods that carry a deletionTimestamp. */
  finishDeletions(ns = 'default'): number {
    let n = 0;
    for (const p of this.list<KubeObject>(R.pods, ns)) {
      if (!p.metadata.deletionTimestamp) continue;
      this.kubeletClient.delete(R.pods, ns, p.metadata.name ?? '', { gracePeriodSeconds: 0 });
      n++;
    }
    return n;
  }
}

export function deployment(name: string, replicas: number, image: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: 'nginx' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] },
      },
      ...extra,
    },
  };
}

export function replicaSet(name: string, replicas: number, labels: Record<string, string> = { app: 'web' }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.14.2' }] } },
    },
  };
}
