/**
 * quietly(): runs a read or a dry run against the simulated cluster without leaving a trace.
 * Editor features (diagnostics on every edit, hovers) must not change what the next apply
 * does: the same seed and manifests must give the same run however much a person typed first.
 * So the tracer is switched off (no steps in the walkthrough, no sequence numbers used up) and
 * the API server's random sources (uids, generated names, allocated IPs and ports) are put
 * back to where they were.
 *
 * The state lives in private fields of sim/core's Tracer and Rng; this file is the one place
 * that reaches for them. (A Cluster.isolated() in sim would make this unnecessary.)
 */
import type { Cluster } from '../../sim/cluster';

type Fields = Record<string, unknown>;

function randomSources(cluster: Cluster): Fields[] {
  const ctx = cluster.api.ctx as unknown as { rng?: Fields; allocators?: Record<string, { rng?: Fields } | undefined> };
  const found = new Set<Fields>();
  if (ctx.rng) found.add(ctx.rng);
  for (const allocator of Object.values(ctx.allocators ?? {})) if (allocator?.rng) found.add(allocator.rng);
  return [...found];
}

export function quietly<T>(cluster: Cluster, fn: () => T): T {
  const tracer = cluster.tracer as unknown as { enabled: boolean; seq?: number };
  const enabled = tracer.enabled;
  const seq = tracer.seq;
  const sources = randomSources(cluster);
  const saved = sources.map((s) => ({ ...s }));
  tracer.enabled = false;
  try {
    return fn();
  } finally {
    tracer.enabled = enabled;
    if (seq !== undefined) tracer.seq = seq;
    sources.forEach((s, i) => Object.assign(s, saved[i]));
  }
}
