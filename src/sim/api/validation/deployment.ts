/**
 * Deployments: replicas, selector and template, strategy (Recreate or RollingUpdate with
 * maxSurge/maxUnavailable), revision history, progress deadline; the selector is fixed
 * after create.
 */
import { fieldErrors, newPath, stringer, type FieldPath } from '../fieldErrors';
import { goIntOrString, goLabelSelector } from './goValues';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import {
  intOrPercentValue,
  isNotMoreThan100Percent,
  validatePositiveIntOrPercent,
  validateSelectorImmutable,
  validateTemplateForReplicaSet,
  validateWorkloadSelector,
} from './replicaSet';
import { isObj, num, obj, optNum, optObj, str, nameIsDNSSubdomain, validateNonnegative, type Errs, type Json } from './util';
import { goQuote } from '../gofmt';

function validateRollingUpdate(ru: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, path.child('maxUnavailable')));
  errs.push(...validatePositiveIntOrPercent(ru.maxSurge, path.child('maxSurge')));
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(fieldErrors.invalid(path.child('maxUnavailable'), goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, path.child('maxUnavailable')));
  return errs;
}

function validateStrategy(raw: unknown, path: FieldPath): Errs {
  const strategy = obj(raw);
  const type = str(strategy.type);
  const ru = optObj(strategy.rollingUpdate);
  if (type === 'Recreate') {
    return ru ? [fieldErrors.forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (type === 'RollingUpdate') {
    if (!ru) return [fieldErrors.required(path.child('rollingUpdate'), 'this should be defaulted and never be nil')];
    return validateRollingUpdate(ru, path.child('rollingUpdate'));
  }
  // The whole strategy struct is the bad value here.
  const ruText = ru ? '(*apps.RollingUpdateDeployment)(0xc000000000)' : '(*apps.RollingUpdateDeployment)(nil)';
  return [
    fieldErrors.notSupported(path, stringer(`apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:${ruText}}`), ['Recreate', 'RollingUpdate']),
  ];
}

function validateDeploymentSpec(spec: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  errs.push(...validateNonnegative(num(spec.replicas), path.child('replicas')));
  const { errs: selErrs, sel } = validateWorkloadSelector(spec, path, 'deployment');
  errs.push(...selErrs);
  if (sel === 'error') errs.push(fieldErrors.invalid(path.child('selector'), goLabelSelector(spec.selector), 'invalid label selector'));
  else errs.push(...validateTemplateForReplicaSet(spec.template, sel, 'ReplicaSet', path.child('template')));
  errs.push(...validateStrategy(spec.strategy, path.child('strategy')));
  errs.push(...validateNonnegative(num(spec.minReadySeconds), path.child('minReadySeconds')));
  const rhl = optNum(spec.revisionHistoryLimit);
  if (rhl !== undefined) errs.push(...validateNonnegative(rhl, path.child('revisionHistoryLimit')));
  if (isObj(spec.rollbackTo)) errs.push(...validateNonnegative(num(spec.rollbackTo.revision), path.child('rollback', 'version')));
  const pds = optNum(spec.progressDeadlineSeconds);
  if (pds !== undefined) {
    errs.push(...validateNonnegative(pds, path.child('progressDeadlineSeconds')));
    if (pds <= num(spec.minReadySeconds)) {
      errs.push(fieldErrors.invalid(path.child('progressDeadlineSeconds'), pds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateDeployment(d: Json): Errs {
  return [...validateObjectMeta(d.metadata, true, nameIsDNSSubdomain), ...validateDeploymentSpec(obj(d.spec), newPath('spec'))];
}

export function validateDeploymentUpdate(d: Json, old: Json): Errs {
  const errs = validateObjectMetaUpdate(d.metadata, old.metadata);
  errs.push(...validateDeploymentSpec(obj(d.spec), newPath('spec')));
  errs.push(...validateSelectorImmutable(obj(d.spec), obj(old.spec)));
  return errs;
}
