/**
 * Jobs (pkg/apis/batch/validation): counts that may not be negative, completion modes,
 * the template's restartPolicy (OnFailure or Never), the generated selector and labels,
 * and what stays fixed after create (selector, template, completions, completionMode).
 */
import { fieldErrors, newPath, type FieldPath } from '../fieldErrors';
import { isDNS1123Label } from '../names';
import { goLabelSelector, goStringMap, goStruct } from './goValues';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { validatePodTemplateSpec } from './podSpec';
import { asSelector, selectorMatches, validateLabelSelector } from './selector';
import { bool, deepEqual, isObj, obj, optNum, optObj, str, strMap, nameIsDNSSubdomain, validateImmutable, validateNonnegative, type Errs, type Json } from './util';

const MAX_PARALLELISM_INDEXED = 100000;
export const JOB_LABELS = {
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
};

/** validateJobSpec: everything but the selector, shared with CronJob job templates. */
export function validateJobSpecCommon(spec: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) {
    const v = optNum(spec[f]);
    if (v !== undefined) errs.push(...validateNonnegative(v, path.child(f)));
  }
  if (optNum(spec.maxFailedIndexes) !== undefined && optNum(spec.backoffLimitPerIndex) === undefined) {
    errs.push(fieldErrors.required(path.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  const mode = typeof spec.completionMode === 'string' ? spec.completionMode : undefined;
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(fieldErrors.notSupported(path.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      const completions = optNum(spec.completions);
      const parallelism = optNum(spec.parallelism);
      const maxFailed = optNum(spec.maxFailedIndexes);
      if (completions === undefined) errs.push(fieldErrors.required(path.child('completions'), 'when completion mode is Indexed'));
      if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(fieldErrors.invalid(path.child('parallelism'), parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
      if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) {
        errs.push(fieldErrors.invalid(path.child('maxFailedIndexes'), maxFailed, 'must be less than or equal to completions'));
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    for (const f of ['backoffLimitPerIndex', 'maxFailedIndexes']) {
      const v = optNum(spec[f]);
      if (v !== undefined) errs.push(fieldErrors.invalid(path.child(f), v, 'requires indexed completion mode'));
    }
  }
  if (isObj(spec.successPolicy) && mode !== 'Indexed') {
    errs.push(fieldErrors.invalid(path.child('successPolicy'), goStruct('batch.SuccessPolicy', spec.successPolicy), 'requires indexed completion mode'));
  }
  const replacement = spec.podReplacementPolicy;
  if (typeof replacement === 'string') {
    if (isObj(spec.podFailurePolicy)) {
      if (replacement !== 'Failed') errs.push(fieldErrors.notSupported(path.child('podReplacementPolicy'), replacement, ['Failed']));
    } else if (replacement !== 'Failed' && replacement !== 'TerminatingOrFailed') {
      errs.push(fieldErrors.notSupported(path.child('podReplacementPolicy'), replacement, ['Failed', 'TerminatingOrFailed']));
    }
  }
  const template = obj(spec.template);
  errs.push(...validatePodTemplateSpec(template, path.child('template')));
  const rp = str(obj(template.spec).restartPolicy);
  const rpPath = path.child('template', 'spec', 'restartPolicy');
  // Defaulting fills in Always when the manifest leaves it out, hence both cases here.
  if (rp === 'Always' || rp === '') errs.push(fieldErrors.required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(fieldErrors.notSupported(rpPath, rp, ['OnFailure', 'Never']));
  else if (isObj(spec.podFailurePolicy) && rp !== 'Never') errs.push(fieldErrors.invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** ValidateJobSpec: a Job's own spec needs a selector its template matches. */
function validateJobSpec(spec: Json, path: FieldPath): Errs {
  const errs = validateJobSpecCommon(spec, path);
  if (!isObj(spec.selector)) errs.push(fieldErrors.required(path.child('selector')));
  else errs.push(...validateLabelSelector(spec.selector, path.child('selector')));
  const sel = asSelector(spec.selector);
  const labels = obj(obj(spec.template).metadata).labels;
  if (sel !== 'error' && !selectorMatches(sel, labels)) {
    errs.push(fieldErrors.invalid(path.child('template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  return errs;
}

function validateHasLabel(labelsRaw: unknown, path: FieldPath, key: string, expected: string): Errs {
  const labels = strMap(labelsRaw);
  if (!(key in labels)) return [fieldErrors.required(path.child('labels').key(key), `must be '${expected}'`)];
  return labels[key] === expected ? [] : [fieldErrors.invalid(path.child('labels').key(key), goStringMap(labelsRaw), `must be '${expected}'`)];
}

/** validateGeneratedSelector: unless manualSelector, the API server generated selector and labels. */
function validateGeneratedSelector(job: Json): Errs {
  const spec = obj(job.spec);
  if (bool(spec.manualSelector) || !isObj(spec.selector)) return [];
  const meta = obj(job.metadata);
  const uid = str(meta.uid);
  const name = str(meta.name);
  const errs: Errs = [];
  if (uid === '') errs.push(fieldErrors.required(newPath('metadata', 'uid')));
  const tpath = newPath('spec', 'template', 'metadata');
  const labels = obj(obj(spec.template).metadata).labels;
  errs.push(...validateHasLabel(labels, tpath, JOB_LABELS.legacyControllerUid, uid));
  errs.push(...validateHasLabel(labels, tpath, JOB_LABELS.legacyJobName, name));
  errs.push(...validateHasLabel(labels, tpath, JOB_LABELS.controllerUid, uid));
  errs.push(...validateHasLabel(labels, tpath, JOB_LABELS.jobName, name));
  const expected = {
    [JOB_LABELS.controllerUid]: uid,
    [JOB_LABELS.jobName]: name,
    [JOB_LABELS.legacyControllerUid]: uid,
    [JOB_LABELS.legacyJobName]: name,
  };
  const sel = asSelector(spec.selector);
  if (sel !== 'error' && !selectorMatches(sel, expected)) {
    errs.push(fieldErrors.invalid(newPath('spec', 'selector'), goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}

export function validateJob(job: Json): Errs {
  const errs = validateObjectMeta(job.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateGeneratedSelector(job));
  const spec = obj(job.spec);
  errs.push(...validateJobSpec(spec, newPath('spec')));
  const completions = optNum(spec.completions);
  if (spec.completionMode === 'Indexed' && completions !== undefined && completions > 0) {
    const name = str(obj(job.metadata).name);
    const hostname = `${name}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(fieldErrors.invalid(newPath('metadata', 'name'), name, `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errs;
}

/** Scheduling directives of a suspended Job that never started may change. */
function mutableTemplateView(template: unknown, from: unknown): Json {
  const t = obj(template);
  const f = obj(from);
  const spec = { ...obj(t.spec) };
  const fspec = obj(f.spec);
  spec.nodeSelector = fspec.nodeSelector;
  spec.tolerations = fspec.tolerations;
  spec.schedulingGates = fspec.schedulingGates;
  const aff = optObj(spec.affinity);
  const faff = optObj(fspec.affinity);
  if (aff || faff) spec.affinity = { ...(aff ?? {}), nodeAffinity: faff?.nodeAffinity };
  const meta = { ...obj(t.metadata), labels: obj(f.metadata).labels, annotations: obj(f.metadata).annotations };
  return { ...t, metadata: meta, spec };
}

export function validateJobUpdate(job: Json, old: Json): Errs {
  const errs = validateObjectMetaUpdate(job.metadata, old.metadata);
  const spec = obj(job.spec);
  const oldSpec = obj(old.spec);
  const path = newPath('spec');
  errs.push(...validateJobSpec(spec, path));
  const indexed = spec.completionMode === 'Indexed';
  if (!indexed) errs.push(...validateImmutable(optNum(spec.completions), optNum(oldSpec.completions), path.child('completions')));
  else if (!deepEqual(spec.completions, oldSpec.completions) && optNum(spec.completions) !== undefined && spec.completions !== spec.parallelism) {
    errs.push(fieldErrors.invalid(path.child('completions'), optNum(spec.completions), 'can only be modified in tandem with spec.parallelism'));
  }
  errs.push(...validateImmutable(spec.selector, oldSpec.selector, path.child('selector'), (v) => goLabelSelector(v)));
  const suspendedNeverStarted = bool(oldSpec.suspend) && obj(old.status).startTime === undefined;
  const oldTemplate = suspendedNeverStarted ? mutableTemplateView(oldSpec.template, spec.template) : oldSpec.template;
  errs.push(...validateImmutable(spec.template, oldTemplate, path.child('template'), (v) => goStruct('core.PodTemplateSpec', v)));
  errs.push(...validateImmutable(spec.completionMode, oldSpec.completionMode, path.child('completionMode')));
  for (const f of ['podFailurePolicy', 'successPolicy']) {
    errs.push(...validateImmutable(spec[f], oldSpec[f], path.child(f), (v) => (isObj(v) ? goStruct(`batch.${f.charAt(0).toUpperCase()}${f.slice(1)}`, v) : v)));
  }
  errs.push(...validateImmutable(optNum(spec.backoffLimitPerIndex), optNum(oldSpec.backoffLimitPerIndex), path.child('backoffLimitPerIndex')));
  errs.push(...validateImmutable(spec.managedBy, oldSpec.managedBy, path.child('managedBy')));
  return errs;
}
