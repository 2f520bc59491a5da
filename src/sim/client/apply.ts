/**
 * `kubectl apply` as kubectl does it (client side): every document on its own, in file
 * order; create with the last-applied-configuration annotation, or a three-way strategic
 * merge patch, or nothing when nothing changed. Results carry kubectl's own words.
 */
import type { KubeObject, ResourceInfo, Status } from '../api/types';
import type { ResourceRegistry } from '../api/registry';
import { StatusError } from '../api/errors';
import { deepClone } from '../api/objects';
import type { Client, GVR } from './client';
import { isSubset, threeWayPatch } from './threeWay';
import { kubectlError } from './kubectlText';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ApplyOptions {
  /** Name of the file, for kubectl's messages ("error when creating "nginx.yaml": ..."). */
  source?: string;
  /** --dry-run=server */
  dryRun?: boolean;
  /** --namespace: default for documents without one. */
  namespace?: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export interface ApplyResult {
  /** Index of the document in the input. */
  document: number;
  ref?: { apiVersion: string; kind: string; namespace?: string; name: string };
  action: 'created' | 'configured' | 'unchanged' | 'failed';
  /** What kubectl prints: `deployment.apps/nginx-deployment created` or the error text. */
  message: string;
  /** The failure's Status. */
  status?: Status;
  warnings?: string[];
  object?: KubeObject;
}

/** `deployment.apps/nginx-deployment`, `service/nginx-service` */
export function kubectlName(info: Pick<ResourceInfo, 'kind' | 'group'>, name: string): string {
  const kind = info.kind.toLowerCase();
  return `${info.group ? `${kind}.${info.group}` : kind}/${name}`;
}

export function applyDocuments(client: Client, registry: ResourceRegistry, documents: unknown[], opts: ApplyOptions = {}): ApplyResult[] {
  const results: ApplyResult[] = [];
  // kubectl applies in file order; it does not move Namespaces first.
  documents.forEach((doc, i) => results.push(applyOne(client, registry, doc, i, opts)));
  return results;
}

function applyOne(client: Client, registry: ResourceRegistry, doc: unknown, index: number, opts: ApplyOptions): ApplyResult {
  const source = opts.source ?? 'STDIN';
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { document: index, action: 'failed', message: `error: error validating "${source}": error validating data: invalid object to validate` };
  }
  const obj = deepClone(doc) as KubeObject;
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  // kubectl's schema validation (getObjectKind): every problem, aggregated.
  const problems: string[] = [];
  if (obj.apiVersion === undefined || obj.apiVersion === null) problems.push('apiVersion not set');
  else if (typeof obj.apiVersion !== 'string') problems.push("apiVersion isn't string type");
  if (obj.kind === undefined || obj.kind === null) problems.push('kind not set');
  else if (typeof obj.kind !== 'string') problems.push("kind isn't string type");
  if (problems.length > 0) {
    const text = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
    return {
      document: index,
      action: 'failed',
      message: `error: error validating "${source}": error validating data: ${text}; if you choose to ignore these errors, turn validation off with --validate=false`,
    };
  }
  const info = registry.byKind(apiVersion, kind);
  const name = obj.metadata?.name ?? '';
  if (!info) {
    return {
      document: index,
      action: 'failed',
      message: `error: resource mapping not found for name: "${name}" namespace: "${obj.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
    };
  }
  const gvr: GVR = { group: info.group, version: info.version, resource: info.plural };
  const namespace = info.namespaced ? (obj.metadata?.namespace ?? opts.namespace ?? 'default') : undefined;
  obj.metadata = obj.metadata ?? {};
  if (namespace) obj.metadata.namespace = namespace;
  const ref = { apiVersion, kind, name, ...(namespace ? { namespace } : {}) };
  const annotated = withLastApplied(obj);
  const query = { dryRun: opts.dryRun, fieldValidation: opts.fieldValidation ?? 'Strict', fieldManager: 'kubectl-client-side-apply' };
  const suffix = opts.dryRun ? ' (server dry run)' : '';
  let verbing = 'retrieving current configuration of';
  try {
    const live = name ? client.tryGet<KubeObject>(gvr, namespace, name) : undefined;
    verbing = live ? 'applying patch' : 'creating';
    if (!live) {
      const created = client.create(gvr, namespace, annotated, query);
      return { document: index, ref, action: 'created', message: `${kubectlName(info, created.metadata.name ?? name)} created${suffix}`, object: created };
    }
    const original = parseLastApplied(live);
    const warnings =
      live.metadata.annotations?.[LAST_APPLIED] === undefined
        ? [
            `resource ${info.plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
          ]
        : undefined;
    const patch = threeWayPatch(original, annotated as unknown as Record<string, unknown>, live as unknown as Record<string, unknown>);
    if (Object.keys(patch).length === 0 || isSubset(patch, live)) {
      return { document: index, ref, action: 'unchanged', message: `${kubectlName(info, name)} unchanged${suffix}`, object: live, warnings };
    }
    const patched = client.patch<KubeObject>(gvr, namespace, name, patch, 'strategic', undefined, query);
    return { document: index, ref, action: 'configured', message: `${kubectlName(info, name)} configured${suffix}`, object: patched, warnings };
  } catch (err) {
    if (!(err instanceof StatusError)) throw err;
    return {
      document: index,
      ref,
      action: 'failed',
      message: kubectlError(err.status, verbing, source),
      status: err.status,
    };
  }
}

/** The object as given, plus the annotation holding it as kubectl writes it. */
function withLastApplied(obj: KubeObject): KubeObject {
  const copy = deepClone(obj);
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  const forAnnotation = deepClone(copy);
  if (Object.keys(annotations).length > 0) forAnnotation.metadata.annotations = annotations;
  else delete forAnnotation.metadata.annotations;
  copy.metadata.annotations = { ...annotations, [LAST_APPLIED]: `${JSON.stringify(sortKeys(forAnnotation))}\n` };
  return copy;
}

function parseLastApplied(live: KubeObject): unknown {
  const text = live.metadata.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Go's encoding/json writes map keys sorted, which is what the annotation holds. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}
