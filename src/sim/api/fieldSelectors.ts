/**
 * Field selectors as k8s.io/apimachinery/pkg/fields parses them, checked against the
 * field labels each resource accepts (its scheme's field label conversion) and matched
 * against the fields its storage exposes, with upstream's error texts.
 */
import { goQuote } from './gofmt';
import { SelectorError } from './selectors';
import type { ResourceInfo } from './types';

export interface FieldRequirement {
  field: string;
  operator: '=' | '==' | '!=';
  value: string;
}

type Obj = Record<string, unknown>;
type FieldSet = Record<string, string>;
type ResourceRef = Pick<ResourceInfo, 'group' | 'plural' | 'namespaced'>;

/** fields.EscapeValue */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') inSlash = true;
    // Go prints the rune with %v, which is its number: '=' reads as 61.
    else if (c === ',' || c === '=') throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

function splitTerms(s: string): string[] {
  if (s === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

/** fields.ParseSelector: `a=b,c!=d`, terms sorted as upstream sorts them. */
export function parseFieldRequirements(selector: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  for (const part of splitTerms(selector).sort()) {
    if (part === '') continue;
    let found: FieldRequirement | undefined;
    for (let i = 0; i < part.length && !found; i++) {
      for (const op of ['!=', '==', '='] as const) {
        if (part.startsWith(op, i)) {
          found = { field: part.slice(0, i), operator: op, value: unescapeFieldValue(part.slice(i + op.length)) };
          break;
        }
      }
    }
    if (!found) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    out.push(found);
  }
  return out;
}

const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((c, k) => (c && typeof c === 'object' ? (c as Obj)[k] : undefined), o);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

interface FieldSpec {
  /** field label -> the name it converts to ('spec.host' -> 'spec.nodeName'). */
  accepted: Record<string, string>;
  reject: (label: string) => string;
  fields: (obj: Obj) => FieldSet;
}

const notSupported = (label: string): string => `field label not supported: ${label}`;
const same = (...labels: string[]): Record<string, string> => Object.fromEntries(labels.map((l) => [l, l]));

function eventFields(o: Obj): FieldSet {
  const involved = (get(o, 'involvedObject') ?? get(o, 'regarding') ?? {}) as Obj;
  const reporting = str(o.reportingController ?? o.reportingComponent);
  return {
    'involvedObject.kind': str(involved.kind),
    'involvedObject.namespace': str(involved.namespace),
    'involvedObject.name': str(involved.name),
    'involvedObject.uid': str(involved.uid),
    'involvedObject.apiVersion': str(involved.apiVersion),
    'involvedObject.resourceVersion': str(involved.resourceVersion),
    'involvedObject.fieldPath': str(involved.fieldPath),
    reason: str(o.reason),
    reportingComponent: reporting,
    source: str(get(o, 'source', 'component')) || reporting,
    type: str(o.type),
  };
}

const SPECS: Record<string, FieldSpec> = {
  '/pods': {
    accepted: {
      ...same('metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName'),
      ...same('spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'),
      'spec.host': 'spec.nodeName',
    },
    reject: notSupported,
    fields: (o) => ({
      'spec.nodeName': str(get(o, 'spec', 'nodeName')),
      'spec.restartPolicy': str(get(o, 'spec', 'restartPolicy')),
      'spec.schedulerName': str(get(o, 'spec', 'schedulerName')),
      'spec.serviceAccountName': str(get(o, 'spec', 'serviceAccountName')),
      'spec.hostNetwork': String(get(o, 'spec', 'hostNetwork') === true),
      'status.phase': str(get(o, 'status', 'phase')),
      'status.podIP': str(get(o, 'status', 'podIPs', '0', 'ip')),
      'status.nominatedNodeName': str(get(o, 'status', 'nominatedNodeName')),
    }),
  },
  '/nodes': {
    accepted: same('metadata.name', 'spec.unschedulable'),
    reject: notSupported,
    fields: (o) => ({ 'spec.unschedulable': String(get(o, 'spec', 'unschedulable') === true) }),
  },
  '/events': {
    accepted: same(...Object.keys(eventFields({})), 'metadata.namespace', 'metadata.name'),
    reject: notSupported,
    fields: eventFields,
  },
  'events.k8s.io/events': {
    accepted: {
      reason: 'reason',
      'regarding.kind': 'involvedObject.kind',
      'regarding.namespace': 'involvedObject.namespace',
      'regarding.name': 'involvedObject.name',
      'regarding.uid': 'involvedObject.uid',
      'regarding.apiVersion': 'involvedObject.apiVersion',
      'regarding.resourceVersion': 'involvedObject.resourceVersion',
      'regarding.fieldPath': 'involvedObject.fieldPath',
      reportingController: 'reportingComponent',
      type: 'type',
      'metadata.namespace': 'metadata.namespace',
      'metadata.name': 'metadata.name',
    },
    reject: notSupported,
    fields: eventFields,
  },
  '/namespaces': {
    accepted: same('status.phase', 'metadata.name'),
    reject: notSupported,
    fields: (o) => ({ 'status.phase': str(get(o, 'status', 'phase')) }),
  },
  '/secrets': {
    accepted: same('type', 'metadata.namespace', 'metadata.name'),
    reject: notSupported,
    fields: (o) => ({ type: str(o.type) }),
  },
  '/services': {
    accepted: same('metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'),
    reject: notSupported,
    fields: (o) => ({ 'spec.clusterIP': str(get(o, 'spec', 'clusterIP')), 'spec.type': str(get(o, 'spec', 'type')) }),
  },
  'batch/jobs': {
    accepted: same('metadata.name', 'metadata.namespace', 'status.successful'),
    reject: (l) => `field label ${goQuote(l)} not supported for Job`,
    fields: (o) => ({ 'status.successful': String(Number(get(o, 'status', 'succeeded') ?? 0)) }),
  },
};

/** runtime.DefaultMetaV1FieldSelectorConversion: what every other resource accepts. */
const DEFAULT_SPEC: FieldSpec = {
  accepted: same('metadata.name', 'metadata.namespace'),
  reject: (l) => `${goQuote(l)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
  fields: () => ({}),
};

const specFor = (info: ResourceRef): FieldSpec => SPECS[`${info.group}/${info.plural}`] ?? DEFAULT_SPEC;

/** The field set a resource's storage exposes for an object (metadata.namespace only when namespaced). */
export function selectableFields(info: ResourceRef, obj: unknown): FieldSet {
  const o = (obj ?? {}) as Obj;
  const set: FieldSet = { 'metadata.name': str(get(o, 'metadata', 'name')) };
  if (info.namespaced) set['metadata.namespace'] = str(get(o, 'metadata', 'namespace'));
  return { ...specFor(info).fields(o), ...set };
}

export class FieldSelector {
  constructor(
    readonly requirements: readonly FieldRequirement[],
    private readonly info?: ResourceRef,
  ) {}

  empty(): boolean {
    return this.requirements.length === 0;
  }

  /** Matches an object (with the resource given at compile time) or a ready field set. */
  matches(objOrFields: unknown): boolean {
    const fields: FieldSet = this.info ? selectableFields(this.info, objOrFields) : ((objOrFields ?? {}) as FieldSet);
    return this.requirements.every((r) => ((fields[r.field] ?? '') === r.value) === (r.operator !== '!='));
  }

  /** The value a requirement pins with '=' (the kubelet's spec.nodeName, say), if any. */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator !== '!=')?.value;
  }

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${escapeFieldValue(r.value)}`).join(',');
  }
}

/** Parses a field selector for one resource: unknown field labels fail with upstream's text. */
export function parseFieldSelector(info: ResourceRef, selector: string): FieldSelector {
  const spec = specFor(info);
  const reqs = parseFieldRequirements(selector).map((r) => {
    const field = spec.accepted[r.field];
    if (field === undefined) throw new SelectorError(spec.reject(r.field));
    return { ...r, field };
  });
  return new FieldSelector(reqs, info);
}
