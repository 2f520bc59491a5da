/**
 * Service clusterIP and nodePort allocation as kube-apiserver does it: 10.96.0.0/12 with the
 * low band reserved for static picks (10.96.0.1 is `kubernetes`, 10.96.0.10 is kube-dns),
 * dynamic picks drawn at random from the rest; node ports from 30000-32767.
 */
import type { Rng } from '../core';

export const SERVICE_CIDR = '10.96.0.0/12';
export const NODE_PORT_RANGE = { base: 30000, size: 2768 } as const;

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export class IpAllocator {
  private readonly base: number;
  private readonly size: number;
  private readonly used = new Set<number>();
  /** Upstream: min(max(16, size/16), 256) addresses at the start are the static band. */
  private readonly staticBand: number;

  constructor(
    cidr: string,
    private readonly rng: Rng,
  ) {
    const [addr, bits] = cidr.split('/');
    this.base = ipToInt(addr ?? '0.0.0.0');
    this.size = 2 ** (32 - Number(bits));
    this.staticBand = Math.min(Math.max(16, Math.floor(this.size / 16)), 256);
  }

  contains(ip: string): boolean {
    const n = ipToInt(ip) - this.base;
    return n > 0 && n < this.size - 1;
  }

  /** Claims a specific address; false when taken or out of range. */
  allocate(ip: string): boolean {
    const n = ipToInt(ip) - this.base;
    if (!this.contains(ip) || this.used.has(n)) return false;
    this.used.add(n);
    return true;
  }

  allocateNext(): string | undefined {
    const span = this.size - 2 - this.staticBand;
    for (let i = 0; i < 64; i++) {
      const n = this.staticBand + 1 + this.rng.int(span);
      if (!this.used.has(n)) {
        this.used.add(n);
        return intToIp(this.base + n);
      }
    }
    for (let n = 1; n < this.size - 1; n++) {
      if (!this.used.has(n)) {
        this.used.add(n);
        return intToIp(this.base + n);
      }
    }
    return undefined;
  }

  release(ip: string): void {
    this.used.delete(ipToInt(ip) - this.base);
  }
}

export class PortAllocator {
  private readonly used = new Set<number>();

  constructor(private readonly rng: Rng) {}

  contains(port: number): boolean {
    return port >= NODE_PORT_RANGE.base && port < NODE_PORT_RANGE.base + NODE_PORT_RANGE.size;
  }

  allocate(port: number): boolean {
    if (!this.contains(port) || this.used.has(port)) return false;
    this.used.add(port);
    return true;
  }

  allocateNext(): number | undefined {
    for (let i = 0; i < 64; i++) {
      const p = NODE_PORT_RANGE.base + this.rng.int(NODE_PORT_RANGE.size);
      if (!this.used.has(p)) {
        this.used.add(p);
        return p;
      }
    }
    for (let p = NODE_PORT_RANGE.base; p < NODE_PORT_RANGE.base + NODE_PORT_RANGE.size; p++) {
      if (!this.used.has(p)) {
        this.used.add(p);
        return p;
      }
    }
    return undefined;
  }

  release(port: number): void {
    this.used.delete(port);
  }
}

export interface Allocators {
  serviceIPs: IpAllocator;
  nodePorts: PortAllocator;
}

export function createAllocators(rng: Rng): Allocators {
  return { serviceIPs: new IpAllocator(SERVICE_CIDR, rng), nodePorts: new PortAllocator(rng) };
}
