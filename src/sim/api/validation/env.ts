/**
 * Container environment: env names (the relaxed rule, beta and on in 1.33), valueFrom
 * sources (downward API fields and resources, ConfigMap and Secret keys) and envFrom.
 */
import { fieldErrors, type FieldPath } from '../fieldErrors';
import { isConfigMapKey, isQualifiedName, isRelaxedEnvVarName } from '../names';
import { arr, obj, optObj, str, nameIsDNSSubdomain, type Errs, type Json } from './util';

const validEnvFieldPaths = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

export const validVolumeFieldPaths = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

/** Labels podshelper.ConvertDownwardAPIFieldLabel accepts for v1. */
const convertibleFieldLabels = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

function splitSubscript(p: string): { path: string; subscript: string } | undefined {
  const m = /^(.+)\['(.*)'\]$/.exec(p);
  return m ? { path: m[1] as string, subscript: m[2] as string } : undefined;
}

export function validateObjectFieldSelector(fs: Json, expressions: readonly string[], path: FieldPath): Errs {
  const apiVersion = str(fs.apiVersion);
  const fieldPath = str(fs.fieldPath);
  if (apiVersion === '') return [fieldErrors.required(path.child('apiVersion'))];
  if (fieldPath === '') return [fieldErrors.required(path.child('fieldPath'))];
  const sub = splitSubscript(fieldPath);
  let convertErr = '';
  if (apiVersion !== 'v1') convertErr = `unsupported pod version: ${apiVersion}`;
  else if (sub ? !['metadata.annotations', 'metadata.labels'].includes(sub.path) : !convertibleFieldLabels.has(fieldPath)) {
    convertErr = `field label not supported: ${fieldPath}`;
  }
  if (convertErr !== '') return [fieldErrors.invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: ${convertErr}`)];
  if (sub) {
    const key = sub.path === 'metadata.annotations' ? sub.subscript.toLowerCase() : sub.subscript;
    return isQualifiedName(key).map((m) => fieldErrors.invalid(path, key, m));
  }
  if (!expressions.includes(fieldPath)) {
    return [fieldErrors.notSupported(path.child('fieldPath'), fieldPath, [...expressions].sort())];
  }
  return [];
}

const validResourceFieldPaths = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];

export function validateResourceFieldSelector(fs: Json, path: FieldPath, volume: boolean): Errs {
  const resource = str(fs.resource);
  if (volume && str(fs.containerName) === '') return [fieldErrors.required(path.child('containerName'))];
  if (resource === '') return [fieldErrors.required(path.child('resource'))];
  if (!validResourceFieldPaths.includes(resource) && !/^(requests|limits)\.hugepages-/.test(resource)) {
    return [fieldErrors.notSupported(path.child('resource'), resource, validResourceFieldPaths)];
  }
  return [];
}

function validateKeySelector(s: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  const name = str(s.name);
  for (const m of nameIsDNSSubdomain(name, false)) errs.push(fieldErrors.invalid(path.child('name'), name, m));
  const key = str(s.key);
  if (key === '') errs.push(fieldErrors.required(path.child('key')));
  else for (const m of isConfigMapKey(key)) errs.push(fieldErrors.invalid(path.child('key'), key, m));
  return errs;
}

function validateEnvVarValueFrom(ev: Json, path: FieldPath): Errs {
  const from = optObj(ev.valueFrom);
  if (!from) return [];
  const errs: Errs = [];
  let sources = 0;
  const fieldRef = optObj(from.fieldRef);
  if (fieldRef) {
    sources++;
    errs.push(...validateObjectFieldSelector(fieldRef, validEnvFieldPaths, path.child('fieldRef')));
  }
  const resourceRef = optObj(from.resourceFieldRef);
  if (resourceRef) {
    sources++;
    errs.push(...validateResourceFieldSelector(resourceRef, path.child('resourceFieldRef'), false));
  }
  const cmRef = optObj(from.configMapKeyRef);
  if (cmRef) {
    sources++;
    errs.push(...validateKeySelector(cmRef, path.child('configMapKeyRef')));
  }
  const secretRef = optObj(from.secretKeyRef);
  if (secretRef) {
    sources++;
    errs.push(...validateKeySelector(secretRef, path.child('secretKeyRef')));
  }
  if (sources === 0) {
    errs.push(fieldErrors.invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if (str(ev.value) !== '') {
    errs.push(fieldErrors.invalid(path, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    errs.push(fieldErrors.invalid(path, '', 'may not have more than one field specified at a time'));
  }
  return errs;
}

export function validateEnv(vars: unknown, path: FieldPath): Errs {
  const errs: Errs = [];
  arr(vars).forEach((raw, i) => {
    const ev = obj(raw);
    const idx = path.index(i);
    const name = str(ev.name);
    if (name === '') errs.push(fieldErrors.required(idx.child('name')));
    else for (const m of isRelaxedEnvVarName(name)) errs.push(fieldErrors.invalid(idx.child('name'), name, m));
    errs.push(...validateEnvVarValueFrom(ev, idx.child('valueFrom')));
  });
  return errs;
}

function validateEnvSourceName(ref: Json, path: FieldPath): Errs {
  const name = str(ref.name);
  if (name === '') return [fieldErrors.required(path.child('name'))];
  return nameIsDNSSubdomain(name, true).map((m) => fieldErrors.invalid(path.child('name'), name, m));
}

export function validateEnvFrom(sources: unknown, path: FieldPath): Errs {
  const errs: Errs = [];
  arr(sources).forEach((raw, i) => {
    const src = obj(raw);
    const idx = path.index(i);
    const prefix = str(src.prefix);
    if (prefix !== '') for (const m of isRelaxedEnvVarName(prefix)) errs.push(fieldErrors.invalid(idx.child('prefix'), prefix, m));
    let n = 0;
    const cm = optObj(src.configMapRef);
    if (cm) {
      n++;
      errs.push(...validateEnvSourceName(cm, idx.child('configMapRef')));
    }
    const secret = optObj(src.secretRef);
    if (secret) {
      n++;
      errs.push(...validateEnvSourceName(secret, idx.child('secretRef')));
    }
    if (n === 0) errs.push(fieldErrors.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(fieldErrors.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
