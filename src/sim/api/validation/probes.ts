/**
 * Probes and lifecycle hooks: exactly one handler, port numbers or IANA names, HTTP
 * schemes, non-negative periods, and the successThreshold rule for liveness and startup.
 */
import { fieldErrors, type FieldPath } from '../fieldErrors';
import { isValidPortName, isValidPortNum } from '../names';
import { regexError } from '../names';
import { arr, obj, optNum, optObj, str, num, validateNonnegative, type Errs, type Json } from './util';

/** ValidatePortNumOrName for an IntOrString port. */
export function validatePortNumOrName(port: unknown, path: FieldPath): Errs {
  if (typeof port === 'string') return isValidPortName(port).map((m) => fieldErrors.invalid(path, port, m));
  const n = typeof port === 'number' ? port : 0;
  return isValidPortNum(n).map((m) => fieldErrors.invalid(path, n, m));
}

const httpHeaderNameFmt = '[-A-Za-z0-9]+';

function validateHTTPGet(h: Json, path: FieldPath): Errs {
  const errs: Errs = [];
  if (str(h.path) === '') errs.push(fieldErrors.required(path.child('path')));
  errs.push(...validatePortNumOrName(h.port, path.child('port')));
  const scheme = str(h.scheme);
  if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(fieldErrors.notSupported(path.child('scheme'), scheme, ['HTTP', 'HTTPS']));
  for (const raw of arr(h.httpHeaders)) {
    const name = str(obj(raw).name);
    if (!new RegExp(`^${httpHeaderNameFmt}$`).test(name)) {
      errs.push(
        fieldErrors.invalid(
          path.child('httpHeaders'),
          name,
          regexError("a valid HTTP header must consist of alphanumeric characters or '-'", httpHeaderNameFmt, 'X-Header-Name'),
        ),
      );
    }
  }
  return errs;
}

type HandlerKind = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep';

function validateHandler(h: Json, kinds: readonly HandlerKind[], gracePeriod: number | undefined, path: FieldPath): Errs {
  const errs: Errs = [];
  let n = 0;
  for (const kind of kinds) {
    const action = optObj(h[kind]);
    if (!action) continue;
    if (n > 0) {
      errs.push(fieldErrors.forbidden(path.child(kind), 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const p = path.child(kind);
    if (kind === 'exec' && arr(action.command).length === 0) errs.push(fieldErrors.required(p.child('command')));
    if (kind === 'httpGet') errs.push(...validateHTTPGet(action, p));
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(action.port, p.child('port')));
    if (kind === 'grpc') errs.push(...validatePortNumOrName(num(action.port), p.child('port')));
    if (kind === 'sleep' && gracePeriod !== undefined) {
      const seconds = num(action.seconds);
      // PodLifecycleSleepActionAllowZero is beta and on in 1.33.
      if (seconds < 0 || seconds > gracePeriod) {
        errs.push(
          fieldErrors.invalid(p, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`),
        );
      }
    }
  }
  if (n === 0) errs.push(fieldErrors.required(path, 'must specify a handler type'));
  return errs;
}

const probeHandlers: readonly HandlerKind[] = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const lifecycleHandlers: readonly HandlerKind[] = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

function validateProbe(probe: Json, gracePeriod: number | undefined, path: FieldPath): Errs {
  const errs = validateHandler(probe, probeHandlers, gracePeriod, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegative(num(probe[f]), path.child(f)));
  }
  const tgps = optNum(probe.terminationGracePeriodSeconds);
  if (tgps !== undefined && tgps <= 0) {
    errs.push(fieldErrors.invalid(path.child('terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  }
  return errs;
}

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

export function validateContainerProbe(kind: ProbeKind, raw: unknown, gracePeriod: number | undefined, path: FieldPath): Errs {
  const probe = optObj(raw);
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, path);
  if (kind === 'readinessProbe') {
    if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null) {
      errs.push(
        fieldErrors.invalid(
          path.child('terminationGracePeriodSeconds'),
          num(probe.terminationGracePeriodSeconds),
          'must not be set for readinessProbes',
        ),
      );
    }
  } else if (num(probe.successThreshold) !== 1) {
    errs.push(fieldErrors.invalid(path.child('successThreshold'), num(probe.successThreshold), 'must be 1'));
  }
  return errs;
}

export function validateLifecycle(raw: unknown, gracePeriod: number | undefined, path: FieldPath): Errs {
  const lc = obj(raw);
  const errs: Errs = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = optObj(lc[hook]);
    if (h) errs.push(...validateHandler(h, lifecycleHandlers, gracePeriod, path.child(hook)));
  }
  return errs;
}
