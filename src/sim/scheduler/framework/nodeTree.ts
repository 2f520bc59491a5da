/**
 * The cache's nodeTree: nodes grouped by zone and listed round-robin across zones, so that
 * the sampled part of a big cluster (percentageOfNodesToScore) covers every zone.
 */

/** utilnode.GetZoneKey: region and zone from the well-known labels, '' when neither is set. */
export function zoneKeyOf(labels: Readonly<Record<string, string>> | undefined): string {
  const l = labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\u0000:${zone}`;
}

export class NodeTree {
  private readonly zones: string[] = [];
  private readonly tree = new Map<string, string[]>();
  private readonly zoneOf = new Map<string, string>();

  get size(): number {
    return this.zoneOf.size;
  }

  /** Adds or re-files a node; true when the listing changed. */
  add(name: string, labels: Readonly<Record<string, string>> | undefined): boolean {
    const zone = zoneKeyOf(labels);
    const prior = this.zoneOf.get(name);
    if (prior !== undefined) {
      if (prior === zone) return false;
      this.remove(name);
    }
    let list = this.tree.get(zone);
    if (!list) {
      this.tree.set(zone, (list = []));
      this.zones.push(zone);
    }
    list.push(name);
    this.zoneOf.set(name, zone);
    return true;
  }

  remove(name: string): void {
    const zone = this.zoneOf.get(name);
    if (zone === undefined) return;
    this.zoneOf.delete(name);
    const list = this.tree.get(zone) ?? [];
    const i = list.indexOf(name);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) {
      this.tree.delete(zone);
      this.zones.splice(this.zones.indexOf(zone), 1);
    }
  }

  /** Node names, one from each zone in turn. */
  list(): string[] {
    const out: string[] = [];
    const lists = this.zones.map((z) => this.tree.get(z) ?? []);
    const longest = lists.reduce((n, l) => Math.max(n, l.length), 0);
    for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i] as string);
    return out;
  }
}
