/**
 * Geometry of the cluster drawing, computed from the topology and the component ids the
 * trace uses: kubectl and the scheduling queue on top, the control-plane node (etcd,
 * kube-apiserver, default-scheduler, kube-controller-manager with its controllers, add-ons),
 * then worker nodes in rows of up to three. Pure: no DOM; units are viewBox units.
 */
import type { Topology } from '../../src/protocol/workflow';
import { NODE_AGENTS } from './highlight';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Shape = 'box' | 'cylinder' | 'chip' | 'person' | 'frame';

export interface CompBox extends Rect {
  id: string;
  label: string;
  sub?: string;
  shape: Shape;
}

export interface Frame extends Rect {
  id: string;
  label: string;
  sub: string;
  kind: 'control-plane' | 'worker' | 'manager' | 'queue';
  ready: boolean;
}

export interface Layout {
  width: number;
  height: number;
  components: Map<string, CompBox>;
  frames: Frame[];
  /** Where each node's pods go (worker nodes, and the control plane if pods land there). */
  podAreas: Map<string, Rect>;
  /** Pods stored but not bound to a node yet. */
  queueArea: Rect;
  pod: { w: number; h: number; gap: number };
}

/** Narrowest drawing: below this the panel scrolls sideways instead of squeezing text. */
export const MIN_WIDTH = 680;
const M = 16;
const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, Math.round(v)));
const POD = { w: 120, h: 34, gap: 8 };
const AGENTS = NODE_AGENTS;
const AGENT_SUB: Record<(typeof AGENTS)[number], string> = {
  kubelet: 'node agent',
  containerd: 'container runtime',
  'kube-proxy': 'Service rules',
};
const KNOWN_SUB: Record<string, string> = { coredns: 'cluster DNS' };

/** Rows of pod chips a place reserves at most; more pods fold into a "+N more" chip. */
const MAX_ROWS = { queue: 2, node: 3 };

function flowHeight(count: number, width: number, maxRows = Number.POSITIVE_INFINITY): number {
  const perRow = Math.max(1, Math.floor((width + POD.gap) / (POD.w + POD.gap)));
  const rows = Math.max(1, Math.min(maxRows, Math.ceil(count / perRow)));
  return rows * (POD.h + POD.gap) - POD.gap;
}

/**
 * `ids` are all component ids the trace names; `podCounts` the most pods each node (and
 * '' for the queue) ever holds, so that the drawing does not jump while replaying. `width`
 * is the drawing's width in CSS pixels: one unit is one pixel, so text keeps its size.
 */
export function computeLayout(topology: Topology, ids: ReadonlySet<string>, podCounts: ReadonlyMap<string, number>, width = 1000): Layout {
  const WIDTH = Math.max(MIN_WIDTH, Math.round(width));
  const components = new Map<string, CompBox>();
  const frames: Frame[] = [];
  const podAreas = new Map<string, Rect>();
  const add = (box: CompBox): void => void components.set(box.id, box);
  const cp = topology.controlPlane;
  const workers = topology.nodes.filter((n) => n.role === 'worker');
  const nodeNames = new Set(topology.nodes.map((n) => n.name));

  const controllers = [...topology.controllers];
  for (const id of ids) if (id.endsWith('-controller') && !controllers.includes(id)) controllers.push(id);
  const placed = (id: string): boolean => {
    if (['kubectl', 'kube-apiserver', 'etcd', 'default-scheduler', 'kube-controller-manager'].includes(id)) return true;
    if (controllers.includes(id)) return true;
    const [agent, node] = id.split('/');
    return node !== undefined && (AGENTS as readonly string[]).includes(agent ?? '') && workers.some((w) => w.name === node);
  };
  // The control plane's own node agents first (in the workers' order), then other add-ons.
  const agentRank = (id: string): number => {
    const k = (AGENTS as readonly string[]).indexOf(id.split('/')[0] ?? '');
    return id.includes('/') && k >= 0 ? k : AGENTS.length;
  };
  const addons = [...ids]
    .filter((id) => !placed(id) && !(AGENTS as readonly string[]).includes(id))
    .sort((a, b) => agentRank(a) - agentRank(b) || a.localeCompare(b));

  // columns inside the control-plane box
  const gap = clamp(WIDTH * 0.05, 28, 80);
  const colL = { x: M + 16, w: clamp(WIDTH * 0.17, 124, 220) };
  const colM = { x: colL.x + colL.w + gap, w: clamp(WIDTH * 0.25, 184, 320) };
  const colR = { x: colM.x + colM.w + gap, w: WIDTH - M - 16 - (colM.x + colM.w + gap) };

  // top band: kubectl above the API server, the scheduling queue above the scheduler
  const queueCount = podCounts.get('') ?? 0;
  const queueInner = colR.w - 24;
  const queueH = 26 + flowHeight(Math.max(1, queueCount), queueInner, MAX_ROWS.queue) + 10;
  const top = 12;
  add({ id: 'kubectl', label: 'kubectl', sub: 'you', shape: 'person', x: colM.x + colM.w / 2 - 80, y: top, w: 160, h: 48 });
  const queue: Frame = { id: 'queue', label: 'Unscheduled pods', sub: 'no spec.nodeName yet', kind: 'queue', ready: true, x: colR.x, y: top, w: colR.w, h: queueH };
  frames.push(queue);
  const queueArea = { x: queue.x + 12, y: queue.y + 26, w: queueInner, h: queueH - 36 };

  // control-plane node
  const cpY = top + Math.max(48, queueH) + 34;
  const rowA = cpY + 40;
  add({ id: 'etcd', label: 'etcd', sub: 'key-value store', shape: 'cylinder', x: colL.x, y: rowA - 4, w: colL.w, h: 68 });
  add({ id: 'kube-apiserver', label: 'kube-apiserver', sub: 'REST API, admission, watch', shape: 'box', x: colM.x, y: rowA, w: colM.w, h: 60 });
  add({ id: 'default-scheduler', label: 'default-scheduler', sub: 'kube-scheduler', shape: 'box', x: colR.x, y: rowA, w: colR.w, h: 60 });

  const rowB = rowA + 60 + 44;
  // Controller names run to ~28 characters: fewer chip columns rather than clipped names.
  const chipCols = Math.max(1, Math.min(3, Math.floor((colR.w - 24 + 8) / (104 + 8))));
  const chipW = (colR.w - 24 - (chipCols - 1) * 8) / chipCols;
  const chipRows = Math.max(1, Math.ceil(controllers.length / chipCols));
  const managerH = 30 + chipRows * 34 - 8 + 12;
  const manager: Frame = { id: 'kube-controller-manager', label: 'kube-controller-manager', sub: 'controllers', kind: 'manager', ready: true, x: colR.x, y: rowB, w: colR.w, h: managerH };
  frames.push(manager);
  add({ id: 'kube-controller-manager', label: 'kube-controller-manager', shape: 'frame', x: manager.x, y: manager.y, w: manager.w, h: manager.h });
  controllers.forEach((id, k) => {
    // The frame says these are controllers; the chip keeps the distinctive part of the name.
    add({ id, label: id.replace(/-controller$/, ''), sub: id, shape: 'chip', x: colR.x + 12 + (k % chipCols) * (chipW + 8), y: rowB + 30 + Math.floor(k / chipCols) * 34, w: chipW, h: 26 });
  });
  let leftY = rowB;
  for (const id of addons) {
    const [agent, node] = id.split('/');
    const sub = node && nodeNames.has(node) ? `on ${node}` : KNOWN_SUB[id] ?? 'add-on';
    add({ id, label: node && nodeNames.has(node) ? agent ?? id : id, sub, shape: 'box', x: colL.x, y: leftY, w: colL.w, h: 40 });
    leftY += 50;
  }
  const cpPods = podCounts.get(cp) ?? 0;
  if (cpPods > 0) {
    const h = flowHeight(cpPods, colL.w + colM.w, MAX_ROWS.node);
    podAreas.set(cp, { x: colL.x, y: leftY + 16, w: colL.w + colM.w + 40, h });
    leftY += h + 26;
  }
  const cpBottom = Math.max(rowB + managerH, leftY - 10, rowB + 40) + 16;
  const cpNode = topology.nodes.find((n) => n.name === cp);
  frames.unshift({ id: `node/${cp}`, label: cp, sub: 'control-plane node', kind: 'control-plane', ready: cpNode?.ready ?? true, x: M, y: cpY, w: WIDTH - 2 * M, h: cpBottom - cpY });

  // worker nodes, up to three per row
  let y = cpBottom + 40;
  const fit = Math.max(1, Math.floor((WIDTH - 2 * M + 16) / (300 + 16)));
  const cols = Math.min(fit, workers.length <= 3 ? Math.max(1, workers.length) : workers.length === 4 ? 2 : 3);
  const nodeW = (WIDTH - 2 * M - (cols - 1) * 16) / cols;
  for (let start = 0; start < workers.length; start += cols) {
    const row = workers.slice(start, start + cols);
    const inner = nodeW - 24;
    const most = Math.max(1, ...row.map((n) => podCounts.get(n.name) ?? 0));
    const podsH = flowHeight(most, inner, MAX_ROWS.node);
    const nodeH = 34 + 46 + 30 + podsH + 14;
    row.forEach((node, k) => {
      const x = M + k * (nodeW + 16);
      frames.push({ id: `node/${node.name}`, label: node.name, sub: 'worker node', kind: 'worker', ready: node.ready, x, y, w: nodeW, h: nodeH });
      const agentW = (inner - 2 * 10) / 3;
      AGENTS.forEach((agent, a) => {
        add({ id: `${agent}/${node.name}`, label: agent, sub: AGENT_SUB[agent], shape: 'box', x: x + 12 + a * (agentW + 10), y: y + 34, w: agentW, h: 46 });
      });
      podAreas.set(node.name, { x: x + 12, y: y + 34 + 46 + 30, w: inner, h: podsH });
    });
    y += nodeH + 16;
  }
  return { width: WIDTH, height: y + 8, components, frames, podAreas, queueArea, pod: POD };
}

/** How many pod chips fit inside `area`. */
export function podCapacity(area: Rect): number {
  const perRow = Math.max(1, Math.floor((area.w + POD.gap) / (POD.w + POD.gap)));
  const rows = Math.max(1, Math.floor((area.h + POD.gap) / (POD.h + POD.gap)));
  return perRow * rows;
}

/** Slots for `count` pods flowing left to right, top to bottom, inside `area`. */
export function podSlots(area: Rect, count: number): Rect[] {
  const perRow = Math.max(1, Math.floor((area.w + POD.gap) / (POD.w + POD.gap)));
  const slots: Rect[] = [];
  for (let k = 0; k < count; k += 1) {
    slots.push({ x: area.x + (k % perRow) * (POD.w + POD.gap), y: area.y + Math.floor(k / perRow) * (POD.h + POD.gap), w: POD.w, h: POD.h });
  }
  return slots;
}

/**
 * A pod name short enough for its chip: "nginx-deployment-7c79c4bf97-x7k2p" -> "nginx-…-x7k2p".
 * A static pod is named after its node ("kube-apiserver-control-plane"): on that node the
 * suffix says nothing, so "kube-apiserver" is what the chip shows.
 */
export function shortPodName(name: string, node?: string): string {
  const base = node && name.endsWith(`-${node}`) && name.length > node.length + 1 ? name.slice(0, -(node.length + 1)) : name;
  if (base.length <= 15) return base;
  const parts = base.split('-');
  const last = parts[parts.length - 1] ?? '';
  return `${parts[0] ?? ''}-…-${last}`;
}
