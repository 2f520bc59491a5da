/**
 * What kube-apiserver's JSON decoding (sigs.k8s.io/json UnmarshalStrict into the Go types)
 * reports for a request body, with upstream's texts:
 *  - strict errors, in document order, deduplicated, at most 100:
 *      unknown field "spec.template.spec.containers[0].foo", duplicate field "spec.replicas"
 *    (paths with array indexes; a field both unknown and repeated is reported once, as unknown;
 *    duplicates are only visible in request text, see decodeCheckJson)
 *  - type errors, as Go's encoding/json prints them (no indexes in the path; the struct is the
 *    innermost Go struct declaring the field):
 *      json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32
 *    and the errors of custom unmarshalers (resource.Quantity, metav1.Time, base64 []byte).
 * A type error always fails the request; strict errors fail it only with fieldValidation=Strict
 * ("strict decoding error: " + the errors joined by ", ") and are warnings with Warn.
 */
import { goQuote } from '../gofmt';
import { base64Error, quantityError } from './goValues';
import { goTimeParseError, RFC3339, RFC3339_MICRO } from './goTime';
import { jsonNodeOf, jsonText, parseJsonNode, type JsonNode } from './jsonNode';
import { goTypeName, schemaDefinition, schemaKind } from './registry';
import type { SchemaType } from './types';

export interface DecodeError {
  /** Where, with array indexes: spec.template.spec.containers[0].image */
  readonly path: string;
  /** The Go error text. */
  readonly message: string;
  /** From a custom unmarshaler: Go stops decoding there, and it wins over earlier type errors. */
  readonly fatal: boolean;
}

export interface DecodeResult {
  /** False when the schema does not describe apiVersion/kind (nothing was checked). */
  readonly known: boolean;
  /** Paths of unknown fields, in document order. */
  readonly unknownFields: readonly string[];
  /** Paths of repeated fields and map keys (only from request text). */
  readonly duplicateFields: readonly string[];
  /** 'unknown field "x"' / 'duplicate field "y"' in decoding order: the texts of Warn warnings. */
  readonly strictErrors: readonly string[];
  /** Every type error in document order, except that [0] is the one kube-apiserver reports. */
  readonly typeErrors: readonly DecodeError[];
  /** The decode error kube-apiserver returns whatever fieldValidation says. */
  readonly typeError?: string;
  /** 'strict decoding error: ...' as returned with fieldValidation=Strict when there is no typeError. */
  readonly strictError?: string;
}

interface Ctx {
  readonly strict: string;
  readonly struct: string;
  readonly stack: readonly string[];
}

const MAX_STRICT_ERRORS = 100;
const join = (base: string, key: string): string => (base === '' ? key : `${base}.${key}`);
const KIND_NAMES = { object: 'object', array: 'array', string: 'string', number: 'number', bool: 'bool', null: 'null' };

function fitsInt(raw: string, bits: 8 | 32 | 64, unsigned = false): boolean {
  if (!/^-?\d+$/.test(raw)) return false;
  const n = BigInt(raw);
  if (unsigned) return n >= 0n && n < 1n << BigInt(bits);
  const lim = 1n << BigInt(bits - 1);
  return n >= -lim && n < lim;
}

class Walker {
  readonly unknownFields: string[] = [];
  readonly duplicateFields: string[] = [];
  readonly strictErrors: string[] = [];
  readonly typeErrors: DecodeError[] = [];
  private readonly seen = new Set<string>();

  private strict(kind: 'unknown field' | 'duplicate field', path: string): void {
    const msg = `${kind} ${goQuote(path)}`;
    if (this.strictErrors.length >= MAX_STRICT_ERRORS || this.seen.has(msg)) return;
    this.seen.add(msg);
    this.strictErrors.push(msg);
    (kind === 'unknown field' ? this.unknownFields : this.duplicateFields).push(path);
  }

  private typeErr(ctx: Ctx, value: string, goType: string, fatal = false): void {
    const where = ctx.struct !== '' || ctx.stack.length > 0 ? `Go struct field ${ctx.struct}.${ctx.stack.join('.')}` : 'Go value';
    this.typeErrors.push({ path: ctx.strict, message: `json: cannot unmarshal ${value} into ${where} of type ${goType}`, fatal });
  }

  private plainErr(ctx: Ctx, message: string | undefined, fatal: boolean): void {
    if (message !== undefined) this.typeErrors.push({ path: ctx.strict, message, fatal });
  }

  visit(node: JsonNode, type: SchemaType, ctx: Ctx, goOverride?: string): void {
    if (node.t === 'null') return; // null leaves any Go value unset or zero
    const goType = (): string => goOverride ?? goTypeName(type);
    const kind = KIND_NAMES[node.t];
    if (typeof type === 'string') return this.scalar(node, type, ctx, goType());
    if ('array' in type) {
      if (node.t !== 'array') return this.typeErr(ctx, kind, goType());
      const elem = goOverride?.startsWith('[]') ? goOverride.slice(2) : undefined;
      node.items.forEach((item, i) => this.visit(item, type.array, { ...ctx, strict: `${ctx.strict}[${i}]` }, elem));
      return;
    }
    if ('map' in type) {
      if (node.t !== 'object') return this.typeErr(ctx, kind, goType());
      const keys = new Set<string>();
      for (const [key, value] of node.entries) {
        if (keys.has(key)) this.strict('duplicate field', join(ctx.strict, key));
        keys.add(key);
        this.visit(value, type.map, { ...ctx, strict: join(ctx.strict, key) });
      }
      return;
    }
    const def = schemaDefinition(type.ref);
    if (!def) return;
    if (node.t !== 'object') return this.typeErr(ctx, kind, goType());
    const fields = new Set<string>();
    for (const [key, value] of node.entries) {
      const field = Object.prototype.hasOwnProperty.call(def.fields, key) ? def.fields[key] : undefined;
      const path = join(ctx.strict, key);
      if (!field) {
        this.strict('unknown field', path); // Go skips the value unread
        continue;
      }
      if (fields.has(key)) this.strict('duplicate field', path);
      fields.add(key);
      this.visit(value, field.type, { strict: path, struct: def.goType, stack: [...ctx.stack, key] }, field.goType);
    }
  }

  private scalar(node: Exclude<JsonNode, { t: 'null' }>, type: Extract<SchemaType, string>, ctx: Ctx, goType: string): void {
    const kind = KIND_NAMES[node.t];
    switch (type) {
      case 'any':
        return;
      case 'string':
        if (node.t !== 'string') this.typeErr(ctx, kind, goType);
        return;
      case 'boolean':
        if (node.t !== 'bool') this.typeErr(ctx, kind, goType);
        return;
      case 'double':
        if (node.t !== 'number') this.typeErr(ctx, kind, goType);
        return;
      case 'int32':
      case 'int64':
        if (node.t !== 'number') this.typeErr(ctx, kind, goType);
        else if (!fitsInt(node.raw, type === 'int32' ? 32 : 64)) this.typeErr(ctx, `number ${node.raw}`, goType);
        return;
      case 'IntOrString':
        // intstr.IntOrString.UnmarshalJSON: strings as is, anything else through json.Unmarshal into int32.
        if (node.t === 'string') return;
        if (node.t !== 'number') this.typeErr(ctx, kind, 'int32', true);
        else if (!fitsInt(node.raw, 32)) this.typeErr(ctx, `number ${node.raw}`, 'int32', true);
        return;
      case 'Quantity':
        // resource.Quantity.UnmarshalJSON parses the raw bytes, quotes stripped.
        this.plainErr(ctx, quantityError(node.t === 'string' ? node.v : jsonText(node)), true);
        return;
      case 'Time':
      case 'MicroTime':
        // metav1.Time.UnmarshalJSON: json.Unmarshal into a string, then time.Parse.
        if (node.t !== 'string') this.typeErr(ctx, kind, 'string', true);
        else this.plainErr(ctx, goTimeParseError(type === 'Time' ? RFC3339 : RFC3339_MICRO, node.v), true);
        return;
      case 'byte':
        return this.bytes(node, ctx, goType);
    }
  }

  /** Go []byte: base64 text, or (rarely written) an array of numbers 0..255. */
  private bytes(node: Exclude<JsonNode, { t: 'null' }>, ctx: Ctx, goType: string): void {
    if (node.t === 'string') return this.plainErr(ctx, base64Error(node.v), false);
    if (node.t !== 'array') return this.typeErr(ctx, KIND_NAMES[node.t], goType);
    node.items.forEach((item, i) => {
      const at = { ...ctx, strict: `${ctx.strict}[${i}]` };
      if (item.t === 'null') return;
      if (item.t !== 'number') this.typeErr(at, KIND_NAMES[item.t], 'uint8');
      else if (!fitsInt(item.raw, 8, true)) this.typeErr(at, `number ${item.raw}`, 'uint8');
    });
  }
}

function check(node: JsonNode, apiVersion: string, kind: string): DecodeResult {
  const k = schemaKind(apiVersion, kind);
  if (!k) return { known: false, unknownFields: [], duplicateFields: [], strictErrors: [], typeErrors: [] };
  const w = new Walker();
  w.visit(node, { ref: k.definition }, { strict: '', struct: '', stack: [] });
  const reported = w.typeErrors.find((e) => e.fatal) ?? w.typeErrors[0];
  const typeErrors = reported ? [reported, ...w.typeErrors.filter((e) => e !== reported)] : [];
  return {
    known: true,
    unknownFields: w.unknownFields,
    duplicateFields: w.duplicateFields,
    strictErrors: w.strictErrors,
    typeErrors,
    ...(reported ? { typeError: reported.message } : {}),
    ...(!reported && w.strictErrors.length > 0 ? { strictError: `strict decoding error: ${w.strictErrors.join(', ')}` } : {}),
  };
}

/** Decode checks for an already-parsed object (a YAML document or JSON.parse result). */
export function decodeCheck(obj: unknown, apiVersion: string, kind: string): DecodeResult {
  return check(jsonNodeOf(obj), apiVersion, kind);
}

/** Decode checks for a request body's JSON text; sees duplicate fields. Throws SyntaxError on bad JSON. */
export function decodeCheckJson(text: string, apiVersion: string, kind: string): DecodeResult {
  return check(parseJsonNode(text), apiVersion, kind);
}

/**
 * The BadRequest Status message kube-apiserver builds around a decode error
 * (transformDecodeError): Deployment in version "v1" cannot be handled as a Deployment: <err>
 */
export function decodeStatusMessage(apiVersion: string, kind: string, err: string): string {
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  return `${kind} in version ${goQuote(version)} cannot be handled as a ${kind}: ${err}`;
}
