/**
 * Serving a whole simulated cluster: its API server over HTTP, with the real-time driver
 * moving its clock, so what kubectl does sets the controllers, scheduler and kubelets going.
 */
import type { Cluster } from '../sim/cluster';
import { RealTimeDriver, type DriverOptions } from './driver';
import { startKubeServer, type KubeServer, type KubeServerOptions } from './server';
import type { ApiTarget } from './target';

export interface ServeClusterOptions extends KubeServerOptions, DriverOptions {}

export interface ServedCluster extends KubeServer {
  readonly driver: RealTimeDriver;
}

export function clusterTarget(cluster: Cluster, driver?: RealTimeDriver): ApiTarget {
  const target: ApiTarget = {
    api: cluster.api,
    registry: cluster.api.registry,
    now: () => cluster.loop.now(),
    logs: (ns, pod, container, tail) => cluster.logs(ns, pod, container, tail),
    tracer: cluster.tracer,
  };
  if (driver) {
    target.beforeRequest = () => driver.tick();
    target.afterRequest = () => driver.kick();
  }
  return target;
}

export async function serveCluster(cluster: Cluster, opts: ServeClusterOptions = {}): Promise<ServedCluster> {
  const driver = new RealTimeDriver(cluster.loop, opts);
  const server = await startKubeServer(clusterTarget(cluster, driver), opts);
  driver.start();
  return {
    url: server.url,
    port: server.port,
    token: server.token,
    caCert: server.caCert,
    driver,
    close: async () => {
      driver.stop();
      await server.close();
    },
  };
}
