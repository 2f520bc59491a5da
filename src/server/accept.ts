/**
 * The Accept header as kube-apiserver negotiates it: a list of media types with parameters,
 * where `as`, `g` and `v` ask for a different shape of the answer (Table,
 * PartialObjectMetadata, APIGroupDiscoveryList).
 */

export interface MediaType {
  /** type/subtype, lower case: application/json */
  type: string;
  params: Record<string, string>;
}

export function parseAccept(header: string | undefined): MediaType[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [type = '', ...rest] = part.split(';').map((s) => s.trim());
      const params: Record<string, string> = {};
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      }
      return { type: type.toLowerCase(), params };
    })
    .filter((m) => m.type !== '');
}

/** What the client asked the answer to be, in its order of preference. */
export type Shape =
  | { as: 'object' }
  | { as: 'Table' }
  | { as: 'PartialObjectMetadata' }
  | { as: 'PartialObjectMetadataList' }
  | { as: 'APIGroupDiscoveryList'; version: 'v2' | 'v2beta1' };

const JSONISH = new Set(['application/json', 'application/*', '*/*', 'application/yaml']);

/** The first acceptable shape; `undefined` when nothing in the header can be served (406). */
export function negotiate(header: string | undefined, allowed: readonly Shape['as'][]): Shape | undefined {
  const types = parseAccept(header);
  if (types.length === 0) return { as: 'object' };
  for (const m of types) {
    if (!JSONISH.has(m.type)) continue;
    const as = m.params.as;
    if (!as) {
      if (allowed.includes('object')) return { as: 'object' };
      continue;
    }
    if (as === 'Table' && m.params.g === 'meta.k8s.io' && (m.params.v === 'v1' || m.params.v === 'v1beta1') && allowed.includes('Table')) {
      return { as: 'Table' };
    }
    if ((as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') && m.params.g === 'meta.k8s.io' && allowed.includes(as)) {
      return { as };
    }
    if (as === 'APIGroupDiscoveryList' && m.params.g === 'apidiscovery.k8s.io' && allowed.includes(as)) {
      if (m.params.v === 'v2' || m.params.v === 'v2beta1') return { as, version: m.params.v };
    }
  }
  return undefined;
}

/** The Content-Type of an answer in a given shape. */
export function contentTypeOf(shape: Shape): string {
  switch (shape.as) {
    case 'object':
      return 'application/json';
    case 'Table':
      return 'application/json;as=Table;v=v1;g=meta.k8s.io';
    case 'PartialObjectMetadata':
    case 'PartialObjectMetadataList':
      return `application/json;as=${shape.as};v=v1;g=meta.k8s.io`;
    case 'APIGroupDiscoveryList':
      return `application/json;g=apidiscovery.k8s.io;v=${shape.version};as=APIGroupDiscoveryList`;
  }
}
