/**
 * StatefulSets: DNS-label names, pod management and update strategies, PVC retention,
 * selector and template; an update may change only a handful of spec fields.
 */
import { fieldErrors, newPath, type FieldPath } from '../fieldErrors';
import { goIntOrString, goLabelSelector, goStringMap, goStruct } from './goValues';
import { validateAnnotations, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from './replicaSet';
import { asSelector, selectorEmpty, selectorMatches, validateLabelSelector } from './selector';
import { arr, deepEqual, isObj, num, obj, optObj, str, strMap, nameIsDNSLabel, validateNonnegative, type Errs, type Json } from './util';

function validateRetentionPolicy(raw: unknown, path: FieldPath): Errs {
  const policy = optObj(raw);
  if (!policy) return [];
  const errs: Errs = [];
  for (const f of ['whenDeleted', 'whenScaled']) {
    const v = str(policy[f]);
    if (v !== 'Retain' && v !== 'Delete') errs.push(fieldErrors.notSupported(path.child(f), v, ['Retain', 'Delete']));
  }
  return errs;
}

function validateUpdateStrategy(raw: unknown, path: FieldPath): Errs {
  const strategy = obj(raw);
  const type = str(strategy.type);
  const ru = optObj(strategy.rollingUpdate);
  if (type === '') return [fieldErrors.required(path)];
  if (type === 'OnDelete') {
    return ru ? [fieldErrors.invalid(path.child('rollingUpdate'), goStruct('apps.RollingUpdateStatefulSetStrategy', ru), "only allowed for updateStrategy 'RollingUpdate'")] : [];
  }
  if (type === 'RollingUpdate') {
    if (!ru) return [];
    const p = path.child('rollingUpdate');
    const errs = validateNonnegative(num(ru.partition), p.child('partition'));
    if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')));
      if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(fieldErrors.invalid(p.child('maxUnavailable'), goIntOrString(ru.maxUnavailable), 'cannot be 0'));
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')));
    }
    return errs;
  }
  return [fieldErrors.invalid(path, goStruct('apps.StatefulSetUpdateStrategy', strategy), "must be 'RollingUpdate' or 'OnDelete'")];
}

function validateStatefulSetSpec(spec: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  const pmp = str(spec.podManagementPolicy);
  if (pmp === '') errs.push(fieldErrors.required(path.child('podManagementPolicy')));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(fieldErrors.invalid(path.child('podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  errs.push(...validateUpdateStrategy(spec.updateStrategy, path.child('updateStrategy')));
  errs.push(...validateRetentionPolicy(spec.persistentVolumeClaimRetentionPolicy, path.child('persistentVolumeClaimRetentionPolicy')));
  errs.push(...validateNonnegative(num(spec.replicas), path.child('replicas')));
  errs.push(...validateNonnegative(num(spec.minReadySeconds), path.child('minReadySeconds')));
  if (isObj(spec.ordinals)) errs.push(...validateNonnegative(num(spec.ordinals.start), path.child('ordinals.start')));
  const raw = spec.selector;
  if (!isObj(raw)) {
    errs.push(fieldErrors.required(path.child('selector')));
  } else {
    errs.push(...validateLabelSelector(raw, path.child('selector')));
    if (Object.keys(strMap(raw.matchLabels)).length + arr(raw.matchExpressions).length === 0) {
      errs.push(fieldErrors.invalid(path.child('selector'), goLabelSelector(raw), 'empty selector is invalid for statefulset'));
    }
  }
  const sel = asSelector(raw);
  const template = obj(spec.template);
  const tpath = path.child('template');
  if (sel === 'error') {
    errs.push(fieldErrors.invalid(path.child('selector'), goLabelSelector(raw), ''));
  } else {
    const labels = obj(template.metadata).labels;
    if (!selectorEmpty(sel) && !selectorMatches(sel, labels)) {
      errs.push(fieldErrors.invalid(tpath.child('metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
    }
    // Upstream does not validate the pod spec of a StatefulSet template here.
    errs.push(...validateLabels(obj(template.metadata).labels, tpath.child('labels')));
    errs.push(...validateAnnotations(obj(template.metadata).annotations, tpath.child('annotations')));
  }
  const tspec = obj(template.spec);
  const rp = str(tspec.restartPolicy);
  if (rp !== 'Always') errs.push(fieldErrors.notSupported(tpath.child('spec', 'restartPolicy'), rp, ['Always']));
  if (tspec.activeDeadlineSeconds !== undefined && tspec.activeDeadlineSeconds !== null) {
    errs.push(fieldErrors.forbidden(tpath.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

export function validateStatefulSet(s: Json): Errs {
  return [...validateObjectMeta(s.metadata, true, nameIsDNSLabel), ...validateStatefulSetSpec(obj(s.spec), newPath('spec'))];
}

const updatable = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];

export function validateStatefulSetUpdate(s: Json, old: Json): Errs {
  const errs = validateObjectMetaUpdate(s.metadata, old.metadata);
  const spec = obj(s.spec);
  const oldSpec = obj(old.spec);
  errs.push(...validateStatefulSetSpec(spec, newPath('spec')));
  const clone: Json = { ...spec };
  for (const f of updatable) clone[f] = oldSpec[f];
  if (!deepEqual(clone, oldSpec)) {
    errs.push(
      fieldErrors.forbidden(
        newPath('spec'),
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}
