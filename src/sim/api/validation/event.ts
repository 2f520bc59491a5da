/**
 * Events. Core v1 Events get the legacy checks only (namespace agreement, and for
 * eventTime-style events the reporting fields); events.k8s.io/v1 Events also get the
 * strict ones. Error paths use the internal field names (message, involvedObject).
 */
import { fieldErrors, newPath } from '../fieldErrors';
import { isDNS1123Subdomain, isQualifiedName } from '../names';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { deepEqual, isObj, num, obj, optObj, str, nameIsDNSSubdomain, validateImmutable, type Errs, type Json } from './util';

/** The internal view of an Event, whichever API group wrote it. */
function internal(ev: Json): Json {
  if (!str(ev.apiVersion).startsWith('events.k8s.io/')) return ev;
  return {
    metadata: ev.metadata,
    involvedObject: ev.regarding,
    related: ev.related,
    reason: ev.reason,
    message: ev.note,
    type: ev.type,
    eventTime: ev.eventTime,
    series: ev.series,
    action: ev.action,
    reportingComponent: ev.reportingController,
    reportingInstance: ev.reportingInstance,
    source: ev.deprecatedSource,
    firstTimestamp: ev.deprecatedFirstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp,
    count: ev.deprecatedCount,
  };
}

const set = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

function legacyValidateEvent(ev: Json): Errs {
  const errs: Errs = [];
  const namespace = str(obj(ev.metadata).namespace);
  const involvedNs = str(obj(ev.involvedObject).namespace);
  const nsPath = newPath('involvedObject', 'namespace');
  if (!set(ev.eventTime)) {
    if (involvedNs === '') {
      if (namespace !== '' && namespace !== 'default') errs.push(fieldErrors.invalid(nsPath, involvedNs, 'does not match event.namespace'));
    } else if (namespace !== involvedNs) {
      errs.push(fieldErrors.invalid(nsPath, involvedNs, 'does not match event.namespace'));
    }
  } else {
    if (involvedNs === '' && namespace !== 'default' && namespace !== 'kube-system') {
      errs.push(fieldErrors.invalid(nsPath, involvedNs, 'does not match event.namespace'));
    }
    const controller = str(ev.reportingComponent);
    if (controller === '') errs.push(fieldErrors.required(newPath('reportingController')));
    for (const m of isQualifiedName(controller)) errs.push(fieldErrors.invalid(newPath('reportingController'), controller, m));
    const limits: [string, string, number][] = [
      ['reportingInstance', str(ev.reportingInstance), 128],
      ['action', str(ev.action), 128],
      ['reason', str(ev.reason), 128],
    ];
    for (const [name, value, limit] of limits) {
      if (value === '') errs.push(fieldErrors.required(newPath(name)));
      if (value.length > limit) errs.push(fieldErrors.invalid(newPath(name), '', `can have at most ${limit} characters`));
    }
    if (str(ev.message).length > 1024) errs.push(fieldErrors.invalid(newPath('message'), '', 'can have at most 1024 characters'));
  }
  for (const m of isDNS1123Subdomain(namespace)) errs.push(fieldErrors.invalid(newPath('namespace'), namespace, m));
  return errs;
}

function validateSeries(ev: Json): Errs {
  const series = optObj(ev.series);
  if (!series) return [];
  const errs: Errs = [];
  if (num(series.count) < 2) errs.push(fieldErrors.invalid(newPath('series.count'), '', 'should be at least 2'));
  if (!set(series.lastObservedTime)) errs.push(fieldErrors.required(newPath('series.lastObservedTime')));
  return errs;
}

const strict = (ev: Json): boolean => str(ev.apiVersion).startsWith('events.k8s.io/') && str(ev.apiVersion) !== 'events.k8s.io/v1beta1';

export function validateEvent(raw: Json): Errs {
  const ev = internal(raw);
  const errs = legacyValidateEvent(ev);
  if (!strict(raw)) return errs;
  errs.push(...validateObjectMeta(ev.metadata, true, nameIsDNSSubdomain));
  errs.push(...validateSeries(ev));
  if (!set(ev.eventTime)) errs.push(fieldErrors.required(newPath('eventTime')));
  const type = str(ev.type);
  if (type !== 'Normal' && type !== 'Warning') errs.push(fieldErrors.invalid(newPath('type'), '', `has invalid value: ${type}`));
  if (set(ev.firstTimestamp)) errs.push(fieldErrors.invalid(newPath('firstTimestamp'), '', 'needs to be unset'));
  if (set(ev.lastTimestamp)) errs.push(fieldErrors.invalid(newPath('lastTimestamp'), '', 'needs to be unset'));
  if (num(ev.count) !== 0) errs.push(fieldErrors.invalid(newPath('count'), '', 'needs to be unset'));
  const source = obj(ev.source);
  if (str(source.component) !== '' || str(source.host) !== '') errs.push(fieldErrors.invalid(newPath('source'), '', 'needs to be unset'));
  return errs;
}

export function validateEventUpdate(raw: Json, oldRaw: Json): Errs {
  const ev = internal(raw);
  const old = internal(oldRaw);
  const errs = legacyValidateEvent(ev);
  if (!strict(raw)) return errs;
  errs.push(...validateObjectMetaUpdate(ev.metadata, old.metadata));
  if (!deepEqual(ev.series, old.series)) errs.push(...validateSeries(ev));
  for (const f of ['involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'type', 'eventTime', 'action', 'related', 'reportingComponent', 'reportingInstance']) {
    const path = newPath(f === 'reportingComponent' ? 'reportingController' : f);
    errs.push(...validateImmutable(ev[f], old[f], path, (v) => (isObj(v) ? `${JSON.stringify(v)}` : v)));
  }
  return errs;
}
