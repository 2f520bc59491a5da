/**
 * @kubernetes/client-node against `kube-walkthrough serve`: list pods, then watch them while
 * kubectl-like writes happen through the same API. Run with the installed v2 and with the
 * v1.3 build the project also carries (v2's HTTP client, undici 8, needs Node 22 or later).
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupHome, startServe, type Served } from './harness';

interface PodLike {
  metadata?: { name?: string };
}

interface ClientNode {
  KubeConfig: new () => { loadFromFile(path: string): void; makeApiClient<T>(api: new (...a: never[]) => T): T };
  CoreV1Api: new (...a: never[]) => {
    listNamespacedPod(req: { namespace: string }): Promise<{ items: PodLike[] }>;
    createNamespacedPod(req: { namespace: string; body: object }): Promise<PodLike>;
  };
  Watch: new (kc: unknown) => {
    watch(path: string, query: Record<string, string>, cb: (type: string, obj: PodLike) => void, done: (err: unknown) => void): Promise<AbortController>;
  };
}

async function load(name: string): Promise<ClientNode> {
  try {
    return (await import(name)) as ClientNode;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const hint = Number(process.versions.node.split('.')[0]) < 22 ? ' (client-node 2.x sends requests with undici 8, which needs Node 22 or later)' : '';
    throw new Error(`${name} does not load on Node ${process.version}: ${why}${hint}`);
  }
}

// client-node 1.3 is the release built for Kubernetes 1.33 (2.x needs Node 22, this project runs on Node 20).
const PACKAGES = ['kubernetes-client-node-1.33'];

describe('@kubernetes/client-node against kube-walkthrough serve', () => {
  let served: Served;
  before(async () => {
    served = await startServe(['--nodes', '1']);
  });
  after(async () => {
    cleanupHome();
    assert.equal(await served?.stop(), 0);
  });

  for (const pkg of PACKAGES) {
    test(`${pkg}: list and watch pods`, async () => {
      const k8s = await load(pkg);
      const kc = new k8s.KubeConfig();
      kc.loadFromFile(served.kubeconfig);
      const core = kc.makeApiClient(k8s.CoreV1Api);
      const name = `cn-${pkg.length}`;
      const before = await core.listNamespacedPod({ namespace: 'default' });
      assert.ok(!before.items.some((p) => p.metadata?.name === name));

      const seen: string[] = [];
      let resolveSeen: () => void = () => undefined;
      const gotIt = new Promise<void>((resolve) => (resolveSeen = resolve));
      const ctl = await new k8s.Watch(kc).watch(
        '/api/v1/namespaces/default/pods',
        {},
        (type, obj) => {
          seen.push(`${type} ${obj.metadata?.name ?? ''}`);
          if (obj.metadata?.name === name) resolveSeen();
        },
        () => undefined,
      );
      try {
        await core.createNamespacedPod({
          namespace: 'default',
          body: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } },
        });
        const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no watch event for ${name}; saw ${seen.join(', ')}`)), 15_000).unref());
        await Promise.race([gotIt, timeout]);
        assert.equal(seen.find((s) => s.endsWith(` ${name}`)), `ADDED ${name}`);
        const after = await core.listNamespacedPod({ namespace: 'default' });
        assert.ok(after.items.some((p) => p.metadata?.name === name));
      } finally {
        ctl.abort();
      }
    });
  }
});
