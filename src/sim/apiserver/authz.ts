/**
 * Authorization: RBAC as kube-apiserver evaluates it, over the Roles, ClusterRoles and
 * their bindings stored in etcd, with system:masters allowed everything and the control
 * plane's components allowed by their bootstrap roles.
 */
import type { ResourceInfo, UserInfo } from '../api/types';
import type { ServerContext } from './context';

export interface AuthzDecision {
  allowed: boolean;
  reason: string;
}

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}
interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}
interface Binding {
  metadata: { name?: string; namespace?: string };
  roleRef: { kind: string; name: string };
  subjects?: Subject[];
}

/** Identities of the control plane, granted by upstream's bootstrap ClusterRoles. */
const BOOTSTRAP: Record<string, string> = {
  'system:kube-controller-manager': 'system:kube-controller-manager',
  'system:kube-scheduler': 'system:kube-scheduler',
  'system:kube-proxy': 'system:node-proxier',
  'system:apiserver': 'system:apiserver',
};

export function authorize(
  ctx: ServerContext,
  user: UserInfo,
  verb: string,
  info: ResourceInfo,
  namespace: string | undefined,
  name: string | undefined,
  subresource: string | undefined,
): AuthzDecision {
  if (user.groups.includes('system:masters')) {
    return { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"' };
  }
  const bootstrap = BOOTSTRAP[user.username];
  if (bootstrap) return { allowed: true, reason: `RBAC: allowed by the bootstrap ClusterRole "${bootstrap}" of User "${user.username}"` };
  if (user.username.startsWith('system:node:') && user.groups.includes('system:nodes')) {
    return { allowed: true, reason: `Node authorizer: allowed for ${user.username}` };
  }
  if (user.username.startsWith('system:serviceaccount:kube-system:')) {
    return { allowed: true, reason: `RBAC: allowed by the bootstrap controller role of ${user.username}` };
  }
  const resource = subresource ? `${info.plural}/${subresource}` : info.plural;
  const matches = (rules: PolicyRule[]): boolean =>
    rules.some(
      (r) =>
        has(r.verbs, verb) &&
        has(r.apiGroups, info.group) &&
        has(r.resources, resource) &&
        (!r.resourceNames || r.resourceNames.length === 0 || (name !== undefined && r.resourceNames.includes(name))),
    );
  const bindings = [
    ...listValues<Binding>(ctx, '/registry/clusterrolebindings/'),
    ...(namespace ? listValues<Binding>(ctx, `/registry/rolebindings/${namespace}/`) : []),
  ];
  for (const b of bindings) {
    if (!(b.subjects ?? []).some((s) => subjectMatches(s, user))) continue;
    const roleKey =
      b.roleRef.kind === 'ClusterRole' ? `/registry/clusterroles/${b.roleRef.name}` : `/registry/roles/${b.metadata.namespace}/${b.roleRef.name}`;
    const role = ctx.store.get(roleKey)?.value as { rules?: PolicyRule[] } | undefined;
    if (role && matches(role.rules ?? [])) {
      const kind = b.metadata.namespace ? 'RoleBinding' : 'ClusterRoleBinding';
      return { allowed: true, reason: `RBAC: allowed by ${kind} "${b.metadata.name}" of ${b.roleRef.kind} "${b.roleRef.name}"` };
    }
  }
  return { allowed: false, reason: '' };
}

function has(list: string[] | undefined, value: string): boolean {
  return !!list && (list.includes('*') || list.includes(value));
}

function subjectMatches(s: Subject, user: UserInfo): boolean {
  if (s.kind === 'User') return s.name === user.username;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') return user.username === `system:serviceaccount:${s.namespace}:${s.name}`;
  return false;
}

function listValues<T>(ctx: ServerContext, prefix: string): T[] {
  return ctx.store.range(prefix).kvs.map((kv) => kv.value as unknown as T);
}
