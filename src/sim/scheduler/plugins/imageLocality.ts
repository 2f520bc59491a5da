/**
 * ImageLocality (Score): favours nodes that already hold the pod's images, by image size
 * scaled by how many nodes have the image (so one node does not attract every pod).
 */
import type { CycleState, Handle, Plugin } from '../framework/interface';
import type { PodInfo } from '../framework/podInfo';
import { normalizedImageName } from '../framework/nodeInfo';
import { MAX_NODE_SCORE } from '../framework/types';

export const IMAGE_LOCALITY = 'ImageLocality';
const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;
const STATE_KEY = `PreScore${IMAGE_LOCALITY}`;

/** scaledImageScore: the image's size times the share of nodes that have it. */
export function scaledImageScore(size: number, numNodes: number, totalNumNodes: number): number {
  if (totalNumNodes <= 0) return 0;
  return Math.trunc(size * (numNodes / totalNumNodes));
}

/** calculatePriority: the summed image scores clamped to [23MB, 1000MB per container] and mapped to 0-100. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let s = sumScores;
  if (s < MIN_THRESHOLD) s = MIN_THRESHOLD;
  else if (s > maxThreshold) s = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

function imagesOf(pod: PodInfo): string[] {
  return [...(pod.pod.spec?.initContainers ?? []), ...(pod.pod.spec?.containers ?? [])].map((c) => normalizedImageName(c.image ?? ''));
}

export function newImageLocality(h: Handle): Plugin {
  return {
    name: IMAGE_LOCALITY,
    // Not an upstream PreScore: only caches the pod's normalized image names for the cycle.
    preScore(state: CycleState, pod) {
      state.write(STATE_KEY, imagesOf(pod));
      return null;
    },
    score(state, pod, nodeInfo) {
      const images = state.read<string[]>(STATE_KEY) ?? imagesOf(pod);
      let sum = 0;
      if (nodeInfo.imageSizes.size > 0) {
        const total = h.cache.numNodes;
        for (const name of images) {
          const size = nodeInfo.imageSizes.get(name);
          if (size !== undefined) sum += scaledImageScore(size, h.cache.imageNumNodes(name), total);
        }
      }
      return calculatePriority(sum, images.length);
    },
  };
}
