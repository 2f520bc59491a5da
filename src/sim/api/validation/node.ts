/**
 * Nodes (cluster-scoped): taints unique by key and effect, pod CIDRs, resource
 * quantities in status; podCIDRs and providerID are fixed once set.
 */
import { errorBody, fieldErrors, newPath, stringer, type FieldPath } from '../fieldErrors';
import { goQuote } from '../gofmt';
import { isValidLabelValue } from '../names';
import { validateLabelName, validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { validateTaintEffect } from './scheduling';
import { validateNonNegativeQuantityMap } from './containerResources';
import { arr, obj, str, strArr, nameIsDNSSubdomain, type Errs, type Json } from './util';

function validateTaints(taints: unknown, path: FieldPath): Errs {
  const errs: Errs = [];
  const unique = new Map<string, Set<string>>();
  arr(taints).forEach((raw, i) => {
    const t = obj(raw);
    const idx = path.index(i);
    const key = str(t.key);
    const value = str(t.value);
    const effect = str(t.effect);
    errs.push(...validateLabelName(key, idx.child('key')));
    const msgs = isValidLabelValue(value);
    if (msgs.length > 0) errs.push(fieldErrors.invalid(idx.child('value'), value, msgs.join(';')));
    errs.push(...validateTaintEffect(effect, false, idx.child('effect')));
    const keys = unique.get(effect) ?? new Set<string>();
    if (keys.has(key)) {
      const dup = fieldErrors.duplicate(
        idx,
        stringer(`core.Taint{Key:${goQuote(key)}, Value:${goQuote(value)}, Effect:${goQuote(effect)}, TimeAdded:<nil>}`),
      );
      dup.detail = 'taints must be unique by key and effect pair';
      dup.message = `${dup.field}: ${errorBody(dup)}`;
      errs.push(dup);
      return;
    }
    keys.add(key);
    unique.set(effect, keys);
  });
  return errs;
}

function validateNodeResources(node: Json): Errs {
  const status = obj(node.status);
  return [
    ...validateNonNegativeQuantityMap(status.capacity, (k) => newPath('status', 'capacity', k)),
    ...validateNonNegativeQuantityMap(status.allocatable, (k) => newPath('status', 'allocatable', k)),
  ];
}

function validateCIDRs(cidrs: string[], path: FieldPath): Errs {
  const errs: Errs = [];
  cidrs.forEach((c, i) => {
    if (!/^[0-9a-fA-F.:]+\/[0-9]{1,3}$/.test(c)) errs.push(fieldErrors.invalid(path.index(i), c, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  });
  const seen = new Set<string>();
  if (cidrs.length > 1) {
    const v6 = cidrs.map((c) => c.includes(':'));
    if (cidrs.length > 2 || v6[0] === v6[1]) errs.push(fieldErrors.invalid(path, cidrs, 'may specify no more than one CIDR for each IP family'));
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(fieldErrors.duplicate(path.index(i), c));
      seen.add(c);
    });
  }
  return errs;
}

export function validateNode(node: Json): Errs {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
  // Upstream hangs spec.taints under the metadata path.
  errs.push(...validateTaints(obj(node.spec).taints, newPath('metadata', 'taints')));
  errs.push(...validateNodeResources(node));
  errs.push(...validateCIDRs(strArr(obj(node.spec).podCIDRs), newPath('spec', 'podCIDRs')));
  return errs;
}

export function validateNodeUpdate(node: Json, old: Json): Errs {
  const errs = validateObjectMetaUpdate(node.metadata, old.metadata);
  errs.push(...validateNodeResources(node));
  const spec = obj(node.spec);
  const oldSpec = obj(old.spec);
  const oldCIDRs = strArr(oldSpec.podCIDRs);
  const newCIDRs = strArr(spec.podCIDRs);
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== newCIDRs.length) errs.push(fieldErrors.forbidden(newPath('spec', 'podCIDRs'), cidrMsg));
    else oldCIDRs.forEach((c, i) => {
      if (c !== newCIDRs[i]) errs.push(fieldErrors.forbidden(newPath('spec', 'podCIDRs'), cidrMsg));
    });
  }
  const oldProvider = str(oldSpec.providerID);
  if (oldProvider !== '' && oldProvider !== str(spec.providerID)) {
    errs.push(fieldErrors.forbidden(newPath('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  errs.push(...validateTaints(spec.taints, newPath('metadata', 'taints')));
  return errs;
}
