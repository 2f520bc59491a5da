/**
 * podFailurePolicy basics (matchPodFailurePolicy): the first rule whose onExitCodes or
 * onPodConditions match a failed pod decides whether the Job fails at once (FailJob),
 * the failure is not counted (Ignore) or counted as usual (Count).
 */
import type { PodFailurePolicyRule } from 'kubernetes-types/batch/v1';
import type { JobObj, PodObj } from '../common/types';

export interface PolicyMatch {
  action: 'FailJob' | 'Ignore' | 'Count' | 'FailIndex';
  message?: string;
}

function exitCodeMatch(rule: PodFailurePolicyRule, pod: PodObj): { container: string; code: number } | undefined {
  const req = rule.onExitCodes;
  if (!req) return undefined;
  for (const cs of [...(pod.status?.containerStatuses ?? [])]) {
    if (req.containerName && req.containerName !== cs.name) continue;
    const code = cs.state?.terminated?.exitCode;
    if (code === undefined || code === 0) continue;
    const listed = req.values.includes(code);
    if ((req.operator === 'In' && listed) || (req.operator === 'NotIn' && !listed)) return { container: cs.name, code };
  }
  return undefined;
}

export function matchPodFailurePolicy(job: JobObj, pod: PodObj): PolicyMatch | undefined {
  const rules = job.spec?.podFailurePolicy?.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as PodFailurePolicyRule;
    const action = rule.action as PolicyMatch['action'];
    const byCode = exitCodeMatch(rule, pod);
    if (byCode) {
      return {
        action,
        message: `Container ${byCode.container} for pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} failed with exit code ${byCode.code} matching ${action} rule at index ${i}`,
      };
    }
    for (const pattern of rule.onPodConditions ?? []) {
      const c = pod.status?.conditions?.find((x) => x.type === pattern.type && x.status === (pattern.status ?? 'True'));
      if (c) {
        return { action, message: `Pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} has condition ${c.type} matching ${action} rule at index ${i}` };
      }
    }
  }
  return undefined;
}
