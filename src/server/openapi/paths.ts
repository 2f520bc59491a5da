/**
 * The paths of one group-version as kube-apiserver documents them: collection, object and
 * subresource paths, each operation with its x-kubernetes-action and
 * x-kubernetes-group-version-kind, parameters (fieldValidation on every write, which is how
 * kubectl learns to send fieldValidation=Strict) and request/response bodies.
 */
import type { ResourceInfo } from '../../sim/api/types';
import { SUBRESOURCE_KINDS, SUBRESOURCE_VERBS } from '../../sim/api/resources';
import { PATCH_CONTENT_TYPES } from '../../sim/apiserver/types';
import { schemaKind } from '../../sim/api/schema';
import { ref, type Dialect, type Json } from './schemas';
import { DELETE_PARAMS, LIST_PARAMS, LOG_PARAMS, PATCH_PARAMS, WRITE_PARAMS, param, type ParamName } from './params';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const RESPONSE_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

function camelGroup(group: string): string {
  if (group === '') return 'Core';
  return group
    .replace(/\.k8s\.io$/, '')
    .split('.')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

export function tagOf(group: string, version: string): string {
  const g = camelGroup(group);
  return `${g.charAt(0).toLowerCase()}${g.slice(1)}_${version}`;
}

function definitionOf(gvk: Gvk, list = false): string | undefined {
  const k = schemaKind(gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`, gvk.kind);
  return list ? k?.listDefinition : k?.definition;
}

class Builder {
  constructor(
    private readonly dialect: Dialect,
    private readonly info: ResourceInfo,
  ) {}

  private body(def: string | undefined): Json {
    const schema = def ? ref(this.dialect, def, false) : { type: 'object' };
    return schema;
  }

  private responses(codes: Record<string, string | undefined>): Json {
    const out: Json = {};
    const text: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted' };
    for (const [code, def] of Object.entries(codes)) {
      const schema = this.body(def);
      out[code] =
        this.dialect === 'v3'
          ? { description: text[code], content: Object.fromEntries(RESPONSE_TYPES.map((t) => [t, { schema }])) }
          : { description: text[code], schema };
    }
    out['401'] = { description: 'Unauthorized' };
    return out;
  }

  private requestBody(def: string | undefined, types: readonly string[]): Json {
    const schema = this.body(def);
    return { content: Object.fromEntries(types.map((t) => [t, { schema }])), required: true };
  }

  op(action: string, opId: string, gvk: Gvk, params: ParamName[], opts: { body?: string; bodyTypes?: readonly string[]; responses: Record<string, string | undefined>; description: string }): Json {
    const op: Json = {
      tags: [tagOf(this.info.group, this.info.version)],
      description: opts.description,
      operationId: opId,
      parameters: params.map((p) => param(this.dialect, p)),
    };
    if (opts.bodyTypes) {
      if (this.dialect === 'v3') op.requestBody = this.requestBody(opts.body, opts.bodyTypes);
      else {
        (op.parameters as Json[]).unshift({ name: 'body', in: 'body', required: true, schema: this.body(opts.body) });
        op.consumes = [...opts.bodyTypes];
      }
    }
    if (this.dialect === 'v2') {
      op.produces = RESPONSE_TYPES;
      op.schemes = ['https'];
    }
    op.responses = this.responses(opts.responses);
    op['x-kubernetes-action'] = action;
    op['x-kubernetes-group-version-kind'] = { group: gvk.group, kind: gvk.kind, version: gvk.version };
    return op;
  }

  pathParams(names: ('name' | 'namespace')[], what: string): Json[] {
    return [...names.map((n) => param(this.dialect, n, { in: 'path', what })), param(this.dialect, 'pretty')];
  }
}

/** All path items of one resource, keyed by path. */
export function resourcePaths(dialect: Dialect, info: ResourceInfo): Record<string, Json> {
  const b = new Builder(dialect, info);
  const gvk: Gvk = { group: info.group, version: info.version, kind: info.kind };
  const def = definitionOf(gvk);
  const listDef = definitionOf(gvk, true);
  const prefix = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
  const id = `${camelGroup(info.group)}${info.version.charAt(0).toUpperCase()}${info.version.slice(1)}`;
  const ns = info.namespaced ? 'Namespaced' : '';
  const collection = info.namespaced ? `${prefix}/namespaces/{namespace}/${info.plural}` : `${prefix}/${info.plural}`;
  const scope: ('namespace' | 'name')[] = info.namespaced ? ['namespace'] : [];
  const has = (v: string): boolean => info.verbs.includes(v);
  const status = `${META}.Status`;
  const out: Record<string, Json> = {};

  const coll: Json = { parameters: b.pathParams(scope, info.kind) };
  if (has('list')) coll.get = b.op('list', `list${id}${ns}${info.kind}`, gvk, LIST_PARAMS, { responses: { '200': listDef }, description: `list or watch objects of kind ${info.kind}` });
  if (has('create')) {
    coll.post = b.op('post', `create${id}${ns}${info.kind}`, gvk, WRITE_PARAMS, {
      body: def,
      bodyTypes: ['*/*'],
      responses: { '200': def, '201': def, '202': def },
      description: `create ${article(info.kind)} ${info.kind}`,
    });
  }
  if (has('deletecollection')) {
    coll.delete = b.op('deletecollection', `delete${id}Collection${ns}${info.kind}`, gvk, [...DELETE_PARAMS, ...LIST_PARAMS.filter((p) => p !== 'watch' && p !== 'allowWatchBookmarks')], {
      body: `${META}.DeleteOptions`,
      bodyTypes: ['*/*'],
      responses: { '200': status },
      description: `delete collection of ${info.kind}`,
    });
  }
  out[collection] = coll;
  if (info.namespaced && has('list')) {
    out[`${prefix}/${info.plural}`] = {
      get: b.op('list', `list${id}${info.kind}ForAllNamespaces`, gvk, LIST_PARAMS, { responses: { '200': listDef }, description: `list or watch objects of kind ${info.kind}` }),
      parameters: [],
    };
  }

  const item: Json = { parameters: b.pathParams(['name', ...scope], info.kind) };
  if (has('get')) item.get = b.op('get', `read${id}${ns}${info.kind}`, gvk, [], { responses: { '200': def }, description: `read the specified ${info.kind}` });
  if (has('update')) {
    item.put = b.op('put', `replace${id}${ns}${info.kind}`, gvk, WRITE_PARAMS, { body: def, bodyTypes: ['*/*'], responses: { '200': def, '201': def }, description: `replace the specified ${info.kind}` });
  }
  if (has('patch')) {
    item.patch = b.op('patch', `patch${id}${ns}${info.kind}`, gvk, PATCH_PARAMS, {
      body: `${META}.Patch`,
      bodyTypes: Object.values(PATCH_CONTENT_TYPES),
      responses: { '200': def, '201': def },
      description: `partially update the specified ${info.kind}`,
    });
  }
  if (has('delete')) {
    item.delete = b.op('delete', `delete${id}${ns}${info.kind}`, gvk, DELETE_PARAMS, {
      body: `${META}.DeleteOptions`,
      bodyTypes: ['*/*'],
      responses: { '200': status, '202': status },
      description: `delete ${article(info.kind)} ${info.kind}`,
    });
  }
  out[`${collection}/{name}`] = item;

  for (const sub of info.subresources) {
    const verbs = SUBRESOURCE_VERBS[sub] ?? ['get'];
    const subGvk = SUBRESOURCE_KINDS[sub] ?? gvk;
    const subDef = definitionOf(subGvk);
    const title = sub.charAt(0).toUpperCase() + sub.slice(1);
    const p: Json = { parameters: b.pathParams(['name', ...scope], `${info.kind}`) };
    const what = `${sub} of the specified ${info.kind}`;
    if (sub === 'log') {
      p.get = b.op('get', `read${id}${ns}${info.kind}Log`, gvk, LOG_PARAMS, { responses: { '200': undefined }, description: `read log of the specified ${info.kind}` });
    } else {
      if (verbs.includes('get')) p.get = b.op('get', `read${id}${ns}${info.kind}${title}`, subGvk, [], { responses: { '200': subDef }, description: `read ${what}` });
      if (verbs.includes('create')) {
        p.post = b.op('post', `create${id}${ns}${info.kind}${title}`, subGvk, WRITE_PARAMS, { body: subDef, bodyTypes: ['*/*'], responses: { '200': subDef, '201': subDef, '202': subDef }, description: `create ${sub} of ${article(info.kind)} ${info.kind}` });
      }
      if (verbs.includes('update')) {
        p.put = b.op('put', `replace${id}${ns}${info.kind}${title}`, subGvk, WRITE_PARAMS, { body: subDef, bodyTypes: ['*/*'], responses: { '200': subDef, '201': subDef }, description: `replace ${what}` });
      }
      if (verbs.includes('patch')) {
        p.patch = b.op('patch', `patch${id}${ns}${info.kind}${title}`, subGvk, PATCH_PARAMS, { body: `${META}.Patch`, bodyTypes: Object.values(PATCH_CONTENT_TYPES), responses: { '200': subDef, '201': subDef }, description: `partially update ${what}` });
      }
    }
    out[`${collection}/{name}/${sub}`] = p;
  }
  return out;
}

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? 'an' : 'a';
}
