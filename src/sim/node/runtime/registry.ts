/**
 * The simulated registries: docker.io, registry.k8s.io and friends. A pull resolves the
 * reference to a manifest (or fails with containerd's words) and costs time by size.
 */
import type { Rng } from '../../core';
import { sha256Hex } from '../util/sha256';
import { CATALOG, KNOWN_DIGESTS, catalogImage, resolveTag, type CatalogImage } from './catalog';
import { fullName, parseImageRef, repository, type ImageRef } from './imageRef';

export interface ResolvedImage {
  /** What was asked for, fully qualified: docker.io/library/nginx:1.14.2 */
  name: string;
  /** docker.io/library/nginx@sha256:... (the manifest digest) */
  repoDigest: string;
  /** sha256:... of the image config: containerd's image id */
  id: string;
  size: number;
  catalog: CatalogImage;
  /** The tag the manifest carries (aliases followed). */
  concreteTag: string;
}

/** A gRPC status as containerd returns it. */
export interface CriError {
  code: 'NotFound' | 'Unknown' | 'InvalidArgument' | 'FailedPrecondition' | 'DeadlineExceeded';
  message: string;
}

export type PullPlan = { ok: true; image: ResolvedImage } | { ok: false; error: CriError };

const HUB_LIKE = new Set(['docker.io']);
const KNOWN_REGISTRIES = new Set(['docker.io', 'registry.k8s.io', 'quay.io', 'ghcr.io', 'gcr.io', 'k8s.gcr.io', 'mcr.microsoft.com', 'public.ecr.aws']);

/** The manifest digest of a concrete image: the real one when known, else a stable hash. */
export function digestOf(repo: string, concreteTag: string): string {
  return KNOWN_DIGESTS[`${repo}:${concreteTag}`] ?? `sha256:${sha256Hex(`manifest ${repo}:${concreteTag}`)}`;
}

function configId(repo: string, concreteTag: string): string {
  return `sha256:${sha256Hex(`config ${repo}:${concreteTag}`)}`;
}

function resolved(ref: ImageRef, catalog: CatalogImage, concreteTag: string): ResolvedImage {
  const repo = repository(ref);
  return {
    name: fullName(ref),
    repoDigest: `${repo}@${digestOf(repo, concreteTag)}`,
    id: configId(repo, concreteTag),
    size: catalog.tags[concreteTag] as number,
    catalog,
    concreteTag,
  };
}

/** Resolves a reference as containerd's resolver would, with its error texts. */
export function resolveImage(image: string): PullPlan {
  let ref: ImageRef;
  try {
    ref = parseImageRef(image);
  } catch (err) {
    return { ok: false, error: { code: 'InvalidArgument', message: `failed to pull and unpack image ${JSON.stringify(image)}: ${(err as Error).message}` } };
  }
  const name = fullName(ref);
  const repo = repository(ref);
  const head = `failed to pull and unpack image ${JSON.stringify(name)}: failed to resolve reference ${JSON.stringify(name)}`;
  const catalog = catalogImage(repo);
  if (!catalog) {
    if (HUB_LIKE.has(ref.domain)) {
      return { ok: false, error: { code: 'Unknown', message: `${head}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed` } };
    }
    if (ref.domain === 'ghcr.io') {
      const scope = encodeURIComponent(`repository:${ref.path}:pull`);
      return { ok: false, error: { code: 'Unknown', message: `${head}: failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=${scope}&service=ghcr.io: 401 Unauthorized` } };
    }
    if (KNOWN_REGISTRIES.has(ref.domain)) return { ok: false, error: { code: 'NotFound', message: `${head}: ${name}: not found` } };
    const [host, port] = ref.domain.split(':');
    const manifest = `https://${ref.domain}/v2/${ref.path}/manifests/${ref.digest ?? ref.tag ?? 'latest'}`;
    if (host === 'localhost' || host === '127.0.0.1') {
      return { ok: false, error: { code: 'Unknown', message: `${head}: failed to do request: Head ${JSON.stringify(manifest)}: dial tcp 127.0.0.1:${port ?? '443'}: connect: connection refused` } };
    }
    return { ok: false, error: { code: 'Unknown', message: `${head}: failed to do request: Head ${JSON.stringify(manifest)}: dial tcp: lookup ${host} on 172.18.0.1:53: no such host` } };
  }
  if (ref.digest) {
    const tag = Object.keys(catalog.tags).find((t) => digestOf(repo, t) === ref.digest);
    if (!tag || (ref.tag && resolveTag(catalog, ref.tag) !== tag)) return { ok: false, error: { code: 'NotFound', message: `${head}: ${name}: not found` } };
    return { ok: true, image: resolved(ref, catalog, tag) };
  }
  const concrete = resolveTag(catalog, ref.tag ?? 'latest');
  if (!concrete) return { ok: false, error: { code: 'NotFound', message: `${head}: ${name}: not found` } };
  return { ok: true, image: resolved(ref, catalog, concrete) };
}

/** The same image's record for a reference that is already known to exist (preloads). */
export function mustResolve(image: string): ResolvedImage {
  const plan = resolveImage(image);
  if (!plan.ok) throw new Error(`not in the catalog: ${image}`);
  return plan.image;
}

/**
 * How long a pull takes: a round trip or two to resolve, then the layers at roughly
 * 20-30 MB/s. When the content is already on the node only the resolve is paid.
 */
export function pullDurationMs(size: number, contentPresent: boolean, rng: Rng): number {
  const resolveMs = 250 + rng.int(350);
  if (contentPresent) return resolveMs;
  const bytesPerMs = 20_000 + rng.int(10_000);
  return resolveMs + Math.round(size / bytesPerMs);
}

/** A failed resolve costs the round trips before the registry says no. */
export function failedPullDurationMs(rng: Rng): number {
  return 400 + rng.int(900);
}

export function catalogSize(): number {
  return CATALOG.length;
}
