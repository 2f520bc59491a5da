/**
 * Namespaces, ServiceAccounts, ConfigMaps and Secrets: names, data keys, the 1 MiB size
 * limit, per-type Secret requirements, and the `immutable` flag on update.
 */
import { fieldErrors, newPath } from '../fieldErrors';
import { isConfigMapKey, isQualifiedName } from '../names';
import { byteLen, validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { deepEqual, isObj, obj, str, strArr, strMap, nameIsDNSLabel, nameIsDNSSubdomain, tooLong, validateImmutable, type Errs, type Json } from './util';

export const MAX_SECRET_SIZE = 1024 * 1024;

export function validateNamespace(ns: Json): Errs {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
  const path = newPath('spec', 'finalizers');
  for (const f of strArr(obj(ns.spec).finalizers)) {
    for (const m of isQualifiedName(f)) errs.push(fieldErrors.invalid(path, f, m));
    if (!f.includes('/') && f !== 'kubernetes' && f !== 'orphan' && f !== 'foregroundDeletion') {
      errs.push(fieldErrors.invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

export function validateServiceAccount(sa: Json): Errs {
  return validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain);
}

/** Decoded length of a base64 string: the bytes Go would hold. */
function base64Len(s: string): number {
  const clean = s.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

export function validateConfigMap(cm: Json): Errs {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  const data = strMap(cm.data);
  const binary = strMap(cm.binaryData);
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldErrors.invalid(newPath('data').key(k), k, m));
    if (k in binary) errs.push(fieldErrors.invalid(newPath('data').key(k), k, 'duplicate of key present in binaryData'));
    total += byteLen(v);
  }
  for (const [k, v] of Object.entries(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldErrors.invalid(newPath('binaryData').key(k), k, m));
    total += base64Len(v);
  }
  // The size error refers to the whole object, hence the empty path.
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(newPath(''), MAX_SECRET_SIZE));
  return errs;
}

function immutableDataErrors(next: Json, prev: Json, fields: string[]): Errs {
  if (prev.immutable !== true) return [];
  const errs: Errs = [];
  if (next.immutable !== true) errs.push(fieldErrors.forbidden(newPath('immutable'), 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (!deepEqual(next[f], prev[f])) errs.push(fieldErrors.forbidden(newPath(f), 'field is immutable when `immutable` is set'));
  }
  return errs;
}

export function validateConfigMapUpdate(cm: Json, old: Json): Errs {
  return [...validateObjectMetaUpdate(cm.metadata, old.metadata), ...immutableDataErrors(cm, old, ['data', 'binaryData']), ...validateConfigMap(cm)];
}

/** What json.Unmarshal into a map says about text, or undefined when it decodes. */
function jsonObjectError(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return 'unexpected end of JSON input';
  try {
    const v: unknown = JSON.parse(t);
    if (isObj(v) || v === null) return undefined;
    const kind = Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'bool';
    return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
  } catch {
    const c = t.charAt(0);
    return /[{["\-0-9tfn]/.test(c) ? 'unexpected end of JSON input' : `invalid character '${c}' looking for beginning of value`;
  }
}

/** Base64 to a binary string (one character per byte). */
function decodeBase64(s: string): string {
  try {
    return atob(s.replace(/\s/g, ''));
  } catch {
    return '';
  }
}

export function validateSecret(secret: Json): Errs {
  const errs = validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain);
  const dataPath = newPath('data');
  // stringData is merged into data before validation, as the API server converts it.
  const data: Record<string, string> = {};
  const sizes: Record<string, number> = {};
  for (const [k, v] of Object.entries(strMap(secret.data))) {
    data[k] = decodeBase64(v);
    sizes[k] = (data[k] as string).length;
  }
  for (const [k, v] of Object.entries(strMap(secret.stringData))) {
    data[k] = v;
    sizes[k] = byteLen(v);
  }
  let total = 0;
  for (const k of Object.keys(data)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldErrors.invalid(dataPath.key(k), k, m));
    total += sizes[k] ?? 0;
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(dataPath, MAX_SECRET_SIZE));
  const has = (k: string): boolean => k in data;
  switch (str(secret.type)) {
    case 'kubernetes.io/service-account-token':
      if (str(strMap(obj(secret.metadata).annotations)['kubernetes.io/service-account.name']) === '') {
        errs.push(fieldErrors.required(newPath('metadata', 'annotations').key('kubernetes.io/service-account.name')));
      }
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = str(secret.type) === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) {
        errs.push(fieldErrors.required(dataPath.key(key)));
        break;
      }
      const err = jsonObjectError(data[key] as string);
      if (err) errs.push(fieldErrors.invalid(dataPath.key(key), '<secret contents redacted>', err));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        errs.push(fieldErrors.required(dataPath.key('username')), fieldErrors.required(dataPath.key('password')));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if ((data['ssh-privatekey'] ?? '') === '') errs.push(fieldErrors.required(dataPath.key('ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(fieldErrors.required(dataPath.key('tls.crt')));
      if (!has('tls.key')) errs.push(fieldErrors.required(dataPath.key('tls.key')));
      break;
  }
  return errs;
}

export function validateSecretUpdate(secret: Json, old: Json): Errs {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata);
  errs.push(...validateImmutable(str(secret.type), str(old.type), newPath('type')));
  errs.push(...immutableDataErrors(secret, old, ['data']));
  errs.push(...validateSecret(secret));
  return errs;
}
