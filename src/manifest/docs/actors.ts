/**
 * The components that act on a field, by their upstream names (kube-controller-manager's
 * controller names of Kubernetes 1.33, the scheduler's default profile, the node agents),
 * and how a person reads them.
 */

/** What `componentsFor` and `kindOwner` hand out. */
export interface FieldActors {
  /** Component names as Kubernetes calls them: replicaset-controller, default-scheduler, kubelet. */
  components: string[];
  /** Who, for a person: "the ReplicaSet controller, driven by the Deployment controller". */
  who: string;
  /** What they do with the field, in this project's words. */
  what: string;
  /** The walkthrough stage where they do it: '1'..'10', 'prelude' or the 'service' lane. */
  stage?: string;
}

export interface Rule {
  /** Path from the rule's base, dot-separated, indexes and map keys left out. */
  at: string;
  by: string[];
  what: string;
  stage?: string;
  /** Overrides the list of labels when one sentence says it better. */
  who?: string;
}

const LABELS: Record<string, string> = {
  kubectl: 'kubectl',
  'kube-apiserver': 'the API server',
  etcd: 'etcd',
  'default-scheduler': 'the scheduler',
  kubelet: 'the kubelet',
  containerd: 'the container runtime',
  'kube-proxy': 'kube-proxy',
  'deployment-controller': 'the Deployment controller',
  'replicaset-controller': 'the ReplicaSet controller',
  'statefulset-controller': 'the StatefulSet controller',
  'daemonset-controller': 'the DaemonSet controller',
  'job-controller': 'the Job controller',
  'cronjob-controller': 'the CronJob controller',
  'ttl-after-finished-controller': 'the TTL-after-finished controller',
  'endpoints-controller': 'the Endpoints controller',
  'endpointslice-controller': 'the EndpointSlice controller',
  'namespace-controller': 'the Namespace controller',
  'garbage-collector-controller': 'the garbage collector',
  'node-lifecycle-controller': 'the node lifecycle controller',
  'taint-eviction-controller': 'the taint eviction controller',
  'serviceaccount-controller': 'the ServiceAccount controller',
  'root-ca-certificate-publisher-controller': 'the root CA publisher',
  'persistentvolume-binder-controller': 'the PersistentVolume binder',
};

/** "the scheduler" for default-scheduler; the name itself for a component this table does not know. */
export function actorLabel(component: string): string {
  return LABELS[component] ?? component;
}

function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function toActors(rule: Rule): FieldActors {
  const out: FieldActors = {
    components: [...rule.by],
    who: rule.who ?? joinAnd(rule.by.map(actorLabel)),
    what: rule.what,
  };
  if (rule.stage !== undefined) out.stage = rule.stage;
  return out;
}

/** Index of rules by path, for longest-prefix lookups. */
export type RuleTable = ReadonlyMap<string, Rule>;

export function table(rules: Rule[]): RuleTable {
  return new Map(rules.map((r) => [r.at, r]));
}

/** The rule for `path` or, failing that, for its nearest ancestor. */
export function lookup(rules: RuleTable, path: readonly string[]): Rule | undefined {
  for (let n = path.length; n > 0; n--) {
    const rule = rules.get(path.slice(0, n).join('.'));
    if (rule) return rule;
  }
  return undefined;
}
