/**
 * Messages between the extension host and the walkthrough panel (webview), named
 * noun/didVerb, and the runtime guards each side runs on what it receives: the host drops
 * any inbound message that fails `isWebviewMessage`, the webview any that fails
 * `isHostMessage`. Plain data only; imported by src/host and webview alike.
 */
import { CHANNELS, type ObjectRef, type TraceEvent } from './trace';
import type { EventRow, Stage, Topology, Walkthrough } from './workflow';

/** Where the replay stands: a step inside a stage (the same seq may sit in two stages). */
export interface StepPosition {
  stageId: string;
  seq: number;
}

// ---- host -> webview -------------------------------------------------------------------

/** A walkthrough to show, and optionally where to resume. */
export interface WalkthroughDidLoad {
  type: 'walkthrough/didLoad';
  walkthrough: Walkthrough;
  position?: StepPosition;
}

export type HostMessage = WalkthroughDidLoad;

// ---- webview -> host -------------------------------------------------------------------

/** The webview's script is running and listens: the host answers with walkthrough/didLoad. */
export interface WebviewReady {
  type: 'webview/ready';
}

/** The person (or the player) moved to another step. */
export interface StepDidSelect {
  type: 'step/didSelect';
  stageId: string;
  seq: number;
}

/** Something went wrong inside the webview; the host logs it. */
export interface WebviewDidError {
  type: 'webview/didError';
  message: string;
}

export type WebviewMessage = WebviewReady | StepDidSelect | WebviewDidError;

/** What the webview keeps with setState, handed back to the host's serializer on reload. */
export interface PanelState {
  version: 1;
  walkthrough: Walkthrough;
  position?: StepPosition;
}

// ---- guards ----------------------------------------------------------------------------

/** Longest string the host accepts from the webview (ids, error texts). */
export const MAX_INBOUND_STRING = 4096;

type Rec = Record<string, unknown>;

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isString(value: unknown): value is string {
  return typeof value === 'string';
}
function isOptString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}
function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
function isOptNumber(value: unknown): boolean {
  return value === undefined || isFiniteNumber(value);
}
function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isString);
}
function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_INBOUND_STRING;
}

export function isStepPosition(value: unknown): value is StepPosition {
  return isRecord(value) && isShortString(value.stageId) && isSeq(value.seq);
}

export function isObjectRef(value: unknown): value is ObjectRef {
  return (
    isRecord(value) &&
    isString(value.kind) &&
    isString(value.name) &&
    isOptString(value.apiVersion) &&
    isOptString(value.namespace) &&
    isOptString(value.uid)
  );
}

export function isTraceEvent(value: unknown): value is TraceEvent {
  return (
    isRecord(value) &&
    isSeq(value.seq) &&
    isFiniteNumber(value.time) &&
    isString(value.from) &&
    isString(value.to) &&
    isString(value.channel) &&
    (CHANNELS as readonly string[]).includes(value.channel) &&
    isString(value.summary) &&
    isOptString(value.verb) &&
    isOptString(value.path) &&
    isOptString(value.resourceVersion) &&
    (value.ref === undefined || isObjectRef(value.ref)) &&
    (value.cause === undefined || isSeq(value.cause)) &&
    isOptNumber(value.code)
  );
}

const STAGE_STATUSES: readonly string[] = ['done', 'failed', 'skipped'];

export function isStage(value: unknown): value is Stage {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isOptNumber(value.number) &&
    isString(value.title) &&
    isString(value.explanation) &&
    isStringArray(value.components) &&
    Array.isArray(value.steps) &&
    value.steps.every(isSeq) &&
    isOptNumber(value.start) &&
    isOptNumber(value.end) &&
    isString(value.status) &&
    STAGE_STATUSES.includes(value.status) &&
    isOptString(value.note) &&
    isOptString(value.lane)
  );
}

export function isEventRow(value: unknown): value is EventRow {
  return (
    isRecord(value) &&
    isFiniteNumber(value.lastSeen) &&
    isString(value.type) &&
    isString(value.reason) &&
    isString(value.object) &&
    isString(value.message) &&
    isString(value.source) &&
    isFiniteNumber(value.count)
  );
}

export function isTopology(value: unknown): value is Topology {
  return (
    isRecord(value) &&
    isString(value.controlPlane) &&
    isStringArray(value.controllers) &&
    Array.isArray(value.nodes) &&
    value.nodes.every(
      (n) =>
        isRecord(n) &&
        isString(n.name) &&
        (n.role === 'control-plane' || n.role === 'worker') &&
        typeof n.ready === 'boolean',
    )
  );
}

/** Deep check of a walkthrough's shape (not of its meaning: stages may name unknown seqs). */
export function isWalkthrough(value: unknown): value is Walkthrough {
  return (
    isRecord(value) &&
    isString(value.title) &&
    Array.isArray(value.stages) &&
    value.stages.every(isStage) &&
    Array.isArray(value.trace) &&
    value.trace.every(isTraceEvent) &&
    Array.isArray(value.events) &&
    value.events.every(isEventRow) &&
    Array.isArray(value.applied) &&
    value.applied.every(isObjectRef) &&
    isTopology(value.topology)
  );
}

/** Guard the host runs on every message the webview posts. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isRecord(value) || !isString(value.type)) return false;
  switch (value.type) {
    case 'webview/ready':
      return true;
    case 'step/didSelect':
      return isShortString(value.stageId) && isSeq(value.seq);
    case 'webview/didError':
      return isShortString(value.message);
    default:
      return false;
  }
}

/** Guard the webview runs on every message the host posts. */
export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value) || value.type !== 'walkthrough/didLoad') return false;
  return isWalkthrough(value.walkthrough) && (value.position === undefined || isStepPosition(value.position));
}

/** Guard for the state the serializer gets back after a reload. */
export function isPanelState(value: unknown): value is PanelState {
  return (
    isRecord(value) &&
    value.version === 1 &&
    isWalkthrough(value.walkthrough) &&
    (value.position === undefined || isStepPosition(value.position))
  );
}
