/** host-local IPAM over the node's pod CIDR: .1 is the gateway, pods get .2 upwards, in turn. */
export class IpPool {
  private readonly base: number[];
  private readonly size: number;
  private next = 2;
  private readonly used = new Set<string>();

  constructor(cidr: string) {
    const [addr = '10.244.0.0', bits = '24'] = cidr.split('/');
    this.base = addr.split('.').map((x) => Number.parseInt(x, 10));
    this.size = 2 ** (32 - Number.parseInt(bits, 10));
  }

  private ipAt(offset: number): string {
    const n = ((this.base[0] ?? 0) << 24 >>> 0) + ((this.base[1] ?? 0) << 16) + ((this.base[2] ?? 0) << 8) + (this.base[3] ?? 0) + offset;
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  }

  gateway(): string {
    return this.ipAt(1);
  }

  /** The next free address after the last one handed out (host-local does not reuse at once). */
  allocate(): string | undefined {
    for (let i = 0; i < this.size - 3; i++) {
      const offset = 2 + ((this.next - 2 + i) % (this.size - 3));
      const ip = this.ipAt(offset);
      if (!this.used.has(ip)) {
        this.used.add(ip);
        this.next = offset + 1;
        return ip;
      }
    }
    return undefined;
  }

  release(ip: string): void {
    this.used.delete(ip);
  }
}
