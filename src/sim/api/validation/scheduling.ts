/**
 * The scheduling parts of a pod spec: tolerations, node and pod (anti-)affinity, and
 * topology spread constraints.
 */
import { fieldErrors, type FieldPath } from '../fieldErrors';
import { isValidLabelValue } from '../names';
import { validateLabelName } from './objectMeta';
import { validateLabelSelector } from './selector';
import { arr, num, obj, optNum, optObj, str, strArr, nameIsDNSLabel, nameIsDNSSubdomain, IS_NOT_POSITIVE_ERROR_MSG, type Errs, type Json } from './util';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTaintEffect(effect: string, allowEmpty: boolean, path: FieldPath): Errs {
  if (!allowEmpty && effect === '') return [fieldErrors.required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [fieldErrors.notSupported(path, effect, TAINT_EFFECTS)];
}

export function validateTolerations(tolerations: unknown, path: FieldPath): Errs {
  const errs: Errs = [];
  arr(tolerations).forEach((raw, i) => {
    const t = obj(raw);
    const idx = path.index(i);
    const key = str(t.key);
    const operator = str(t.operator);
    const value = str(t.value);
    const effect = str(t.effect);
    if (key !== '') errs.push(...validateLabelName(key, idx.child('key')));
    if (key === '' && operator !== 'Exists') {
      errs.push(
        fieldErrors.invalid(idx.child('operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'),
      );
    }
    if (optNum(t.tolerationSeconds) !== undefined && effect !== 'NoExecute') {
      errs.push(fieldErrors.invalid(idx.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Equal' || operator === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length > 0) errs.push(fieldErrors.invalid(idx.child('operator'), value, msgs.join(';')));
    } else if (operator === 'Exists') {
      if (value !== '') errs.push(fieldErrors.invalid(idx.child('operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(fieldErrors.notSupported(idx.child('operator'), operator, ['Equal', 'Exists']));
    }
    if (effect !== '') errs.push(...validateTaintEffect(effect, true, idx.child('effect')));
  });
  return errs;
}

function validateNodeSelectorRequirement(rq: Json, allowInvalidValues: boolean, path: FieldPath): Errs {
  const errs: Errs = [];
  const values = strArr(rq.values);
  const op = str(rq.operator);
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0) errs.push(fieldErrors.required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0) errs.push(fieldErrors.forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else if (op === 'Gt' || op === 'Lt') {
    if (values.length !== 1) errs.push(fieldErrors.required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
  } else {
    errs.push(fieldErrors.invalid(path.child('operator'), op, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(rq.key), path.child('key')));
  if (!allowInvalidValues) {
    values.forEach((v, i) => {
      for (const m of isValidLabelValue(v)) errs.push(fieldErrors.invalid(path.child('values').index(i), v, m));
    });
  }
  return errs;
}

function validateNodeFieldSelectorRequirement(rq: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  const op = str(rq.operator);
  const values = strArr(rq.values);
  if (op === 'In' || op === 'NotIn') {
    if (values.length !== 1) {
      errs.push(fieldErrors.required(path.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
  } else {
    errs.push(fieldErrors.invalid(path.child('operator'), op, 'not a valid selector operator'));
  }
  if (str(rq.key) !== 'metadata.name') {
    errs.push(fieldErrors.invalid(path.child('key'), str(rq.key), 'not a valid field selector key'));
  } else {
    values.forEach((v, i) => {
      for (const m of nameIsDNSSubdomain(v, false)) errs.push(fieldErrors.invalid(path.child('values').index(i), v, m));
    });
  }
  return errs;
}

function validateNodeSelectorTerm(term: Json, allowInvalidValues: boolean, path: FieldPath): Errs {
  const errs: Errs = [];
  arr(term.matchExpressions).forEach((r, j) =>
    errs.push(...validateNodeSelectorRequirement(obj(r), allowInvalidValues, path.child('matchExpressions').index(j))),
  );
  arr(term.matchFields).forEach((r, j) => errs.push(...validateNodeFieldSelectorRequirement(obj(r), path.child('matchFields').index(j))));
  return errs;
}

function validateNodeAffinity(na: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  const required = optObj(na.requiredDuringSchedulingIgnoredDuringExecution);
  if (required) {
    const termsPath = path.child('requiredDuringSchedulingIgnoredDuringExecution').child('nodeSelectorTerms');
    const terms = arr(required.nodeSelectorTerms);
    if (terms.length === 0) errs.push(fieldErrors.required(termsPath, 'must have at least one node selector term'));
    terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(obj(t), false, termsPath.index(i))));
  }
  arr(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((raw, i) => {
    const t = obj(raw);
    const p = path.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
    const weight = num(t.weight);
    if (weight <= 0 || weight > 100) errs.push(fieldErrors.invalid(p.child('weight'), weight, 'must be in the range 1-100'));
    // Preferred terms always tolerate invalid label values.
    errs.push(...validateNodeSelectorTerm(obj(t.preference), true, p.child('preference')));
  });
  return errs;
}

function validatePodAffinityTerm(term: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  errs.push(...validateLabelSelector(term.labelSelector, path.child('labelSelector')));
  errs.push(...validateLabelSelector(term.namespaceSelector, path.child('namespaceSelector')));
  for (const ns of strArr(term.namespaces)) {
    for (const m of nameIsDNSLabel(ns, false)) errs.push(fieldErrors.invalid(path.child('namespace'), ns, m));
  }
  for (const which of ['matchLabelKeys', 'mismatchLabelKeys']) {
    const keys = strArr(term[which]);
    if (keys.length === 0) continue;
    if (!optObj(term.labelSelector)) errs.push(fieldErrors.forbidden(path.child(which), 'must not be specified when labelSelector is not set'));
    else keys.forEach((k, i) => errs.push(...validateLabelName(k, path.child(which).index(i))));
  }
  const topologyKey = str(term.topologyKey);
  if (topologyKey === '') errs.push(fieldErrors.required(path.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(topologyKey, path.child('topologyKey')));
  return errs;
}

function validatePodAffinity(pa: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  arr(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
    errs.push(...validatePodAffinityTerm(obj(t), path.child('requiredDuringSchedulingIgnoredDuringExecution').index(i))),
  );
  arr(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((raw, j) => {
    const w = obj(raw);
    const p = path.child('preferredDuringSchedulingIgnoredDuringExecution').index(j);
    const weight = num(w.weight);
    if (weight <= 0 || weight > 100) errs.push(fieldErrors.invalid(p.child('weight'), weight, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(obj(w.podAffinityTerm), p.child('podAffinityTerm')));
  });
  return errs;
}

export function validateAffinity(raw: unknown, path: FieldPath): Errs {
  const a = optObj(raw);
  if (!a) return [];
  const errs: Errs = [];
  const na = optObj(a.nodeAffinity);
  if (na) errs.push(...validateNodeAffinity(na, path.child('nodeAffinity')));
  const pa = optObj(a.podAffinity);
  if (pa) errs.push(...validatePodAffinity(pa, path.child('podAffinity')));
  const paa = optObj(a.podAntiAffinity);
  if (paa) errs.push(...validatePodAffinity(paa, path.child('podAntiAffinity')));
  return errs;
}

export function validateTopologySpreadConstraints(raw: unknown, path: FieldPath): Errs {
  const errs: Errs = [];
  const list = arr(raw).map(obj);
  list.forEach((c, i) => {
    const p = path.index(i);
    const maxSkew = num(c.maxSkew);
    if (maxSkew <= 0) errs.push(fieldErrors.invalid(p.child('maxSkew'), maxSkew, IS_NOT_POSITIVE_ERROR_MSG));
    const key = str(c.topologyKey);
    if (key === '') errs.push(fieldErrors.required(p.child('topologyKey'), 'can not be empty'));
    const action = str(c.whenUnsatisfiable);
    if (action !== 'DoNotSchedule' && action !== 'ScheduleAnyway') {
      errs.push(fieldErrors.notSupported(p.child('whenUnsatisfiable'), action, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (list.slice(i + 1).some((o) => str(o.topologyKey) === key && str(o.whenUnsatisfiable) === action)) {
      errs.push(fieldErrors.duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${key}, ${action}}`));
    }
    const minDomains = optNum(c.minDomains);
    if (minDomains !== undefined) {
      if (minDomains <= 0) errs.push(fieldErrors.invalid(p.child('minDomains'), minDomains, IS_NOT_POSITIVE_ERROR_MSG));
      if (action !== 'DoNotSchedule') {
        errs.push(fieldErrors.invalid(p.child('minDomains'), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`));
      }
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (typeof c[f] === 'string' && !['Honor', 'Ignore'].includes(c[f])) {
        errs.push(fieldErrors.notSupported(p.child(f), c[f], ['Honor', 'Ignore']));
      }
    }
    errs.push(...validateLabelSelector(c.labelSelector, p.child('labelSelector')));
  });
  return errs;
}
