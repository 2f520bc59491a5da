/**
 * src/server: the Kubernetes REST API of a simulated cluster on 127.0.0.1, so the real
 * kubectl and client libraries work against it: HTTPS with a fresh self-signed certificate
 * (kubectl sends its bearer token only over TLS), discovery, OpenAPI v2/v3 from the schema
 * index, Tables, watch streams, logs, JSON/YAML/protobuf request bodies, and the real-time
 * driver that moves the virtual clock. Node only (node:http(s), node:crypto, node:fs,
 * timers). A thin adapter over sim/apiserver: it imports sim/api (registry, errors, schema,
 * merge keys), sim/apiserver (request types, printers), sim/core (types) and, for
 * serveCluster, the Cluster type; no rule of Kubernetes is written here.
 */
export { startKubeServer, type KubeServer, type KubeServerOptions } from './server';
export { serveCluster, clusterTarget, type ServeClusterOptions, type ServedCluster } from './cluster';
export { RealTimeDriver, type DriverOptions } from './driver';
export { writeKubeconfig, kubeconfigText, CONTEXT_NAME } from './kubeconfig';
export { ADMIN_USER, isLoopbackHost, callerName } from './auth';
export type { ApiTarget } from './target';
export { makeServingCert, type ServingCert } from './tls';
