/**
 * metav1.LabelSelector as the workload validators use it: ValidateLabelSelector's
 * messages, and sim/api/selectors' LabelSelectorAsSelector (nothing for nil, everything
 * for {}, otherwise requirements) for the "selector does not match template" checks.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { fieldErrors, type FieldPath } from '../fieldErrors';
import { labelSelectorAsSelector, type Selector as LabelsSelector } from '../selectors';
import { isValidLabelValue } from '../names';
import { validateLabelName, validateLabels } from './objectMeta';
import { arr, isObj, obj, str, strArr, strMap, type Errs } from './util';

export function validateLabelSelector(raw: unknown, path: FieldPath, allowInvalidLabelValue = false): Errs {
  if (!isObj(raw)) return [];
  const errs: Errs = [];
  errs.push(...validateLabels(raw.matchLabels, path.child('matchLabels')));
  arr(raw.matchExpressions).forEach((e, i) => {
    const r = obj(e);
    const p = path.child('matchExpressions').index(i);
    const op = str(r.operator);
    const values = strArr(r.values);
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(fieldErrors.required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(fieldErrors.forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(fieldErrors.invalid(p.child('operator'), op, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(r.key), p.child('key')));
    if (!allowInvalidLabelValue) {
      values.forEach((v, j) => {
        for (const m of isValidLabelValue(v)) errs.push(fieldErrors.invalid(p.child('values').index(j), v, m));
      });
    }
  });
  return errs;
}

/** What metav1.LabelSelectorAsSelector returns for a selector, or 'error' when it refuses it. */
export type Selector = LabelsSelector | 'error';

export function asSelector(raw: unknown): Selector {
  try {
    return labelSelectorAsSelector(isObj(raw) ? (raw as LabelSelector) : undefined);
  } catch {
    return 'error';
  }
}

/** labels.Selector.Empty(): only the everything selector is empty. */
export function selectorEmpty(s: Selector): boolean {
  return s !== 'error' && s.empty();
}

export function selectorMatches(s: Selector, labels: unknown): boolean {
  return s !== 'error' && s.matches(strMap(labels));
}
