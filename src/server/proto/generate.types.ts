/** The shape of descriptors.generated.json (written by generate.ts). */

/** [JSON field name, scalar type or message full name, flags: r = repeated, n = Go value (not a pointer)]. */
export type FieldSpec = [name: string, type: string, flags: string];

export type Descriptors = Record<string, { map?: true; fields: Record<string, FieldSpec> }>;
