/**
 * Endpoints and EndpointSlices: addresses that are real, non-special IPs (or FQDNs),
 * named and valid ports, hostnames and node names; an EndpointSlice keeps its
 * addressType.
 */
import { fieldErrors, newPath, type FieldPath } from '../fieldErrors';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortNum } from '../names';
import { PROTOCOLS } from './container';
import { validateIP, validateIPv4, validateIPv6, validateNonSpecialIP } from './net';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { arr, num, obj, optStr, str, strMap, nameIsDNSSubdomain, validateDNS1123Label, validateImmutable, validateQualifiedName, type Errs, type Json } from './util';

function validateNodeName(name: string, path: FieldPath): Errs {
  return nameIsDNSSubdomain(name, false).map((m) => fieldErrors.invalid(path, name, m));
}

function validateEndpointAddress(a: Json, path: FieldPath): Errs {
  const errs = validateIP(str(a.ip), path.child('ip'));
  if (str(a.hostname) !== '') errs.push(...validateDNS1123Label(str(a.hostname), path.child('hostname')));
  const nodeName = optStr(a.nodeName);
  if (nodeName !== undefined) errs.push(...validateNodeName(nodeName, path.child('nodeName')));
  errs.push(...validateNonSpecialIP(str(a.ip), path.child('ip')));
  return errs;
}

function validatePort(p: Json, requireName: boolean, path: FieldPath): Errs {
  const errs: Errs = [];
  const name = str(p.name);
  if (requireName && name === '') errs.push(fieldErrors.required(path.child('name')));
  else if (name !== '') errs.push(...validateDNS1123Label(name, path.child('name')));
  for (const m of isValidPortNum(num(p.port))) errs.push(fieldErrors.invalid(path.child('port'), num(p.port), m));
  const protocol = str(p.protocol);
  if (protocol === '') errs.push(fieldErrors.required(path.child('protocol')));
  else if (!PROTOCOLS.includes(protocol)) errs.push(fieldErrors.notSupported(path.child('protocol'), protocol, PROTOCOLS));
  if (typeof p.appProtocol === 'string') errs.push(...validateQualifiedName(p.appProtocol, path.child('appProtocol')));
  return errs;
}

export function validateEndpoints(ep: Json): Errs {
  const errs = validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain);
  arr(ep.subsets).forEach((raw, i) => {
    const ss = obj(raw);
    const idx = newPath('subsets').index(i);
    const addrs = arr(ss.addresses);
    const notReady = arr(ss.notReadyAddresses);
    if (addrs.length === 0 && notReady.length === 0) errs.push(fieldErrors.required(idx, 'must specify `addresses` or `notReadyAddresses`'));
    addrs.forEach((a, j) => errs.push(...validateEndpointAddress(obj(a), idx.child('addresses').index(j))));
    notReady.forEach((a, j) => errs.push(...validateEndpointAddress(obj(a), idx.child('notReadyAddresses').index(j))));
    const ports = arr(ss.ports);
    ports.forEach((p, j) => errs.push(...validatePort(obj(p), ports.length > 1, idx.child('ports').index(j))));
  });
  return errs;
}

export function validateEndpointsUpdate(ep: Json, old: Json): Errs {
  return [...validateObjectMetaUpdate(ep.metadata, old.metadata), ...validateEndpoints(ep)];
}

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

function validateFQDN(value: string, path: FieldPath): Errs {
  if (value === '') return [fieldErrors.required(path)];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const sub = isDNS1123Subdomain(name);
  if (sub.length > 0) return [fieldErrors.invalid(path, name, sub.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [fieldErrors.invalid(path, name, 'should be a domain with at least two segments separated by dots')];
  for (const l of labels) {
    const e = isDNS1123Label(l);
    if (e.length > 0) return [fieldErrors.invalid(path, l, e.join(','))];
  }
  return [];
}

export function validateEndpointSlice(slice: Json): Errs {
  const errs = validateObjectMeta(slice.metadata, true, nameIsDNSSubdomain);
  const addressType = str(slice.addressType);
  if (addressType === '') errs.push(fieldErrors.required(newPath('addressType')));
  else if (!ADDRESS_TYPES.includes(addressType)) errs.push(fieldErrors.notSupported(newPath('addressType'), addressType, ADDRESS_TYPES));
  const endpoints = arr(slice.endpoints);
  if (endpoints.length > 1000) errs.push(fieldErrors.tooMany(newPath('endpoints'), endpoints.length, 1000));
  else endpoints.forEach((raw, i) => {
    const ep = obj(raw);
    const idx = newPath('endpoints').index(i);
    const addrPath = idx.child('addresses');
    const addrs = arr(ep.addresses).map(str);
    if (addrs.length === 0) errs.push(fieldErrors.required(addrPath, 'must contain at least 1 address'));
    else if (addrs.length > 100) errs.push(fieldErrors.tooMany(addrPath, addrs.length, 100));
    addrs.forEach((a, j) => {
      const p = addrPath.index(j);
      const ipErrs = addressType === 'IPv4' ? validateIPv4(a, p) : addressType === 'IPv6' ? validateIPv6(a, p) : [];
      if (addressType === 'FQDN') errs.push(...validateFQDN(a, p));
      else if (ipErrs.length > 0) errs.push(...ipErrs);
      else if (addressType === 'IPv4' || addressType === 'IPv6') errs.push(...validateNonSpecialIP(a, p));
    });
    const nodeName = optStr(ep.nodeName);
    if (nodeName !== undefined) errs.push(...validateNodeName(nodeName, idx.child('nodeName')));
    const topology = ep.deprecatedTopology;
    if (Object.keys(strMap(topology)).length > 16) errs.push(fieldErrors.tooMany(idx.child('deprecatedTopology'), Object.keys(strMap(topology)).length, 16));
    errs.push(...validateLabels(topology, idx.child('deprecatedTopology')));
    const hostname = optStr(ep.hostname);
    if (hostname !== undefined) errs.push(...validateDNS1123Label(hostname, idx.child('hostname')));
  });
  const ports = arr(slice.ports);
  const names = new Set<string>();
  ports.forEach((raw, i) => {
    const p = obj(raw);
    const idx = newPath('ports').index(i);
    const name = str(p.name);
    if (name !== '') errs.push(...validateDNS1123Label(name, idx.child('name')));
    if (names.has(name)) errs.push(fieldErrors.duplicate(idx.child('name'), name));
    else names.add(name);
    const protocol = optStr(p.protocol);
    if (protocol === undefined) errs.push(fieldErrors.required(idx.child('protocol')));
    else if (!PROTOCOLS.includes(protocol)) errs.push(fieldErrors.notSupported(idx.child('protocol'), protocol, PROTOCOLS));
    if (typeof p.appProtocol === 'string') errs.push(...validateQualifiedName(p.appProtocol, idx.child('appProtocol')));
  });
  return errs;
}

export function validateEndpointSliceUpdate(slice: Json, old: Json): Errs {
  const errs = validateObjectMetaUpdate(slice.metadata, old.metadata);
  errs.push(...validateEndpointSlice(slice));
  errs.push(...validateImmutable(str(slice.addressType), str(old.addressType), newPath('addressType')));
  return errs;
}
