/**
 * Pods: create (metadata, spec, pod-only checks) and update, where the spec is frozen
 * except images, activeDeadlineSeconds, added tolerations and removed scheduling gates.
 */
import { fieldErrors, newPath, type FieldPath } from '../fieldErrors';
import { inclusiveRangeError } from '../names';
import { validateContainersOnlyForPod } from './container';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { validatePodSpec } from './podSpec';
import { validateTolerations } from './scheduling';
import { specDiff } from './specDiff';
import { arr, deepEqual, obj, optNum, str, strMap, nameIsDNSSubdomain, type Errs, type Json } from './util';

const MAX_INT32 = 2147483647;
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const MIRROR = 'kubernetes.io/config.mirror';

function validatePodAnnotations(meta: Json, spec: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  const annotations = strMap(meta.annotations);
  if (MIRROR in annotations && str(spec.nodeName) === '') {
    errs.push(fieldErrors.invalid(path.key(MIRROR), annotations[MIRROR], 'must set spec.nodeName if mirror pod annotation is set'));
  }
  if (DELETION_COST in annotations) {
    const v = annotations[DELETION_COST] as string;
    const n = /^[-+]?[0-9]+$/.test(v) ? Number(v) : NaN;
    if (!(n >= -2147483648 && n <= MAX_INT32)) errs.push(fieldErrors.invalid(path.key(DELETION_COST), v, 'must be a 32bit integer'));
  }
  return errs;
}

function validatePodMetadataAndSpec(pod: Json): Errs {
  const meta = obj(pod.metadata);
  const spec = obj(pod.spec);
  const specPath = newPath('spec');
  const errs = validateObjectMeta(meta, true, nameIsDNSSubdomain);
  errs.push(...validatePodAnnotations(meta, spec, newPath('metadata', 'annotations')));
  errs.push(...validatePodSpec(spec, specPath, { isPod: true, podName: str(meta.name) }));
  if (str(spec.serviceAccountName) === '') {
    arr(spec.volumes).forEach((v, vi) => {
      arr(obj(obj(v).projected).sources).forEach((s, si) => {
        if (obj(s).serviceAccountToken !== undefined) {
          errs.push(
            fieldErrors.forbidden(
              specPath.child('volumes').index(vi).child('projected', 'sources').index(si).child('serviceAccountToken'),
              'must not be specified when serviceAccountName is not set',
            ),
          );
        }
      });
    });
  }
  errs.push(...validateContainersOnlyForPod(spec.containers, specPath.child('containers')));
  errs.push(...validateContainersOnlyForPod(spec.initContainers, specPath.child('initContainers')));
  return errs;
}

export function validatePodCreate(pod: Json): Errs {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = obj(pod.spec);
  if (arr(spec.ephemeralContainers).length > 0) {
    errs.push(fieldErrors.forbidden(newPath('spec', 'ephemeralContainers'), 'cannot be set on create'));
  }
  if (str(spec.nodeName) !== '' && arr(spec.schedulingGates).length > 0) {
    errs.push(fieldErrors.forbidden(newPath('spec', 'nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

const updatablePodSpecFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(next: unknown, prev: unknown, path: FieldPath): { errs: Errs; stop: boolean } {
  const n = arr(next);
  if (n.length !== arr(prev).length) return { errs: [fieldErrors.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: Errs = [];
  n.forEach((c, i) => {
    const image = str(obj(c).image);
    if (image === '') errs.push(fieldErrors.required(path.index(i).child('image')));
    if (image.trim() !== image) errs.push(fieldErrors.invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(next: unknown, prev: unknown, path: FieldPath): Errs {
  const nextList = arr(next).map(obj);
  for (const old of arr(prev).map(obj)) {
    const found = nextList.some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [fieldErrors.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, path);
}

export function validatePodUpdate(pod: Json, old: Json): Errs {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata);
  errs.push(...validatePodMetadataAndSpec(pod));
  const spec = obj(pod.spec);
  const oldSpec = obj(old.spec);
  const specPath = newPath('spec');
  for (const key of ['containers', 'initContainers']) {
    const r = validateContainerUpdates(spec[key], oldSpec[key], specPath.child(key));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = optNum(spec.activeDeadlineSeconds);
  const oldAds = optNum(oldSpec.activeDeadlineSeconds);
  if (ads !== undefined) {
    if (ads < 0 || ads > MAX_INT32) {
      errs.push(fieldErrors.invalid(specPath.child('activeDeadlineSeconds'), ads, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (oldAds !== undefined && oldAds < ads) {
      errs.push(fieldErrors.invalid(specPath.child('activeDeadlineSeconds'), ads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldAds !== undefined) {
    errs.push(fieldErrors.invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations, specPath.child('tolerations')));
  const newGates = arr(spec.schedulingGates).map((g) => str(obj(g).name));
  const oldGates = new Set(arr(oldSpec.schedulingGates).map((g) => str(obj(g).name)));
  newGates.forEach((g, i) => {
    if (!oldGates.has(g)) {
      errs.push(fieldErrors.forbidden(specPath.child('schedulingGates').index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${g}'`));
    }
  });
  if (deepEqual(spec, oldSpec)) return errs;

  // Copy the updatable fields from the old spec; whatever still differs is forbidden.
  const munged: Json = { ...spec };
  for (const key of ['containers', 'initContainers']) {
    if (Array.isArray(spec[key])) {
      munged[key] = arr(spec[key]).map((c, i) => ({ ...obj(c), image: obj(arr(oldSpec[key])[i]).image }));
    }
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = optNum(oldSpec.terminationGracePeriodSeconds);
  if (oldGrace !== undefined && oldGrace < 0 && optNum(munged.terminationGracePeriodSeconds) === 1) {
    munged.terminationGracePeriodSeconds = oldGrace;
  }
  if (oldGates.size > 0) {
    const oldSel = strMap(oldSpec.nodeSelector);
    const newSel = strMap(munged.nodeSelector);
    if (!deepEqual(oldSel, newSel)) {
      if (Object.entries(oldSel).some(([k, v]) => newSel[k] !== v)) {
        errs.push(
          fieldErrors.invalid(specPath.child('nodeSelector'), newSel, 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'),
        );
      }
      munged.nodeSelector = oldSpec.nodeSelector;
    }
  }
  if (!deepEqual(munged, oldSpec)) {
    errs.push(
      fieldErrors.forbidden(
        specPath,
        `pod updates may not change fields other than ${updatablePodSpecFields.join(',')}\n${specDiff('core.PodSpec', oldSpec, munged)}`,
      ),
    );
  }
  return errs;
}

/** ValidatePodBinding: the pods/binding subresource the scheduler posts. */
export function validatePodBinding(binding: Json): Errs {
  const errs: Errs = [];
  const target = obj(binding.target);
  const kind = str(target.kind);
  if (kind !== '' && kind !== 'Node') errs.push(fieldErrors.notSupported(newPath('target', 'kind'), kind, ['Node', '<empty>']));
  if (str(target.name) === '') errs.push(fieldErrors.required(newPath('target', 'name')));
  return errs;
}
