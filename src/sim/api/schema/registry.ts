/**
 * Loads the generated schema once and answers lookups: kind -> definition, definition by
 * name, and how a type is named by Go (decode errors) and by kubectl explain.
 */
import raw from './schema.generated.json';
import type { SchemaDefinition, SchemaFile, SchemaKind, SchemaSource, SchemaType } from './types';

const file = raw as unknown as SchemaFile;
const definitions = new Map<string, SchemaDefinition>(Object.entries(file.definitions));
const kindsByKey = new Map<string, SchemaKind>(file.kinds.map((k) => [kindKey(apiVersionString(k), k.kind), k]));

function apiVersionString(k: Pick<SchemaKind, 'group' | 'version'>): string {
  return k.group === '' ? k.version : `${k.group}/${k.version}`;
}

function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}\u0000${kind}`;
}

/** Where the schema came from (package, version, Kubernetes OpenAPI version). */
export function schemaSource(): SchemaSource {
  return file.source;
}

/** Every kind the schema describes, in the generator's order. */
export function schemaKinds(): readonly SchemaKind[] {
  return file.kinds;
}

/** Kind entry for an apiVersion as written in objects ('v1', 'apps/v1') and a kind. */
export function schemaKind(apiVersion: string, kind: string): SchemaKind | undefined {
  return kindsByKey.get(kindKey(apiVersion, kind));
}

/** A definition by its OpenAPI name, e.g. io.k8s.api.apps.v1.DeploymentSpec. */
export function schemaDefinition(name: string): SchemaDefinition | undefined {
  return definitions.get(name);
}

/** All definition names, sorted. */
export function schemaDefinitionNames(): readonly string[] {
  return [...definitions.keys()];
}

export interface KindSchema extends SchemaDefinition {
  readonly name: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** The top-level definition of a kind, with its group/version/kind. */
export function schemaFor(apiVersion: string, kind: string): KindSchema | undefined {
  const k = schemaKind(apiVersion, kind);
  const def = k && definitions.get(k.definition);
  if (!k || !def) return undefined;
  return { ...def, name: k.definition, group: k.group, version: k.version, kind: k.kind };
}

/** reflect.Type.String() of the Go type behind a schema type: int32, []v1.Container, map[string]string. */
export function goTypeName(type: SchemaType): string {
  if (typeof type === 'string') return GO_SCALARS[type];
  if ('array' in type) return `[]${goTypeName(type.array)}`;
  if ('map' in type) return `map[string]${goTypeName(type.map)}`;
  const def = definitions.get(type.ref);
  return def ? `${def.goPackage}.${def.goType}` : type.ref;
}

const GO_SCALARS = {
  string: 'string',
  boolean: 'bool',
  int32: 'int32',
  int64: 'int64',
  double: 'float64',
  byte: '[]uint8',
  IntOrString: 'intstr.IntOrString',
  Quantity: 'resource.Quantity',
  Time: 'v1.Time',
  MicroTime: 'v1.MicroTime',
  any: 'runtime.RawExtension',
} as const;

/** The type as `kubectl explain` prints it between angle brackets: integer, []Container, Object. */
export function explainTypeName(type: SchemaType): string {
  if (typeof type === 'string') return EXPLAIN_SCALARS[type];
  if ('array' in type) return `[]${explainTypeName(type.array)}`;
  if ('map' in type) return `map[string]${explainTypeName(type.map)}`;
  return definitions.get(type.ref)?.goType ?? 'Object';
}

const EXPLAIN_SCALARS = {
  string: 'string',
  boolean: 'boolean',
  int32: 'integer',
  int64: 'integer',
  double: 'number',
  byte: 'string',
  IntOrString: 'IntOrString',
  Quantity: 'Quantity',
  Time: 'string',
  MicroTime: 'string',
  any: 'Object',
} as const;
