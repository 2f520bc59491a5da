/**
 * PersistentVolumeClaims: access modes, a positive storage request, class name and
 * volume mode; after create the spec is fixed except the storage request of a bound
 * claim (which may only grow) and the volume name the binder fills in once.
 */
import { fieldErrors, newPath } from '../fieldErrors';
import { tryParseQuantity } from '../quantity';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { validateLabelSelector } from './selector';
import { specDiff } from './specDiff';
import { deepEqual, isObj, obj, optStr, str, strArr, nameIsDNSSubdomain, type Errs, type Json } from './util';
import { validateResourceQuantityValue } from './containerResources';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

function validatePVCSpec(spec: Json): Errs {
  const path = newPath('spec');
  const errs: Errs = [];
  const modes = strArr(spec.accessModes);
  if (modes.length === 0) errs.push(fieldErrors.required(path.child('accessModes'), 'at least 1 access mode is required'));
  if (isObj(spec.selector)) errs.push(...validateLabelSelector(spec.selector, path.child('selector')));
  let rwop = false;
  let other = false;
  for (const m of modes) {
    if (!ACCESS_MODES.includes(m)) errs.push(fieldErrors.notSupported(path.child('accessModes'), m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(fieldErrors.forbidden(path.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  // Upstream keys the storage request off "resources" directly.
  const storagePath = path.child('resources').key('storage');
  const requests = obj(obj(spec.resources).requests);
  const raw = requests.storage;
  const q = typeof raw === 'string' || typeof raw === 'number' ? tryParseQuantity(raw) : undefined;
  if (raw === undefined || raw === null) errs.push(fieldErrors.required(storagePath));
  else if (q && q.sign() <= 0) errs.push(fieldErrors.invalid(storagePath, q.toString(), 'must be greater than zero'));
  else if (q) errs.push(...validateResourceQuantityValue('storage', q, storagePath));
  const sc = optStr(spec.storageClassName);
  if (sc !== undefined && sc !== '') for (const m of nameIsDNSSubdomain(sc, false)) errs.push(fieldErrors.invalid(path.child('storageClassName'), sc, m));
  const vm = optStr(spec.volumeMode);
  if (vm !== undefined && vm !== 'Block' && vm !== 'Filesystem') errs.push(fieldErrors.notSupported(path.child('volumeMode'), vm, ['Block', 'Filesystem']));
  return errs;
}

export function validatePVC(pvc: Json): Errs {
  return [...validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain), ...validatePVCSpec(obj(pvc.spec))];
}

export function validatePVCUpdate(pvc: Json, old: Json): Errs {
  const errs = validateObjectMetaUpdate(pvc.metadata, old.metadata);
  errs.push(...validatePVC(pvc));
  const spec = obj(pvc.spec);
  const oldSpec = obj(old.spec);
  const oldClone: Json = { ...oldSpec };
  const newClone: Json = { ...spec };
  if (str(oldSpec.volumeName) === '') oldClone.volumeName = spec.volumeName;
  if (oldSpec.storageClassName === undefined && spec.storageClassName !== undefined) newClone.storageClassName = undefined;
  if (str(obj(pvc.status).phase) === 'Bound') {
    const res = obj(spec.resources);
    newClone.resources = { ...res, requests: { ...obj(res.requests), storage: obj(obj(oldSpec.resources).requests).storage } };
    newClone.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  }
  if (!deepEqual(newClone, oldClone)) {
    errs.push(
      fieldErrors.forbidden(
        newPath('spec'),
        `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${specDiff('core.PersistentVolumeClaimSpec', oldClone, newClone)}`,
      ),
    );
  }
  const newSize = tryParseQuantity(String(obj(obj(spec.resources).requests).storage ?? '0'));
  const oldSize = tryParseQuantity(String(obj(obj(oldSpec.resources).requests).storage ?? '0'));
  if (newSize && oldSize && newSize.cmp(oldSize) < 0) {
    // RecoverVolumeExpansionFailure is beta and on in 1.33: shrinking is allowed down to, not below, status.capacity.
    const cap = tryParseQuantity(String(obj(obj(old.status).capacity).storage ?? '0'));
    if (cap && newSize.cmp(cap) <= 0) {
      errs.push(fieldErrors.forbidden(newPath('spec', 'resources', 'requests', 'storage'), 'field can not be less than status.capacity'));
    }
  }
  if (!deepEqual(spec.volumeMode, oldSpec.volumeMode)) {
    errs.push(fieldErrors.invalid(newPath('volumeMode'), spec.volumeMode ?? null, 'field is immutable'));
  }
  return errs;
}
