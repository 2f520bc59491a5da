/**
 * The CRI as the kubelet sees it (k8s.io/cri-api RuntimeService and ImageService), in
 * callback form: each call takes virtual time, so answers come later through the loop.
 */
import type { CriError } from './registry';

export type { CriError };

export type SandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';

export type Callback<T> = (err: CriError | undefined, result: T | undefined) => void;

export interface PodSandboxConfig {
  uid: string;
  name: string;
  namespace: string;
  attempt: number;
  hostNetwork: boolean;
  hostname: string;
}

export interface PodSandboxStatus {
  id: string;
  config: PodSandboxConfig;
  state: SandboxState;
  createdAt: number;
  ip: string;
}

export interface ContainerConfig {
  name: string;
  attempt: number;
  /** The image as the manifest names it (nginx:1.14.2). */
  image: string;
  command?: readonly string[];
  args?: readonly string[];
  env: { name: string; value: string }[];
  workingDir?: string;
  stdin?: boolean;
  /** Files the pod's volumes put in the container (path -> content). */
  files?: Record<string, string>;
  /** Labels the kubelet sets (io.kubernetes.pod.uid, io.kubernetes.container.name ...). */
  labels: Record<string, string>;
}

export interface ContainerStatus {
  id: string;
  podSandboxId: string;
  name: string;
  attempt: number;
  state: ContainerState;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  /** Completed, Error, StartError, OOMKilled */
  reason: string;
  message: string;
  /** docker.io/library/nginx:1.14.2 */
  image: string;
  /** docker.io/library/nginx@sha256:... */
  imageRef: string;
  labels: Record<string, string>;
}

export interface ImageRecord {
  id: string;
  /** Tags: docker.io/library/nginx:1.14.2 */
  repoTags: string[];
  /** docker.io/library/nginx@sha256:... */
  repoDigests: string[];
  size: number;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** RuntimeService + ImageService. */
export interface CRI {
  runPodSandbox(config: PodSandboxConfig, cb: Callback<string>): void;
  stopPodSandbox(id: string, cb: Callback<void>): void;
  removePodSandbox(id: string, cb: Callback<void>): void;
  podSandboxStatus(id: string): PodSandboxStatus | undefined;
  listPodSandbox(): PodSandboxStatus[];
  pullImage(image: string, cb: Callback<{ ref: string; size: number; pullMs: number }>): void;
  imageStatus(image: string, traced?: boolean): ImageRecord | undefined;
  listImages(): ImageRecord[];
  createContainer(sandboxId: string, config: ContainerConfig, cb: Callback<string>): void;
  startContainer(id: string, cb: Callback<void>): void;
  stopContainer(id: string, timeoutSeconds: number, cb: Callback<void>): void;
  removeContainer(id: string, cb: Callback<void>): void;
  containerStatus(id: string): ContainerStatus | undefined;
  listContainers(filter?: { podUid?: string; state?: ContainerState }): ContainerStatus[];
  execSync(id: string, cmd: readonly string[], timeoutSeconds: number, cb: Callback<ExecResult>, opts?: { background?: boolean }): void;
}
