/**
 * Field lookup by path for hover docs and `kubectl explain`: spec.template.spec.containers.image.
 * Array indexes may be given or skipped; a segment under a map is a key and lands on the map's
 * value type.
 */
import { explainTypeName, goTypeName, schemaDefinition, schemaKind } from './registry';
import type { SchemaType } from './types';

export type SchemaPathSegment = string | number;

export interface SchemaFieldInfo {
  /** Last path segment ('' for the object itself). */
  readonly name: string;
  /** Field names from the root, indexes dropped: ['spec', 'replicas']. */
  readonly path: readonly string[];
  readonly type: SchemaType;
  /** As kubectl explain prints it: integer, []Container, map[string]string. */
  readonly explainType: string;
  /** Go reflect type string: int32, []v1.Container, v1.ResourceList. */
  readonly goType: string;
  readonly description?: string;
  readonly required: boolean;
  /** Go struct that declares the field, as decode errors name it: DeploymentSpec. */
  readonly parentGoType?: string;
  /** Definition of the value (after unwrapping arrays and maps), when it is a struct. */
  readonly definition?: string;
  /** Field names of that definition, in schema order. */
  readonly fields?: readonly string[];
}

interface Cursor {
  name: string;
  path: string[];
  type: SchemaType;
  description: string | undefined;
  required: boolean;
  goType: string | undefined;
  parentGoType: string | undefined;
}

/** `containers[0]` -> ['containers', 0]; numbers and plain names pass through. */
function expand(path: readonly SchemaPathSegment[]): SchemaPathSegment[] {
  const out: SchemaPathSegment[] = [];
  for (const seg of path) {
    if (typeof seg === 'number') {
      out.push(seg);
      continue;
    }
    const m = /^(.*?)((?:\[\d+\])+)$/.exec(seg);
    if (!m) {
      out.push(/^\d+$/.test(seg) ? Number(seg) : seg);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of (m[2] ?? '').matchAll(/\d+/g)) out.push(Number(idx[0]));
  }
  return out;
}

function step(cur: Cursor, seg: SchemaPathSegment): Cursor | undefined {
  const t = cur.type;
  if (typeof t === 'object' && 'array' in t) {
    const inner: Cursor = { ...cur, type: t.array, goType: elementGoType(cur.goType) };
    return typeof seg === 'number' ? inner : step(inner, seg);
  }
  if (typeof t === 'object' && 'map' in t) {
    const key = String(seg);
    return { ...cur, name: key, path: [...cur.path, key], type: t.map, required: false, goType: undefined };
  }
  if (typeof seg === 'number' || typeof t !== 'object') return undefined;
  const def = schemaDefinition(t.ref);
  const field = def && Object.prototype.hasOwnProperty.call(def.fields, seg) ? def.fields[seg] : undefined;
  if (!def || !field) return undefined;
  return {
    name: seg,
    path: [...cur.path, seg],
    type: field.type,
    description: field.description,
    required: field.required === true,
    goType: field.goType,
    parentGoType: def.goType,
  };
}

function elementGoType(goType: string | undefined): string | undefined {
  return goType?.startsWith('[]') ? goType.slice(2) : undefined;
}

function innerRef(type: SchemaType): string | undefined {
  if (typeof type === 'string') return undefined;
  if ('array' in type) return innerRef(type.array);
  if ('map' in type) return innerRef(type.map);
  return type.ref;
}

/** Schema facts for the field at path in apiVersion/kind, or undefined if there is no such field. */
export function fieldAt(
  apiVersion: string,
  kind: string,
  path: readonly SchemaPathSegment[],
): SchemaFieldInfo | undefined {
  const k = schemaKind(apiVersion, kind);
  const root = k && schemaDefinition(k.definition);
  if (!k || !root) return undefined;
  let cur: Cursor | undefined = {
    name: '',
    path: [],
    type: { ref: k.definition },
    description: root.description,
    required: false,
    goType: undefined,
    parentGoType: undefined,
  };
  for (const seg of expand(path)) {
    cur = step(cur, seg);
    if (!cur) return undefined;
  }
  const definition = innerRef(cur.type);
  const def = definition ? schemaDefinition(definition) : undefined;
  return {
    name: cur.name,
    path: cur.path,
    type: cur.type,
    explainType: explainTypeName(cur.type),
    goType: cur.goType ?? goTypeName(cur.type),
    required: cur.required,
    ...(cur.description !== undefined ? { description: cur.description } : {}),
    ...(cur.parentGoType !== undefined ? { parentGoType: cur.parentGoType } : {}),
    ...(definition !== undefined ? { definition, fields: def ? Object.keys(def.fields) : [] } : {}),
  };
}
