/**
 * Which components the drawing has, and which of them a stage lights. Stages name
 * components the way the documentation speaks ("the kubelet", "the container runtime"),
 * the trace names the one on each node ("kubelet/worker-1"): a bare agent name stands for
 * the stage's own per-node agents, or for every drawn one when the stage names none.
 * Pure: no DOM.
 */
import type { TraceEvent } from '../../src/protocol/trace';
import type { Stage } from '../../src/protocol/workflow';

/** Node agents that exist once per node and appear in the trace as "<agent>/<node>". */
export const NODE_AGENTS = ['kubelet', 'containerd', 'kube-proxy'] as const;

const isBareAgent = (id: string): boolean => (NODE_AGENTS as readonly string[]).includes(id);

/**
 * The component ids worth a box: whoever sent or received something in the trace, plus
 * kubectl. Names that only a stage's description uses (a bare "kubelet") get no box of
 * their own: they are categories, not components.
 */
export function drawnIds(trace: readonly TraceEvent[]): Set<string> {
  const ids = new Set<string>(['kubectl']);
  for (const e of trace) {
    for (const id of [e.from, e.to]) if (!isBareAgent(id)) ids.add(id);
  }
  return ids;
}

/** The drawn components `stage` lights (a subset of `drawn`). */
export function stageHighlights(stage: Stage, drawn: ReadonlySet<string>): Set<string> {
  const lit = new Set<string>();
  for (const id of stage.components) {
    if (drawn.has(id)) {
      lit.add(id);
    } else if (isBareAgent(id) && !stage.components.some((c) => c.startsWith(`${id}/`))) {
      for (const d of drawn) if (d.startsWith(`${id}/`)) lit.add(d);
    }
  }
  return lit;
}
