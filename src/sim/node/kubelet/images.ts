/**
 * The kubelet's image manager (pkg/kubelet/images): the pull policy decides whether to
 * pull, a per pod-and-image back-off (10 s doubling to 300 s) turns repeated failures into
 * ImagePullBackOff, and pulls go through one serialized puller as serializeImagePulls
 * (the default) makes them.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { EventLoop } from '../../core';
import type { EventRecorder } from '../../client';
import type { KubeObject } from '../../api/types';
import type { ContainerRuntime } from '../runtime/containerd';
import { parseImageRef, withDefaultTag } from '../runtime/imageRef';
import { goDuration } from '../util/goDuration';
import { Backoff } from './backoff';
import { Reason, Waiting, criMessage, msg } from './events';

export type ImageResult = { ok: true; ref: string } | { ok: false; reason: string; message: string };

interface PullRequest {
  image: string;
  queuedAt: number;
  done: (err: { code: string; message: string } | undefined, res: { ref: string; size: number; pullMs: number } | undefined) => void;
}

export class ImageManager {
  readonly backoff = new Backoff(10_000, 300_000);
  private readonly prevPullErr = new Map<string, string>();
  private readonly queue: PullRequest[] = [];
  private pulling = false;

  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly recorder: EventRecorder,
    private readonly loop: EventLoop,
  ) {}

  /** EnsureImageExists: answers the image ref, or the waiting reason and message. */
  ensure(pod: Pod, container: Container, fieldPath: string, cb: (r: ImageResult) => void): void {
    const obj = pod as unknown as KubeObject;
    const requested = container.image ?? '';
    let image: string;
    try {
      image = withDefaultTag(requested);
    } catch (err) {
      const message = `Failed to apply default image tag ${JSON.stringify(requested)}: ${(err as Error).message}`;
      this.recorder.warning(obj, Reason.InspectFailed, message, fieldPath);
      cb({ ok: false, reason: Waiting.InvalidImageName, message });
      return;
    }
    const present = this.runtime.imageStatus(image, true);
    const policy = container.imagePullPolicy ?? defaultPullPolicy(image);
    if (present && policy !== 'Always') {
      this.recorder.normal(obj, Reason.Pulled, msg.present(requested), fieldPath);
      cb({ ok: true, ref: present.id });
      return;
    }
    if (!present && policy === 'Never') {
      const message = msg.notPresentNever(requested);
      this.recorder.warning(obj, Reason.ErrImageNeverPull, message, fieldPath);
      cb({ ok: false, reason: Waiting.ErrImageNeverPull, message });
      return;
    }
    const key = `${pod.metadata?.uid ?? ''}_${image}`;
    const now = this.loop.now();
    if (this.backoff.isInBackOffSinceUpdate(key, now)) {
      let message = msg.backOffPull(requested);
      this.recorder.normal(obj, Reason.BackOff, message, fieldPath);
      const prev = this.prevPullErr.get(key);
      if (prev !== undefined) message = `${message}: ${prev}`;
      cb({ ok: false, reason: Waiting.ImagePullBackOff, message });
      return;
    }
    this.prevPullErr.delete(key);
    this.recorder.normal(obj, Reason.Pulling, msg.pulling(requested), fieldPath);
    const start = this.loop.now();
    this.enqueue({
      image,
      queuedAt: start,
      done: (err, res) => {
        if (err || !res) {
          const text = criMessage(err ?? { code: 'Unknown', message: 'pull failed' });
          this.recorder.warning(obj, Reason.Failed, msg.failedPull(requested, text), fieldPath);
          this.backoff.next(key, this.loop.now());
          this.prevPullErr.set(key, `${Waiting.ErrImagePull}: ${text}`);
          cb({ ok: false, reason: Waiting.ErrImagePull, message: text });
          return;
        }
        const total = Math.floor(this.loop.now() - start);
        this.recorder.normal(obj, Reason.Pulled, msg.pulled(requested, goDuration(res.pullMs), goDuration(total), res.size), fieldPath);
        this.backoff.gc(this.loop.now());
        cb({ ok: true, ref: res.ref });
      },
    });
  }

  private enqueue(req: PullRequest): void {
    this.queue.push(req);
    this.pump();
  }

  private pump(): void {
    if (this.pulling) return;
    const next = this.queue.shift();
    if (!next) return;
    this.pulling = true;
    this.runtime.pullImage(next.image, (err, res) => {
      this.pulling = false;
      next.done(err, res);
      this.pump();
    });
  }
}

/** The API server's default when the manifest has none: Always for :latest or no tag. */
function defaultPullPolicy(image: string): string {
  const ref = parseImageRef(image);
  return !ref.digest && (ref.tag === undefined || ref.tag === 'latest') ? 'Always' : 'IfNotPresent';
}
