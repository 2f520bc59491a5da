/**
 * Per-zone NoExecute tainting with upstream's rate limits: one node per 10 s per zone
 * (--node-eviction-rate 0.1), none in a partially disrupted small zone, and none at all
 * while every zone is fully disrupted (the controller then suspects itself, not the nodes).
 */
import type { TaskHandle } from '../../core';
import type { ControllerContext } from '../common/context';

export const NODE_EVICTION_RATE = 0.1;
export const SECONDARY_NODE_EVICTION_RATE = 0.01;
export const LARGE_CLUSTER_SIZE_THRESHOLD = 50;
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;

type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

interface Zone {
  state: ZoneState;
  qps: number;
  queue: string[];
  nextToken: number;
  task: TaskHandle | undefined;
}

/** ComputeZoneState from the zone's Ready statuses. */
export function zoneState(statuses: readonly (string | undefined)[]): ZoneState {
  const ready = statuses.filter((s) => s === 'True').length;
  const notReady = statuses.length - ready;
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / statuses.length >= UNHEALTHY_ZONE_THRESHOLD) return 'PartialDisruption';
  return 'Normal';
}

export class ZoneTainter {
  private readonly zones = new Map<string, Zone>();
  private readonly zoneOfNode = new Map<string, string>();
  /** Every zone fully disrupted: no tainting. */
  disrupted = false;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly pass: (node: string) => void,
  ) {}

  private zone(key: string): Zone {
    let z = this.zones.get(key);
    if (!z) this.zones.set(key, (z = { state: 'Initial', qps: NODE_EVICTION_RATE, queue: [], nextToken: 0, task: undefined }));
    return z;
  }

  add(node: string, zoneKey: string): void {
    const z = this.zone(zoneKey);
    if (z.queue.includes(node)) return;
    z.queue.push(node);
    this.zoneOfNode.set(node, zoneKey);
    this.schedule(z);
  }

  remove(node: string): void {
    const key = this.zoneOfNode.get(node);
    if (key === undefined) return;
    const z = this.zones.get(key);
    if (z) z.queue = z.queue.filter((n) => n !== node);
  }

  private schedule(z: Zone): void {
    if (z.task || z.queue.length === 0 || z.qps <= 0) return;
    const now = this.ctx.loop.now();
    const at = Math.max(now, z.nextToken);
    z.task = this.ctx.loop.schedule(at - now, () => {
      z.task = undefined;
      const node = z.queue.shift();
      if (node === undefined || z.qps <= 0) return;
      z.nextToken = this.ctx.loop.now() + 1000 / z.qps;
      this.pass(node);
      this.schedule(z);
    }, { label: 'node-lifecycle-controller doNoExecuteTaintingPass' });
  }

  private setLimiter(z: Zone, size: number, state: ZoneState): void {
    if (state === 'PartialDisruption') z.qps = size > LARGE_CLUSTER_SIZE_THRESHOLD ? SECONDARY_NODE_EVICTION_RATE : 0;
    else z.qps = NODE_EVICTION_RATE;
    if (z.qps <= 0) {
      z.task?.cancel();
      z.task = undefined;
    } else {
      this.schedule(z);
    }
  }

  /** handleDisruption; returns true when entering master disruption mode (all taints come off). */
  updateZones(statuses: Map<string, (string | undefined)[]>, _now: number): boolean {
    const next = new Map<string, ZoneState>();
    // Both flags start true, as upstream's: with no nodes at all nothing changes.
    let allNow = true;
    for (const [key, list] of statuses) {
      const s = zoneState(list);
      next.set(key, s);
      if (s !== 'FullDisruption') allNow = false;
      this.zone(key);
    }
    let allBefore = true;
    for (const [key, z] of this.zones) {
      if (!statuses.has(key)) {
        z.task?.cancel();
        this.zones.delete(key);
        continue;
      }
      if (z.state !== 'FullDisruption') allBefore = false;
    }
    if (allNow && allBefore) {
      for (const z of this.zones.values()) z.state = 'FullDisruption';
      return false;
    }
    if (allNow) {
      this.ctx.reconcile('every node is not ready: entering master disruption mode, no taint-based evictions');
      this.disrupted = true;
      for (const z of this.zones.values()) {
        z.qps = 0;
        z.task?.cancel();
        z.task = undefined;
        z.state = 'FullDisruption';
      }
      return true;
    }
    if (allBefore) {
      this.ctx.reconcile('some nodes are ready again: exiting master disruption mode');
      this.disrupted = false;
      for (const [key, z] of this.zones) {
        const s = next.get(key) ?? 'Normal';
        this.setLimiter(z, statuses.get(key)?.length ?? 0, s);
        z.state = s;
      }
      return false;
    }
    for (const [key, z] of this.zones) {
      const s = next.get(key) ?? 'Normal';
      if (s === z.state) continue;
      this.setLimiter(z, statuses.get(key)?.length ?? 0, s);
      z.state = s;
    }
    return false;
  }

  stop(): void {
    for (const z of this.zones.values()) z.task?.cancel();
  }
}
