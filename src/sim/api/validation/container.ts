/**
 * Containers as ValidatePodSpec sees them: the checks every container shares (name,
 * image, ports, env, mounts, pull policy, resources, security context) and the
 * separate rules for regular and init containers.
 */
import { fieldErrors, type FieldPath } from '../fieldErrors';
import { inclusiveRangeError, isValidPortName, isValidPortNum } from '../names';
import { validateContainerResources } from './containerResources';
import { validateEnv, validateEnvFrom } from './env';
import { validateContainerProbe, validateLifecycle, type ProbeKind } from './probes';
import { validateVolumeMounts } from './volumes';
import { arr, obj, optNum, optObj, str, num, validateDNS1123Label, type Errs, type Json } from './util';

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validateContainerPorts(ports: unknown, path: FieldPath): Errs {
  const errs: Errs = [];
  const names = new Set<string>();
  arr(ports).forEach((raw, i) => {
    const port = obj(raw);
    const idx = path.index(i);
    const name = str(port.name);
    if (name !== '') {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const m of msgs) errs.push(fieldErrors.invalid(idx.child('name'), name, m));
      else if (names.has(name)) errs.push(fieldErrors.duplicate(idx.child('name'), name));
      else names.add(name);
    }
    const containerPort = num(port.containerPort);
    if (containerPort === 0) errs.push(fieldErrors.required(idx.child('containerPort')));
    else for (const m of isValidPortNum(containerPort)) errs.push(fieldErrors.invalid(idx.child('containerPort'), containerPort, m));
    const hostPort = num(port.hostPort);
    if (hostPort !== 0) for (const m of isValidPortNum(hostPort)) errs.push(fieldErrors.invalid(idx.child('hostPort'), hostPort, m));
    const protocol = str(port.protocol);
    if (protocol === '') errs.push(fieldErrors.required(idx.child('protocol')));
    else if (!PROTOCOLS.includes(protocol)) errs.push(fieldErrors.notSupported(idx.child('protocol'), protocol, PROTOCOLS));
  });
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validateSecurityContext(raw: unknown, path: FieldPath): Errs {
  const sc = optObj(raw);
  if (!sc) return [];
  const errs: Errs = [];
  for (const f of ['runAsUser', 'runAsGroup']) {
    const id = optNum(sc[f]);
    if (id !== undefined && (id < 0 || id > 0xffffffff)) errs.push(fieldErrors.invalid(path.child(f), id, inclusiveRangeError(0, 4294967295)));
  }
  if (typeof sc.procMount === 'string' && !['Default', 'Unmasked'].includes(sc.procMount)) {
    errs.push(fieldErrors.notSupported(path.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
  }
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
    errs.push(fieldErrors.invalid(path, '', 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
  return errs;
}

/** validateContainerCommon */
function validateContainerCommon(c: Json, vols: Map<string, Json>, podRestartPolicy: string, path: FieldPath): Errs {
  const errs: Errs = [];
  const name = str(c.name);
  if (name === '') errs.push(fieldErrors.required(path.child('name')));
  else errs.push(...validateDNS1123Label(name, path.child('name')));
  if (str(c.image) === '') errs.push(fieldErrors.required(path.child('image')));
  const tmp = str(c.terminationMessagePolicy);
  if (tmp === '') errs.push(fieldErrors.required(path.child('terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(fieldErrors.notSupported(path.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(c.ports, path.child('ports')));
  errs.push(...validateEnv(c.env, path.child('env')));
  errs.push(...validateEnvFrom(c.envFrom, path.child('envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, vols, path.child('volumeMounts')));
  const pull = str(c.imagePullPolicy);
  if (pull === '') errs.push(fieldErrors.required(path.child('imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(fieldErrors.notSupported(path.child('imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateContainerResources(c.resources, path.child('resources')));
  errs.push(...validateResizePolicy(c.resizePolicy, podRestartPolicy, path.child('resizePolicy')));
  errs.push(...validateSecurityContext(c.securityContext, path.child('securityContext')));
  return errs;
}

function validateResizePolicy(raw: unknown, podRestartPolicy: string, path: FieldPath): Errs {
  const errs: Errs = [];
  const seen = new Set<string>();
  arr(raw).forEach((p, i) => {
    const policy = obj(p);
    const resource = str(policy.resourceName);
    if (seen.has(resource)) errs.push(fieldErrors.duplicate(path.index(i), resource));
    seen.add(resource);
    if (resource === '') errs.push(fieldErrors.required(path));
    else if (resource !== 'cpu' && resource !== 'memory') errs.push(fieldErrors.notSupported(path, resource, ['cpu', 'memory']));
    const restart = str(policy.restartPolicy);
    if (restart === '') errs.push(fieldErrors.required(path));
    else if (restart !== 'NotRequired' && restart !== 'RestartContainer') {
      errs.push(fieldErrors.notSupported(path, restart, ['NotRequired', 'RestartContainer']));
    }
    if (podRestartPolicy === 'Never' && restart !== 'NotRequired') {
      errs.push(fieldErrors.invalid(path, restart, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
    }
  });
  return errs;
}

const probeKinds: readonly ProbeKind[] = ['livenessProbe', 'readinessProbe', 'startupProbe'];

/** AccumulateUniqueHostPorts over one list of containers. */
function checkHostPortConflicts(containers: unknown[], path: FieldPath): Errs {
  const errs: Errs = [];
  const seen = new Set<string>();
  containers.forEach((raw, ci) => {
    arr(obj(raw).ports).forEach((rp, pi) => {
      const p = obj(rp);
      const hostPort = num(p.hostPort);
      if (hostPort === 0) return;
      const key = `${str(p.protocol)}/${str(p.hostIP)}/${hostPort}`;
      if (seen.has(key)) errs.push(fieldErrors.duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

export function validateContainers(
  containers: unknown,
  vols: Map<string, Json>,
  gracePeriod: number | undefined,
  podRestartPolicy: string,
  path: FieldPath,
): Errs {
  const list = arr(containers);
  if (list.length === 0) return [fieldErrors.required(path)];
  const errs: Errs = [];
  const names = new Set<string>();
  list.forEach((raw, i) => {
    const c = obj(raw);
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, vols, podRestartPolicy, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(fieldErrors.duplicate(p.child('name'), name));
    else names.add(name);
    if (optObj(c.lifecycle)) errs.push(...validateLifecycle(c.lifecycle, gracePeriod, p.child('lifecycle')));
    for (const k of probeKinds) errs.push(...validateContainerProbe(k, c[k], gracePeriod, p.child(k)));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(fieldErrors.forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
    }
  });
  errs.push(...checkHostPortConflicts(list, path));
  return errs;
}

export function validateInitContainers(
  inits: unknown,
  regular: unknown,
  vols: Map<string, Json>,
  gracePeriod: number | undefined,
  podRestartPolicy: string,
  path: FieldPath,
): Errs {
  const errs: Errs = [];
  const names = new Set(arr(regular).map((c) => str(obj(c).name)));
  arr(inits).forEach((raw, i) => {
    const c = obj(raw);
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, vols, podRestartPolicy, p));
    let restartAlways = false;
    if (typeof c.restartPolicy === 'string') {
      if (c.restartPolicy !== 'Always') errs.push(fieldErrors.notSupported(p.child('restartPolicy'), c.restartPolicy, ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(fieldErrors.duplicate(p.child('name'), name));
    else if (name !== '') names.add(name);
    errs.push(...checkHostPortConflicts([c], path));
    if (restartAlways) {
      if (optObj(c.lifecycle)) errs.push(...validateLifecycle(c.lifecycle, gracePeriod, p.child('lifecycle')));
      for (const k of probeKinds) errs.push(...validateContainerProbe(k, c[k], gracePeriod, p.child(k)));
    } else {
      for (const k of ['lifecycle', ...probeKinds]) {
        if (optObj(c[k])) errs.push(fieldErrors.forbidden(p.child(k), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/** validateContainersOnlyForPod: image whitespace matters only for real pods. */
export function validateContainersOnlyForPod(containers: unknown, path: FieldPath): Errs {
  const errs: Errs = [];
  arr(containers).forEach((raw, i) => {
    const image = str(obj(raw).image);
    if (image !== image.trim()) errs.push(fieldErrors.invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return errs;
}
