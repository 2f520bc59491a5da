/**
 * The ten documented stages of `kubectl apply` for a Deployment, in this project's words,
 * with what really happens where the usual telling simplifies.
 */

export interface StageDefinition {
  id: string;
  number?: number;
  title: string;
  explanation: string;
  components: string[];
  note?: string;
  lane?: string;
}

export const PRELUDE: StageDefinition = {
  id: 'prelude',
  number: 0,
  title: 'The cluster starts',
  explanation:
    'Before anything is applied, each node\'s kubelet registers its Node object with the API server and the control plane\'s own pods (etcd, the API server, the controller manager, the scheduler) appear as mirror pods of static manifests on the control-plane node.',
  components: ['kube-apiserver', 'etcd'],
};

export const DEPLOYMENT_STAGES: StageDefinition[] = [
  {
    id: '1',
    number: 1,
    title: 'kubectl applies the file',
    explanation:
      'kubectl reads the manifest, works out which API resource each document is, and asks the API server whether the object already exists. That decides between creating it and patching it.',
    components: ['kubectl'],
  },
  {
    id: '2',
    number: 2,
    title: 'kubectl sends the request to the API server',
    explanation:
      'For a new object kubectl sends an HTTP POST with the object as JSON (a PATCH when it exists). The last-applied configuration rides along as an annotation so the next apply can tell what you removed.',
    components: ['kubectl', 'kube-apiserver'],
  },
  {
    id: '3',
    number: 3,
    title: 'The API server checks the request and stores it in etcd',
    explanation:
      'The API server authenticates the caller, asks RBAC whether it may do this, runs admission plugins, fills in defaults, validates every field, and only then writes the object to etcd. The revision etcd assigns becomes the object\'s resourceVersion.',
    components: ['kube-apiserver', 'etcd'],
    note: 'Only the API server talks to etcd. Every other component reads and writes through the API server.',
  },
  {
    id: '4',
    number: 4,
    title: 'The Deployment controller learns of the new Deployment',
    explanation:
      'The controller manager keeps a watch open on Deployments. The API server streams the new object to it, and the Deployment controller puts the Deployment\'s key on its work queue and reconciles it.',
    components: ['kube-apiserver', 'kube-controller-manager', 'deployment-controller'],
    note: 'The API server does not send the controller a request. The controller watches the API server and reacts to what changed.',
  },
  {
    id: '5',
    number: 5,
    title: 'The Deployment controller creates a ReplicaSet from the template',
    explanation:
      'The controller hashes the pod template into the pod-template-hash label and creates a ReplicaSet named after the Deployment and that hash, owned by the Deployment, asking for the desired number of replicas.',
    components: ['deployment-controller', 'kube-apiserver', 'etcd'],
  },
  {
    id: '6',
    number: 6,
    title: 'The ReplicaSet controller creates the Pods',
    explanation:
      'Watching ReplicaSets, the ReplicaSet controller sees that the new one wants more pods than exist and creates them through the API server, in growing batches (1, 2, 4, ...), each owned by the ReplicaSet.',
    components: ['kube-controller-manager', 'replicaset-controller', 'kube-apiserver'],
    note: 'The ReplicaSet controller is not called by the Deployment controller; it watches ReplicaSets like any other client.',
  },
  {
    id: '7',
    number: 7,
    title: 'The Pods are stored, and the scheduler sees Pods without a node',
    explanation:
      'The API server admits, validates and stores each Pod in etcd. The scheduler watches for Pods whose spec.nodeName is empty and puts them on its scheduling queue.',
    components: ['kube-apiserver', 'etcd', 'default-scheduler'],
    note: 'Again a watch: the API server streams the new Pods to the scheduler.',
  },
  {
    id: '8',
    number: 8,
    title: 'The scheduler picks a node for each Pod and binds it',
    explanation:
      'For each Pod the scheduler filters out nodes that cannot run it (taints, resources, affinity), scores the rest, picks the best and posts a Binding to the API server, which sets spec.nodeName.',
    components: ['default-scheduler', 'kube-apiserver', 'etcd'],
  },
  {
    id: '9',
    number: 9,
    title: 'The kubelet runs the Pod through the container runtime',
    explanation:
      'Each kubelet watches Pods bound to its own node. On seeing one, it asks the container runtime to create the pod sandbox, pull the image and create and start the containers.',
    components: ['kubelet', 'containerd'],
    note: 'The API server does not push work to the kubelet. The kubelet watches Pods whose spec.nodeName is its node.',
  },
  {
    id: '10',
    number: 10,
    title: 'The status flows back and is stored in etcd',
    explanation:
      'The kubelet reports each Pod\'s phase, IP, conditions and container states through the API server, which stores them in etcd. The ReplicaSet and Deployment controllers see the changes and update their own status: ready and available replicas.',
    components: ['kubelet', 'kube-apiserver', 'etcd', 'replicaset-controller', 'deployment-controller'],
  },
];

export const SERVICE_LANE: StageDefinition = {
  id: 'service',
  lane: 'service',
  title: 'The Service gets an address and endpoints',
  explanation:
    'The API server gives the Service a cluster IP. The endpoint controllers list the ready Pods that match its selector into Endpoints and EndpointSlices, and kube-proxy on every node programs rules that send traffic for the cluster IP to those Pods.',
  components: ['kube-apiserver', 'endpointslice-controller', 'endpoint-controller', 'kube-proxy'],
};

export const OTHER_LANE: StageDefinition = {
  id: 'other',
  lane: 'other',
  title: 'Everything else this apply set off',
  explanation: 'Work that followed from the apply but is not part of the documented stages.',
  components: [],
};
