/**
 * The traffic side of a Service: node port range, load balancer fields, external and
 * internal traffic policies, health check node port and trafficDistribution.
 */
import { fieldErrors, newPath, type FieldPath } from '../fieldErrors';
import { isValidPortNum } from '../names';
import { parseIPSloppy } from './net';
import { arr, num, obj, optStr, str, strArr, strMap, validateQualifiedName, type Errs, type Json } from './util';

export const NODE_PORT_RANGE = { base: 30000, size: 2768 };
const LB_SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

function validateCIDR(value: string, path: FieldPath): Errs {
  const slash = value.indexOf('/');
  const ip = slash < 0 ? undefined : parseIPSloppy(value.slice(0, slash));
  const bits = slash < 0 ? NaN : Number(value.slice(slash + 1));
  const ok = ip !== undefined && /^[0-9]+$/.test(value.slice(slash + 1)) && bits <= (ip.family === 4 ? 32 : 128);
  return ok ? [] : [fieldErrors.invalid(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

function externallyAccessible(spec: Json): boolean {
  const type = str(spec.type);
  return type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && arr(spec.externalIPs).length > 0);
}

export function validateServiceTraffic(svc: Json, spec: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  const type = str(spec.type);
  // The node port allocator's check, reported with the rest of the validation.
  const last = NODE_PORT_RANGE.base + NODE_PORT_RANGE.size - 1;
  if (type === 'NodePort' || type === 'LoadBalancer') {
    arr(spec.ports).forEach((p, i) => {
      const np = num(obj(p).nodePort);
      if (np !== 0 && (np < NODE_PORT_RANGE.base || np > last)) {
        errs.push(
          fieldErrors.invalid(
            path.child('ports').index(i).child('nodePort'),
            np,
            `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.base}-${last}`,
          ),
        );
      }
    });
  }
  const ranges = strArr(spec.loadBalancerSourceRanges);
  const annotations = strMap(obj(svc.metadata).annotations);
  if (ranges.length > 0) {
    const p = path.child('LoadBalancerSourceRanges');
    if (type !== 'LoadBalancer') errs.push(fieldErrors.forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...validateCIDR(r.trim(), p.index(i))));
  } else if (LB_SOURCE_RANGES_ANNOTATION in annotations) {
    const p = newPath('metadata', 'annotations').key(LB_SOURCE_RANGES_ANNOTATION);
    if (type !== 'LoadBalancer') errs.push(fieldErrors.forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
    const val = (annotations[LB_SOURCE_RANGES_ANNOTATION] as string).trim();
    if (val !== '') for (const r of val.split(',')) errs.push(...validateCIDR(r.trim(), p));
  }
  const allocate = spec.allocateLoadBalancerNodePorts;
  if (allocate !== undefined && allocate !== null && type !== 'LoadBalancer') {
    errs.push(fieldErrors.forbidden(path.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  }
  // Upstream reports this one without the spec prefix.
  if (type === 'LoadBalancer' && (allocate === undefined || allocate === null)) errs.push(fieldErrors.required(newPath('allocateLoadBalancerNodePorts')));
  const lbClass = optStr(spec.loadBalancerClass);
  if (lbClass !== undefined) {
    if (type === 'LoadBalancer') errs.push(...validateQualifiedName(lbClass, path.child('loadBalancerClass')));
    else errs.push(fieldErrors.forbidden(path.child('loadBalancerClass'), "may only be used when `type` is 'LoadBalancer'"));
  }
  const etp = str(spec.externalTrafficPolicy);
  if (!externallyAccessible(spec)) {
    if (etp !== '') errs.push(fieldErrors.invalid(path.child('externalTrafficPolicy'), etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') {
    errs.push(fieldErrors.required(path.child('externalTrafficPolicy')));
  } else if (etp !== 'Cluster' && etp !== 'Local') {
    errs.push(fieldErrors.notSupported(path.child('externalTrafficPolicy'), etp, ['Cluster', 'Local']));
  }
  const hcnp = num(spec.healthCheckNodePort);
  if (!(type === 'LoadBalancer' && etp === 'Local')) {
    if (hcnp !== 0) {
      errs.push(fieldErrors.invalid(path.child('healthCheckNodePort'), hcnp, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  } else if (hcnp === 0) {
    errs.push(fieldErrors.required(path.child('healthCheckNodePort')));
  } else {
    for (const m of isValidPortNum(hcnp)) errs.push(fieldErrors.invalid(path.child('healthCheckNodePort'), hcnp, m));
  }
  const itp = optStr(spec.internalTrafficPolicy);
  if (itp === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(type)) {
    errs.push(fieldErrors.required(path.child('internalTrafficPolicy')));
  }
  if (itp !== undefined && itp !== 'Cluster' && itp !== 'Local') errs.push(fieldErrors.notSupported(path.child('internalTrafficPolicy'), itp, ['Cluster', 'Local']));
  const td = optStr(spec.trafficDistribution);
  if (td !== undefined && td !== 'PreferClose') errs.push(fieldErrors.notSupported(path.child('trafficDistribution'), td, ['PreferClose']));
  return errs;
}
