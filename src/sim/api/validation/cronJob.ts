/**
 * CronJobs: the schedule (robfig/cron standard syntax, no TZ= prefix), timeZone,
 * concurrencyPolicy, deadlines and history limits, and the job template validated as a
 * Job spec whose selector will be generated.
 */
import { fieldErrors, newPath, type FieldPath } from '../fieldErrors';
import { cronParseError, loadLocationError } from './cron';
import { goLabelSelector } from './goValues';
import { validateJobSpecCommon } from './job';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { isObj, obj, optNum, optStr, str, nameIsDNSSubdomain, validateNonnegative, type Errs, type Json } from './util';

const validTimeZoneChars = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateSchedule(schedule: string, allowTZ: boolean, timeZone: string | undefined, path: FieldPath): Errs {
  const errs: Errs = [];
  const err = cronParseError(schedule);
  if (err !== undefined) errs.push(fieldErrors.invalid(path, schedule, err));
  if (allowTZ && schedule.includes('TZ') && timeZone !== undefined) {
    errs.push(fieldErrors.invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZ && schedule.includes('TZ')) {
    errs.push(fieldErrors.invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

function validateTimeZone(tz: string | undefined, path: FieldPath): Errs {
  if (tz === undefined) return [];
  if (tz === '') return [fieldErrors.invalid(path, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !validTimeZoneChars.test(part)) {
      return [fieldErrors.invalid(path, tz, `unknown time zone ${tz}`)];
    }
  }
  const errs: Errs = [];
  if (tz.toLowerCase() === 'local') {
    errs.push(fieldErrors.invalid(path, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  const err = loadLocationError(tz);
  if (err !== undefined) errs.push(fieldErrors.invalid(path, tz, err));
  return errs;
}

const CONCURRENCY = ['Allow', 'Forbid', 'Replace'];

function validateJobTemplate(raw: unknown, path: FieldPath): Errs {
  const spec = obj(obj(raw).spec);
  const errs = validateJobSpecCommon(spec, path.child('spec'));
  if (isObj(spec.selector)) {
    errs.push(fieldErrors.invalid(path.child('spec', 'selector'), goLabelSelector(spec.selector), '`selector` will be auto-generated'));
  }
  if (spec.manualSelector === true) errs.push(fieldErrors.notSupported(path.child('spec', 'manualSelector'), true, ['nil', 'false']));
  return errs;
}

function validateCronJobSpec(spec: Json, oldSpec: Json | undefined, path: FieldPath): Errs {
  const errs: Errs = [];
  const schedule = str(spec.schedule);
  const timeZone = optStr(spec.timeZone);
  if (schedule === '') errs.push(fieldErrors.required(path.child('schedule')));
  else errs.push(...validateSchedule(schedule, oldSpec !== undefined && str(oldSpec.schedule).includes('TZ'), timeZone, path.child('schedule')));
  const sds = optNum(spec.startingDeadlineSeconds);
  if (sds !== undefined) errs.push(...validateNonnegative(sds, path.child('startingDeadlineSeconds')));
  if (oldSpec === undefined || optStr(oldSpec.timeZone) !== timeZone) errs.push(...validateTimeZone(timeZone, path.child('timeZone')));
  const cp = str(spec.concurrencyPolicy);
  if (cp === '') errs.push(fieldErrors.required(path.child('concurrencyPolicy')));
  else if (!CONCURRENCY.includes(cp)) errs.push(fieldErrors.notSupported(path.child('concurrencyPolicy'), cp, CONCURRENCY));
  errs.push(...validateJobTemplate(spec.jobTemplate, path.child('jobTemplate')));
  for (const f of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    const v = optNum(spec[f]);
    if (v !== undefined) errs.push(...validateNonnegative(v, path.child(f)));
  }
  return errs;
}

export function validateCronJob(cj: Json): Errs {
  const errs = validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateCronJobSpec(obj(cj.spec), undefined, newPath('spec')));
  const name = str(obj(cj.metadata).name);
  // The controller appends an 11-character suffix to name the Jobs it creates.
  if (name.length > 63 - 11) errs.push(fieldErrors.invalid(newPath('metadata', 'name'), name, 'must be no more than 52 characters'));
  return errs;
}

export function validateCronJobUpdate(cj: Json, old: Json): Errs {
  const errs = validateObjectMetaUpdate(cj.metadata, old.metadata);
  errs.push(...validateCronJobSpec(obj(cj.spec), obj(old.spec), newPath('spec')));
  return errs;
}
