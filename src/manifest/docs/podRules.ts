/**
 * Who acts on the fields of a Pod spec (wherever the spec sits: a Pod, or the template of a
 * Deployment, Job, CronJob ...). Paths are relative to the Pod spec.
 */
import { table, type Rule } from './actors';

const SCHEDULER = ['default-scheduler'];
const NODE = ['kubelet', 'containerd'];

const rules: Rule[] = [
  { at: 'nodeSelector', by: SCHEDULER, stage: '8', what: 'It keeps only the nodes whose labels match every pair (NodeAffinity plugin).' },
  { at: 'affinity', by: SCHEDULER, stage: '8', what: 'It filters and scores nodes by node affinity and by the Pods already running on them.' },
  { at: 'affinity.nodeAffinity', by: SCHEDULER, stage: '8', what: 'Required terms filter nodes out, preferred terms add to their score (NodeAffinity plugin).' },
  { at: 'affinity.podAffinity', by: SCHEDULER, stage: '8', what: 'It places the Pod near Pods matching the terms, per topology domain (InterPodAffinity plugin).' },
  { at: 'affinity.podAntiAffinity', by: SCHEDULER, stage: '8', what: 'It keeps the Pod away from Pods matching the terms, per topology domain (InterPodAffinity plugin).' },
  {
    at: 'tolerations', by: ['default-scheduler', 'taint-eviction-controller'], stage: '8',
    what: 'The scheduler lets the Pod onto nodes whose taints it tolerates (TaintToleration plugin); the taint eviction controller evicts it from a node with a NoExecute taint it does not tolerate, after tolerationSeconds.',
  },
  {
    at: 'priorityClassName', by: ['kube-apiserver', 'default-scheduler'], stage: '8',
    what: "The API server's Priority admission plugin turns the class into spec.priority; the scheduler takes higher-priority Pods first and may preempt lower-priority ones to make room.",
  },
  { at: 'priority', by: ['kube-apiserver', 'default-scheduler'], stage: '8', what: 'Set by the Priority admission plugin from priorityClassName; the scheduler orders its queue by it (PrioritySort) and preempts by it.' },
  { at: 'preemptionPolicy', by: SCHEDULER, stage: '8', what: 'Never stops the scheduler from evicting lower-priority Pods to make room for this one (DefaultPreemption).' },
  { at: 'topologySpreadConstraints', by: SCHEDULER, stage: '8', what: 'It spreads matching Pods evenly across zones, nodes or other domains (PodTopologySpread plugin).' },
  { at: 'schedulerName', by: SCHEDULER, stage: '8', what: 'Only the scheduler with this name picks the Pod up; default-scheduler is the one every cluster runs.' },
  { at: 'schedulingGates', by: SCHEDULER, stage: '8', what: 'The Pod waits in the scheduling queue until every gate is removed (SchedulingGates plugin).' },
  {
    at: 'nodeName', by: ['kubelet'], stage: '9', who: 'the kubelet of that node',
    what: 'It runs the Pod directly: the scheduler leaves alone every Pod that already names a node.',
  },
  { at: 'overhead', by: ['kube-apiserver', 'default-scheduler'], stage: '8', what: 'Set by RuntimeClass admission; the scheduler adds it to the Pod\'s requests.' },
  { at: 'runtimeClassName', by: NODE, stage: '9', what: 'The kubelet asks the container runtime for this handler when it creates the Pod sandbox.' },
  { at: 'containers', by: NODE, stage: '9', what: 'The kubelet asks the container runtime to pull each image, then create and start each container.' },
  { at: 'initContainers', by: NODE, stage: '9', what: 'The kubelet runs them one at a time, each to completion, before it starts the app containers.' },
  { at: 'ephemeralContainers', by: NODE, stage: '9', what: 'Added later through the ephemeralcontainers subresource (kubectl debug); the kubelet starts them in the running Pod.' },
  { at: 'containers.image', by: NODE, stage: '9', what: 'The kubelet has the runtime pull this image (unless the policy says to use the copy on the node) and starts the container from it.' },
  { at: 'containers.imagePullPolicy', by: NODE, stage: '9', what: 'The kubelet decides by it whether to pull the image or use the copy already on the node (Always, IfNotPresent, Never).' },
  { at: 'containers.command', by: NODE, stage: '9', what: "The runtime starts the container with this command instead of the image's ENTRYPOINT." },
  { at: 'containers.args', by: NODE, stage: '9', what: "The runtime passes these arguments instead of the image's CMD." },
  { at: 'containers.env', by: NODE, stage: '9', what: 'The kubelet resolves the values (ConfigMaps, Secrets, the downward API) and the runtime sets them in the container.' },
  { at: 'containers.envFrom', by: NODE, stage: '9', what: 'The kubelet reads every key of the ConfigMap or Secret into environment variables.' },
  {
    at: 'containers.resources', by: ['default-scheduler', 'kubelet', 'containerd'], stage: '8',
    what: 'Requests go to the scheduler, which places the Pod only where they fit; limits go to the kubelet and the runtime, which enforce them.',
  },
  {
    at: 'containers.resources.requests', by: SCHEDULER, stage: '8',
    what: "It places the Pod only on a node whose allocatable capacity still has room for the requests of all the Pod's containers (NodeResourcesFit plugin).",
  },
  {
    at: 'containers.resources.limits', by: NODE, stage: '9',
    what: 'The kubelet has the runtime set them as cgroup limits: CPU over the limit is throttled, a container over its memory limit is OOM-killed.',
  },
  { at: 'containers.livenessProbe', by: ['kubelet'], stage: '9', what: 'It runs the probe periodically and restarts the container when it fails failureThreshold times in a row.' },
  {
    at: 'containers.readinessProbe', by: ['kubelet', 'endpointslice-controller'], stage: '9',
    what: "The kubelet runs the probe and sets the Pod's Ready condition; the endpoint controllers list only Ready Pods as Service endpoints.",
  },
  { at: 'containers.startupProbe', by: ['kubelet'], stage: '9', what: 'It holds off the liveness and readiness probes until this one succeeds, and restarts the container if it never does.' },
  { at: 'containers.lifecycle', by: ['kubelet'], stage: '9', what: 'It runs the postStart hook right after the container starts and the preStop hook before stopping it.' },
  {
    at: 'containers.ports', by: ['endpointslice-controller'], stage: 'service',
    what: 'Mostly informational: the container listens whether or not the port is listed. A Service\'s targetPort may name one, which the endpoint controllers resolve.',
  },
  { at: 'containers.ports.hostPort', by: SCHEDULER, stage: '8', what: 'It places the Pod only on a node where this host port is still free (NodePorts plugin).' },
  { at: 'containers.volumeMounts', by: ['kubelet'], stage: '9', what: "It mounts the Pod's volumes into the container at these paths." },
  { at: 'containers.securityContext', by: NODE, stage: '9', what: 'The kubelet passes it to the runtime, which sets the user, capabilities and privileges of the container process.' },
  { at: 'restartPolicy', by: ['kubelet'], stage: '9', what: 'It restarts containers that exit (Always), only those that fail (OnFailure), or none (Never), with an exponential back-off.' },
  { at: 'terminationGracePeriodSeconds', by: ['kubelet'], stage: '9', what: 'On deletion it sends SIGTERM, waits this long, then kills what is still running.' },
  { at: 'activeDeadlineSeconds', by: ['kubelet'], stage: '9', what: 'It fails the Pod (reason DeadlineExceeded) once it has been active this long.' },
  { at: 'volumes', by: ['kubelet'], stage: '9', what: 'It sets up every volume (ConfigMaps, Secrets, emptyDir, claims ...) before starting the containers.' },
  {
    at: 'serviceAccountName', by: ['kube-apiserver', 'kubelet'], stage: '3',
    what: "The API server's ServiceAccount admission plugin adds a projected token volume for this account; the kubelet mounts the token into the containers.",
  },
  { at: 'automountServiceAccountToken', by: ['kube-apiserver'], stage: '3', what: 'The ServiceAccount admission plugin adds the token volume unless this is false.' },
  { at: 'dnsPolicy', by: ['kubelet'], stage: '9', what: "It writes the containers' /etc/resolv.conf: the cluster DNS (ClusterFirst) or the node's own (Default)." },
  { at: 'dnsConfig', by: ['kubelet'], stage: '9', what: "It merges these nameservers, searches and options into the containers' /etc/resolv.conf." },
  { at: 'hostAliases', by: ['kubelet'], stage: '9', what: "It adds these entries to the containers' /etc/hosts." },
  { at: 'hostNetwork', by: NODE, stage: '9', what: "The runtime puts the Pod in the node's network namespace instead of giving it an IP of its own." },
  { at: 'imagePullSecrets', by: NODE, stage: '9', what: 'The kubelet hands these credentials to the runtime when it pulls the images.' },
  { at: 'securityContext', by: NODE, stage: '9', what: 'The kubelet and the runtime apply it to every container of the Pod (user and group IDs, fsGroup, seccomp ...).' },
  { at: 'enableServiceLinks', by: ['kubelet'], stage: '9', what: "It adds environment variables naming every Service in the namespace (FOO_SERVICE_HOST ...) unless this is false." },
];

export const POD_SPEC_RULES = table(rules);

/** Labels of a Pod or a Pod template: what selectors look at. */
export const POD_LABELS_RULE: Rule = {
  at: 'metadata.labels',
  by: ['endpointslice-controller', 'endpoints-controller'],
  stage: 'service',
  what: 'Selectors match these labels: a Service sends traffic to the Ready Pods its selector matches, and a controller owns the Pods its selector matches.',
};
