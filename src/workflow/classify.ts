/**
 * Puts each trace event of an apply into the stage it belongs to, by who talked to whom
 * about what, and by what caused it: a step with no rule of its own belongs where its
 * cause does.
 */
import type { TraceEvent } from '../protocol/trace';

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SERVICE_KINDS = new Set(['Service', 'Endpoints', 'EndpointSlice']);
/** Kinds a person applies that a controller turns into pods (or into the next level down). */
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet']);
const SERVICE_COMPONENTS = new Set(['endpoints-controller', 'endpoint-controller', 'endpointslice-controller', 'endpointslicemirroring-controller']);

export type StageKey = string | undefined;

function isKubelet(c: string): boolean {
  return c.startsWith('kubelet/');
}

function isProxy(c: string): boolean {
  return c.startsWith('kube-proxy/');
}

/** The stage of an HTTP request event, and the stage of the server-side work it sets off. */
function requestStages(e: TraceEvent): { request: StageKey; pipeline: StageKey } {
  const kind = e.ref?.kind ?? '';
  const from = e.from;
  const status = (e.path ?? '').endsWith('/status');
  if (kind === 'Event') return { request: 'hidden', pipeline: 'hidden' };
  if (from === 'kubectl') {
    if (!WRITE.has(e.verb ?? '')) return { request: '1', pipeline: '1' };
    return { request: '2', pipeline: SERVICE_KINDS.has(kind) ? '3' : '3' };
  }
  if (SERVICE_KINDS.has(kind) || SERVICE_COMPONENTS.has(from) || isProxy(from)) return { request: 'service', pipeline: 'service' };
  if (status && from.endsWith('-controller')) return { request: '10', pipeline: '10' };
  // A controller making the object one level down: Deployment -> ReplicaSet, CronJob -> Job.
  if ((from === 'deployment-controller' && kind === 'ReplicaSet') || (from === 'cronjob-controller' && kind === 'Job')) {
    return { request: '5', pipeline: '5' };
  }
  if (from.endsWith('-controller') && kind === 'Pod') {
    return e.verb === 'POST' ? { request: '6', pipeline: '7' } : { request: '6', pipeline: '6' };
  }
  if (from === 'deployment-controller') return { request: '5', pipeline: '5' };
  if (from === 'default-scheduler') return { request: '8', pipeline: '8' };
  if (isKubelet(from)) return { request: '10', pipeline: '10' };
  return { request: undefined, pipeline: undefined };
}

export class Classifier {
  private stageOf = new Map<number, StageKey>();
  /** Steps that belong to a stage for what they cause, but are not worth showing themselves. */
  private quiet = new Set<number>();
  /** For requests: the stage their server-side pipeline belongs to. */
  private pipelineOf = new Map<number, StageKey>();
  private events = new Map<number, TraceEvent>();
  /** Workload kinds the apply itself created: their first ADDED notification is stage 4. */
  private readonly applied: Set<string>;
  private seen = new Set<string>();

  constructor(appliedKinds: readonly string[] = []) {
    this.applied = new Set(appliedKinds);
  }

  private firstSeen(kind: string): boolean {
    if (!this.applied.has(kind) || this.seen.has(kind)) return false;
    this.seen.add(kind);
    return true;
  }

  classify(e: TraceEvent): StageKey {
    this.events.set(e.seq, e);
    const inherited = e.cause !== undefined ? this.inherit(e.cause) : undefined;
    let stage: StageKey;
    switch (e.channel) {
      case 'http-request': {
        const s = requestStages(e);
        stage = s.request ?? inherited;
        this.pipelineOf.set(e.seq, s.pipeline ?? stage);
        break;
      }
      case 'watch': {
        const own = this.watchStage(e);
        if (own === undefined) this.quiet.add(e.seq);
        stage = own ?? inherited;
        break;
      }
      case 'schedule':
        stage = '8';
        break;
      case 'cri':
        stage = '9';
        break;
      case 'proxy-rule':
        stage = 'service';
        break;
      case 'queue':
      case 'reconcile':
        // The endpoints controllers react to pods too, but what they do belongs to the Service.
        stage = SERVICE_COMPONENTS.has(e.to) || SERVICE_COMPONENTS.has(e.from) ? 'service' : inherited;
        break;
      case 'event':
        stage = this.eventStage(e) ?? inherited;
        break;
      default:
        stage = inherited;
    }
    if (stage === undefined && e.ref && SERVICE_KINDS.has(e.ref.kind)) stage = 'service';
    this.stageOf.set(e.seq, stage);
    return stage;
  }

  /** False for background notifications: components hearing of changes they only note. */
  visible(seq: number): boolean {
    return !this.quiet.has(seq);
  }

  /** Where the consequences of event `seq` belong: a request's pipeline, else its own stage. */
  private inherit(seq: number): StageKey {
    if (this.pipelineOf.has(seq)) return this.pipelineOf.get(seq);
    return this.stageOf.get(seq);
  }

  private watchStage(e: TraceEvent): StageKey {
    const kind = e.ref?.kind ?? '';
    if (SERVICE_KINDS.has(kind)) return isProxy(e.to) || e.to === 'kube-controller-manager' ? 'service' : undefined;
    if (isProxy(e.to)) return undefined;
    if (e.to === 'kube-controller-manager') {
      if (e.verb !== 'ADDED') return undefined;
      if (WORKLOADS.has(kind) && this.firstSeen(kind)) return '4';
      if (kind === 'ReplicaSet' || kind === 'Job') return '6';
      return undefined;
    }
    if (e.to === 'default-scheduler' && kind === 'Pod' && e.verb === 'ADDED') return '7';
    if (isKubelet(e.to) && kind === 'Pod' && e.verb === 'ADDED') return '9';
    return undefined;
  }

  private eventStage(e: TraceEvent): StageKey {
    if (e.from === 'deployment-controller' || e.from === 'cronjob-controller') return '5';
    if (e.from.endsWith('-controller') && !SERVICE_COMPONENTS.has(e.from)) return '6';
    if (e.from === 'default-scheduler') return '8';
    if (isKubelet(e.from)) return '9';
    if (SERVICE_COMPONENTS.has(e.from)) return 'service';
    return undefined;
  }
}
