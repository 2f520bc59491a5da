/**
 * Status errors as k8s.io/apimachinery/pkg/api/errors builds them: every body here equals
 * what kube-apiserver sends, field by field and in the same key order (kind, apiVersion,
 * metadata, status, message, reason, details, code), empty fields left out as Go's
 * omitempty does.
 */
import type { StatusCause, StatusDetails } from 'kubernetes-types/meta/v1';
import type { FieldError, ResourceInfo, Status } from './types';
import { aggregateMessage, errorBody } from './fieldErrors';
import { goQuote } from './gofmt';

export type GroupResource = Pick<ResourceInfo, 'group' | 'plural'>;
export type GroupKind = Pick<ResourceInfo, 'group' | 'kind'>;

export const StatusReason = {
  Unauthorized: 'Unauthorized',
  Forbidden: 'Forbidden',
  NotFound: 'NotFound',
  AlreadyExists: 'AlreadyExists',
  Conflict: 'Conflict',
  Gone: 'Gone',
  Invalid: 'Invalid',
  ServerTimeout: 'ServerTimeout',
  Timeout: 'Timeout',
  TooManyRequests: 'TooManyRequests',
  BadRequest: 'BadRequest',
  MethodNotAllowed: 'MethodNotAllowed',
  NotAcceptable: 'NotAcceptable',
  UnsupportedMediaType: 'UnsupportedMediaType',
  InternalError: 'InternalError',
  Expired: 'Expired',
  ServiceUnavailable: 'ServiceUnavailable',
} as const;

/** registry/generic/registry.OptimisticLockErrorMsg */
export const OPTIMISTIC_LOCK_ERROR_MSG =
  'the object has been modified; please apply your changes to the latest version and try again';

/** An error that carries the Status body the API server answers with. */
export class StatusError extends Error {
  readonly status: Status;

  constructor(status: Status) {
    super(status.message ?? '');
    this.name = 'StatusError';
    this.status = status;
  }

  get code(): number {
    return this.status.code ?? 0;
  }

  get reason(): string {
    return this.status.reason ?? '';
  }
}

/** GroupResource.String(): deployments.apps, pods. */
function grString(gr: GroupResource | undefined): string {
  if (!gr || gr.plural === '') return '';
  return gr.group === '' ? gr.plural : `${gr.plural}.${gr.group}`;
}

/** GroupKind.String(): Deployment.apps, Pod. */
function gkString(gk: GroupKind): string {
  return gk.group === '' ? gk.kind : `${gk.kind}.${gk.group}`;
}

interface DetailsInput {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

function details(d: DetailsInput): StatusDetails {
  const out: StatusDetails = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.causes && d.causes.length > 0) out.causes = d.causes;
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

function failure(code: number, reason: string, message: string, d?: DetailsInput): StatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' };
  if (message) status.message = message;
  if (reason) status.reason = reason;
  if (d) status.details = details(d);
  status.code = code;
  return new StatusError(status);
}

export function newNotFound(gr: GroupResource, name: string): StatusError {
  return failure(404, StatusReason.NotFound, `${grString(gr)} ${goQuote(name)} not found`, {
    name,
    group: gr.group,
    kind: gr.plural,
  });
}

/** The 404 for a path or resource the server does not serve. */
export function newNoSuchResource(): StatusError {
  return failure(404, StatusReason.NotFound, 'the server could not find the requested resource', {});
}

/** Alias of newNoSuchResource. */
export const notFoundPath = newNoSuchResource;

export function newAlreadyExists(gr: GroupResource, name: string): StatusError {
  return failure(409, StatusReason.AlreadyExists, `${grString(gr)} ${goQuote(name)} already exists`, {
    name,
    group: gr.group,
    kind: gr.plural,
  });
}

/** Every generateName retry collided: the client may try again after a second. */
export function newGenerateNameConflict(gr: GroupResource, name: string, retryAfterSeconds = 1): StatusError {
  return failure(
    409,
    StatusReason.AlreadyExists,
    `${grString(gr)} ${goQuote(name)} already exists, the server was not able to generate a unique name for the object`,
    { name, group: gr.group, kind: gr.plural, retryAfterSeconds },
  );
}

export function newConflict(gr: GroupResource, name: string, err: string = OPTIMISTIC_LOCK_ERROR_MSG): StatusError {
  return failure(409, StatusReason.Conflict, `Operation cannot be fulfilled on ${grString(gr)} ${goQuote(name)}: ${err}`, {
    name,
    group: gr.group,
    kind: gr.plural,
  });
}

/** 422: details.kind is the Kind here (not the resource), and causes carry each field error. */
export function newInvalid(gk: GroupKind, name: string, errs: readonly FieldError[]): StatusError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
  const agg = aggregateMessage(errs);
  const head = `${gkString(gk)} ${goQuote(name)} is invalid`;
  return failure(422, StatusReason.Invalid, agg === '' ? head : `${head}: ${agg}`, {
    name,
    group: gk.group,
    kind: gk.kind,
    causes,
  });
}

export function newBadRequest(message: string): StatusError {
  return failure(400, StatusReason.BadRequest, message);
}

/** apierrors.NewForbidden: the generic form, `err` saying why. */
export function newForbiddenError(gr: GroupResource | undefined, name: string, err: string): StatusError {
  const res = grString(gr);
  let message: string;
  if (res === '') message = `forbidden: ${err}`;
  else if (name === '') message = `${res} is forbidden: ${err}`;
  else message = `${res} ${goQuote(name)} is forbidden: ${err}`;
  return failure(403, StatusReason.Forbidden, message, { name, group: gr?.group, kind: gr?.plural });
}

export interface ForbiddenOptions {
  namespace?: string;
  subresource?: string;
  /** The authorizer's reason, appended after ': ' (RBAC usually gives none). */
  reason?: string;
}

/**
 * What the authorization filter answers when every authorizer said no:
 * `deployments.apps "web" is forbidden: User "bob" cannot create resource "deployments"
 * in API group "apps" in the namespace "default"`. Namespace and subresource go either in
 * `opts` or as the two trailing arguments. With an empty username the call is not an
 * authorization decision (admission refusing, say): a string reason is then the whole
 * error text, as apierrors.NewForbidden prints it.
 */
export function newForbidden(
  gr: GroupResource,
  name: string,
  username: string,
  verb: string,
  reasonOrOpts?: string | ForbiddenOptions,
  namespace?: string,
  subresource?: string,
): StatusError {
  const opts: ForbiddenOptions =
    typeof reasonOrOpts === 'object' ? reasonOrOpts : { reason: reasonOrOpts, namespace, subresource };
  if (username === '' && opts.reason) return newForbiddenError(gr, name, opts.reason);
  const resource = opts.subresource ? `${gr.plural}/${opts.subresource}` : gr.plural;
  const base =
    `User ${goQuote(username)} cannot ${verb} resource ${goQuote(resource)} in API group ${goQuote(gr.group)} ` +
    (opts.namespace ? `in the namespace ${goQuote(opts.namespace)}` : 'at the cluster scope');
  return newForbiddenError(gr, name, opts.reason ? `${base}: ${opts.reason}` : base);
}

/** Forbidden for a non-resource URL such as /healthz. */
export function newForbiddenPath(username: string, verb: string, path: string, reason?: string): StatusError {
  const base = `User ${goQuote(username)} cannot ${verb} path ${goQuote(path)}`;
  return newForbiddenError(undefined, '', reason ? `${base}: ${reason}` : base);
}

/** The authentication filter always answers 'Unauthorized'; apierrors' own default is 'not authorized'. */
export function newUnauthorized(message = 'Unauthorized'): StatusError {
  return failure(401, StatusReason.Unauthorized, message === '' ? 'not authorized' : message);
}

/** 410 Expired: a watch or list from a compacted resourceVersion. */
export function newResourceExpired(message: string): StatusError {
  return failure(410, StatusReason.Expired, message);
}

/** The watch cache's text when a client asks for a revision older than it holds. */
export function tooOldResourceVersion(requested: number, oldest: number): StatusError {
  return newResourceExpired(`too old resource version: ${requested} (${oldest})`);
}

export function newGone(message: string): StatusError {
  return failure(410, StatusReason.Gone, message);
}

export function newMethodNotSupported(gr: GroupResource, action: string): StatusError {
  return failure(
    405,
    StatusReason.MethodNotAllowed,
    `${action} is not supported on resources of kind ${goQuote(grString(gr))}`,
    { group: gr.group, kind: gr.plural },
  );
}

export function newInternalError(err: unknown): StatusError {
  const text = err instanceof Error ? err.message : String(err);
  return failure(500, StatusReason.InternalError, `Internal error occurred: ${text}`, { causes: [{ message: text }] });
}

export function newTimeout(message: string, retryAfterSeconds = 0): StatusError {
  return failure(504, StatusReason.Timeout, `Timeout: ${message}`, { retryAfterSeconds });
}

export function newServerTimeout(gr: GroupResource, operation: string, retryAfterSeconds: number): StatusError {
  return failure(
    500,
    StatusReason.ServerTimeout,
    `The ${operation} operation against ${grString(gr)} could not be completed at this time, please try again.`,
    { name: operation, group: gr.group, kind: gr.plural, retryAfterSeconds },
  );
}

export function newTooManyRequests(message: string, retryAfterSeconds = 0): StatusError {
  return failure(429, StatusReason.TooManyRequests, message, { retryAfterSeconds });
}

export function newServiceUnavailable(message: string): StatusError {
  return failure(503, StatusReason.ServiceUnavailable, message);
}

export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}

/** ReasonForError: '' for anything that is not a StatusError. */
export function reasonForError(e: unknown): string {
  return e instanceof StatusError ? e.reason : '';
}

export const isNotFound = (e: unknown): boolean => reasonForError(e) === StatusReason.NotFound;
export const isAlreadyExists = (e: unknown): boolean => reasonForError(e) === StatusReason.AlreadyExists;
export const isConflict = (e: unknown): boolean => reasonForError(e) === StatusReason.Conflict;
export const isInvalid = (e: unknown): boolean => reasonForError(e) === StatusReason.Invalid;
export const isForbidden = (e: unknown): boolean => reasonForError(e) === StatusReason.Forbidden;
export const isResourceExpired = (e: unknown): boolean => reasonForError(e) === StatusReason.Expired;
export const isGone = (e: unknown): boolean => reasonForError(e) === StatusReason.Gone;
