/**
 * ValidateListOptions (apimachinery's internalversion validation): which combinations of
 * resourceVersion, resourceVersionMatch, continue and sendInitialEvents a list or a watch
 * accepts. A refusal is a 422 on ListOptions.meta.k8s.io.
 */
import type { FieldError } from '../api/types';
import { newInvalid } from '../api/errors';
import { fieldErrors, newPath } from '../api/fieldErrors';
import type { RequestQuery } from './types';

export function validateListOptions(q: RequestQuery, watch: boolean): void {
  const errs = watch ? watchErrors(q) : listErrors(q);
  if (errs.length > 0) throw newInvalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', errs);
}

function listErrors(q: RequestQuery): FieldError[] {
  const errs: FieldError[] = [];
  const match = q.resourceVersionMatch;
  const path = newPath('resourceVersionMatch');
  if (match) {
    if (!q.resourceVersion) errs.push(fieldErrors.forbidden(path, 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (q.continue) errs.push(fieldErrors.forbidden(path, 'resourceVersionMatch is forbidden when continue is provided'));
    if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(fieldErrors.notSupported(path, match, ['Exact', 'NotOlderThan', '']));
    if (match === 'Exact' && q.resourceVersion === '0') {
      errs.push(fieldErrors.forbidden(path, 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
  }
  if (q.sendInitialEvents !== undefined) errs.push(fieldErrors.forbidden(newPath('sendInitialEvents'), 'sendInitialEvents is forbidden for list'));
  return errs;
}

function watchErrors(q: RequestQuery): FieldError[] {
  const errs: FieldError[] = [];
  const match = q.resourceVersionMatch;
  const path = newPath('resourceVersionMatch');
  if (q.sendInitialEvents !== undefined && match !== 'NotOlderThan') {
    errs.push(fieldErrors.forbidden(path, 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
  }
  if (match) {
    if (q.sendInitialEvents === undefined) errs.push(fieldErrors.forbidden(path, 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
    if (match !== 'NotOlderThan') errs.push(fieldErrors.notSupported(path, match, ['NotOlderThan']));
    if (q.continue) errs.push(fieldErrors.forbidden(path, 'resourceVersionMatch is forbidden when continue is provided'));
  }
  return errs;
}
