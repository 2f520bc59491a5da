/**
 * The typed client: the only door from a component to the API server. Each component has
 * its own identity (user and trace name). Failures throw StatusError, as client-go
 * returns them.
 */
import type { KubeObject, ResourceInfo, UserInfo } from '../api/types';
import { StatusError } from '../api/errors';
import type { Status } from '../api/types';
import type { ApiHandler, ApiRequest, ApiWatchEvent, PatchType, RequestQuery } from '../apiserver/types';

export interface Identity {
  user: UserInfo;
  /** Trace name: kubectl, deployment-controller, kubelet/worker-1 */
  component: string;
}

/** Group, version and plural of a resource. */
export interface GVR {
  group: string;
  version: string;
  resource: string;
}

export function gvrOf(info: Pick<ResourceInfo, 'group' | 'version' | 'plural'>): GVR {
  return { group: info.group, version: info.version, resource: info.plural };
}

export const R = {
  namespaces: { group: '', version: 'v1', resource: 'namespaces' },
  nodes: { group: '', version: 'v1', resource: 'nodes' },
  pods: { group: '', version: 'v1', resource: 'pods' },
  services: { group: '', version: 'v1', resource: 'services' },
  endpoints: { group: '', version: 'v1', resource: 'endpoints' },
  events: { group: '', version: 'v1', resource: 'events' },
  serviceaccounts: { group: '', version: 'v1', resource: 'serviceaccounts' },
  configmaps: { group: '', version: 'v1', resource: 'configmaps' },
  secrets: { group: '', version: 'v1', resource: 'secrets' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
  replicasets: { group: 'apps', version: 'v1', resource: 'replicasets' },
  statefulsets: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  daemonsets: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  controllerrevisions: { group: 'apps', version: 'v1', resource: 'controllerrevisions' },
  jobs: { group: 'batch', version: 'v1', resource: 'jobs' },
  cronjobs: { group: 'batch', version: 'v1', resource: 'cronjobs' },
  endpointslices: { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' },
  leases: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' },
  priorityclasses: { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' },
} as const satisfies Record<string, GVR>;

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
  continue?: string;
}

export class Client {
  constructor(
    readonly api: ApiHandler,
    readonly identity: Identity,
  ) {}

  get component(): string {
    return this.identity.component;
  }

  private call(req: Omit<ApiRequest, 'user' | 'from'>): Readonly<Record<string, unknown>> {
    const res = this.api.handle({ ...req, user: this.identity.user, from: this.identity.component });
    if (res.code >= 400) throw new StatusError(res.body as unknown as Status);
    return res.body;
  }

  create<T extends KubeObject>(gvr: GVR, namespace: string | undefined, obj: T, query?: RequestQuery): T {
    return this.call({ verb: 'create', ...gvr, namespace, body: obj, query }) as unknown as T;
  }

  get<T extends KubeObject>(gvr: GVR, namespace: string | undefined, name: string): T {
    return this.call({ verb: 'get', ...gvr, namespace, name }) as unknown as T;
  }

  /** Get that answers undefined for 404. */
  tryGet<T extends KubeObject>(gvr: GVR, namespace: string | undefined, name: string): T | undefined {
    try {
      return this.get<T>(gvr, namespace, name);
    } catch (err) {
      if (err instanceof StatusError && err.code === 404) return undefined;
      throw err;
    }
  }

  list<T extends KubeObject>(gvr: GVR, namespace?: string, query?: RequestQuery): ListResult<T> {
    const body = this.call({ verb: 'list', ...gvr, namespace, query }) as unknown as {
      items: T[];
      metadata: { resourceVersion: string; continue?: string };
    };
    return { items: body.items, resourceVersion: body.metadata.resourceVersion, continue: body.metadata.continue };
  }

  update<T extends KubeObject>(gvr: GVR, obj: T, query?: RequestQuery): T {
    return this.call({
      verb: 'update',
      ...gvr,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      body: obj,
      query,
    }) as unknown as T;
  }

  updateStatus<T extends KubeObject>(gvr: GVR, obj: T): T {
    return this.call({
      verb: 'update',
      ...gvr,
      subresource: 'status',
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      body: obj,
    }) as unknown as T;
  }

  patch<T extends KubeObject>(
    gvr: GVR,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    patchType: PatchType = 'strategic',
    subresource?: string,
    query?: RequestQuery,
  ): T {
    return this.call({
      verb: 'patch',
      ...gvr,
      namespace,
      name,
      subresource,
      body: patch,
      query: { ...query, patchType },
    }) as unknown as T;
  }

  delete(gvr: GVR, namespace: string | undefined, name: string, query?: RequestQuery): Readonly<Record<string, unknown>> {
    return this.call({ verb: 'delete', ...gvr, namespace, name, query });
  }

  /** POST to a subresource, e.g. pods/binding. */
  createSubresource(gvr: GVR, namespace: string | undefined, name: string, subresource: string, body: unknown): Readonly<Record<string, unknown>> {
    return this.call({ verb: 'create', ...gvr, namespace, name, subresource, body });
  }

  watch(
    gvr: GVR,
    namespace: string | undefined,
    query: RequestQuery,
    onEvent: (ev: ApiWatchEvent) => void,
    onClose?: () => void,
  ): { stop(): void } {
    const { response, watch } = this.api.watch(
      { verb: 'watch', ...gvr, namespace, query, user: this.identity.user, from: this.identity.component },
      onEvent,
      onClose,
    );
    if (response.code >= 400 || !watch) throw new StatusError(response.body as unknown as Status);
    return watch;
  }
}
