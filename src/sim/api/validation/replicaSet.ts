/**
 * What Deployments, ReplicaSets and DaemonSets share from pkg/apis/apps/validation: the
 * selector checks, the template that must match it and restart Always, and the
 * int-or-percent rules of rolling updates. Also ReplicaSet itself.
 */
import { fieldErrors, newPath, type FieldPath } from '../fieldErrors';
import { regexError } from '../names';
import { goIntOrString, goLabelSelector, goStringMap } from './goValues';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { validatePodTemplateSpec } from './podSpec';
import { asSelector, selectorEmpty, selectorMatches, validateLabelSelector, type Selector } from './selector';
import { isObj, num, obj, str, strMap, arr, nameIsDNSSubdomain, validateImmutable, validateNonnegative, type Errs, type Json } from './util';

const percentFmt = '[0-9]+%';

export function validatePositiveIntOrPercent(v: unknown, path: FieldPath): Errs {
  if (typeof v === 'string') {
    return new RegExp(`^${percentFmt}$`).test(v)
      ? []
      : [fieldErrors.invalid(path, goIntOrString(v), regexError("a valid percent string must be a numeric string followed by an ending '%'", percentFmt, '1%', '93%'))];
  }
  return validateNonnegative(typeof v === 'number' ? v : 0, path);
}

function percentValue(v: unknown): number | undefined {
  return typeof v === 'string' && new RegExp(`^${percentFmt}$`).test(v) ? parseInt(v.slice(0, -1), 10) : undefined;
}

/** getIntOrPercentValue: a malformed string counts as 0, as IntValue() makes it. */
export function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  return typeof v === 'string' && /^-?[0-9]+$/.test(v) ? parseInt(v, 10) : 0;
}

export function isNotMoreThan100Percent(v: unknown, path: FieldPath): Errs {
  const p = percentValue(v);
  return p === undefined || p <= 100 ? [] : [fieldErrors.invalid(path, goIntOrString(v), 'must not be greater than 100%')];
}

/** The selector part of Deployment/ReplicaSet spec validation; returns the selector built. */
export function validateWorkloadSelector(spec: Json, path: FieldPath, kindWord: string): { errs: Errs; sel: Selector } {
  const errs: Errs = [];
  const raw = spec.selector;
  if (!isObj(raw)) {
    errs.push(fieldErrors.required(path.child('selector')));
  } else {
    errs.push(...validateLabelSelector(raw, path.child('selector')));
    if (Object.keys(strMap(raw.matchLabels)).length + arr(raw.matchExpressions).length === 0) {
      errs.push(fieldErrors.invalid(path.child('selector'), goLabelSelector(raw), `empty selector is invalid for ${kindWord}`));
    }
  }
  return { errs, sel: asSelector(raw) };
}

/** ValidatePodTemplateSpecForReplicaSet (also used for Deployments). */
export function validateTemplateForReplicaSet(template: unknown, sel: Selector, kind: string, path: FieldPath): Errs {
  const errs: Errs = [];
  const t = obj(template);
  const labels = obj(t.metadata).labels;
  if (!selectorEmpty(sel) && !selectorMatches(sel, labels)) {
    errs.push(fieldErrors.invalid(path.child('metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(t, path));
  const spec = obj(t.spec);
  const rp = str(spec.restartPolicy);
  if (rp !== 'Always') errs.push(fieldErrors.notSupported(path.child('spec', 'restartPolicy'), rp, ['Always']));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    errs.push(fieldErrors.forbidden(path.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

function validateReplicaSetSpec(spec: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  errs.push(...validateNonnegative(num(spec.replicas), path.child('replicas')));
  errs.push(...validateNonnegative(num(spec.minReadySeconds), path.child('minReadySeconds')));
  // Upstream reuses the Deployment wording here.
  const { errs: selErrs, sel } = validateWorkloadSelector(spec, path, 'deployment');
  errs.push(...selErrs);
  if (sel === 'error') errs.push(fieldErrors.invalid(path.child('selector'), goLabelSelector(spec.selector), 'invalid label selector'));
  else errs.push(...validateTemplateForReplicaSet(spec.template, sel, 'ReplicaSet', path.child('template')));
  return errs;
}

export function validateReplicaSet(rs: Json): Errs {
  return [...validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain), ...validateReplicaSetSpec(obj(rs.spec), newPath('spec'))];
}

/** The selector of apps/v1 workloads may not change (the registry strategy adds this). */
export function validateSelectorImmutable(spec: Json, oldSpec: Json): Errs {
  return validateImmutable(spec.selector, oldSpec.selector, newPath('spec', 'selector'), (v) => goLabelSelector(v));
}

export function validateReplicaSetUpdate(rs: Json, old: Json): Errs {
  const errs = validateObjectMetaUpdate(rs.metadata, old.metadata);
  errs.push(...validateReplicaSetSpec(obj(rs.spec), newPath('spec')));
  errs.push(...validateSelectorImmutable(obj(rs.spec), obj(old.spec)));
  return errs;
}
