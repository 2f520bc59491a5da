/**
 * DaemonSets: selector and template (restart Always), update strategy with exactly one of
 * maxSurge and maxUnavailable non-zero; the selector is fixed after create.
 */
import { fieldErrors, newPath, stringer, type FieldPath } from '../fieldErrors';
import { goQuote } from '../gofmt';
import { goIntOrString, goLabelSelector, goStringMap } from './goValues';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { validatePodTemplateSpec } from './podSpec';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent, validateSelectorImmutable } from './replicaSet';
import { asSelector, selectorMatches, validateLabelSelector } from './selector';
import { arr, isObj, num, obj, optNum, optObj, str, strMap, nameIsDNSSubdomain, validateNonnegative, type Errs, type Json } from './util';

function validateRollingUpdate(ru: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, path.child('maxUnavailable')));
  errs.push(...validatePositiveIntOrPercent(ru.maxSurge, path.child('maxSurge')));
  errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, path.child('maxUnavailable')));
  errs.push(...isNotMoreThan100Percent(ru.maxSurge, path.child('maxSurge')));
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push(fieldErrors.invalid(path.child('maxSurge'), goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  } else if (!hasUnavailable && !hasSurge) {
    errs.push(fieldErrors.required(path.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  }
  return errs;
}

function validateUpdateStrategy(raw: unknown, path: FieldPath): Errs {
  const strategy = obj(raw);
  const type = str(strategy.type);
  if (type === 'OnDelete') return [];
  if (type === 'RollingUpdate') {
    const ru = optObj(strategy.rollingUpdate);
    if (!ru) return [fieldErrors.required(path.child('rollingUpdate'))];
    return validateRollingUpdate(ru, path.child('rollingUpdate'));
  }
  const ruText = isObj(strategy.rollingUpdate) ? '(*apps.RollingUpdateDaemonSet)(0xc000000000)' : '(*apps.RollingUpdateDaemonSet)(nil)';
  return [
    fieldErrors.notSupported(path, stringer(`apps.DaemonSetUpdateStrategy{Type:${goQuote(type)}, RollingUpdate:${ruText}}`), ['RollingUpdate', 'OnDelete']),
  ];
}

function validateDaemonSetSpec(spec: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  errs.push(...validateLabelSelector(spec.selector, path.child('selector')));
  const sel = asSelector(spec.selector);
  const template = obj(spec.template);
  const labels = obj(template.metadata).labels;
  if (sel !== 'error' && !selectorMatches(sel, labels)) {
    errs.push(fieldErrors.invalid(path.child('template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  const raw = spec.selector;
  if (isObj(raw) && Object.keys(strMap(raw.matchLabels)).length + arr(raw.matchExpressions).length === 0) {
    errs.push(fieldErrors.invalid(path.child('selector'), goLabelSelector(raw), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(template, path.child('template')));
  const tspec = obj(template.spec);
  const rp = str(tspec.restartPolicy);
  if (rp !== 'Always') errs.push(fieldErrors.notSupported(path.child('template', 'spec', 'restartPolicy'), rp, ['Always']));
  if (tspec.activeDeadlineSeconds !== undefined && tspec.activeDeadlineSeconds !== null) {
    errs.push(fieldErrors.forbidden(path.child('template', 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...validateNonnegative(num(spec.minReadySeconds), path.child('minReadySeconds')));
  errs.push(...validateUpdateStrategy(spec.updateStrategy, path.child('updateStrategy')));
  const rhl = optNum(spec.revisionHistoryLimit);
  if (rhl !== undefined) errs.push(...validateNonnegative(rhl, path.child('revisionHistoryLimit')));
  return errs;
}

export function validateDaemonSet(ds: Json): Errs {
  return [...validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain), ...validateDaemonSetSpec(obj(ds.spec), newPath('spec'))];
}

export function validateDaemonSetUpdate(ds: Json, old: Json): Errs {
  const errs = validateObjectMetaUpdate(ds.metadata, old.metadata);
  const spec = obj(ds.spec);
  const oldSpec = obj(old.spec);
  // templateGeneration is internal-only (apps/v1 has no such field) and the registry keeps it in step, so it is not checked here.
  errs.push(...validateDaemonSetSpec(spec, newPath('spec')));
  errs.push(...validateSelectorImmutable(spec, oldSpec));
  return errs;
}
