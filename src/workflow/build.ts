/** Builds the walkthrough of one apply from the trace: stages with their steps, in order. */
import type { ObjectRef, TraceEvent } from '../protocol/trace';
import type { EventRow, Stage, Topology, Walkthrough } from '../protocol/workflow';
import { Classifier } from './classify';
import { DEPLOYMENT_STAGES, OTHER_LANE, PRELUDE, SERVICE_LANE, type StageDefinition } from './stages';
import { definitionsFor } from './kinds';

export interface WalkthroughInput {
  title: string;
  trace: TraceEvent[];
  /** Trace seq after which the apply began; earlier events form the prelude. */
  since: number;
  applied: ObjectRef[];
  events: EventRow[];
  topology: Topology;
  /** Set when the apply failed: the API server's message, shown on stage 3. */
  failure?: string;
}

/** Steps worth showing in the prelude: registrations and static pods, not heartbeats. */
function preludeStep(e: TraceEvent): boolean {
  const creates = (e.channel === 'http-request' && e.verb === 'POST') || (e.channel === 'etcd-txn' && e.summary.startsWith('txn create'));
  if (!creates) return false;
  const kind = e.ref?.kind;
  return kind === 'Node' || kind === 'Namespace' || (kind === 'Pod' && e.ref?.namespace === 'kube-system');
}

export function buildStages(input: WalkthroughInput): Stage[] {
  const defs = definitionsFor(input.applied.map((r) => r.kind));
  const steps = new Map<string, TraceEvent[]>();
  const classifier = new Classifier(input.applied.map((r) => r.kind));
  const prelude: TraceEvent[] = [];
  for (const e of input.trace) {
    if (e.seq <= input.since) {
      if (preludeStep(e)) prelude.push(e);
      continue;
    }
    const stage = classifier.classify(e);
    if (stage === undefined || stage === 'hidden' || !classifier.visible(e.seq)) continue;
    const list = steps.get(stage) ?? [];
    list.push(e);
    steps.set(stage, list);
  }
  const out: Stage[] = [];
  if (prelude.length > 0) out.push(toStage(PRELUDE, prelude, 'done'));
  const failedAt: string | undefined = input.failure ? '3' : undefined;
  for (const def of defs) {
    const list = steps.get(def.id) ?? [];
    let status: Stage['status'] = list.length > 0 ? 'done' : 'skipped';
    if (failedAt === def.id) status = 'failed';
    else if (failedAt && Number(def.id) > Number(failedAt)) status = 'skipped';
    const stage = toStage(def, list, status);
    if (status === 'failed' && input.failure) stage.note = input.failure;
    out.push(stage);
  }
  const service = steps.get('service');
  if (service?.length) out.push(toStage(SERVICE_LANE, service, 'done'));
  const known = new Set([...defs.map((d) => d.id), 'service']);
  const rest = [...steps.entries()].filter(([k]) => !known.has(k)).flatMap(([, v]) => v);
  if (rest.length) out.push(toStage(OTHER_LANE, rest.sort((a, b) => a.seq - b.seq), 'done'));
  return out;
}

function toStage(def: StageDefinition, events: TraceEvent[], status: Stage['status']): Stage {
  const components = new Set(def.components);
  for (const e of events) {
    components.add(e.from);
    components.add(e.to);
  }
  const stage: Stage = {
    id: def.id,
    title: def.title,
    explanation: def.explanation,
    components: [...components],
    steps: events.map((e) => e.seq),
    status,
  };
  if (def.number !== undefined) stage.number = def.number;
  if (def.note) stage.note = def.note;
  if (def.lane) stage.lane = def.lane;
  const first = events[0];
  const last = events[events.length - 1];
  if (first && last) {
    stage.start = first.time;
    stage.end = last.time;
  }
  return stage;
}

export function buildWalkthrough(input: WalkthroughInput): Walkthrough {
  const stages = buildStages(input);
  const wanted = new Set<number>();
  for (const s of stages) for (const seq of s.steps) wanted.add(seq);
  return {
    title: input.title,
    stages,
    trace: input.trace.filter((e) => wanted.has(e.seq)),
    events: input.events,
    applied: input.applied,
    topology: input.topology,
  };
}

export { DEPLOYMENT_STAGES };
