/**
 * A container's environment as the kubelet builds it (kubelet_pods.go makeEnvironmentVariables):
 * envFrom, then env with $(VAR) expansion and valueFrom sources, then the service links
 * of the pod's namespace. A missing ConfigMap or Secret is CreateContainerConfigError.
 */
import type { Container, EnvVar, Pod, Service } from 'kubernetes-types/core/v1';
import type { Client } from '../../client';
import { R } from '../../client';
import type { KubeObject } from '../../api/types';
import { parseQuantity } from '../../api/quantity';

const SECRETS = { group: '', version: 'v1', resource: 'secrets' };

export interface EnvContext {
  pod: Pod;
  hostIP: string;
  podIP: string;
  client: Client;
  /** Services of the pod's namespace, plus `kubernetes` from default. */
  services: readonly Service[];
}

export type EnvResult = { ok: true; env: { name: string; value: string }[] } | { ok: false; message: string };

class ConfigError extends Error {}

function decode(b64: string): string {
  try {
    return atob(b64);
  } catch {
    return b64;
  }
}

/** $(VAR) references, as expansion.MappingFuncFor does: $$ escapes, unknown names stay. */
export function expand(input: string, vars: ReadonlyMap<string, string>): string {
  return input.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    const v = name !== undefined ? vars.get(name) : undefined;
    return v ?? m;
  });
}

function fieldValue(path: string, ctx: EnvContext): string {
  const p = ctx.pod;
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label) return (label[1] === 'labels' ? p.metadata?.labels : p.metadata?.annotations)?.[label[2] as string] ?? '';
  switch (path) {
    case 'metadata.name': return p.metadata?.name ?? '';
    case 'metadata.namespace': return p.metadata?.namespace ?? '';
    case 'metadata.uid': return p.metadata?.uid ?? '';
    case 'spec.nodeName': return p.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return p.spec?.serviceAccountName ?? '';
    case 'status.hostIP': case 'status.hostIPs': return ctx.hostIP;
    case 'status.podIP': case 'status.podIPs': return ctx.podIP;
    default: return '';
  }
}

function keyRef(kind: 'ConfigMap' | 'Secret', ref: { name?: string; key: string; optional?: boolean }, ctx: EnvContext): string | undefined {
  const ns = ctx.pod.metadata?.namespace ?? 'default';
  const obj = ctx.client.tryGet<KubeObject>(kind === 'ConfigMap' ? R.configmaps : SECRETS, ns, ref.name ?? '');
  if (!obj) {
    if (ref.optional) return undefined;
    throw new ConfigError(`${kind.toLowerCase()} ${JSON.stringify(ref.name ?? '')} not found`);
  }
  const data = (obj.data ?? {}) as Record<string, string>;
  if (!(ref.key in data)) {
    if (ref.optional) return undefined;
    throw new ConfigError(`couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name ?? ''}`);
  }
  const v = data[ref.key] as string;
  return kind === 'Secret' ? decode(v) : v;
}

function resourceValue(container: Container, resource: string): string {
  const [kind, name] = resource.split('.') as ['limits' | 'requests', string];
  const q = container.resources?.[kind]?.[name];
  if (q === undefined) return name === 'cpu' ? '1' : '0';
  const parsed = parseQuantity(String(q));
  return name === 'cpu' ? String(Math.ceil(parsed.milliValue() / 1000)) : String(parsed.value());
}

/** makeLinkVariables / FromServices: the docker-links style variables of each Service. */
export function serviceEnv(services: readonly Service[]): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  const sorted = [...services].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  for (const s of sorted) {
    const ip = s.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const name = (s.metadata?.name ?? '').toUpperCase().replace(/-/g, '_');
    const ports = s.spec?.ports ?? [];
    const first = ports[0];
    if (!first) continue;
    out.push({ name: `${name}_SERVICE_HOST`, value: ip }, { name: `${name}_SERVICE_PORT`, value: String(first.port) });
    for (const p of ports) if (p.name) out.push({ name: `${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, value: String(p.port) });
    const proto = (first.protocol ?? 'TCP').toLowerCase();
    out.push({ name: `${name}_PORT`, value: `${proto}://${ip}:${first.port}` });
    for (const p of ports) {
      const pr = (p.protocol ?? 'TCP').toLowerCase();
      const prefix = `${name}_PORT_${p.port}_${pr.toUpperCase()}`;
      out.push(
        { name: prefix, value: `${pr}://${ip}:${p.port}` },
        { name: `${prefix}_PROTO`, value: pr },
        { name: `${prefix}_PORT`, value: String(p.port) },
        { name: `${prefix}_ADDR`, value: ip },
      );
    }
  }
  return out;
}

export function buildEnv(container: Container, ctx: EnvContext): EnvResult {
  try {
    const vars = new Map<string, string>();
    const order: string[] = [];
    const put = (name: string, value: string): void => {
      if (!vars.has(name)) order.push(name);
      vars.set(name, value);
    };
    const links = ctx.pod.spec?.enableServiceLinks === false ? serviceEnv(ctx.services.filter((s) => s.metadata?.name === 'kubernetes' && s.metadata.namespace === 'default')) : serviceEnv(ctx.services);
    const linkVars = new Map(links.map((l) => [l.name, l.value]));
    const ns = ctx.pod.metadata?.namespace ?? 'default';
    for (const from of container.envFrom ?? []) {
      const ref = from.configMapRef ?? from.secretRef;
      const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
      const obj = ctx.client.tryGet<KubeObject>(kind === 'ConfigMap' ? R.configmaps : SECRETS, ns, ref?.name ?? '');
      if (!obj) {
        if (ref?.optional) continue;
        throw new ConfigError(`${kind.toLowerCase()} ${JSON.stringify(ref?.name ?? '')} not found`);
      }
      for (const [k, v] of Object.entries((obj.data ?? {}) as Record<string, string>)) put(`${from.prefix ?? ''}${k}`, kind === 'Secret' ? decode(v) : v);
    }
    for (const e of (container.env ?? []) as EnvVar[]) {
      if (e.valueFrom) {
        const vf = e.valueFrom;
        let v: string | undefined;
        if (vf.fieldRef) v = fieldValue(vf.fieldRef.fieldPath, ctx);
        else if (vf.configMapKeyRef) v = keyRef('ConfigMap', vf.configMapKeyRef, ctx);
        else if (vf.secretKeyRef) v = keyRef('Secret', vf.secretKeyRef, ctx);
        else if (vf.resourceFieldRef) v = resourceValue(container, vf.resourceFieldRef.resource);
        if (v !== undefined) put(e.name, v);
      } else {
        const scope = new Map([...linkVars, ...vars]);
        put(e.name, expand(e.value ?? '', scope));
      }
    }
    const env = order.map((name) => ({ name, value: vars.get(name) as string }));
    for (const l of links) if (!vars.has(l.name)) env.push(l);
    return { ok: true, env };
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, message: err.message };
    throw err;
  }
}

/** Files the pod's volumes put in the container (configMap, secret, the service account token). */
export function volumeFiles(container: Container, pod: Pod, client: Client): Record<string, string> {
  const files: Record<string, string> = {};
  const ns = pod.metadata?.namespace ?? 'default';
  for (const m of container.volumeMounts ?? []) {
    const vol = (pod.spec?.volumes ?? []).find((v) => v.name === m.name);
    if (!vol) continue;
    const put = (data: Record<string, string>, items: { key: string; path: string }[] | undefined, secret: boolean): void => {
      const pairs = items && items.length > 0 ? items.map((i) => [i.path, data[i.key]] as const) : Object.entries(data);
      for (const [path, v] of pairs) if (v !== undefined) files[`${m.mountPath}/${path}`] = secret ? decode(v) : v;
    };
    if (vol.configMap) {
      const cm = client.tryGet<KubeObject>(R.configmaps, ns, vol.configMap.name ?? '');
      if (cm) put((cm.data ?? {}) as Record<string, string>, vol.configMap.items, false);
    } else if (vol.secret) {
      const s = client.tryGet<KubeObject>(SECRETS, ns, vol.secret.secretName ?? '');
      if (s) put((s.data ?? {}) as Record<string, string>, vol.secret.items, true);
    } else if (vol.projected) {
      files[`${m.mountPath}/namespace`] = ns;
      files[`${m.mountPath}/token`] = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InNpbXVsYXRlZCJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2ltdWxhdGVk';
      files[`${m.mountPath}/ca.crt`] = '-----BEGIN CERTIFICATE-----\n(simulated cluster CA)\n-----END CERTIFICATE-----\n';
    }
  }
  return files;
}
