/**
 * Who acts on the fields of each kind outside the Pod spec, and who owns each kind. Paths are
 * from the object's root.
 */
import { table, type Rule, type RuleTable } from './actors';

const DEPLOY = ['deployment-controller'];
const RS = ['replicaset-controller'];
const STS = ['statefulset-controller'];
const DS = ['daemonset-controller'];
const JOB = ['job-controller'];
const CJ = ['cronjob-controller'];
const ENDPOINTS = ['endpointslice-controller', 'endpoints-controller'];

const deployment: Rule[] = [
  {
    at: 'spec.replicas', by: ['replicaset-controller', 'deployment-controller'], stage: '6',
    who: 'the ReplicaSet controller, driven by the Deployment controller',
    what: 'The Deployment controller copies the number to the ReplicaSet of the current template; the ReplicaSet controller creates or deletes Pods until that many exist.',
  },
  { at: 'spec.selector', by: ['deployment-controller', 'replicaset-controller'], stage: '5', what: 'They find the ReplicaSets and Pods this Deployment owns by it. It must match the template labels and cannot change once created.' },
  { at: 'spec.template', by: DEPLOY, stage: '5', what: 'It hashes the template into the pod-template-hash label: a new hash means a new ReplicaSet, which is a rollout.' },
  { at: 'spec.strategy', by: DEPLOY, stage: '5', what: 'It replaces old Pods with new ones all at once (Recreate) or a few at a time within maxSurge and maxUnavailable (RollingUpdate).' },
  { at: 'spec.minReadySeconds', by: ['deployment-controller', 'replicaset-controller'], stage: '10', what: 'A Pod counts as available only once it has been Ready this long.' },
  { at: 'spec.revisionHistoryLimit', by: DEPLOY, stage: '5', what: 'It deletes the oldest scaled-down ReplicaSets beyond this number (they are what a rollback goes back to).' },
  { at: 'spec.progressDeadlineSeconds', by: DEPLOY, stage: '10', what: 'It marks the rollout as failed (Progressing=False, ProgressDeadlineExceeded) when nothing moves for this long.' },
  { at: 'spec.paused', by: DEPLOY, stage: '5', what: 'While paused it makes no new ReplicaSet for template changes.' },
  { at: 'status', by: DEPLOY, stage: '10', what: 'It writes the status from the ReplicaSets it owns; you do not set it.' },
];

const replicaSet: Rule[] = [
  { at: 'spec.replicas', by: RS, stage: '6', what: 'It creates or deletes Pods until this many match the selector.' },
  { at: 'spec', by: RS, stage: '6', what: 'It creates the Pods it is missing from the template and deletes the extra ones.' },
  { at: 'status', by: RS, stage: '10', what: 'It writes the status from the Pods it owns.' },
];

const statefulSet: Rule[] = [
  { at: 'spec', by: STS, stage: '6', what: 'It creates the Pods <name>-0, <name>-1, ... from the template, in order.' },
  { at: 'spec.replicas', by: STS, stage: '6', what: 'It creates Pods <name>-0 up to <name>-(replicas-1), one at a time unless podManagementPolicy is Parallel.' },
  { at: 'spec.volumeClaimTemplates', by: STS, stage: '6', what: 'It creates one PersistentVolumeClaim per Pod from each template, named <template>-<pod>.' },
  { at: 'spec.serviceName', by: STS, stage: '6', what: 'The headless Service that gives each Pod a stable DNS name, <pod>.<service>.' },
  { at: 'spec.updateStrategy', by: STS, stage: '6', what: 'It replaces Pods in reverse order, one at a time (RollingUpdate), or only when you delete them (OnDelete).' },
  { at: 'status', by: STS, stage: '10', what: 'It writes the status from the Pods it owns.' },
];

const daemonSet: Rule[] = [
  { at: 'spec', by: DS, stage: '6', what: 'It creates one Pod from the template for every node the Pod may run on.' },
  { at: 'spec.updateStrategy', by: DS, stage: '6', what: 'It replaces Pods node by node within maxUnavailable (RollingUpdate), or only when you delete them (OnDelete).' },
  { at: 'status', by: DS, stage: '10', what: 'It writes the status from the Pods it owns.' },
];

const job: Rule[] = [
  { at: 'spec', by: JOB, stage: '6', what: 'It creates Pods from the template until enough succeed, replacing those that fail.' },
  { at: 'spec.parallelism', by: JOB, stage: '6', what: 'It runs at most this many Pods at the same time.' },
  { at: 'spec.completions', by: JOB, stage: '6', what: 'The Job is complete once this many Pods have succeeded.' },
  { at: 'spec.backoffLimit', by: JOB, stage: '6', what: 'It marks the Job failed (BackoffLimitExceeded) after this many failed Pods.' },
  { at: 'spec.activeDeadlineSeconds', by: JOB, stage: '6', what: 'It fails the Job (DeadlineExceeded) and stops its Pods once it has run this long.' },
  { at: 'spec.suspend', by: JOB, stage: '6', what: 'While suspended it creates no Pods and deletes the running ones.' },
  { at: 'spec.ttlSecondsAfterFinished', by: ['ttl-after-finished-controller'], stage: '10', what: 'It deletes the Job, and with it its Pods, this many seconds after the Job finishes.' },
  { at: 'status', by: JOB, stage: '10', what: 'It writes the status from the Pods it owns.' },
];

const cronJob: Rule[] = [
  { at: 'spec', by: CJ, stage: '5', what: 'It creates a Job from jobTemplate at each time the schedule names.' },
  { at: 'spec.schedule', by: CJ, stage: '5', what: 'It creates a Job from jobTemplate at every time this cron expression names.' },
  { at: 'spec.timeZone', by: CJ, stage: '5', what: 'It reads the schedule in this time zone (the controller manager\'s own when unset).' },
  { at: 'spec.concurrencyPolicy', by: CJ, stage: '5', what: 'When the previous Job is still running it starts another one anyway (Allow), skips this run (Forbid), or replaces the running Job (Replace).' },
  { at: 'spec.startingDeadlineSeconds', by: CJ, stage: '5', what: 'It skips a run it could not start within this many seconds of its scheduled time.' },
  { at: 'spec.suspend', by: CJ, stage: '5', what: 'While suspended it starts no new Jobs; running ones go on.' },
  { at: 'spec.successfulJobsHistoryLimit', by: CJ, stage: '5', what: 'It deletes the oldest successful Jobs beyond this number.' },
  { at: 'spec.failedJobsHistoryLimit', by: CJ, stage: '5', what: 'It deletes the oldest failed Jobs beyond this number.' },
  { at: 'spec.jobTemplate', by: ['cronjob-controller', 'job-controller'], stage: '5', what: 'The CronJob controller creates a Job from it at each run; the Job controller then runs its Pods.' },
  { at: 'status', by: CJ, stage: '10', what: 'It records the active Jobs and the last schedule and success times.' },
];

const service: Rule[] = [
  { at: 'spec.selector', by: ENDPOINTS, stage: 'service', what: 'They list the Ready Pods whose labels match into the Service\'s EndpointSlices (and Endpoints); without a selector they leave the endpoints to you.' },
  { at: 'spec.ports', by: ['kube-proxy', 'endpointslice-controller'], stage: 'service', what: 'kube-proxy on every node forwards traffic for each port to the endpoints; the endpoint controllers record the target ports.' },
  { at: 'spec.ports.port', by: ['kube-proxy'], stage: 'service', what: 'It forwards traffic sent to the cluster IP on this port to the endpoints.' },
  {
    at: 'spec.ports.targetPort', by: ['endpointslice-controller', 'kube-proxy'], stage: 'service',
    what: 'The endpoint controllers resolve it (a number, or the name of a container port) for each Pod; kube-proxy forwards traffic to it.',
  },
  { at: 'spec.ports.nodePort', by: ['kube-apiserver', 'kube-proxy'], stage: 'service', what: 'The API server allocates it from 30000-32767 unless you give one; kube-proxy opens it on every node.' },
  { at: 'spec.type', by: ['kube-apiserver', 'kube-proxy'], stage: 'service', what: 'It decides what kube-proxy programs: the cluster IP only (ClusterIP), plus a port on every node (NodePort, for which the API server allocates the port), and so on.' },
  { at: 'spec.clusterIP', by: ['kube-apiserver', 'kube-proxy'], stage: 'service', what: 'The API server allocates one from the service range (10.96.0.0/12) unless you give one; None makes a headless Service that kube-proxy leaves alone.' },
  { at: 'spec.clusterIPs', by: ['kube-apiserver', 'kube-proxy'], stage: 'service', what: 'The API server allocates them; kube-proxy programs rules for each.' },
  { at: 'spec.sessionAffinity', by: ['kube-proxy'], stage: 'service', what: 'With ClientIP it sends every connection from one client to the same endpoint.' },
  { at: 'spec.externalTrafficPolicy', by: ['kube-proxy'], stage: 'service', what: 'With Local it sends traffic arriving at a node only to endpoints on that node.' },
  { at: 'spec.internalTrafficPolicy', by: ['kube-proxy'], stage: 'service', what: 'With Local it sends in-cluster traffic only to endpoints on the sending node.' },
  { at: 'spec.publishNotReadyAddresses', by: ENDPOINTS, stage: 'service', what: 'They list Pods as endpoints even before they are Ready.' },
];

const node: Rule[] = [
  {
    at: 'spec.taints', by: ['default-scheduler', 'taint-eviction-controller', 'node-lifecycle-controller'], stage: '8',
    what: 'The scheduler keeps Pods without a matching toleration off the node; the taint eviction controller evicts them for NoExecute taints; the node lifecycle controller adds taints when the node stops reporting.',
  },
  { at: 'spec.unschedulable', by: ['default-scheduler'], stage: '8', what: 'It places no new Pods on the node (kubectl cordon); running Pods stay (NodeUnschedulable plugin).' },
  { at: 'status', by: ['kubelet', 'node-lifecycle-controller'], stage: 'prelude', what: 'The kubelet reports capacity, conditions and addresses; the node lifecycle controller marks the node Unknown when the reports stop.' },
];

const pod: Rule[] = [
  { at: 'status', by: ['kubelet'], stage: '10', what: "The kubelet of the Pod's node writes the phase, conditions, IPs and container states." },
];

const namespace: Rule[] = [
  { at: 'spec.finalizers', by: ['namespace-controller'], what: 'When the namespace is deleted it empties it, then removes the kubernetes finalizer so the namespace can go.' },
];

const priorityClass: Rule[] = [
  { at: 'value', by: ['kube-apiserver', 'default-scheduler'], stage: '8', what: "The Priority admission plugin copies it into the spec.priority of each Pod naming this class; the scheduler orders and preempts by it." },
  { at: 'preemptionPolicy', by: ['default-scheduler'], stage: '8', what: 'Never stops the scheduler from evicting lower-priority Pods for Pods of this class.' },
  { at: 'globalDefault', by: ['kube-apiserver'], stage: '3', what: 'The Priority admission plugin gives this class to Pods that name none.' },
];

const metadata: Rule[] = [
  { at: 'metadata.name', by: ['kube-apiserver'], stage: '3', what: 'It validates the name and stores the object in etcd under a key made of the resource, the namespace and the name.' },
  { at: 'metadata.namespace', by: ['kube-apiserver'], stage: '3', what: 'It checks that the namespace exists and is not being deleted (NamespaceLifecycle admission).' },
  { at: 'metadata.generateName', by: ['kube-apiserver'], stage: '3', what: 'Without a name it makes one from this prefix and a random five-character suffix.' },
  { at: 'metadata.ownerReferences', by: ['garbage-collector-controller'], what: 'It deletes this object once every owner it depends on is gone.' },
  { at: 'metadata.finalizers', by: ['kube-apiserver'], stage: '3', what: 'It keeps a deleted object, marked with a deletionTimestamp, until every finalizer is removed.' },
];

export const KIND_RULES: Readonly<Record<string, RuleTable>> = {
  Deployment: table(deployment),
  ReplicaSet: table(replicaSet),
  StatefulSet: table(statefulSet),
  DaemonSet: table(daemonSet),
  Job: table(job),
  CronJob: table(cronJob),
  Service: table(service),
  Node: table(node),
  Pod: table(pod),
  Namespace: table(namespace),
  PriorityClass: table(priorityClass),
};

export const METADATA_RULES = table(metadata);

/** Who owns, or acts on, each kind as a whole (the hover on apiVersion and kind). */
export const KIND_OWNERS: Readonly<Record<string, Rule>> = {
  Deployment: { at: '', by: DEPLOY, stage: '4', what: 'The Deployment controller owns it: for each version of the Pod template it keeps a ReplicaSet, and it scales those ReplicaSets to roll out changes.' },
  ReplicaSet: { at: '', by: RS, stage: '6', what: 'The ReplicaSet controller keeps the number of Pods matching its selector at spec.replicas. A Deployment usually owns it.' },
  StatefulSet: { at: '', by: STS, stage: '6', what: 'The StatefulSet controller creates its Pods one by one with stable names and a claim each.' },
  DaemonSet: { at: '', by: DS, stage: '6', what: 'The DaemonSet controller runs one of its Pods on every eligible node.' },
  Job: { at: '', by: JOB, stage: '6', what: 'The Job controller runs its Pods until enough of them succeed.' },
  CronJob: { at: '', by: CJ, stage: '5', what: 'The CronJob controller creates a Job from it at every scheduled time.' },
  Pod: {
    at: '', by: ['default-scheduler', 'kubelet', 'containerd'], stage: '8',
    what: "The scheduler binds it to a node; that node's kubelet runs it through the container runtime and reports its status.",
  },
  Service: {
    at: '', by: ['endpointslice-controller', 'endpoints-controller', 'kube-proxy'], stage: 'service',
    what: 'The API server gives it a cluster IP; the endpoint controllers track the Ready Pods it selects; kube-proxy on every node forwards its traffic to them.',
  },
  Endpoints: { at: '', by: ['endpoints-controller'], stage: 'service', what: 'The Endpoints controller writes it for each Service with a selector. Newer readers use EndpointSlices.' },
  EndpointSlice: { at: '', by: ['endpointslice-controller', 'kube-proxy'], stage: 'service', what: 'The EndpointSlice controller writes them for each Service with a selector; kube-proxy reads them to program its rules.' },
  Namespace: { at: '', by: ['namespace-controller'], what: 'The Namespace controller deletes everything in it when it is deleted.' },
  Node: { at: '', by: ['kubelet', 'node-lifecycle-controller'], stage: 'prelude', what: "The node's kubelet registers it and reports its status; the node lifecycle controller watches those reports." },
  ServiceAccount: { at: '', by: ['serviceaccount-controller', 'kube-apiserver'], stage: '3', what: 'The ServiceAccount controller creates the default account in every namespace; the API server issues tokens for accounts to Pods.' },
  ConfigMap: { at: '', by: ['kubelet'], stage: '9', what: 'The kubelet mounts it as files or reads it into environment variables of the Pods that use it.' },
  Secret: { at: '', by: ['kubelet'], stage: '9', what: 'The kubelet mounts it as files or reads it into environment variables of the Pods that use it.' },
  Lease: { at: '', by: ['kubelet', 'node-lifecycle-controller'], stage: 'prelude', what: "Each kubelet renews its node's Lease in kube-node-lease as a heartbeat; the node lifecycle controller watches the renewals." },
  Event: { at: '', by: ['kube-apiserver'], what: 'Every component records Events through the API server; kubectl describe and kubectl get events show them.' },
  PriorityClass: { at: '', by: ['kube-apiserver', 'default-scheduler'], stage: '8', what: 'The Priority admission plugin resolves it into Pod priorities; the scheduler orders and preempts by them.' },
  ControllerRevision: { at: '', by: ['statefulset-controller', 'daemonset-controller'], stage: '6', what: 'The StatefulSet and DaemonSet controllers keep the history of their templates in them.' },
  Binding: { at: '', by: ['default-scheduler', 'kube-apiserver'], stage: '8', what: "The scheduler posts one to bind a Pod to a node; the API server sets the Pod's spec.nodeName from it." },
  Role: { at: '', by: ['kube-apiserver'], stage: '3', what: "The API server's RBAC authorizer reads it when a request asks for what it grants." },
  ClusterRole: { at: '', by: ['kube-apiserver'], stage: '3', what: "The API server's RBAC authorizer reads it when a request asks for what it grants." },
  RoleBinding: { at: '', by: ['kube-apiserver'], stage: '3', what: "The API server's RBAC authorizer reads it to find the roles of a request's user." },
  ClusterRoleBinding: { at: '', by: ['kube-apiserver'], stage: '3', what: "The API server's RBAC authorizer reads it to find the roles of a request's user." },
  PersistentVolumeClaim: { at: '', by: ['persistentvolume-binder-controller', 'default-scheduler'], stage: '8', what: 'The PersistentVolume binder binds it to a volume; the scheduler places Pods where their claims can be met.' },
  PersistentVolume: { at: '', by: ['persistentvolume-binder-controller'], what: 'The PersistentVolume binder binds it to a matching claim.' },
};
