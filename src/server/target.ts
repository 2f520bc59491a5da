/** What the HTTP layer serves: the simulated API server, its registry, its clock and logs. */
import type { ResourceRegistry } from '../sim/api/registry';
import type { ApiHandler } from '../sim/apiserver/types';
import type { LogSource } from '../sim/apiserver/context';
import type { Tracer } from '../sim/core';

export interface ApiTarget {
  api: ApiHandler;
  registry: ResourceRegistry;
  /** Virtual now in ms (ages in tables). */
  now(): number;
  /** Container logs for `kubectl logs -f` after the first read (as the kubelet streams them). */
  logs?: LogSource;
  /** Records refused requests in the walkthrough's trace. */
  tracer?: Tracer;
  /** Called after each request that may have set work in motion. */
  afterRequest?: () => void;
  /** Called before each request, so it sees the present. */
  beforeRequest?: () => void;
}
