/**
 * ObjectMeta rules from apimachinery's api/validation and meta/v1/validation, plus the
 * core-specific finalizer rule: name and generateName, namespace by scope, labels,
 * annotations (256 KiB in total), owner references, finalizers, and what an update may
 * not change.
 */
import { fieldErrors, newPath, stringer, type FieldPath } from '../fieldErrors';
import { isQualifiedName, isValidLabelValue } from '../names';
import { goStruct } from './goValues';
import {
  arr,
  bool,
  isObj,
  num,
  obj,
  optNum,
  str,
  strArr,
  validateImmutable,
  validateNonnegative,
  nameIsDNSLabel,
  tooLong,
  type Errs,
  type Json,
  type NameFn,
} from './util';

export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);

/** Go's len() of a string: UTF-8 bytes. */
export function byteLen(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

export function validateLabelName(name: string, path: FieldPath): Errs {
  return isQualifiedName(name).map((m) => fieldErrors.invalid(path, name, m));
}

/** ValidateLabels: errors sit on the map's path itself, not on the key. */
export function validateLabels(labels: unknown, path: FieldPath): Errs {
  const errs: Errs = [];
  if (!isObj(labels)) return errs;
  for (const [k, v] of Object.entries(labels)) {
    errs.push(...validateLabelName(k, path));
    const value = typeof v === 'string' ? v : String(v);
    for (const m of isValidLabelValue(value)) errs.push(fieldErrors.invalid(path, value, m));
  }
  return errs;
}

export function validateAnnotations(annotations: unknown, path: FieldPath): Errs {
  const errs: Errs = [];
  if (!isObj(annotations)) return errs;
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    // Annotation keys are qualified names with case ignored.
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fieldErrors.invalid(path, k, m));
    total += byteLen(k) + byteLen(typeof v === 'string' ? v : String(v));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

function validateOwnerReferences(refs: unknown, path: FieldPath): Errs {
  const errs: Errs = [];
  let firstController = '';
  for (const raw of arr(refs)) {
    const ref = obj(raw);
    const apiVersion = str(ref.apiVersion);
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    if (version === '') errs.push(fieldErrors.invalid(path.child('apiVersion'), apiVersion, 'version must not be empty'));
    if (str(ref.kind) === '') errs.push(fieldErrors.invalid(path.child('kind'), str(ref.kind), 'must not be empty'));
    if (str(ref.name) === '') errs.push(fieldErrors.invalid(path.child('name'), str(ref.name), 'must not be empty'));
    if (str(ref.uid) === '') errs.push(fieldErrors.invalid(path.child('uid'), str(ref.uid), 'must not be empty'));
    if (group === '' && version === 'v1' && str(ref.kind) === 'Event') {
      errs.push(fieldErrors.invalid(path, goStruct('v1.OwnerReference', ref), '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (bool(ref.controller)) {
      const cur = `${str(ref.kind)}/${str(ref.name)}`;
      if (firstController !== '') {
        errs.push(
          fieldErrors.invalid(
            path,
            stringer(`[]v1.OwnerReference{...}`),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
          ),
        );
      } else {
        firstController = cur;
      }
    }
  }
  return errs;
}

const standardFinalizers = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateFinalizers(finalizers: string[], path: FieldPath): Errs {
  const errs: Errs = [];
  for (const f of finalizers) for (const m of isQualifiedName(f)) errs.push(fieldErrors.invalid(path, f, m));
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(fieldErrors.invalid(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  // Core's extra rule: an unqualified finalizer must be one Kubernetes defines.
  finalizers.forEach((f, i) => {
    if (!f.includes('/') && !standardFinalizers.has(f)) {
      errs.push(fieldErrors.invalid(path.index(i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

function validateMetaCommon(meta: Json, isNamespaced: boolean, path: FieldPath): Errs {
  const errs: Errs = [];
  const namespace = str(meta.namespace);
  if (isNamespaced) {
    if (namespace === '') errs.push(fieldErrors.required(path.child('namespace')));
    else for (const m of nameIsDNSLabel(namespace, false)) errs.push(fieldErrors.invalid(path.child('namespace'), namespace, m));
  } else if (namespace !== '') {
    errs.push(fieldErrors.forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegative(num(meta.generation), path.child('generation')));
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(strArr(meta.finalizers), path.child('finalizers')));
  return errs;
}

/** ValidateObjectMeta on create: name generation has already happened. */
export function validateObjectMeta(meta: unknown, isNamespaced: boolean, nameFn: NameFn, path: FieldPath = newPath('metadata')): Errs {
  const m = obj(meta);
  const errs: Errs = [];
  const generateName = str(m.generateName);
  if (generateName !== '') {
    for (const msg of nameFn(generateName, true)) errs.push(fieldErrors.invalid(path.child('generateName'), generateName, msg));
  }
  const name = str(m.name);
  if (name === '') errs.push(fieldErrors.required(path.child('name'), 'name or generateName is required'));
  else for (const msg of nameFn(name, false)) errs.push(fieldErrors.invalid(path.child('name'), name, msg));
  errs.push(...validateMetaCommon(m, isNamespaced, path));
  return errs;
}

/** ValidateObjectMetaUpdate: identity fields stay, the rest is revalidated. */
export function validateObjectMetaUpdate(newMeta: unknown, oldMeta: unknown, path: FieldPath = newPath('metadata')): Errs {
  const n = obj(newMeta);
  const o = obj(oldMeta);
  const errs: Errs = [];
  if (o.deletionTimestamp !== undefined && o.deletionTimestamp !== null) {
    const old = new Set(strArr(o.finalizers));
    const extra = [...new Set(strArr(n.finalizers))].filter((f) => !old.has(f)).sort();
    if (extra.length > 0) {
      errs.push(
        fieldErrors.forbidden(
          path.child('finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`,
        ),
      );
    }
  }
  if (str(n.resourceVersion) === '') {
    errs.push(fieldErrors.invalid(path.child('resourceVersion'), str(n.resourceVersion), 'must be specified for an update'));
  }
  if (num(n.generation) < num(o.generation)) {
    errs.push(fieldErrors.invalid(path.child('generation'), num(n.generation), 'must not be decremented'));
  }
  errs.push(...validateImmutable(str(n.name), str(o.name), path.child('name')));
  errs.push(...validateImmutable(str(n.namespace), str(o.namespace), path.child('namespace')));
  errs.push(...validateImmutable(str(n.uid), str(o.uid), path.child('uid')));
  errs.push(...validateImmutable(n.creationTimestamp, o.creationTimestamp, path.child('creationTimestamp'), timeValue));
  errs.push(...validateImmutable(n.deletionTimestamp, o.deletionTimestamp, path.child('deletionTimestamp'), timeValue));
  errs.push(
    ...validateImmutable(optNum(n.deletionGracePeriodSeconds), optNum(o.deletionGracePeriodSeconds), path.child('deletionGracePeriodSeconds')),
  );
  errs.push(...validateLabels(n.labels, path.child('labels')));
  errs.push(...validateAnnotations(n.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(strArr(n.finalizers), path.child('finalizers')));
  return errs;
}

/** metav1.Time prints through its String method: Go's time layout. */
function timeValue(v: unknown): unknown {
  if (typeof v !== 'string' || v === '') return stringer('0001-01-01 00:00:00 +0000 UTC');
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return v;
  const iso = d.toISOString();
  return stringer(`${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`);
}
