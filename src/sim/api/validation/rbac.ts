/**
 * RBAC (Role, ClusterRole, RoleBinding, ClusterRoleBinding): path-segment names, rules
 * with verbs and either resources or non-resource URLs, bindings to a Role or
 * ClusterRole in rbac.authorization.k8s.io, subjects by kind; roleRef never changes.
 */
import { fieldErrors, newPath, stringer, type FieldPath } from '../fieldErrors';
import { goQuote } from '../gofmt';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { arr, deepEqual, obj, str, strArr, isValidPathSegmentName, nameIsDNSSubdomain, type Errs, type Json } from './util';

const GROUP = 'rbac.authorization.k8s.io';

function validatePolicyRule(rule: Json, namespaced: boolean, path: FieldPath): Errs {
  const errs: Errs = [];
  if (strArr(rule.verbs).length === 0) errs.push(fieldErrors.required(path.child('verbs'), 'verbs must contain at least one value'));
  const urls = strArr(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) errs.push(fieldErrors.invalid(path.child('nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (strArr(rule.apiGroups).length > 0 || strArr(rule.resources).length > 0 || strArr(rule.resourceNames).length > 0) {
      errs.push(fieldErrors.invalid(path.child('nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (strArr(rule.apiGroups).length === 0) errs.push(fieldErrors.required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  if (strArr(rule.resources).length === 0) errs.push(fieldErrors.required(path.child('resources'), 'resource rules must supply at least one resource'));
  if (strArr(rule.resourceNames).length > 0 && strArr(rule.resources).length > 1) {
    errs.push(fieldErrors.required(path.child('resourceNames'), 'resource names cannot apply to multiple resources'));
  }
  return errs;
}

export function validateRole(role: Json, namespaced: boolean): Errs {
  const errs = validateObjectMeta(role.metadata, namespaced, isValidPathSegmentName);
  arr(role.rules).forEach((r, i) => errs.push(...validatePolicyRule(obj(r), namespaced, newPath('rules').index(i))));
  return errs;
}

export function validateRoleUpdate(role: Json, old: Json, namespaced: boolean): Errs {
  return [...validateRole(role, namespaced), ...validateObjectMetaUpdate(role.metadata, old.metadata)];
}

function validateSubject(s: Json, namespaced: boolean, path: FieldPath): Errs {
  const errs: Errs = [];
  const name = str(s.name);
  const apiGroup = str(s.apiGroup);
  if (name === '') errs.push(fieldErrors.required(path.child('name')));
  switch (str(s.kind)) {
    case 'ServiceAccount':
      if (name !== '') for (const m of nameIsDNSSubdomain(name, false)) errs.push(fieldErrors.invalid(path.child('name'), name, m));
      if (apiGroup !== '') errs.push(fieldErrors.notSupported(path.child('apiGroup'), apiGroup, ['']));
      if (!namespaced && str(s.namespace) === '') errs.push(fieldErrors.required(path.child('namespace')));
      break;
    case 'User':
    case 'Group':
      if (name === '') errs.push(fieldErrors.invalid(path.child('name'), name, `${str(s.kind) === 'User' ? 'user' : 'group'} name cannot be empty`));
      if (apiGroup !== GROUP) errs.push(fieldErrors.notSupported(path.child('apiGroup'), apiGroup, [GROUP]));
      break;
    default:
      errs.push(fieldErrors.notSupported(path.child('kind'), str(s.kind), ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

export function validateBinding(b: Json, namespaced: boolean): Errs {
  const errs = validateObjectMeta(b.metadata, namespaced, isValidPathSegmentName);
  const ref = obj(b.roleRef);
  if (str(ref.apiGroup) !== GROUP) errs.push(fieldErrors.notSupported(newPath('roleRef', 'apiGroup'), str(ref.apiGroup), [GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(str(ref.kind))) errs.push(fieldErrors.notSupported(newPath('roleRef', 'kind'), str(ref.kind), kinds));
  const name = str(ref.name);
  if (name === '') errs.push(fieldErrors.required(newPath('roleRef', 'name')));
  else for (const m of isValidPathSegmentName(name, false)) errs.push(fieldErrors.invalid(newPath('roleRef', 'name'), name, m));
  arr(b.subjects).forEach((s, i) => errs.push(...validateSubject(obj(s), namespaced, newPath('subjects').index(i))));
  return errs;
}

export function validateBindingUpdate(b: Json, old: Json, namespaced: boolean): Errs {
  const errs = [...validateBinding(b, namespaced), ...validateObjectMetaUpdate(b.metadata, old.metadata)];
  if (!deepEqual(b.roleRef, old.roleRef)) {
    const ref = obj(b.roleRef);
    errs.push(
      fieldErrors.invalid(
        newPath('roleRef'),
        stringer(`rbac.RoleRef{APIGroup:${goQuote(str(ref.apiGroup))}, Kind:${goQuote(str(ref.kind))}, Name:${goQuote(str(ref.name))}}`),
        'cannot change roleRef',
      ),
    );
  }
  return errs;
}
