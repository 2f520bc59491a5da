/**
 * Query parameters of a resource request (ListOptions, GetOptions, CreateOptions,
 * PatchOptions, DeleteOptions, TableOptions, PodLogOptions) read into the API server's
 * RequestQuery; DELETE bodies (DeleteOptions) add propagationPolicy, gracePeriodSeconds
 * and dryRun. Malformed values answer 400 as the parameter codec does.
 */
import { newBadRequest } from '../sim/api/errors';
import type { RequestQuery } from '../sim/apiserver/types';
import type { IncludeObject } from '../sim/apiserver/printers';

export interface ParsedQuery {
  query: RequestQuery;
  watch: boolean;
  includeObject: IncludeObject;
  /** Real seconds a watch stays open (the client's timeoutSeconds). */
  timeoutSeconds?: number;
}

function int(name: string, raw: string): number {
  if (!/^-?\d+$/.test(raw.trim())) {
    throw newBadRequest(`strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
  }
  return Number(raw);
}

function bool(raw: string): boolean {
  return raw === 'true' || raw === '1' || raw === 'True' || raw === 'TRUE' || raw === 't' || raw === 'T';
}

function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw newBadRequest(`Invalid value for ${name}: ${JSON.stringify(raw)}; supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`);
}

export function parseQuery(params: URLSearchParams): ParsedQuery {
  const q: RequestQuery = {};
  const out: ParsedQuery = { query: q, watch: false, includeObject: 'Metadata' };
  for (const [key, raw] of params) {
    switch (key) {
      case 'labelSelector':
        q.labelSelector = raw;
        break;
      case 'fieldSelector':
        q.fieldSelector = raw;
        break;
      case 'limit':
        q.limit = int(key, raw);
        break;
      case 'continue':
        q.continue = raw;
        break;
      case 'resourceVersion':
        q.resourceVersion = raw;
        break;
      case 'resourceVersionMatch':
        if (raw !== '') q.resourceVersionMatch = oneOf(key, raw, ['Exact', 'NotOlderThan'] as const);
        break;
      case 'dryRun':
        if (raw !== '') {
          oneOf(key, raw, ['All'] as const);
          q.dryRun = true;
        }
        break;
      case 'fieldManager':
        q.fieldManager = raw;
        break;
      case 'fieldValidation':
        if (raw !== '') q.fieldValidation = oneOf(key, raw, ['Strict', 'Warn', 'Ignore'] as const);
        break;
      case 'force':
        q.force = bool(raw);
        break;
      case 'propagationPolicy':
        q.propagationPolicy = oneOf(key, raw, ['Background', 'Foreground', 'Orphan'] as const);
        break;
      case 'gracePeriodSeconds':
        q.gracePeriodSeconds = int(key, raw);
        break;
      case 'allowWatchBookmarks':
        q.allowWatchBookmarks = bool(raw);
        break;
      case 'sendInitialEvents':
        q.sendInitialEvents = bool(raw);
        break;
      case 'timeoutSeconds':
        out.timeoutSeconds = int(key, raw);
        break;
      case 'watch':
        out.watch = bool(raw);
        break;
      case 'includeObject':
        out.includeObject = oneOf(key, raw, ['None', 'Metadata', 'Object'] as const);
        break;
      case 'container':
        q.container = raw;
        break;
      case 'follow':
        q.follow = bool(raw);
        break;
      case 'tailLines':
        q.tailLines = int(key, raw);
        break;
      default:
        // pretty, timeout, orphanDependents... are accepted and have no effect here.
        break;
    }
  }
  return out;
}

/** DeleteOptions from a DELETE body: the body wins over nothing, the query over the body. */
export function mergeDeleteOptions(q: RequestQuery, body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
  const opts = body as { propagationPolicy?: unknown; gracePeriodSeconds?: unknown; dryRun?: unknown; orphanDependents?: unknown };
  if (q.propagationPolicy === undefined) {
    if (typeof opts.propagationPolicy === 'string') {
      q.propagationPolicy = oneOf('propagationPolicy', opts.propagationPolicy, ['Background', 'Foreground', 'Orphan'] as const);
    } else if (opts.orphanDependents === true) {
      q.propagationPolicy = 'Orphan';
    }
  }
  if (q.gracePeriodSeconds === undefined && typeof opts.gracePeriodSeconds === 'number') q.gracePeriodSeconds = opts.gracePeriodSeconds;
  if (!q.dryRun && Array.isArray(opts.dryRun) && opts.dryRun.includes('All')) q.dryRun = true;
}
