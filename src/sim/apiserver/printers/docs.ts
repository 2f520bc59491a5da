/**
 * Column descriptions as upstream's printers take them: the Go types' swagger docs, read from
 * the schema index so they say exactly what `kubectl explain` says.
 */
import { schemaDefinition } from '../../api/schema';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** The description of `field` in definition `def` (io.k8s.api.core.v1.Secret), or ''. */
export function fieldDoc(def: string, field: string): string {
  return schemaDefinition(def)?.fields[field]?.description ?? '';
}

export const NAME_DOC = fieldDoc(META, 'name');
export const AGE_DOC = fieldDoc(META, 'creationTimestamp');
