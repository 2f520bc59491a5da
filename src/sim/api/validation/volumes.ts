/**
 * Pod volumes: unique DNS-label names, exactly one source each, and the checks for the
 * sources people write by hand (emptyDir, hostPath, configMap, secret, PVC, downwardAPI,
 * projected, nfs, csi, ephemeral, image). Other sources are counted, not inspected.
 */
import { fieldErrors, type FieldPath } from '../fieldErrors';
import { isDNS1123Subdomain } from '../names';
import { validateObjectFieldSelector, validateResourceFieldSelector, validVolumeFieldPaths } from './env';
import { arr, obj, optNum, optObj, str, tooLong, validateDNS1123Label, type Errs, type Json } from './util';

/** Every VolumeSource member in the order upstream checks them; dupName keeps upstream's spelling. */
const sources: { key: string; dupName?: string; checkName?: string }[] = [
  { key: 'emptyDir' },
  { key: 'hostPath' },
  { key: 'gitRepo' },
  { key: 'gcePersistentDisk' },
  { key: 'awsElasticBlockStore' },
  { key: 'secret' },
  { key: 'nfs' },
  { key: 'iscsi' },
  { key: 'glusterfs' },
  { key: 'flocker' },
  { key: 'persistentVolumeClaim' },
  { key: 'rbd' },
  { key: 'cinder' },
  { key: 'cephfs', dupName: 'cephFS' },
  { key: 'quobyte' },
  { key: 'downwardAPI', dupName: 'downwarAPI' },
  { key: 'fc' },
  { key: 'flexVolume' },
  { key: 'configMap' },
  { key: 'azureFile' },
  { key: 'vsphereVolume' },
  { key: 'photonPersistentDisk' },
  { key: 'portworxVolume' },
  { key: 'azureDisk' },
  { key: 'storageos' },
  { key: 'projected' },
  { key: 'scaleIO' },
  { key: 'csi' },
  { key: 'ephemeral' },
  { key: 'image' },
];

export const FILE_MODE_ERROR_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';

function validateMode(mode: unknown, path: FieldPath): Errs {
  const m = optNum(mode);
  return m !== undefined && (m > 0o777 || m < 0) ? [fieldErrors.invalid(path, m, FILE_MODE_ERROR_MSG)] : [];
}

export function validatePathNoBacksteps(target: string, path: FieldPath): Errs {
  return target.replace(/\\/g, '/').split('/').includes('..') ? [fieldErrors.invalid(path, target, "must not contain '..'")] : [];
}

function validateLocalDescendingPath(target: string, path: FieldPath): Errs {
  const errs: Errs = [];
  if (target.startsWith('/')) errs.push(fieldErrors.invalid(path, target, 'must be a relative path'));
  return [...errs, ...validatePathNoBacksteps(target, path)];
}

export function validateLocalNonReservedPath(target: string, path: FieldPath): Errs {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(fieldErrors.invalid(path, target, "must not start with '..'"));
  return errs;
}

function validateKeyToPaths(items: unknown, path: FieldPath): Errs {
  const errs: Errs = [];
  arr(items).forEach((raw, i) => {
    const kp = obj(raw);
    const p = path.index(i);
    if (str(kp.key) === '') errs.push(fieldErrors.required(p.child('key')));
    if (str(kp.path) === '') errs.push(fieldErrors.required(p.child('path')));
    errs.push(...validateLocalNonReservedPath(str(kp.path), p.child('path')));
    errs.push(...validateMode(kp.mode, p.child('mode')));
  });
  return errs;
}

function validateDownwardAPIFiles(items: unknown, path: FieldPath): Errs {
  const errs: Errs = [];
  for (const raw of arr(items)) {
    const f = obj(raw);
    if (str(f.path) === '') errs.push(fieldErrors.required(path.child('path')));
    errs.push(...validateLocalNonReservedPath(str(f.path), path.child('path')));
    const fieldRef = optObj(f.fieldRef);
    const resourceRef = optObj(f.resourceFieldRef);
    if (fieldRef) {
      errs.push(...validateObjectFieldSelector(fieldRef, validVolumeFieldPaths, path.child('fieldRef')));
      if (resourceRef) errs.push(fieldErrors.invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
    } else if (resourceRef) {
      errs.push(...validateResourceFieldSelector(resourceRef, path.child('resourceFieldRef'), true));
    } else {
      errs.push(fieldErrors.required(path, 'one of fieldRef and resourceFieldRef is required'));
    }
    errs.push(...validateMode(f.mode, path.child('mode')));
  }
  return errs;
}

const hostPathTypes = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateSource(key: string, src: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  switch (key) {
    case 'emptyDir':
      if (/^-/.test(str(src.sizeLimit))) errs.push(fieldErrors.forbidden(path.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      break;
    case 'hostPath': {
      if (str(src.path) === '') return [fieldErrors.required(path.child('path'))];
      errs.push(...validatePathNoBacksteps(str(src.path), path.child('path')));
      if (typeof src.type === 'string' && !hostPathTypes.includes(src.type)) {
        errs.push(fieldErrors.notSupported(path.child('type'), src.type, hostPathTypes));
      }
      break;
    }
    case 'secret':
      if (str(src.secretName) === '') errs.push(fieldErrors.required(path.child('secretName')));
      errs.push(...validateMode(src.defaultMode, path.child('defaultMode')));
      errs.push(...validateKeyToPaths(src.items, path.child('items')));
      break;
    case 'configMap':
      if (str(src.name) === '') errs.push(fieldErrors.required(path.child('name')));
      errs.push(...validateMode(src.defaultMode, path.child('defaultMode')));
      errs.push(...validateKeyToPaths(src.items, path.child('items')));
      break;
    case 'persistentVolumeClaim':
      if (str(src.claimName) === '') errs.push(fieldErrors.required(path.child('claimName')));
      break;
    case 'nfs':
      if (str(src.server) === '') errs.push(fieldErrors.required(path.child('server')));
      if (str(src.path) === '') errs.push(fieldErrors.required(path.child('path')));
      if (!str(src.path).startsWith('/')) errs.push(fieldErrors.invalid(path.child('path'), str(src.path), 'must be an absolute path'));
      break;
    case 'downwardAPI':
      errs.push(...validateMode(src.defaultMode, path.child('defaultMode')));
      errs.push(...validateDownwardAPIFiles(src.items, path));
      break;
    case 'projected':
      errs.push(...validateMode(src.defaultMode, path.child('defaultMode')));
      arr(src.sources).forEach((raw, i) => {
        const s = obj(raw);
        const n = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle'].filter((k) => optObj(s[k])).length;
        if (n > 1) errs.push(fieldErrors.forbidden(path.child('sources').index(i), 'may not specify more than 1 volume type per source'));
      });
      break;
    case 'csi': {
      const driver = str(src.driver);
      if (driver === '') errs.push(fieldErrors.required(path.child('driver')));
      if (driver.length > 63) errs.push(tooLong(path.child('driver'), 63));
      for (const m of isDNS1123Subdomain(driver.toLowerCase())) errs.push(fieldErrors.invalid(path.child('driver'), driver, m));
      break;
    }
    case 'ephemeral':
      if (!optObj(src.volumeClaimTemplate)) errs.push(fieldErrors.required(path.child('volumeClaimTemplate')));
      break;
    case 'image': {
      const policy = str(src.pullPolicy);
      if (policy === '') errs.push(fieldErrors.required(path.child('pullPolicy')));
      else if (!['Always', 'IfNotPresent', 'Never'].includes(policy)) {
        errs.push(fieldErrors.notSupported(path.child('pullPolicy'), policy, ['Always', 'IfNotPresent', 'Never']));
      }
      break;
    }
  }
  return errs;
}

function validateVolumeSource(vol: Json, path: FieldPath, podName: string): Errs {
  const errs: Errs = [];
  let n = 0;
  for (const s of sources) {
    const src = optObj(vol[s.key]);
    if (!src) continue;
    if (n > 0) {
      errs.push(fieldErrors.forbidden(path.child(s.dupName ?? s.key), 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    errs.push(...validateSource(s.key, src, path.child(s.key === 'gcePersistentDisk' ? 'persistentDisk' : s.key)));
    if (s.key === 'ephemeral' && podName !== '' && str(vol.name) !== '') {
      const pvcName = `${podName}-${str(vol.name)}`;
      for (const m of isDNS1123Subdomain(pvcName)) {
        errs.push(fieldErrors.invalid(path.child('name'), str(vol.name), `PVC name ${JSON.stringify(pvcName)}: ${m}`));
      }
    }
  }
  if (n === 0) errs.push(fieldErrors.required(path, 'must specify a volume type'));
  return errs;
}

/** ValidateVolumes: returns the errors and the volumes that passed, by name. */
export function validateVolumes(volumes: unknown, podName: string, path: FieldPath): { errs: Errs; vols: Map<string, Json> } {
  const errs: Errs = [];
  const vols = new Map<string, Json>();
  arr(volumes).forEach((raw, i) => {
    const vol = obj(raw);
    const idx = path.index(i);
    const name = str(vol.name);
    const el = validateVolumeSource(vol, idx, podName);
    if (name === '') el.push(fieldErrors.required(idx.child('name')));
    else el.push(...validateDNS1123Label(name, idx.child('name')));
    if (vols.has(name)) el.push(fieldErrors.duplicate(idx.child('name'), name));
    if (el.length === 0) vols.set(name, vol);
    else errs.push(...el);
  });
  return { errs, vols };
}

/** ValidateVolumeMounts against the volumes that validated. */
export function validateVolumeMounts(mounts: unknown, vols: Map<string, Json>, path: FieldPath): Errs {
  const errs: Errs = [];
  const mountPoints = new Set<string>();
  arr(mounts).forEach((raw, i) => {
    const m = obj(raw);
    const idx = path.index(i);
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (name === '') errs.push(fieldErrors.required(idx.child('name')));
    if (!vols.has(name)) errs.push(fieldErrors.notFound(idx.child('name'), name));
    if (mountPath === '') errs.push(fieldErrors.required(idx.child('mountPath')));
    if (mountPoints.has(mountPath)) errs.push(fieldErrors.invalid(idx.child('mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    const subPath = str(m.subPath);
    const subPathExpr = str(m.subPathExpr);
    if (vols.get(name)?.image !== undefined) {
      if (subPath !== '') errs.push(fieldErrors.invalid(idx.child('subPath'), subPath, 'not allowed in image volume sources'));
      if (subPathExpr !== '') errs.push(fieldErrors.invalid(idx.child('subPathExpr'), subPathExpr, 'not allowed in image volume sources'));
    }
    // Upstream checks sub-paths against the list's path, not the entry's.
    if (subPath !== '') errs.push(...validateLocalDescendingPath(subPath, path.child('subPath')));
    if (subPathExpr !== '') {
      if (subPath !== '') errs.push(fieldErrors.invalid(idx.child('subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, path.child('subPathExpr')));
    }
    const propagation = m.mountPropagation;
    if (typeof propagation === 'string' && !['Bidirectional', 'HostToContainer', 'None'].includes(propagation)) {
      errs.push(fieldErrors.notSupported(path.child('mountPropagation'), propagation, ['Bidirectional', 'HostToContainer', 'None']));
    }
  });
  return errs;
}
