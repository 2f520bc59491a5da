/**
 * The OpenAPI documents: /openapi/v3 (an index of one document per group-version, each
 * addressed with a content hash), /openapi/v3/<api/v1|apis/g/v>, and /openapi/v2 (JSON;
 * kubectl asks for protobuf there, which this server does not speak: it answers 406 and
 * kubectl uses v3). Built once per registry and cached: the API does not change at run time.
 */
import { createHash } from 'node:crypto';
import type { ResourceRegistry } from '../../sim/api/registry';
import { KUBERNETES_VERSION } from '../../version';
import { closure, type Dialect, type Json } from './schemas';
import { resourcePaths } from './paths';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

export interface GroupVersionDoc {
  /** api/v1, apis/apps/v1 */
  key: string;
  text: string;
  hash: string;
}

function refsIn(value: unknown, prefix: string, out: Set<string>): void {
  JSON.stringify(value, (key, v: unknown) => {
    if (key === '$ref' && typeof v === 'string' && v.startsWith(prefix)) out.add(v.slice(prefix.length));
    return v;
  });
}

function gvPaths(dialect: Dialect, registry: ResourceRegistry, group: string, version: string): Record<string, Json> {
  const paths: Record<string, Json> = {};
  for (const info of registry.all()) {
    if (info.group !== group || info.version !== version) continue;
    Object.assign(paths, resourcePaths(dialect, info));
  }
  return Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
}

function info(): Json {
  return { title: 'Kubernetes', version: KUBERNETES_VERSION.gitVersion };
}

function buildV3(registry: ResourceRegistry, group: string, version: string): Json {
  const paths = gvPaths('v3', registry, group, version);
  const roots = new Set<string>([`${META}.Status`, `${META}.DeleteOptions`]);
  refsIn(paths, '#/components/schemas/', roots);
  return {
    openapi: '3.0.0',
    info: info(),
    paths,
    components: {
      schemas: closure('v3', [...roots]),
      securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
    },
  };
}

function buildV2(registry: ResourceRegistry): Json {
  const paths: Record<string, Json> = {};
  for (const g of registry.groups()) for (const v of g.versions) Object.assign(paths, gvPaths('v2', registry, g.name, v));
  const roots = new Set<string>([`${META}.Status`, `${META}.DeleteOptions`, `${META}.WatchEvent`]);
  refsIn(paths, '#/definitions/', roots);
  return {
    swagger: '2.0',
    info: info(),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    definitions: closure('v2', [...roots]),
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', type: 'apiKey', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
}

export class OpenApiDocs {
  private v3 = new Map<string, GroupVersionDoc>();
  private v2: string | undefined;

  constructor(private readonly registry: ResourceRegistry) {}

  /** The document of one group-version, or undefined when the server does not serve it. */
  groupVersion(group: string, version: string): GroupVersionDoc | undefined {
    const key = group === '' ? `api/${version}` : `apis/${group}/${version}`;
    const cached = this.v3.get(key);
    if (cached) return cached;
    if (!this.registry.all().some((r) => r.group === group && r.version === version)) return undefined;
    const text = JSON.stringify(buildV3(this.registry, group, version));
    const doc = { key, text, hash: createHash('sha512').update(text).digest('hex').toUpperCase() };
    this.v3.set(key, doc);
    return doc;
  }

  /** GET /openapi/v3 */
  index(): Json {
    const paths: Json = {};
    for (const g of this.registry.groups()) {
      for (const v of g.versions) {
        const doc = this.groupVersion(g.name, v);
        if (doc) paths[doc.key] = { serverRelativeURL: `/openapi/v3/${doc.key}?hash=${doc.hash}` };
      }
    }
    return { paths };
  }

  /** GET /openapi/v2 as JSON. */
  swagger(): string {
    this.v2 ??= JSON.stringify(buildV2(this.registry));
    return this.v2;
  }
}
