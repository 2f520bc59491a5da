/**
 * OpenAPI schemas from the schema index, in kube-apiserver's style: a struct field that
 * refers to another definition is `allOf: [{$ref}]` beside its description (v3) or a `$ref`
 * with a description (v2); the special types (IntOrString, Quantity, Time) are definitions
 * of their own; lists that merge by key carry the strategic-merge extensions kubectl's
 * apply uses to compute patches, taken from the same merge-key table the API server uses.
 */
import { schemaDefinition, schemaKinds, type SchemaDefinition, type SchemaField, type SchemaType } from '../../sim/api/schema';
import { MERGE_KEYS, MERGE_PRIMITIVES, mergeKeyFor } from '../../sim/api/mergeKeys';

export type Json = Record<string, unknown>;
export type Dialect = 'v2' | 'v3';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const TYPE_REFS: Partial<Record<string, string>> = {
  IntOrString: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  Quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  Time: `${META}.Time`,
  MicroTime: `${META}.MicroTime`,
};

/** Definitions the schema index models as leaf types, as kube-apiserver publishes them. */
function builtinDefinitions(dialect: Dialect): Record<string, Json> {
  const intOrString: Json =
    dialect === 'v3'
      ? { oneOf: [{ type: 'integer' }, { type: 'string' }], format: 'int-or-string' }
      : { type: 'string', format: 'int-or-string' };
  const quantity: Json = dialect === 'v3' ? { oneOf: [{ type: 'string' }, { type: 'number' }] } : { type: 'string' };
  return {
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
      description:
        'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
      ...intOrString,
    },
    'io.k8s.apimachinery.pkg.api.resource.Quantity': {
      description:
        'Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.',
      ...quantity,
    },
    [`${META}.Time`]: {
      description:
        'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.',
      type: 'string',
      format: 'date-time',
    },
    [`${META}.MicroTime`]: { description: 'MicroTime is version of Time with microsecond level precision.', type: 'string', format: 'date-time' },
    'io.k8s.apimachinery.pkg.runtime.RawExtension': {
      description: 'RawExtension is used to hold extensions in external versions.',
      type: 'object',
    },
    [`${META}.Patch`]: {
      description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
      type: 'object',
    },
    [`${META}.WatchEvent`]: {
      description: 'Event represents a single event to a watched resource.',
      type: 'object',
      required: ['type', 'object'],
      properties: {
        object: { description: 'Object is:\n * If Type is Added or Modified: the new state of the object.\n * If Type is Deleted: the state of the object immediately before deletion.\n * If Type is Error: *Status is recommended; other types may make sense\n   depending on context.', ...ref(dialect, 'io.k8s.apimachinery.pkg.runtime.RawExtension', true) },
        type: { type: 'string', default: '' },
      },
    },
  };
}

function refPath(dialect: Dialect, name: string): string {
  return dialect === 'v3' ? `#/components/schemas/${name}` : `#/definitions/${name}`;
}

/** A reference as a field holds it: wrapped in allOf in v3 so a description may sit beside it. */
function ref(dialect: Dialect, name: string, wrap: boolean): Json {
  if (dialect === 'v3' && wrap) return { allOf: [{ $ref: refPath(dialect, name) }] };
  return { $ref: refPath(dialect, name) };
}

function typeSchema(dialect: Dialect, type: SchemaType, wrap: boolean): Json {
  if (typeof type === 'string') {
    const special = TYPE_REFS[type];
    if (special) return ref(dialect, special, wrap);
    switch (type) {
      case 'string':
        return { type: 'string' };
      case 'boolean':
        return { type: 'boolean' };
      case 'int32':
        return { type: 'integer', format: 'int32' };
      case 'int64':
        return { type: 'integer', format: 'int64' };
      case 'double':
        return { type: 'number', format: 'double' };
      case 'byte':
        return { type: 'string', format: 'byte' };
      default:
        return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    }
  }
  if ('array' in type) return { type: 'array', items: typeSchema(dialect, type.array, true) };
  if ('map' in type) return { type: 'object', additionalProperties: typeSchema(dialect, type.map, true) };
  return ref(dialect, type.ref, wrap);
}

function itemDefinition(type: SchemaType): SchemaDefinition | undefined {
  return typeof type === 'object' && 'array' in type && typeof type.array === 'object' && 'ref' in type.array
    ? schemaDefinition(type.array.ref)
    : undefined;
}

/** The strategic-merge extensions of a list field, from the API server's merge-key table. */
function mergeExtensions(name: string, field: SchemaField): Json {
  const t = field.type;
  if (typeof t !== 'object' || !('array' in t)) return {};
  if (MERGE_PRIMITIVES.has(name)) return { 'x-kubernetes-patch-strategy': 'merge' };
  if (!(name in MERGE_KEYS) && name !== 'ports') return {};
  const item = itemDefinition(t);
  if (!item) return {};
  // A sample element with the item's fields tells mergeKeyFor whose ports these are.
  const sample = Object.fromEntries(Object.keys(item.fields).map((f) => [f, true]));
  const key = mergeKeyFor(name, [sample]);
  if (!key || !(key in item.fields)) return {};
  return { 'x-kubernetes-patch-merge-key': key, 'x-kubernetes-patch-strategy': 'merge' };
}

function fieldSchema(dialect: Dialect, name: string, field: SchemaField): Json {
  const base = typeSchema(dialect, field.type, true);
  const out: Json = { ...(field.description !== undefined ? { description: field.description } : {}), ...base };
  if (dialect === 'v3' && 'allOf' in base) out.default = {};
  return { ...out, ...mergeExtensions(name, field) };
}

/** The GVKs a definition is the schema of (a kind and its list), as x-kubernetes-group-version-kind. */
function gvkIndex(): Map<string, Json[]> {
  const index = new Map<string, Json[]>();
  for (const k of schemaKinds()) {
    const add = (def: string, kind: string): void => {
      const list = index.get(def) ?? [];
      list.push({ group: k.group, kind, version: k.version });
      index.set(def, list);
    };
    add(k.definition, k.kind);
    if (k.listDefinition) add(k.listDefinition, `${k.kind}List`);
  }
  return index;
}

const GVKS = gvkIndex();

export function definitionSchema(dialect: Dialect, name: string): Json | undefined {
  const builtin = builtinDefinitions(dialect)[name];
  if (builtin) return builtin;
  const def = schemaDefinition(name);
  if (!def) return undefined;
  const properties: Json = {};
  for (const [f, field] of Object.entries(def.fields)) properties[f] = fieldSchema(dialect, f, field);
  const required = Object.entries(def.fields)
    .filter(([, f]) => f.required)
    .map(([f]) => f);
  const out: Json = { ...(def.description !== undefined ? { description: def.description } : {}), type: 'object' };
  if (required.length > 0) out.required = required;
  out.properties = properties;
  const gvks = GVKS.get(name);
  if (gvks) out['x-kubernetes-group-version-kind'] = gvks;
  return out;
}

/** Every definition reachable from `roots`, each converted. */
export function closure(dialect: Dialect, roots: readonly string[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (name in out) continue;
    const schema = definitionSchema(dialect, name);
    if (!schema) continue;
    out[name] = schema;
    const prefix = refPath(dialect, '');
    JSON.stringify(schema, (key, value: unknown) => {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(prefix)) pending.push(value.slice(prefix.length));
      return value;
    });
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export { refPath, ref };
