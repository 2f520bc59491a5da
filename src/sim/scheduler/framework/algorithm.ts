/**
 * schedulePod (schedule_one.go): PreFilter, then Filter over the nodes from where the last
 * cycle stopped until enough feasible nodes are found (percentageOfNodesToScore, adaptive:
 * 50% - nodes/125, at least 5% and 100 nodes), then PreScore/Score and selectHost, which
 * breaks ties among the best by reservoir sampling with the seeded generator.
 */
import type { Rng } from '../../core';
import { Diagnosis, ERR_NO_NODES_AVAILABLE, FitError } from './fitError';
import type { Framework, NodePluginScores } from './framework';
import type { CycleState } from './interface';
import type { NodeInfo } from './nodeInfo';
import type { PodInfo } from './podInfo';
import { isRejected, isSuccess, Status, type MaybeStatus } from './status';

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** What one attempt saw, for the trace's explanation. */
export interface AttemptRecord {
  totalNodes: number;
  preFilterStatus?: Status;
  /** Nodes Filter ran on, in order, with the status of the ones that did not pass. */
  evaluated: { node: NodeInfo; status: MaybeStatus }[];
  scores?: NodePluginScores[];
}

export interface ScheduleResult {
  suggestedHost: string;
  evaluatedNodes: number;
  feasibleNodes: number;
}

export type ScheduleOutcome =
  | { kind: 'ok'; result: ScheduleResult; record: AttemptRecord }
  | { kind: 'fit'; fitError: FitError; record: AttemptRecord }
  | { kind: 'error'; status: Status; record: AttemptRecord };

/** numFeasibleNodesToFind. */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/** selectHost: the highest total; among equals each is kept with probability 1/count seen. */
export function selectHost(scores: readonly NodePluginScores[], rng: Rng): string {
  let best = scores[0] as NodePluginScores;
  let count = 1;
  for (let i = 1; i < scores.length; i++) {
    const s = scores[i] as NodePluginScores;
    if (s.total > best.total) {
      best = s;
      count = 1;
    } else if (s.total === best.total) {
      count++;
      if (rng.int(count) === 0) best = s;
    }
  }
  return best.name;
}

export class Algorithm {
  nextStartNodeIndex = 0;

  constructor(
    private readonly fwk: Framework,
    private readonly rng: Rng,
    readonly percentageOfNodesToScore = 0,
  ) {}

  schedulePod(state: CycleState, pod: PodInfo): ScheduleOutcome {
    const all = this.fwk.cache.nodeList();
    const record: AttemptRecord = { totalNodes: all.length, evaluated: [] };
    if (all.length === 0) return { kind: 'error', status: Status.unresolvable(ERR_NO_NODES_AVAILABLE), record };
    const d = new Diagnosis();
    const feasible = this.findNodesThatFitPod(state, pod, all, d, record);
    if (feasible instanceof Status) return { kind: 'error', status: feasible, record };
    if (feasible.length === 0) return { kind: 'fit', fitError: new FitError(all.length, d), record };
    const evaluatedNodes = feasible.length + d.nodeToStatus.size;
    if (feasible.length === 1) {
      return { kind: 'ok', result: { suggestedHost: (feasible[0] as NodeInfo).name, evaluatedNodes, feasibleNodes: 1 }, record };
    }
    const pre = this.fwk.runPreScorePlugins(state, pod, feasible);
    if (!isSuccess(pre)) return { kind: 'error', status: pre as Status, record };
    let scores: NodePluginScores[];
    try {
      scores = this.fwk.runScorePlugins(state, pod, feasible);
    } catch (err) {
      return { kind: 'error', status: Status.error(err instanceof Error ? err.message : String(err)), record };
    }
    record.scores = scores;
    return { kind: 'ok', result: { suggestedHost: selectHost(scores, this.rng), evaluatedNodes, feasibleNodes: feasible.length }, record };
  }

  private findNodesThatFitPod(state: CycleState, pod: PodInfo, all: NodeInfo[], d: Diagnosis, record: AttemptRecord): NodeInfo[] | Status {
    const pre = this.fwk.runPreFilterPlugins(state, pod);
    d.unschedulablePlugins = pre.unschedulablePlugins;
    if (!isSuccess(pre.status)) {
      const s = pre.status as Status;
      record.preFilterStatus = s;
      if (!isRejected(s)) return s;
      d.nodeToStatus.absentNodesStatus = s;
      d.preFilterMsg = s.message();
      d.addPluginStatus(s);
      return [];
    }
    // A nominated node (from an earlier preemption) is likely the only fit: try it first.
    const nominated = pod.pod.status?.nominatedNodeName;
    if (nominated) {
      const ni = this.fwk.cache.get(nominated);
      if (ni) {
        const fit = this.passFilters(state, pod, d, [ni], record);
        if (!(fit instanceof Status) && fit.length > 0) return fit;
      }
    }
    let nodes = all;
    if (pre.nodeNames) {
      nodes = [...pre.nodeNames].map((n) => this.fwk.cache.get(n)).filter((n): n is NodeInfo => !!n);
      d.nodeToStatus.absentNodesStatus = Status.unresolvable(`node(s) didn't satisfy plugin(s) [${[...pre.unschedulablePlugins].sort().join(' ')}]`);
    }
    const feasible = this.passFilters(state, pod, d, nodes, record);
    const processed = (feasible instanceof Status ? 0 : feasible.length) + d.nodeToStatus.size;
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % all.length;
    return feasible;
  }

  /** findNodesThatPassFilters. */
  private passFilters(state: CycleState, pod: PodInfo, d: Diagnosis, nodes: NodeInfo[], record: AttemptRecord): NodeInfo[] | Status {
    const numAll = nodes.length;
    const toFind = numFeasibleNodesToFind(numAll, this.percentageOfNodesToScore);
    const feasible: NodeInfo[] = [];
    for (let i = 0; i < numAll && feasible.length < toFind; i++) {
      const ni = nodes[(this.nextStartNodeIndex + i) % numAll] as NodeInfo;
      const s = this.fwk.runFilterPluginsWithNominatedPods(state, pod, ni);
      record.evaluated.push({ node: ni, status: s });
      if (isSuccess(s)) {
        feasible.push(ni);
        continue;
      }
      const st = s as Status;
      if (st.code === 'Error') return st;
      d.nodeToStatus.set(ni.name, st);
      d.addPluginStatus(st);
    }
    return feasible;
  }
}
