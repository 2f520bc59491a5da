/**
 * Shapes of schema.generated.json (written by scripts/gen-schema.mjs from the Kubernetes
 * v1.33.0 OpenAPI spec as packaged by @kubernetes/client-node 1.3.0).
 */

/**
 * Leaf types. `byte` is base64 text decoded into Go []byte; `any` is runtime.RawExtension or
 * other free-form JSON; Time/MicroTime are metav1 timestamps (RFC 3339 strings).
 */
export type SchemaScalar =
  | 'string'
  | 'boolean'
  | 'int32'
  | 'int64'
  | 'double'
  | 'byte'
  | 'IntOrString'
  | 'Quantity'
  | 'Time'
  | 'MicroTime'
  | 'any';

export type SchemaType =
  | SchemaScalar
  | { readonly array: SchemaType }
  | { readonly map: SchemaType }
  | { readonly ref: string };

export interface SchemaField {
  readonly type: SchemaType;
  readonly description?: string;
  /** Not optional in the Go struct / OpenAPI `required`. */
  readonly required?: true;
  /** The Go type when OpenAPI flattens a named type (v1.ResourceList, v1.Protocol). */
  readonly goType?: string;
}

export interface SchemaDefinition {
  /** Go struct name as decode errors print it: DeploymentSpec. */
  readonly goType: string;
  /** Go package name: v1 (for both k8s.io/api/apps/v1 and metav1). */
  readonly goPackage: string;
  readonly description?: string;
  readonly fields: Readonly<Record<string, SchemaField>>;
}

export interface SchemaKind {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Definition name, OpenAPI style: io.k8s.api.apps.v1.Deployment */
  readonly definition: string;
  readonly listDefinition?: string;
}

export interface SchemaSource {
  readonly package: string;
  readonly version: string;
  /** Kubernetes OpenAPI spec version the package was generated from: v1.33.0 */
  readonly openapi: string;
  readonly supplement: string;
}

export interface SchemaFile {
  readonly source: SchemaSource;
  readonly kinds: readonly SchemaKind[];
  readonly definitions: Readonly<Record<string, SchemaDefinition>>;
}
