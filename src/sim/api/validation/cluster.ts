/**
 * Small cluster-level kinds: Leases (coordination.k8s.io) and PriorityClasses
 * (scheduling.k8s.io), whose value and preemption policy are fixed after create.
 */
import { fieldErrors, newPath } from '../fieldErrors';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { bool, num, obj, optNum, optStr, str, nameIsDNSSubdomain, validateImmutable, type Errs, type Json } from './util';

export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
const systemPriorityClasses: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

function validateLeaseSpec(spec: Json): Errs {
  const errs: Errs = [];
  const path = newPath('spec');
  const duration = optNum(spec.leaseDurationSeconds);
  if (duration !== undefined && duration <= 0) errs.push(fieldErrors.invalid(path.child('leaseDurationSeconds'), duration, 'must be greater than 0'));
  const transitions = optNum(spec.leaseTransitions);
  if (transitions !== undefined && transitions < 0) {
    errs.push(fieldErrors.invalid(path.child('leaseTransitions'), transitions, 'must be greater than or equal to 0'));
  }
  const strategy = optStr(spec.strategy);
  if (strategy !== undefined && !strategy.includes('/') && strategy !== 'OldestEmulationVersion') {
    errs.push(fieldErrors.notSupported(path.child('strategy').child('strategy'), strategy, ['OldestEmulationVersion']));
  }
  if (str(spec.preferredHolder) !== '' && (strategy === undefined || strategy === '')) {
    errs.push(fieldErrors.forbidden(path.child('preferredHolder'), 'may only be specified if `strategy` is defined'));
  }
  return errs;
}

export function validateLease(lease: Json): Errs {
  return [...validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain), ...validateLeaseSpec(obj(lease.spec))];
}

export function validateLeaseUpdate(lease: Json, old: Json): Errs {
  return [...validateObjectMetaUpdate(lease.metadata, old.metadata), ...validateLeaseSpec(obj(lease.spec))];
}

export function validatePriorityClass(pc: Json): Errs {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain);
  const name = str(obj(pc.metadata).name);
  const value = num(pc.value);
  if (name.startsWith('system-')) {
    const known = systemPriorityClasses[name];
    let err = '';
    if (known === undefined) err = `${name} is not a known system priority class`;
    else if (known !== value) err = `value of ${name} PriorityClass must be ${known}`;
    else if (bool(pc.globalDefault)) err = `globalDefault of ${name} PriorityClass must be false`;
    if (err !== '') {
      errs.push(fieldErrors.forbidden(newPath('metadata', 'name'), `priority class names with 'system-' prefix are reserved for system use only. error: ${err}`));
    }
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(fieldErrors.forbidden(newPath('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  const pp = optStr(pc.preemptionPolicy);
  if (pp !== undefined) {
    if (pp === '') errs.push(fieldErrors.required(newPath('preemptionPolicy')));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never') {
      errs.push(fieldErrors.notSupported(newPath('preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
    }
  }
  return errs;
}

export function validatePriorityClassUpdate(pc: Json, old: Json): Errs {
  const errs = validateObjectMetaUpdate(pc.metadata, old.metadata);
  if (num(pc.value) !== num(old.value)) errs.push(fieldErrors.forbidden(newPath('value'), 'may not be changed in an update.'));
  errs.push(...validateImmutable(optStr(pc.preemptionPolicy), optStr(old.preemptionPolicy), newPath('preemptionPolicy')));
  return errs;
}
