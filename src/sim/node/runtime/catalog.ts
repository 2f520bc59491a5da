/**
 * The simulated registry's contents: well-known public images with their tags, compressed
 * sizes (linux/amd64, bytes, as containerd reports them), and what their default process
 * does. Anything not listed here does not exist, as on a real registry.
 */
import { sha256Hex } from '../util/sha256';

/** How the image's userland behaves (which shell, which tools are on PATH). */
export type Family = 'debian' | 'alpine' | 'busybox' | 'ubuntu' | 'distroless';

/** What the image's default process is, for the process simulator. */
export type AppKind =
  | 'nginx' | 'httpd' | 'redis' | 'postgres' | 'mysql' | 'mongo' | 'shell' | 'python' | 'node' | 'pause' | 'coredns'
  | 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kube-proxy' | 'hello-world' | 'curl'
  | 'http-echo' | 'whoami' | 'kindnetd' | 'local-path';

export interface CatalogImage {
  /** docker.io/library/nginx */
  repo: string;
  family: Family;
  app: AppKind;
  entrypoint: string[];
  cmd: string[];
  env?: Record<string, string>;
  /** tag -> compressed size in bytes */
  tags: Record<string, number>;
  /** tag -> the tag it points at (latest -> 1.29.1) */
  aliases?: Record<string, string>;
}

/** Sizes near `base`, varied a little by tag, so every tag has a stable plausible size. */
function sized(base: number, tags: string[], spread = 0.04): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tags) {
    const h = parseInt(sha256Hex(t).slice(0, 8), 16) / 0xffffffff;
    out[t] = Math.round(base * (1 - spread + 2 * spread * h));
  }
  return out;
}

const NGINX_DEBIAN = ['1.15.12', '1.16.1', '1.17.10', '1.18.0', '1.19.10', '1.20.2', '1.21.6', '1.22.1', '1.23.4', '1.24.0', '1.25.5', '1.26.3', '1.27.5', '1.28.0', '1.29.1'];
const minor = (v: string): string => v.split('.').slice(0, 2).join('.');

const nginxTags: Record<string, number> = {
  '1.14.2': 44_709_229,
  ...sized(56_800_000, NGINX_DEBIAN.slice(0, 10)),
  ...sized(72_100_000, NGINX_DEBIAN.slice(10)),
  ...sized(21_000_000, NGINX_DEBIAN.slice(4).map((v) => `${v}-alpine`)),
};
const nginxAliases: Record<string, string> = { latest: '1.29.1', mainline: '1.29.1', stable: '1.28.0', alpine: '1.29.1-alpine', 'stable-alpine': '1.28.0-alpine', 'mainline-alpine': '1.29.1-alpine', '1.14': '1.14.2', '1': '1.29.1' };
for (const v of NGINX_DEBIAN) {
  nginxAliases[minor(v)] = v;
  if (nginxTags[`${v}-alpine`]) nginxAliases[`${minor(v)}-alpine`] = `${v}-alpine`;
}

const pyVersions = ['3.9.23', '3.10.18', '3.11.13', '3.12.11', '3.13.7'];
const nodeVersions = ['18.20.8', '20.19.5', '22.19.0', '24.8.0'];

function withMinorAliases(versions: string[], latest: string, suffixes: Record<string, number>): { tags: Record<string, number>; aliases: Record<string, string> } {
  const tags: Record<string, number> = {};
  const aliases: Record<string, string> = { latest };
  for (const [suffix, size] of Object.entries(suffixes)) {
    Object.assign(tags, sized(size, versions.map((v) => `${v}${suffix}`)));
    for (const v of versions) {
      aliases[`${minor(v)}${suffix}`] = `${v}${suffix}`;
      aliases[`${v.split('.')[0]}${suffix}`] = `${v}${suffix}`;
    }
    if (suffix) aliases[suffix.slice(1)] = `${latest}${suffix}`;
  }
  return { tags, aliases };
}

const python = withMinorAliases(pyVersions, '3.13.7', { '': 412_000_000, '-slim': 43_000_000, '-alpine': 17_500_000 });
const node = withMinorAliases(nodeVersions, '24.8.0', { '': 395_000_000, '-slim': 76_000_000, '-alpine': 56_000_000 });

const SH = ['/bin/sh'];

export const CATALOG: CatalogImage[] = [
  { repo: 'docker.io/library/nginx', family: 'debian', app: 'nginx', entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], tags: nginxTags, aliases: nginxAliases },
  { repo: 'docker.io/library/busybox', family: 'busybox', app: 'shell', entrypoint: [], cmd: ['sh'], tags: { ...sized(2_160_000, ['1.35.0', '1.36.0', '1.36.1', '1.37.0']), ...sized(2_200_000, ['1.36.1-musl', '1.37.0-musl']), ...sized(4_300_000, ['1.36.1-glibc', '1.37.0-glibc']) }, aliases: { latest: '1.37.0', '1.37': '1.37.0', '1.36': '1.36.1', '1.35': '1.35.0', stable: '1.36.1', musl: '1.37.0-musl', glibc: '1.37.0-glibc', '1': '1.37.0' } },
  { repo: 'docker.io/library/alpine', family: 'alpine', app: 'shell', entrypoint: [], cmd: SH, tags: sized(3_640_000, ['3.18.12', '3.19.8', '3.20.7', '3.21.4', '3.22.1']), aliases: { latest: '3.22.1', '3.22': '3.22.1', '3.21': '3.21.4', '3.20': '3.20.7', '3.19': '3.19.8', '3.18': '3.18.12', '3': '3.22.1' } },
  { repo: 'docker.io/library/ubuntu', family: 'ubuntu', app: 'shell', entrypoint: [], cmd: ['/bin/bash'], tags: sized(29_700_000, ['20.04', '22.04', '24.04', '25.04']), aliases: { latest: '24.04', focal: '20.04', jammy: '22.04', noble: '24.04', plucky: '25.04' } },
  { repo: 'docker.io/library/debian', family: 'debian', app: 'shell', entrypoint: [], cmd: ['bash'], tags: { ...sized(48_500_000, ['11', '12', '13']), ...sized(28_200_000, ['11-slim', '12-slim', '13-slim']) }, aliases: { latest: '13', bookworm: '12', bullseye: '11', trixie: '13', 'bookworm-slim': '12-slim', 'trixie-slim': '13-slim', 'bullseye-slim': '11-slim' } },
  { repo: 'docker.io/library/httpd', family: 'debian', app: 'httpd', entrypoint: [], cmd: ['httpd-foreground'], tags: { ...sized(58_300_000, ['2.4.62', '2.4.63', '2.4.65']), ...sized(22_400_000, ['2.4.65-alpine']) }, aliases: { latest: '2.4.65', '2.4': '2.4.65', '2': '2.4.65', alpine: '2.4.65-alpine', '2.4-alpine': '2.4.65-alpine' } },
  { repo: 'docker.io/library/redis', family: 'debian', app: 'redis', entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], tags: { ...sized(45_200_000, ['6.2.19', '7.0.15', '7.2.10', '7.4.5', '8.0.3', '8.2.1']), ...sized(17_300_000, ['7.4.5-alpine', '8.2.1-alpine']) }, aliases: { latest: '8.2.1', '8': '8.2.1', '8.2': '8.2.1', '8.0': '8.0.3', '7': '7.4.5', '7.4': '7.4.5', '7.2': '7.2.10', '7.0': '7.0.15', '6': '6.2.19', '6.2': '6.2.19', alpine: '8.2.1-alpine', '7-alpine': '7.4.5-alpine', '7.4-alpine': '7.4.5-alpine', '8-alpine': '8.2.1-alpine' } },
  { repo: 'docker.io/library/postgres', family: 'debian', app: 'postgres', entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], env: { PGDATA: '/var/lib/postgresql/data' }, tags: { ...sized(152_000_000, ['13.22', '14.19', '15.14', '16.10', '17.6']), ...sized(105_000_000, ['16.10-alpine', '17.6-alpine']) }, aliases: { latest: '17.6', '17': '17.6', '16': '16.10', '15': '15.14', '14': '14.19', '13': '13.22', alpine: '17.6-alpine', '17-alpine': '17.6-alpine', '16-alpine': '16.10-alpine' } },
  { repo: 'docker.io/library/mysql', family: 'debian', app: 'mysql', entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], tags: sized(171_000_000, ['5.7.44', '8.0.43', '8.4.6', '9.4.0']), aliases: { latest: '9.4.0', '9': '9.4.0', '9.4': '9.4.0', '8': '8.4.6', '8.4': '8.4.6', lts: '8.4.6', '8.0': '8.0.43', '5.7': '5.7.44', '5': '5.7.44' } },
  { repo: 'docker.io/library/mongo', family: 'ubuntu', app: 'mongo', entrypoint: ['docker-entrypoint.sh'], cmd: ['mongod'], tags: sized(287_000_000, ['6.0.26', '7.0.24', '8.0.13']), aliases: { latest: '8.0.13', '8': '8.0.13', '8.0': '8.0.13', '7': '7.0.24', '7.0': '7.0.24', '6': '6.0.26', '6.0': '6.0.26' } },
  { repo: 'docker.io/library/python', family: 'debian', app: 'python', entrypoint: [], cmd: ['python3'], tags: python.tags, aliases: python.aliases },
  { repo: 'docker.io/library/node', family: 'debian', app: 'node', entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], tags: node.tags, aliases: node.aliases },
  { repo: 'docker.io/library/hello-world', family: 'distroless', app: 'hello-world', entrypoint: [], cmd: ['/hello'], tags: { linux: 2_380 }, aliases: { latest: 'linux' } },
  { repo: 'docker.io/curlimages/curl', family: 'alpine', app: 'curl', entrypoint: ['/entrypoint.sh'], cmd: ['curl'], tags: sized(10_100_000, ['8.13.0', '8.14.1', '8.15.0', '8.16.0']), aliases: { latest: '8.16.0' } },
  { repo: 'docker.io/hashicorp/http-echo', family: 'distroless', app: 'http-echo', entrypoint: ['/http-echo'], cmd: [], tags: sized(3_900_000, ['1.0.0', '1.0']), aliases: { latest: '1.0.0' } },
  { repo: 'docker.io/traefik/whoami', family: 'distroless', app: 'whoami', entrypoint: ['/whoami'], cmd: [], tags: sized(3_300_000, ['v1.10.4', 'v1.11.0']), aliases: { latest: 'v1.11.0' } },
  { repo: 'registry.k8s.io/pause', family: 'distroless', app: 'pause', entrypoint: ['/pause'], cmd: [], tags: { '3.9': 321_520, '3.10': 320_368, '3.10.1': 320_448 } },
  { repo: 'registry.k8s.io/coredns/coredns', family: 'distroless', app: 'coredns', entrypoint: ['/coredns'], cmd: [], tags: { 'v1.11.3': 18_562_039, 'v1.12.0': 20_939_036, 'v1.12.1': 20_941_040 } },
  { repo: 'registry.k8s.io/etcd', family: 'distroless', app: 'etcd', entrypoint: [], cmd: ['/usr/local/bin/etcd'], tags: { '3.5.15-0': 56_909_194, '3.5.16-0': 57_680_541, '3.5.21-0': 58_938_593 } },
  { repo: 'registry.k8s.io/kube-apiserver', family: 'distroless', app: 'kube-apiserver', entrypoint: ['/usr/local/bin/kube-apiserver'], cmd: [], tags: { 'v1.32.8': 28_940_110, 'v1.33.4': 30_071_307 } },
  { repo: 'registry.k8s.io/kube-controller-manager', family: 'distroless', app: 'kube-controller-manager', entrypoint: ['/usr/local/bin/kube-controller-manager'], cmd: [], tags: { 'v1.32.8': 26_249_140, 'v1.33.4': 27_646_507 } },
  { repo: 'registry.k8s.io/kube-scheduler', family: 'distroless', app: 'kube-scheduler', entrypoint: ['/usr/local/bin/kube-scheduler'], cmd: [], tags: { 'v1.32.8': 20_541_906, 'v1.33.4': 21_782_634 } },
  { repo: 'registry.k8s.io/kube-proxy', family: 'debian', app: 'kube-proxy', entrypoint: ['/usr/local/bin/kube-proxy'], cmd: [], tags: { 'v1.32.8': 30_896_918, 'v1.33.4': 31_897_065 } },
  { repo: 'docker.io/kindest/kindnetd', family: 'distroless', app: 'kindnetd', entrypoint: ['/bin/kindnetd'], cmd: [], tags: { 'v20250512-df8de77b': 44_375_501 } },
  { repo: 'docker.io/kindest/local-path-provisioner', family: 'distroless', app: 'local-path', entrypoint: ['local-path-provisioner'], cmd: [], tags: { 'v20250214-acbabc1a': 22_541_737 } },
];

/** Real repo digests where known, so `kubectl describe` matches what people see online. */
export const KNOWN_DIGESTS: Record<string, string> = {
  'docker.io/library/nginx:1.14.2': 'sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d',
};

const byRepo = new Map(CATALOG.map((c) => [c.repo, c]));

export function catalogImage(repo: string): CatalogImage | undefined {
  return byRepo.get(repo);
}

/** The concrete tag a tag names (aliases followed), or undefined when the tag does not exist. */
export function resolveTag(image: CatalogImage, tag: string): string | undefined {
  if (image.tags[tag] !== undefined) return tag;
  const target = image.aliases?.[tag];
  return target !== undefined && image.tags[target] !== undefined ? target : undefined;
}
