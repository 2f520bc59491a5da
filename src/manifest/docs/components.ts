/**
 * componentsFor: which component(s) act on a field of a manifest, and at which walkthrough
 * stage; kindOwner: who owns a kind as a whole. Looks up the nearest rule: a field without a
 * rule of its own takes its parent's (containers[0].name falls under containers).
 */
import { toActors, lookup, type FieldActors } from './actors';
import { KIND_OWNERS, KIND_RULES, METADATA_RULES } from './kindRules';
import { POD_LABELS_RULE, POD_SPEC_RULES } from './podRules';

/** Where each kind keeps a Pod spec. */
const POD_SPEC_AT: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const JOB_SPEC_IN_CRONJOB = ['spec', 'jobTemplate', 'spec'];

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/** The Pod spec's path in `kind`, or undefined when the kind holds none. */
export function podSpecPath(kind: string): readonly string[] | undefined {
  return POD_SPEC_AT[kind];
}

/**
 * Who acts on the field at `path` (keys from the object's root; list indexes may be included
 * and are skipped) of an object of `kind`.
 */
export function componentsFor(kind: string, path: readonly string[]): FieldActors | undefined {
  const segments = path.filter((s) => !/^\d+$/.test(s));
  if (segments.length === 0) return undefined;
  const podSpec = POD_SPEC_AT[kind];
  if (podSpec && segments.length > podSpec.length && startsWith(segments, podSpec)) {
    const rule = lookup(POD_SPEC_RULES, segments.slice(podSpec.length));
    if (rule) return toActors(rule);
  }
  if (podSpec && startsWith(segments, [...podSpec.slice(0, -1), 'metadata', 'labels'])) return toActors(POD_LABELS_RULE);
  if (kind === 'CronJob' && segments.length > JOB_SPEC_IN_CRONJOB.length && startsWith(segments, JOB_SPEC_IN_CRONJOB)) {
    const rule = lookup(KIND_RULES.Job ?? new Map(), ['spec', ...segments.slice(JOB_SPEC_IN_CRONJOB.length)]);
    if (rule) return toActors(rule);
  }
  const own = KIND_RULES[kind];
  const rule = (own && lookup(own, segments)) ?? lookup(METADATA_RULES, segments);
  return rule ? toActors(rule) : undefined;
}

/** Who owns, or acts on, objects of `kind` as a whole. */
export function kindOwner(kind: string): FieldActors | undefined {
  const rule = KIND_OWNERS[kind];
  return rule ? toActors(rule) : undefined;
}
