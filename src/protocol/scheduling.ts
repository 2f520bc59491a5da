/**
 * The scheduler's explanation of one scheduling cycle, carried as `detail` on trace events
 * whose channel is 'schedule'. The scheduler writes it; the panel draws it as a table of
 * nodes by filter and score plugins. Plain data only (JSON-safe).
 */

/** Framework status codes as the scheduler reports them (framework.Code's String()). */
export type FilterStatus =
  | 'Success'
  | 'Error'
  | 'Unschedulable'
  | 'UnschedulableAndUnresolvable'
  | 'Wait'
  | 'Skip'
  | 'Pending';

export interface FilterResult {
  /** Plugin name as upstream spells it: NodeName, NodeUnschedulable, TaintToleration ... */
  plugin: string;
  status: FilterStatus;
  /** The plugin's reason, e.g. "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }". */
  reason?: string;
}

export interface ScoreResult {
  plugin: string;
  /** What the plugin returned. */
  raw: number;
  /** After NormalizeScore, 0..100. */
  normalized: number;
  /** normalized times the plugin's weight. */
  weighted: number;
}

export interface NodeDecision {
  node: string;
  filters: FilterResult[];
  scores?: ScoreResult[];
  /** Sum of the weighted scores. */
  total?: number;
  /** True when every filter passed. */
  feasible: boolean;
}

export interface SchedulingDetail {
  /** namespace/name of the pod. */
  pod: string;
  nodes: NodeDecision[];
  /** The node chosen; absent when the pod stays unschedulable. */
  selected?: string;
  // The fields below are optional context the scheduler adds; readers may ignore them.
  /** Scheduled, Unschedulable (no node fits) or Error. */
  outcome?: 'Scheduled' | 'Unschedulable' | 'Error';
  /** The pod's scheduling attempt, from 1. */
  attempt?: number;
  /** Nodes in the cluster, nodes the filters ran on, and nodes that passed them. */
  totalNodes?: number;
  evaluatedNodes?: number;
  feasibleNodes?: number;
  /**
   * Nodes left out of `nodes` to keep the explanation small in big clusters (the list keeps
   * the best-scored feasible nodes and one node per distinct rejection).
   */
  omitted?: { feasible: number; infeasible: number };
  /** Filter plugins in the order they run; score plugins with their weights. */
  filterPlugins?: string[];
  scorePlugins?: { plugin: string; weight: number }[];
  /** A PreFilter plugin that rejected the pod for every node, or Skip results. */
  preFilter?: FilterResult[];
  /** Why no node fits, as in the FailedScheduling event (0/3 nodes are available: ...). */
  message?: string;
  /** How many nodes gave each rejection reason. */
  reasons?: { reason: string; count: number }[];
  /** Preemption: the node nominated for the pod and the pods evicted for it (namespace/name). */
  nominatedNode?: string;
  victims?: string[];
}

const FILTER_STATUSES: readonly string[] = [
  'Success', 'Error', 'Unschedulable', 'UnschedulableAndUnresolvable', 'Wait', 'Skip', 'Pending',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isFilterResult(value: unknown): value is FilterResult {
  return (
    isRecord(value) &&
    typeof value.plugin === 'string' &&
    typeof value.status === 'string' &&
    FILTER_STATUSES.includes(value.status) &&
    (value.reason === undefined || typeof value.reason === 'string')
  );
}

function isScoreResult(value: unknown): value is ScoreResult {
  return (
    isRecord(value) &&
    typeof value.plugin === 'string' &&
    isFiniteNumber(value.raw) &&
    isFiniteNumber(value.normalized) &&
    isFiniteNumber(value.weighted)
  );
}

function isNodeDecision(value: unknown): value is NodeDecision {
  return (
    isRecord(value) &&
    typeof value.node === 'string' &&
    Array.isArray(value.filters) &&
    value.filters.every(isFilterResult) &&
    (value.scores === undefined || (Array.isArray(value.scores) && value.scores.every(isScoreResult))) &&
    (value.total === undefined || isFiniteNumber(value.total)) &&
    typeof value.feasible === 'boolean'
  );
}

const optional = (v: unknown, check: (x: unknown) => boolean): boolean => v === undefined || check(v);
const isString = (v: unknown): boolean => typeof v === 'string';

function optionalFieldsOk(value: Record<string, unknown>): boolean {
  return (
    optional(value.outcome, (v) => v === 'Scheduled' || v === 'Unschedulable' || v === 'Error') &&
    optional(value.attempt, isFiniteNumber) &&
    optional(value.totalNodes, isFiniteNumber) &&
    optional(value.evaluatedNodes, isFiniteNumber) &&
    optional(value.feasibleNodes, isFiniteNumber) &&
    optional(value.omitted, (v) => isRecord(v) && isFiniteNumber(v.feasible) && isFiniteNumber(v.infeasible)) &&
    optional(value.filterPlugins, (v) => Array.isArray(v) && v.every(isString)) &&
    optional(value.scorePlugins, (v) => Array.isArray(v) && v.every((x) => isRecord(x) && isString(x.plugin) && isFiniteNumber(x.weight))) &&
    optional(value.preFilter, (v) => Array.isArray(v) && v.every(isFilterResult)) &&
    optional(value.message, isString) &&
    optional(value.reasons, (v) => Array.isArray(v) && v.every((x) => isRecord(x) && isString(x.reason) && isFiniteNumber(x.count))) &&
    optional(value.nominatedNode, isString) &&
    optional(value.victims, (v) => Array.isArray(v) && v.every(isString))
  );
}

/** True when `value` is a well-formed SchedulingDetail (the panel ignores anything else). */
export function isSchedulingDetail(value: unknown): value is SchedulingDetail {
  return (
    isRecord(value) &&
    typeof value.pod === 'string' &&
    Array.isArray(value.nodes) &&
    value.nodes.every(isNodeDecision) &&
    (value.selected === undefined || typeof value.selected === 'string') &&
    optionalFieldsOk(value)
  );
}
