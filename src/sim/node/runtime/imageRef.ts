/**
 * Image references as containerd and the kubelet read them (github.com/distribution/reference):
 * `nginx:1.14.2` is `docker.io/library/nginx:1.14.2`; no tag means `:latest`.
 */

export interface ImageRef {
  /** Registry host: docker.io, registry.k8s.io, ghcr.io ... */
  domain: string;
  /** Repository path inside the registry: library/nginx, coredns/coredns */
  path: string;
  tag?: string;
  digest?: string;
}

export class ReferenceError extends Error {}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DOMAIN = /^(?:localhost|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::[0-9]+)?$/;

/** reference.ParseNormalizedNamed: the errors read as the library's. */
export function parseImageRef(input: string): ImageRef {
  if (input === '' || input.trim() !== input) throw new ReferenceError('invalid reference format');
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new ReferenceError('invalid reference format');
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new ReferenceError('invalid reference format');
  }
  let domain = 'docker.io';
  let path = rest;
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  // splitDockerDomain: a first component with a dot, a port or capitals (or localhost) is a host.
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    domain = first;
    path = rest.slice(slash + 1);
    if (!DOMAIN.test(domain)) throw new ReferenceError('invalid reference format');
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  const components = path.split('/');
  for (const c of components) {
    if (!COMPONENT.test(c)) {
      if (c.toLowerCase() !== c && COMPONENT.test(c.toLowerCase())) {
        throw new ReferenceError(`invalid reference format: repository name (${path}) must be lowercase`);
      }
      throw new ReferenceError('invalid reference format');
    }
  }
  if (`${domain}/${path}`.length > 255) throw new ReferenceError('invalid reference format: repository name must not be more than 255 characters');
  return { domain, path, tag, digest };
}

/** The repository as containerd names it: docker.io/library/nginx */
export function repository(ref: ImageRef): string {
  return `${ref.domain}/${ref.path}`;
}

/** The fully qualified reference: docker.io/library/nginx:1.14.2 (default tag latest). */
export function fullName(ref: ImageRef): string {
  if (ref.digest && !ref.tag) return `${repository(ref)}@${ref.digest}`;
  return `${repository(ref)}:${ref.tag ?? 'latest'}${ref.digest ? `@${ref.digest}` : ''}`;
}

/**
 * The kubelet's applyDefaultImageTag: `busybox` becomes `busybox:latest` without being
 * qualified, so events quote the image as the manifest wrote it.
 */
export function withDefaultTag(image: string): string {
  let ref: ImageRef;
  try {
    ref = parseImageRef(image);
  } catch (err) {
    throw new ReferenceError(`couldn't parse image name ${JSON.stringify(image)}: ${(err as Error).message}`);
  }
  if (!ref.tag && !ref.digest) return `${image}:latest`;
  return image;
}
