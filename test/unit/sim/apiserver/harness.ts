/** A bare API server on a fresh store and loop, for tests of the server and its clients. */
import { EventLoop, Rng, Tracer, VirtualClock } from '../../../../src/sim/core';
import { ApiServer } from '../../../../src/sim/apiserver/apiserver';
import { Client, IDENTITIES, R } from '../../../../src/sim/client';
import { bootstrapObjects } from '../../../../src/sim/bootstrap';
import type { KubeObject } from '../../../../src/sim/api/types';

export function apiHarness(seed = 1) {
  const clock = new VirtualClock();
  const loop = new EventLoop(clock);
  const tracer = new Tracer(clock);
  loop.attachTracer(tracer);
  const api = new ApiServer({ loop, tracer, rng: new Rng(seed) });
  const admin = new Client(api, IDENTITIES.admin);
  for (const obj of bootstrapObjects()) {
    const info = api.registry.byKind(obj.apiVersion, obj.kind);
    if (!info) throw new Error(obj.kind);
    admin.create({ group: info.group, version: info.version, resource: info.plural }, obj.metadata.namespace, obj);
  }
  admin.create(R.serviceaccounts, 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } } as KubeObject);
  return { clock, loop, tracer, api, admin };
}
