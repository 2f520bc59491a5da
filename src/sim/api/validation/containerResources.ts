/**
 * Container resources: resource names (standard, hugepages, extended), non-negative and
 * integer quantities, requests no larger than limits, and equal requests and limits for
 * resources that cannot be overcommitted.
 */
import { fieldErrors, stringer, type FieldPath } from '../fieldErrors';
import { isQualifiedName } from '../names';
import { tryParseQuantity, Quantity } from '../quantity';
import { isObj, optObj, IS_NEGATIVE_ERROR_MSG, type Errs } from './util';

const standardContainerResources = new Set(['cpu', 'memory', 'ephemeral-storage']);
const integerResources = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
  'count/pods',
]);
const standardResources = new Set([
  ...standardContainerResources,
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'requests.storage',
  ...integerResources,
]);

const isNative = (n: string): boolean => !n.includes('/') || n.includes('kubernetes.io/');
const isHugePages = (n: string): boolean => n.startsWith('hugepages-');

function isExtended(n: string): boolean {
  if (isNative(n) || n.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${n}`).length === 0;
}

const isOvercommitAllowed = (n: string): boolean => isNative(n) && !isHugePages(n);
const isIntegerResource = (n: string): boolean => integerResources.has(n) || isExtended(n);

function validateContainerResourceName(name: string, path: FieldPath): Errs {
  const errs = isQualifiedName(name).map((m) => fieldErrors.invalid(path, name, m));
  if (errs.length > 0) return errs;
  if (!name.includes('/')) {
    const standard = standardResources.has(name) || isHugePages(name) || name.startsWith('requests.hugepages-');
    if (!standard) return [fieldErrors.invalid(path, name, 'must be a standard resource type or fully qualified')];
    if (!standardContainerResources.has(name) && !isHugePages(name)) {
      return [fieldErrors.invalid(path, name, 'must be a standard resource for containers')];
    }
  } else if (!isNative(name) && !isExtended(name)) {
    return [fieldErrors.invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return [];
}

/** ValidateResourceQuantityValue */
export function validateResourceQuantityValue(name: string, q: Quantity, path: FieldPath): Errs {
  const errs: Errs = [];
  if (q.sign() < 0) errs.push(fieldErrors.invalid(path, q.toString(), IS_NEGATIVE_ERROR_MSG));
  if (isIntegerResource(name) && q.milliValue() % 1000 !== 0) errs.push(fieldErrors.invalid(path, stringer(q.toString()), 'must be an integer'));
  return errs;
}

function hugePageError(name: string, q: Quantity): string | undefined {
  const size = tryParseQuantity(name.slice('hugepages-'.length));
  if (!size || size.sign() <= 0) return undefined;
  return q.nanos % size.nanos === 0n && q.sign() > 0 ? undefined : `${q.toString()} is not positive integer multiple of ${name}`;
}

/** Quantities that fail to parse are left to the decoder, which rejects them first. */
function quantities(raw: unknown): [string, Quantity][] {
  if (!isObj(raw)) return [];
  const out: [string, Quantity][] = [];
  for (const [k, v] of Object.entries(raw)) {
    const q = typeof v === 'string' || typeof v === 'number' ? tryParseQuantity(v) : undefined;
    if (q) out.push([k, q]);
  }
  return out;
}

export function validateContainerResources(raw: unknown, path: FieldPath): Errs {
  const req = optObj(raw) ?? {};
  const errs: Errs = [];
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const limits = new Map(quantities(req.limits));
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, q] of limits) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePages(name)) {
      hugePages = true;
      const e = hugePageError(name, q);
      if (e) errs.push(fieldErrors.invalid(p, q.toString(), e));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, q] of quantities(req.requests)) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantityValue(name, q, p));
    const limit = limits.get(name);
    if (limit) {
      if (q.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(fieldErrors.invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (q.cmp(limit) > 0) {
        errs.push(fieldErrors.invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(fieldErrors.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) {
      hugePages = true;
      const e = hugePageError(name, q);
      if (e) errs.push(fieldErrors.invalid(p, q.toString(), e));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(fieldErrors.forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

/** Node capacity and allocatable: each quantity checked under its own path. */
export function validateNonNegativeQuantityMap(raw: unknown, pathOf: (name: string) => FieldPath): Errs {
  return quantities(raw).flatMap(([name, q]) => validateResourceQuantityValue(name, q, pathOf(name)));
}
