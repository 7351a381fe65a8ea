// What a box says, line by line: a header (the op, the leaf's role, or what a group holds), the label,
// and the data and grad rows. The layout sizes boxes from the longest text a box will ever show, so the
// layout is done once and stepping only changes text.
import type { ComputationGraph, GraphNode } from '../../expr';
import { formatSummary } from './format';
import type { Box } from './graphView';

/** Longest label a box shows in full; the rest is in its tooltip and the details pane. */
export const LABEL_CHARS = 36;

export function truncate(text: string, max = LABEL_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function boxHeader(box: Box, nodes: Map<string, GraphNode>): string {
  const shown = nodes.get(box.shown) as GraphNode;
  if (box.kind === 'line') return `line ${box.line} · ${box.members.length} nodes`;
  if (box.kind === 'chain') {
    const ops = box.members.map((m) => nodes.get(m)?.op ?? '?');
    return `${ops.length} ops: ${ops.join(' → ')}`;
  }
  return shown.role === 'op' ? (shown.op ?? 'op') : shown.role;
}

export function boxLabel(box: Box, nodes: Map<string, GraphNode>): string {
  return truncate((nodes.get(box.shown) as GraphNode).label);
}

export const DATA_PREFIX = 'data ';
export const GRAD_PREFIX = 'grad ';

/** The longest data and grad rows the box's node can show over all steps (for the box's width). */
export function longestRows(graph: ComputationGraph, id: string, node: GraphNode): string[] {
  const rows = [DATA_PREFIX + formatSummary(node.data), GRAD_PREFIX + '—'];
  if (node.grad) rows.push(GRAD_PREFIX + formatSummary(node.grad));
  for (const step of graph.backward) if (step.node === id) rows.push(`${GRAD_PREFIX}${formatSummary(step.total)} (+=)`);
  return rows;
}
