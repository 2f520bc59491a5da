/**
 * sim/api/schema: the Kubernetes v1.33 schema of the kinds the simulator serves, generated at
 * build time by scripts/gen-schema.mjs into schema.generated.json (never fetched at run time):
 * field types, Go type names, required flags and upstream's field descriptions. It feeds the
 * API server's strict decoding (decode.ts), hover docs and `kubectl explain` (fieldAt.ts), and
 * later the /openapi documents. Pure: imports only its own JSON and sim/api/gofmt.
 */
export type {
  SchemaDefinition,
  SchemaField,
  SchemaFile,
  SchemaKind,
  SchemaScalar,
  SchemaSource,
  SchemaType,
} from './types';
export {
  explainTypeName,
  goTypeName,
  schemaDefinition,
  schemaDefinitionNames,
  schemaFor,
  schemaKind,
  schemaKinds,
  schemaSource,
  type KindSchema,
} from './registry';
export { fieldAt, type SchemaFieldInfo, type SchemaPathSegment } from './fieldAt';
export { decodeCheck, decodeCheckJson, decodeStatusMessage, type DecodeError, type DecodeResult } from './decode';
export { parseJsonNode, jsonNodeOf, type JsonNode } from './jsonNode';
