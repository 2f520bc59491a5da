/**
 * The kubelet's Event reasons (pkg/kubelet/events/event.go) and the messages it writes
 * with them (kuberuntime_container.go, images/image_manager.go, prober, nodestatus).
 */
export const Reason = {
  Created: 'Created',
  Started: 'Started',
  Failed: 'Failed',
  Killing: 'Killing',
  BackOff: 'BackOff',
  Pulling: 'Pulling',
  Pulled: 'Pulled',
  InspectFailed: 'InspectFailed',
  ErrImageNeverPull: 'ErrImageNeverPull',
  Unhealthy: 'Unhealthy',
  ProbeWarning: 'ProbeWarning',
  FailedPostStartHook: 'FailedPostStartHook',
  FailedPreStopHook: 'FailedPreStopHook',
  FailedCreatePodSandBox: 'FailedCreatePodSandBox',
  SandboxChanged: 'SandboxChanged',
  ExceededGracePeriod: 'ExceededGracePeriod',
  Starting: 'Starting',
  NodeReady: 'NodeReady',
  NodeNotReady: 'NodeNotReady',
  NodeSchedulable: 'NodeSchedulable',
  NodeNotSchedulable: 'NodeNotSchedulable',
  NodeAllocatableEnforced: 'NodeAllocatableEnforced',
} as const;

/** Waiting reasons of container statuses (kubecontainer and images errors). */
export const Waiting = {
  ContainerCreating: 'ContainerCreating',
  PodInitializing: 'PodInitializing',
  ErrImagePull: 'ErrImagePull',
  ImagePullBackOff: 'ImagePullBackOff',
  InvalidImageName: 'InvalidImageName',
  ErrImageNeverPull: 'ErrImageNeverPull',
  CrashLoopBackOff: 'CrashLoopBackOff',
  RunContainerError: 'RunContainerError',
  CreateContainerConfigError: 'CreateContainerConfigError',
  CreateContainerError: 'CreateContainerError',
  PostStartHookError: 'PostStartHookError',
} as const;

export const msg = {
  created: (name: string): string => `Created container: ${name}`,
  started: (name: string): string => `Started container ${name}`,
  stopping: (name: string): string => `Stopping container ${name}`,
  error: (err: string): string => `Error: ${err}`,
  pulling: (image: string): string => `Pulling image ${JSON.stringify(image)}`,
  present: (image: string): string => `Container image ${JSON.stringify(image)} already present on machine`,
  notPresentNever: (image: string): string => `Container image ${JSON.stringify(image)} is not present with pull policy of Never`,
  backOffPull: (image: string): string => `Back-off pulling image ${JSON.stringify(image)}`,
  failedPull: (image: string, err: string): string => `Failed to pull image ${JSON.stringify(image)}: ${err}`,
  pulled: (image: string, pull: string, total: string, size: number): string =>
    `Successfully pulled image ${JSON.stringify(image)} in ${pull} (${total} including waiting). Image size: ${size} bytes.`,
  /** format.Pod: name_namespace(uid) */
  backOffRestart: (container: string, pod: string): string => `Back-off restarting failed container ${container} in pod ${pod}`,
  crashLoop: (delay: string, container: string, pod: string): string => `back-off ${delay} restarting failed container=${container} pod=${pod}`,
  livenessRestart: (container: string, probe: string): string => `Container ${container} failed ${probe} probe, will be restarted`,
  nodeStatus: (node: string, event: string): string => `Node ${node} status is now: ${event}`,
} as const;

/** format.Pod(pod): name_namespace(uid), as the kubelet names pods in messages. */
export function formatPod(pod: { metadata: { name?: string; namespace?: string; uid?: string } }): string {
  return `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`;
}

/** The CRI error as the kubelet prints it: Unknown codes lose their gRPC prefix (cri-client). */
export function criMessage(err: { code: string; message: string }): string {
  return err.code === 'Unknown' ? err.message : `rpc error: code = ${err.code} desc = ${err.message}`;
}
