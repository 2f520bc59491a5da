/** Label and field selectors of a list or watch, compiled once per request. */
import type { KubeObject, ResourceInfo } from '../api/types';
import { newBadRequest } from '../api/errors';
import { parseLabelSelector } from '../api/selectorParser';
import { parseFieldSelector } from '../api/fieldSelectors';
import { selectorToString } from '../api/selectors';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

export interface ObjectFilter {
  /** False when no selector was given: everything matches. */
  any: boolean;
  matches(obj: KubeObject): boolean;
  /** spec.nodeName pinned by the field selector (a kubelet's watch), for indexing. */
  nodeName?: string;
}

export function compileSelectors(info: ResourceInfo, labelSelector?: string, fieldSelector?: string): ObjectFilter {
  try {
    const labels = labelSelector ? parseLabelSelector(labelSelector) : undefined;
    const fields = fieldSelector ? parseFieldSelector(info, fieldSelector) : undefined;
    const useLabels = labels && !labels.empty();
    const useFields = fields && !fields.empty();
    const nodeName = info.group === '' && info.plural === 'pods' ? fields?.requiresExactMatch('spec.nodeName') : undefined;
    return {
      any: !!(useLabels || useFields),
      nodeName,
      matches: (obj) => (!useLabels || labels.matches(obj.metadata.labels)) && (!useFields || fields.matches(obj)),
    };
  } catch (err) {
    throw newBadRequest(err instanceof Error ? err.message : String(err));
  }
}

/** The selector of a Scale's status: `app=nginx`. */
export function selectorString(sel: LabelSelector | undefined): string {
  const s = selectorToString(sel);
  return s === '<none>' || s === '<error>' ? '' : s;
}
