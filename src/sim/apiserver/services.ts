/** The Service registry's allocation step: clusterIP(s), IP families and node ports. */
import type { KubeObject, ResourceInfo } from '../api/types';
import { newInvalid } from '../api/errors';
import { fieldErrors, newPath } from '../api/fieldErrors';
import type { ServerContext } from './context';

interface ServicePort {
  name?: string;
  port: number;
  nodePort?: number;
}
interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: ServicePort[];
}

function isService(info: ResourceInfo): boolean {
  return info.group === '' && info.plural === 'services';
}

/**
 * Allocates what a Service needs. Returns a function that gives it all back (for dry runs
 * and failed writes).
 */
export function allocateService(ctx: ServerContext, info: ResourceInfo, obj: KubeObject, old: KubeObject | undefined, _dryRun: boolean): () => void {
  if (!isService(info)) return () => undefined;
  const spec = (obj.spec ?? {}) as ServiceSpec;
  const oldSpec = (old?.spec ?? {}) as ServiceSpec;
  const releases: (() => void)[] = [];
  const name = obj.metadata.name ?? '';
  const ips = ctx.allocators.serviceIPs;
  if (spec.type !== 'ExternalName') {
    if (old && oldSpec.clusterIP) {
      if (!spec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    } else if (spec.clusterIP && spec.clusterIP !== 'None') {
      if (!ips.allocate(spec.clusterIP)) {
        const msg = ips.contains(spec.clusterIP)
          ? `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`
          : `failed to allocate IP ${spec.clusterIP}: the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`;
        throw newInvalid(info, name, [fieldErrors.invalid(newPath('spec', 'clusterIPs'), [spec.clusterIP], msg)]);
      }
      const ip = spec.clusterIP;
      releases.push(() => ips.release(ip));
    } else if (!spec.clusterIP) {
      const ip = ips.allocateNext();
      if (ip) {
        spec.clusterIP = ip;
        releases.push(() => ips.release(ip));
      }
    }
    if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
    spec.ipFamilies = spec.ipFamilies ?? ['IPv4'];
    spec.ipFamilyPolicy = spec.ipFamilyPolicy ?? 'SingleStack';
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    const oldPorts = new Map((oldSpec.ports ?? []).map((p) => [p.port, p.nodePort]));
    (spec.ports ?? []).forEach((p, i) => {
      const kept = oldPorts.get(p.port);
      if (p.nodePort === undefined && kept !== undefined) {
        p.nodePort = kept;
        return;
      }
      if (p.nodePort !== undefined && p.nodePort === kept) return;
      if (p.nodePort !== undefined) {
        if (!ctx.allocators.nodePorts.allocate(p.nodePort)) {
          const msg = ctx.allocators.nodePorts.contains(p.nodePort)
            ? 'provided port is already allocated'
            : 'provided port is not in the valid range. The range of valid ports is 30000-32767';
          throw newInvalid(info, name, [fieldErrors.invalid(newPath('spec', 'ports').index(i).child('nodePort'), p.nodePort, msg)]);
        }
      } else {
        p.nodePort = ctx.allocators.nodePorts.allocateNext();
      }
      const port = p.nodePort;
      if (port !== undefined) releases.push(() => ctx.allocators.nodePorts.release(port));
    });
  }
  obj.spec = spec;
  return () => releases.forEach((r) => r());
}

/** Gives back a deleted Service's addresses and ports. */
export function releaseService(ctx: ServerContext, info: ResourceInfo, obj: KubeObject): void {
  if (!isService(info)) return;
  const spec = (obj.spec ?? {}) as ServiceSpec;
  if (spec.clusterIP && spec.clusterIP !== 'None') ctx.allocators.serviceIPs.release(spec.clusterIP);
  for (const p of spec.ports ?? []) if (p.nodePort) ctx.allocators.nodePorts.release(p.nodePort);
}
