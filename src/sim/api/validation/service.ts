/**
 * Services: ports (names, numbers, protocols, target ports, node ports), type, session
 * affinity, selector, cluster IPs and families, traffic policies; on update the cluster
 * IPs may not change once set.
 */
import { fieldErrors, newPath, stringer, type FieldPath } from '../fieldErrors';
import { goQuote } from '../gofmt';
import { isValidPortNum } from '../names';
import { PROTOCOLS } from './container';
import { isIPv6String, validateIP, validateNonSpecialIP } from './net';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { validatePortNumOrName } from './probes';
import { arr, isObj, num, obj, optNum, optObj, optStr, str, strArr, nameIsDNS1035Label, validateDNS1123Label, validateDNS1123Subdomain, validateQualifiedName, type Errs, type Json } from './util';
import { validateServiceTraffic } from './serviceTraffic';

export const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function isHeadless(spec: Json): boolean {
  const ips = strArr(spec.clusterIPs);
  return ips.length === 1 && ips[0] === 'None';
}

function validateServicePort(sp: Json, requireName: boolean, names: Set<string>, path: FieldPath): Errs {
  const errs: Errs = [];
  const name = str(sp.name);
  if (requireName && name === '') errs.push(fieldErrors.required(path.child('name')));
  else if (name !== '') {
    errs.push(...validateDNS1123Label(name, path.child('name')));
    if (names.has(name)) errs.push(fieldErrors.duplicate(path.child('name'), name));
    else names.add(name);
  }
  for (const m of isValidPortNum(num(sp.port))) errs.push(fieldErrors.invalid(path.child('port'), num(sp.port), m));
  const protocol = str(sp.protocol);
  if (protocol === '') errs.push(fieldErrors.required(path.child('protocol')));
  else if (!PROTOCOLS.includes(protocol)) errs.push(fieldErrors.notSupported(path.child('protocol'), protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort, path.child('targetPort')));
  if (typeof sp.appProtocol === 'string') errs.push(...validateQualifiedName(sp.appProtocol, path.child('appProtocol')));
  return errs;
}

function validateClusterIPs(spec: Json, path: FieldPath): Errs {
  if (str(spec.type) === 'ExternalName') return [];
  const errs: Errs = [];
  const ipsPath = path.child('clusterIPs');
  const ips = strArr(spec.clusterIPs);
  const clusterIP = str(spec.clusterIP);
  if (clusterIP !== '') {
    if (ips.length === 0) errs.push(fieldErrors.required(ipsPath));
    else if (ips[0] !== clusterIP) errs.push(fieldErrors.invalid(ipsPath, ips, 'first value must match `clusterIP`'));
  } else if (ips.length !== 0) {
    errs.push(fieldErrors.invalid(ipsPath, ips, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  strArr(spec.ipFamilies).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(fieldErrors.notSupported(path.child('ipFamilies').index(i), f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(fieldErrors.duplicate(path.child('ipFamilies').index(i), f));
    seen.add(f);
  });
  const policy = optStr(spec.ipFamilyPolicy);
  const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
  if (policy !== undefined && !policies.includes(policy)) errs.push(fieldErrors.notSupported(path.child('ipFamilyPolicy'), policy, policies));
  let invalid = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        invalid = true;
        errs.push(fieldErrors.invalid(ipsPath, ips, "'None' must be the first and only value"));
      }
      return;
    }
    const e = validateIP(ip, ipsPath.index(i));
    if (e.length > 0) invalid = true;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(fieldErrors.invalid(ipsPath, ips, 'may only hold up to 2 values'));
  if (invalid) return errs;
  if (ips.length > 1 && isIPv6String(ips[0] as string) === isIPv6String(ips[1] as string)) {
    errs.push(fieldErrors.invalid(ipsPath, ips, 'may specify no more than one IP for each IP family'));
  }
  const families = strArr(spec.ipFamilies);
  if (!isHeadless(spec)) {
    ips.forEach((ip, i) => {
      if (i >= families.length) return;
      if (families[i] === 'IPv4' && isIPv6String(ip)) errs.push(fieldErrors.invalid(ipsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !isIPv6String(ip)) errs.push(fieldErrors.invalid(ipsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

export function validateService(svc: Json): Errs {
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label);
  const spec = obj(svc.spec);
  const path = newPath('spec');
  const type = str(spec.type);
  const ports = arr(spec.ports).map(obj);
  const headless = isHeadless(spec);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(fieldErrors.required(path.child('ports')));
  const ips = strArr(spec.clusterIPs);
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless) {
    errs.push(fieldErrors.invalid(path.child('clusterIPs').index(0), ips[0], `may not be set to 'None' for ${type} services`));
  }
  if (type === 'ExternalName') {
    if (ips.length > 0) errs.push(fieldErrors.forbidden(path.child('clusterIPs'), 'may not be set for ExternalName services'));
    if (arr(spec.ipFamilies).length > 0) errs.push(fieldErrors.forbidden(path.child('ipFamilies'), 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) {
      errs.push(fieldErrors.forbidden(path.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
    }
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname !== '') errs.push(...validateDNS1123Subdomain(cname, path.child('externalName')));
    else errs.push(fieldErrors.required(path.child('externalName')));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, path.child('ports').index(i))));
  if (isObj(spec.selector)) errs.push(...validateLabels(spec.selector, path.child('selector')));
  const affinity = str(spec.sessionAffinity);
  if (affinity === '') errs.push(fieldErrors.required(path.child('sessionAffinity')));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(fieldErrors.notSupported(path.child('sessionAffinity'), affinity, ['ClientIP', 'None']));
  const sac = optObj(spec.sessionAffinityConfig);
  const sacPath = path.child('sessionAffinityConfig');
  if (affinity === 'ClientIP') {
    const clientIP = optObj(sac?.clientIP);
    const timeout = optNum(clientIP?.timeoutSeconds);
    if (!sac) errs.push(fieldErrors.required(sacPath, 'when session affinity type is ClientIP'));
    else if (!clientIP) errs.push(fieldErrors.required(sacPath.child('clientIP'), 'when session affinity type is ClientIP'));
    else if (timeout === undefined) errs.push(fieldErrors.required(sacPath.child('clientIP', 'timeoutSeconds'), 'when session affinity type is ClientIP'));
    else if (timeout <= 0 || timeout > 86400) errs.push(fieldErrors.invalid(sacPath.child('clientIP', 'timeoutSeconds'), timeout, 'must be greater than 0 and less than 86400'));
  } else if (affinity === 'None' && sac) {
    errs.push(fieldErrors.forbidden(sacPath, 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPs(spec, path));
  strArr(spec.externalIPs).forEach((ip, i) => {
    const e = validateIP(ip, path.child('externalIPs').index(i));
    errs.push(...(e.length > 0 ? e : validateNonSpecialIP(ip, path.child('externalIPs').index(i))));
  });
  if (type === '') errs.push(fieldErrors.required(path.child('type')));
  else if (!SERVICE_TYPES.includes(type)) errs.push(fieldErrors.notSupported(path.child('type'), type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (num(p.nodePort) !== 0) errs.push(fieldErrors.forbidden(path.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (num(p.nodePort) === 0) return;
    const key = `${str(p.protocol)}/${num(p.nodePort)}`;
    if (nodePorts.has(key)) errs.push(fieldErrors.duplicate(path.child('ports').index(i).child('nodePort'), num(p.nodePort)));
    nodePorts.add(key);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${str(p.protocol)}/${num(p.port)}`;
    if (seenPorts.has(key)) {
      errs.push(fieldErrors.duplicate(path.child('ports').index(i), stringer(`core.ServicePort{Name:"", Protocol:${goQuote(str(p.protocol))}, AppProtocol:(*string)(nil), Port:${num(p.port)}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`)));
    }
    seenPorts.add(key);
  });
  errs.push(...validateServiceTraffic(svc, spec, path));
  return errs;
}

export function validateServiceUpdate(svc: Json, old: Json): Errs {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  const spec = obj(svc.spec);
  const oldSpec = obj(old.spec);
  const ipsPath = newPath('spec', 'clusterIPs');
  if (str(spec.type) !== 'ExternalName' && str(oldSpec.type) !== 'ExternalName' && !(isHeadless(spec) && isHeadless(oldSpec))) {
    const ips = strArr(spec.clusterIPs);
    const oldIPs = strArr(oldSpec.clusterIPs);
    if (ips.length === oldIPs.length) {
      oldIPs.forEach((ip, i) => {
        if (ip !== ips[i]) errs.push(fieldErrors.invalid(ipsPath.index(i), ips, 'may not change once set'));
      });
    } else if (oldIPs.length > ips.length) {
      if (ips.length === 0) errs.push(fieldErrors.invalid(ipsPath.index(0), ips, 'primary clusterIP can not be unset'));
      if (oldIPs.length > 0 && ips.length > 0 && ips[0] !== oldIPs[0]) errs.push(fieldErrors.invalid(ipsPath.index(0), ips, 'may not change once set'));
      if (ips.length === 1 && str(spec.ipFamilyPolicy) !== 'SingleStack') {
        errs.push(fieldErrors.invalid(newPath('spec', 'ipFamilyPolicy'), optStr(spec.ipFamilyPolicy) ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
      }
    } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
      errs.push(fieldErrors.invalid(ipsPath.index(0), ips, 'may not change once set'));
    }
  }
  const hcnp = num(spec.healthCheckNodePort);
  const needsHC = (s: Json): boolean => str(s.type) === 'LoadBalancer' && str(s.externalTrafficPolicy) === 'Local';
  if (needsHC(spec) && needsHC(oldSpec) && hcnp !== num(oldSpec.healthCheckNodePort)) {
    errs.push(fieldErrors.forbidden(newPath('spec', 'healthCheckNodePort'), 'field is immutable'));
  }
  errs.push(...validateService(svc));
  return errs;
}
