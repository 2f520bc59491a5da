/**
 * ValidatePodSpec and ValidatePodTemplateSpec: the rules shared by Pods and every pod
 * template (Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs).
 */
import { fieldErrors, type FieldPath } from '../fieldErrors';
import { inclusiveRangeError, isQualifiedName, maxLenError, regexError } from '../names';
import { validateContainers, validateInitContainers } from './container';
import { validateIP } from './net';
import { validateAnnotations, validateLabels } from './objectMeta';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './scheduling';
import { validateVolumes } from './volumes';
import {
  arr,
  num,
  obj,
  optNum,
  optObj,
  str,
  strArr,
  nameIsDNSSubdomain,
  validateDNS1123Label,
  validateDNS1123Subdomain,
  type Errs,
  type Json,
} from './util';
import { goStruct } from './goValues';

const MAX_INT32 = 2147483647;
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const dnsLabelWithUnderscore = '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const dnsWithUnderscoreFmt = `${dnsLabelWithUnderscore}(\\.${dnsLabelWithUnderscore})*`;
const dnsWithUnderscoreMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";

function validateEnum(value: string, allowed: readonly string[], path: FieldPath): Errs {
  if (value === '') return [fieldErrors.required(path)];
  return allowed.includes(value) ? [] : [fieldErrors.notSupported(path, value, allowed)];
}

function validatePodSecurityContext(raw: unknown, spec: Json, path: FieldPath): Errs {
  const sc = optObj(raw);
  if (!sc) return [];
  const errs: Errs = [];
  for (const f of ['fsGroup', 'runAsUser', 'runAsGroup']) {
    const id = optNum(sc[f]);
    if (id !== undefined && (id < 0 || id > 0xffffffff)) errs.push(fieldErrors.invalid(path.child(f), id, inclusiveRangeError(0, 4294967295)));
  }
  arr(sc.supplementalGroups).forEach((g, i) => {
    const id = num(g);
    if (id < 0 || id > 0xffffffff) errs.push(fieldErrors.invalid(path.child('supplementalGroups').index(i), id, inclusiveRangeError(0, 4294967295)));
  });
  if (sc.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(fieldErrors.invalid(path.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  if (typeof sc.fsGroupChangePolicy === 'string' && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)) {
    errs.push(fieldErrors.notSupported(path.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  return errs;
}

function validateDNSConfig(raw: unknown, dnsPolicy: string, path: FieldPath): Errs {
  const cfg = optObj(raw);
  if (dnsPolicy === 'None') {
    if (!cfg) return [fieldErrors.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (arr(cfg.nameservers).length === 0) {
      return [fieldErrors.required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (!cfg) return [];
  const errs: Errs = [];
  const nameservers = strArr(cfg.nameservers);
  if (nameservers.length > 3) errs.push(fieldErrors.invalid(path.child('nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => errs.push(...validateIP(ns, path.child('nameservers').index(i))));
  const searches = strArr(cfg.searches);
  if (searches.length > 32) errs.push(fieldErrors.invalid(path.child('searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errs.push(fieldErrors.invalid(path.child('searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  }
  // RelaxedDNSSearchValidation is beta and on in 1.33: '_' allowed, '.' alone allowed.
  searches.forEach((s, i) => {
    if (s === '.') return;
    const search = s.endsWith('.') ? s.slice(0, -1) : s;
    const p = path.child('searches').index(i);
    if (search.length > 253) errs.push(fieldErrors.invalid(p, search, maxLenError(253)));
    if (!new RegExp(`^${dnsWithUnderscoreFmt}$`).test(search)) {
      errs.push(fieldErrors.invalid(p, search, regexError(dnsWithUnderscoreMsg, dnsWithUnderscoreFmt, 'example.com')));
    }
  });
  arr(cfg.options).forEach((o, i) => {
    if (str(obj(o).name) === '') errs.push(fieldErrors.required(path.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

/** ValidatePodSpec; podName is set only for real pods (it names generic ephemeral PVCs). */
export function validatePodSpec(rawSpec: unknown, path: FieldPath, opts: { isPod: boolean; podName?: string }): Errs {
  const spec = obj(rawSpec);
  const errs: Errs = [];
  const grace = optNum(spec.terminationGracePeriodSeconds);
  if (grace === undefined) errs.push(fieldErrors.required(path.child('terminationGracePeriodSeconds')));
  const restartPolicy = str(spec.restartPolicy);
  const { errs: volErrs, vols } = validateVolumes(spec.volumes, opts.podName ?? '', path.child('volumes'));
  errs.push(...volErrs);
  errs.push(...validateContainers(spec.containers, vols, grace, restartPolicy, path.child('containers')));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, vols, grace, restartPolicy, path.child('initContainers')));
  if (spec.hostNetwork === true) {
    arr(spec.containers).forEach((c, i) => {
      arr(obj(c).ports).forEach((rp, j) => {
        const p = obj(rp);
        const hp = num(p.hostPort);
        if ((opts.isPod || hp !== 0) && hp !== num(p.containerPort)) {
          errs.push(
            fieldErrors.invalid(path.child('containers').index(i).child('ports').index(j).child('hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'),
          );
        }
      });
    });
  }
  errs.push(...validateEnum(restartPolicy, RESTART_POLICIES, path.child('restartPolicy')));
  errs.push(...validateEnum(str(spec.dnsPolicy), DNS_POLICIES, path.child('dnsPolicy')));
  errs.push(...validateLabels(spec.nodeSelector, path.child('nodeSelector')));
  errs.push(...validatePodSecurityContext(spec.securityContext, spec, path.child('securityContext')));
  arr(spec.imagePullSecrets).forEach((s, i) => {
    const ref = obj(s);
    if (Object.keys(ref).some((k) => k !== 'name')) {
      errs.push(fieldErrors.invalid(path.child('imagePullSecrets').index(i), goStruct('core.LocalObjectReference', ref), 'only name may be set'));
    }
  });
  errs.push(...validateAffinity(spec.affinity, path.child('affinity')));
  errs.push(...validateDNSConfig(spec.dnsConfig, str(spec.dnsPolicy), path.child('dnsConfig')));
  arr(spec.readinessGates).forEach((g, i) => {
    const t = str(obj(g).conditionType);
    for (const m of isQualifiedName(t)) errs.push(fieldErrors.invalid(path.child('readinessGates').index(i).child('conditionType'), t, m));
  });
  const gates = new Set<string>();
  arr(spec.schedulingGates).forEach((g, i) => {
    const name = str(obj(g).name);
    for (const m of isQualifiedName(name)) errs.push(fieldErrors.invalid(path.child('schedulingGates').index(i), name, m));
    if (gates.has(name)) errs.push(fieldErrors.duplicate(path.child('schedulingGates').index(i), name));
    gates.add(name);
  });
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, path.child('topologySpreadConstraints')));
  const sa = str(spec.serviceAccountName);
  if (sa !== '') for (const m of nameIsDNSSubdomain(sa, false)) errs.push(fieldErrors.invalid(path.child('serviceAccountName'), sa, m));
  const nodeName = str(spec.nodeName);
  if (nodeName !== '') for (const m of nameIsDNSSubdomain(nodeName, false)) errs.push(fieldErrors.invalid(path.child('nodeName'), nodeName, m));
  const ads = optNum(spec.activeDeadlineSeconds);
  if (ads !== undefined && (ads < 1 || ads > MAX_INT32)) {
    errs.push(fieldErrors.invalid(path.child('activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  }
  if (str(spec.hostname) !== '') errs.push(...validateDNS1123Label(str(spec.hostname), path.child('hostname')));
  if (str(spec.subdomain) !== '') errs.push(...validateDNS1123Label(str(spec.subdomain), path.child('subdomain')));
  errs.push(...validateTolerations(spec.tolerations, path.child('tolerations')));
  arr(spec.hostAliases).forEach((h, i) => {
    const alias = obj(h);
    errs.push(...validateIP(str(alias.ip), path.child('hostAliases').index(i).child('ip')));
    strArr(alias.hostnames).forEach((hn, j) => errs.push(...validateDNS1123Subdomain(hn, path.child('hostAliases').index(i).child('hostnames').index(j))));
  });
  const pcn = str(spec.priorityClassName);
  if (pcn !== '') for (const m of nameIsDNSSubdomain(pcn, false)) errs.push(fieldErrors.invalid(path.child('priorityClassName'), pcn, m));
  if (typeof spec.runtimeClassName === 'string') errs.push(...validateDNS1123Subdomain(spec.runtimeClassName, path.child('runtimeClassName')));
  if (typeof spec.preemptionPolicy === 'string') {
    errs.push(...validateEnum(spec.preemptionPolicy, ['PreemptLowerPriority', 'Never'], path.child('preemptionPolicy')));
  }
  const os = optObj(spec.os);
  if (os) {
    const name = str(os.name);
    if (name === '') errs.push(fieldErrors.required(path.child('os').child('name'), 'cannot be empty'));
    else if (name !== 'linux' && name !== 'windows') errs.push(fieldErrors.notSupported(path.child('os'), name, ['linux', 'windows']));
  }
  return errs;
}

/** ValidatePodTemplateSpec: labels, annotations and the spec; no ephemeral containers. */
export function validatePodTemplateSpec(rawTemplate: unknown, path: FieldPath): Errs {
  const template = obj(rawTemplate);
  const meta = obj(template.metadata);
  const errs: Errs = [];
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validatePodSpec(template.spec, path.child('spec'), { isPod: false }));
  if (arr(obj(template.spec).ephemeralContainers).length > 0) {
    errs.push(fieldErrors.forbidden(path.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

