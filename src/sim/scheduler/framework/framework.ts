/**
 * The framework runtime (runtime/framework.go): runs a profile's plugins at each extension
 * point in profile order, stops Filter at the first rejection, applies NormalizeScore and
 * the plugin weights, and lends itself to the plugins as their Handle.
 */
import type { EventLoop, Rng } from '../../core';
import type { Client, EventRecorder } from '../../client';
import type { SchedulerCache } from './cache';
import { CycleState, type Handle, type Listers, type NodeScore, type Plugin, type PostFilterOutput } from './interface';
import type { NodeInfo } from './nodeInfo';
import type { NodeToStatus } from './nodeToStatus';
import type { Nominator } from './nominator';
import type { PodInfo } from './podInfo';
import { isRejected, isSkip, isSuccess, Status, type MaybeStatus } from './status';
import { MAX_NODE_SCORE, MIN_NODE_SCORE } from './types';

export interface PluginSpec {
  name: string;
  /** Score weight (0 for plugins that do not score). */
  weight: number;
  create: (h: Handle) => Plugin;
}

export interface PluginScore {
  plugin: string;
  raw: number;
  normalized: number;
  weighted: number;
}

export interface NodePluginScores {
  name: string;
  scores: PluginScore[];
  total: number;
}

export interface HandleDeps {
  schedulerName: string;
  cache: SchedulerCache;
  listers: Listers;
  client: Client;
  recorder: EventRecorder;
  rng: Rng;
  loop: EventLoop;
  nominator: Nominator;
}

export interface PreFilterRun {
  /** Nodes to filter; undefined means all. */
  nodeNames?: Set<string>;
  status: MaybeStatus;
  unschedulablePlugins: Set<string>;
}

export class Framework implements Handle {
  readonly plugins: Plugin[];
  readonly weights = new Map<string, number>();
  readonly schedulerName: string;
  readonly cache: SchedulerCache;
  readonly listers: Listers;
  readonly client: Client;
  readonly recorder: EventRecorder;
  readonly rng: Rng;
  readonly loop: EventLoop;
  readonly nominator: Nominator;

  constructor(specs: readonly PluginSpec[], deps: HandleDeps) {
    this.schedulerName = deps.schedulerName;
    this.cache = deps.cache;
    this.listers = deps.listers;
    this.client = deps.client;
    this.recorder = deps.recorder;
    this.rng = deps.rng;
    this.loop = deps.loop;
    this.nominator = deps.nominator;
    this.plugins = specs.map((s) => s.create(this));
    for (const s of specs) this.weights.set(s.name, s.weight);
    this.filters = this.plugins.filter((p) => p.filter);
    this.scorers = this.plugins.filter((p) => p.score);
  }

  private readonly filters: Plugin[];
  private readonly scorers: Plugin[];

  get filterPlugins(): Plugin[] {
    return this.filters;
  }

  get scorePlugins(): Plugin[] {
    return this.scorers;
  }

  get hasPostFilterPlugins(): boolean {
    return this.plugins.some((p) => p.postFilter);
  }

  runPreFilterPlugins(state: CycleState, pod: PodInfo): PreFilterRun {
    let nodeNames: Set<string> | undefined;
    const withNodes: string[] = [];
    const unschedulablePlugins = new Set<string>();
    for (const p of this.plugins) {
      if (!p.preFilter) continue;
      const out = p.preFilter(state, pod);
      const s = out.status;
      if (isSkip(s)) {
        state.skipFilterPlugins.add(p.name);
        continue;
      }
      if (!isSuccess(s)) {
        const st = (s as Status).withPlugin(p.name);
        if (isRejected(st)) return { status: st, unschedulablePlugins: new Set([p.name]) };
        return { status: Status.error(`running PreFilter plugin "${p.name}": ${st.message()}`), unschedulablePlugins };
      }
      if (out.result?.nodeNames) {
        withNodes.push(p.name);
        const mine = out.result.nodeNames;
        nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => mine.has(n))) : new Set(mine);
        if (nodeNames.size === 0) {
          const msg =
            withNodes.length === 1
              ? `node(s) didn't satisfy plugin ${withNodes[0] ?? ''}`
              : `node(s) didn't satisfy plugin(s) [${withNodes.join(' ')}] simultaneously`;
          for (const n of withNodes) unschedulablePlugins.add(n);
          return { status: Status.unresolvable(msg).withPlugin(p.name), unschedulablePlugins };
        }
      }
    }
    for (const n of withNodes) unschedulablePlugins.add(n);
    return { nodeNames, status: null, unschedulablePlugins };
  }

  /** RunFilterPlugins: the first plugin that does not pass decides the node's status. */
  runFilterPlugins(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const skip = state.skipFilterPlugins;
    for (const p of this.filters) {
      if (skip.size > 0 && skip.has(p.name)) continue;
      const s = (p.filter as NonNullable<Plugin['filter']>)(state, pod, nodeInfo);
      if (isSuccess(s)) continue;
      const st = s as Status;
      if (!isRejected(st)) return Status.error(`running "${p.name}" filter plugin: ${st.message()}`).withPlugin(p.name);
      return st.withPlugin(p.name);
    }
    return null;
  }

  /**
   * RunFilterPluginsWithNominatedPods: filter once as if the node already held the pods
   * nominated to it with equal or higher priority, and, when that passes, once without them.
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    let status: MaybeStatus = null;
    let podsAdded = false;
    for (let i = 0; i < 2; i++) {
      let st = state;
      let ni = nodeInfo;
      if (i === 0) {
        const added = this.addGENominatedPods(state, pod, nodeInfo);
        if (added) {
          podsAdded = true;
          st = added.state;
          ni = added.nodeInfo;
        }
      } else if (!podsAdded || !isSuccess(status)) {
        break;
      }
      status = this.runFilterPlugins(st, pod, ni);
      if (!isSuccess(status) && !isRejected(status)) return status;
    }
    return status;
  }

  private addGENominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): { state: CycleState; nodeInfo: NodeInfo } | undefined {
    if (this.nominator.size === 0) return undefined;
    const nominated = this.nominator.podsForNode(nodeInfo.name).filter((np) => np.uid !== pod.uid && np.priority >= pod.priority);
    if (nominated.length === 0) return undefined;
    const st = state.clone();
    const ni = nodeInfo.clone();
    for (const np of nominated) {
      ni.addPod(np);
      this.runPreFilterExtensionAddPod(st, pod, np, ni);
    }
    return { state: st, nodeInfo: ni };
  }

  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, toAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    for (const p of this.plugins) {
      if (!p.addPod || state.skipFilterPlugins.has(p.name)) continue;
      const s = p.addPod(state, pod, toAdd, nodeInfo);
      if (!isSuccess(s)) return Status.error(`running AddPod on PreFilter plugin "${p.name}": ${(s as Status).message()}`);
    }
    return null;
  }

  runPreFilterExtensionRemovePod(state: CycleState, pod: PodInfo, toRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    for (const p of this.plugins) {
      if (!p.removePod || state.skipFilterPlugins.has(p.name)) continue;
      const s = p.removePod(state, pod, toRemove, nodeInfo);
      if (!isSuccess(s)) return Status.error(`running RemovePod on PreFilter plugin "${p.name}": ${(s as Status).message()}`);
    }
    return null;
  }

  /** RunPostFilterPlugins: the first plugin that succeeds (or errs) ends the run. */
  runPostFilterPlugins(state: CycleState, pod: PodInfo, statuses: NodeToStatus): PostFilterOutput {
    let last: PostFilterOutput = { status: Status.unschedulable() };
    const reasons: string[] = [];
    for (const p of this.plugins) {
      if (!p.postFilter) continue;
      const out = p.postFilter(state, pod, statuses);
      if (isSuccess(out.status)) return out;
      const st = out.status as Status;
      if (!isRejected(st)) return { ...out, status: st.withPlugin(p.name) };
      reasons.push(...st.reasons);
      last = { ...out, status: new Status(st.code, reasons).withPlugin(p.name) };
    }
    return last;
  }

  runPreScorePlugins(state: CycleState, pod: PodInfo, nodes: NodeInfo[]): MaybeStatus {
    for (const p of this.plugins) {
      if (!p.preScore) continue;
      const s = p.preScore(state, pod, nodes);
      if (isSkip(s)) {
        state.skipScorePlugins.add(p.name);
        continue;
      }
      if (!isSuccess(s)) return Status.error(`running PreScore plugin "${p.name}": ${(s as Status).message()}`);
    }
    return null;
  }

  /** RunScorePlugins: score, normalize, check the 0-100 range, weight, and total per node. */
  runScorePlugins(state: CycleState, pod: PodInfo, nodes: NodeInfo[]): NodePluginScores[] {
    const out: NodePluginScores[] = nodes.map((n) => ({ name: n.name, scores: [], total: 0 }));
    for (const p of this.scorers) {
      if (state.skipScorePlugins.has(p.name)) continue;
      const score = p.score as NonNullable<Plugin['score']>;
      const list: NodeScore[] = new Array<NodeScore>(nodes.length);
      const raw: number[] = new Array<number>(nodes.length);
      for (let i = 0; i < nodes.length; i++) {
        const ni = nodes[i] as NodeInfo;
        const v = score(state, pod, ni);
        raw[i] = v;
        list[i] = { name: ni.name, score: v };
      }
      if (p.normalizeScore) {
        const s = p.normalizeScore(state, pod, list);
        if (!isSuccess(s)) throw new Error(`running Normalize on Score plugin "${p.name}": ${(s as Status).message()}`);
      }
      const weight = this.weights.get(p.name) ?? 1;
      for (let i = 0; i < nodes.length; i++) {
        const s = (list[i] as NodeScore).score;
        if (s > MAX_NODE_SCORE || s < MIN_NODE_SCORE) {
          throw new Error(`plugin "${p.name}" returns an invalid score ${s}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`);
        }
        const node = out[i] as NodePluginScores;
        node.scores.push({ plugin: p.name, raw: raw[i] as number, normalized: s, weighted: s * weight });
        node.total += s * weight;
      }
    }
    return out;
  }

  runReservePluginsReserve(state: CycleState, pod: PodInfo, node: string): MaybeStatus {
    for (const p of this.plugins) {
      if (!p.reserve) continue;
      const s = p.reserve(state, pod, node);
      if (!isSuccess(s)) return (s as Status).withPlugin(p.name);
    }
    return null;
  }

  runReservePluginsUnreserve(state: CycleState, pod: PodInfo, node: string): void {
    for (const p of [...this.plugins].reverse()) p.unreserve?.(state, pod, node);
  }

  runPermitPlugins(state: CycleState, pod: PodInfo, node: string): MaybeStatus {
    for (const p of this.plugins) {
      if (!p.permit) continue;
      const s = p.permit(state, pod, node);
      if (!isSuccess(s)) return (s as Status).withPlugin(p.name);
    }
    return null;
  }

  runPreBindPlugins(state: CycleState, pod: PodInfo, node: string): MaybeStatus {
    for (const p of this.plugins) {
      if (!p.preBind) continue;
      const s = p.preBind(state, pod, node);
      if (!isSuccess(s)) return (s as Status).withPlugin(p.name);
    }
    return null;
  }

  /** RunBindPlugins: the first binder that does not Skip binds. */
  runBindPlugins(state: CycleState, pod: PodInfo, node: string): MaybeStatus {
    for (const p of this.plugins) {
      if (!p.bind) continue;
      const s = p.bind(state, pod, node);
      if (isSkip(s)) continue;
      return isSuccess(s) ? null : (s as Status).withPlugin(p.name);
    }
    return Status.skip();
  }

  runPostBindPlugins(state: CycleState, pod: PodInfo, node: string): void {
    for (const p of this.plugins) p.postBind?.(state, pod, node);
  }
}

export { CycleState };
