/**
 * Defaulting of pod specs, containers, probes and volumes, as pkg/apis/core/v1/defaults.go
 * and its generated defaulters fill them in a 1.33 apiserver.
 */
import { parseQuantity } from './quantity';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** 0644: the file mode secret, configMap, downwardAPI and projected volumes default to. */
export const DEFAULT_VOLUME_MODE = 420;

/**
 * The tag of an image reference as parsers.ParseImageName reads it: 'latest' when none is
 * given and there is no digest, '' when only a digest pins the image.
 */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  if (colon >= 0) return name.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

/** SetDefaults_ResourceList: quantities rounded up to milli precision, in canonical form. */
export function defaultResourceList(list: unknown): void {
  if (!isObj(list)) return;
  for (const [k, v] of Object.entries(list)) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    try {
      const q = parseQuantity(v);
      const milli = q.milliValue();
      const rounded = q.nanos % 1_000_000n === 0n ? q : parseQuantity(`${milli}m`);
      list[k] = rounded.toString();
    } catch {
      // Left for validation to reject.
    }
  }
}

function defaultHTTPGet(h: unknown): void {
  if (!isObj(h)) return;
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

function defaultHandler(h: unknown): void {
  if (!isObj(h)) return;
  defaultHTTPGet(h.httpGet);
  if (isObj(h.grpc) && h.grpc.service === undefined) h.grpc.service = '';
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHandler(p);
}

function defaultFieldRef(ref: unknown): void {
  if (isObj(ref) && !ref.apiVersion) ref.apiVersion = 'v1';
}

export function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const port of objects(c.ports)) if (!port.protocol) port.protocol = 'TCP';
  for (const env of objects(c.env)) if (isObj(env.valueFrom)) defaultFieldRef(env.valueFrom.fieldRef);
  // ResourceRequirements is a struct, not a pointer: it is always serialized, as {} when empty.
  const resources: Obj = isObj(c.resources) ? c.resources : (c.resources = {});
  defaultResourceList(resources.limits);
  defaultResourceList(resources.requests);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  if (isObj(c.lifecycle)) {
    defaultHandler(c.lifecycle.postStart);
    defaultHandler(c.lifecycle.preStop);
  }
}

export function defaultVolume(v: Obj): void {
  const sources = Object.keys(v).filter((k) => k !== 'name');
  if (sources.length === 0) v.emptyDir = {};
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = v[key];
    if (isObj(src) && src.defaultMode === undefined) src.defaultMode = DEFAULT_VOLUME_MODE;
  }
  if (isObj(v.hostPath) && v.hostPath.type === undefined) v.hostPath.type = '';
  if (isObj(v.emptyDir) && v.emptyDir.sizeLimit !== undefined) {
    const holder = { sizeLimit: v.emptyDir.sizeLimit };
    defaultResourceList(holder);
    v.emptyDir.sizeLimit = holder.sizeLimit;
  }
  if (isObj(v.downwardAPI)) for (const item of objects(v.downwardAPI.items)) defaultFieldRef(item.fieldRef);
  if (isObj(v.projected)) {
    for (const s of objects(v.projected.sources)) {
      if (isObj(s.serviceAccountToken) && s.serviceAccountToken.expirationSeconds === undefined) {
        s.serviceAccountToken.expirationSeconds = 3600;
      }
      if (isObj(s.downwardAPI)) for (const item of objects(s.downwardAPI.items)) defaultFieldRef(item.fieldRef);
    }
  }
}

/** SetDefaults_PodSpec plus the generated defaulters for everything under it. */
export function defaultPodSpec(spec: Obj): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  // Job templates get 'Always' here too; Job validation reports it as a missing value.
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!isObj(spec.securityContext)) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = 30;
  }
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  for (const c of objects(spec.initContainers)) defaultContainer(c);
  for (const c of objects(spec.containers)) defaultContainer(c);
  for (const c of objects(spec.ephemeralContainers)) defaultContainer(c);
  for (const v of objects(spec.volumes)) defaultVolume(v);
  defaultResourceList(spec.overhead);
}

/** A pod template: SetDefaults_PodSpec, and the null creationTimestamp Go always serializes. */
export function defaultPodTemplate(template: unknown): void {
  if (!isObj(template)) return;
  const meta: Obj = isObj(template.metadata) ? template.metadata : (template.metadata = {});
  if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
  defaultPodSpec(isObj(template.spec) ? template.spec : (template.spec = {}));
}

/** SetDefaults_Pod: what only Pods (not templates) get on top of the spec defaults. */
export function defaultPod(pod: Obj): void {
  const spec: Obj = isObj(pod.spec) ? pod.spec : (pod.spec = {});
  defaultPodSpec(spec);
  for (const c of [...objects(spec.containers), ...objects(spec.initContainers)]) {
    const res = c.resources as Obj;
    if (!isObj(res.limits)) continue;
    if (!isObj(res.requests)) res.requests = {};
    const requests = res.requests as Obj;
    for (const [k, v] of Object.entries(res.limits)) if (!(k in requests)) requests[k] = v;
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const c of [...objects(spec.containers), ...objects(spec.initContainers)]) {
      for (const p of objects(c.ports)) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}
