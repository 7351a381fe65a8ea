// Which boxes the panel draws for a graph. A small graph is drawn node for node. A large one (hundreds of
// nodes) would be unreadable and slow to lay out, so it is collapsed: the operations written on one source
// line become one box (with the leaves only they use), and a chain of elementwise operations becomes one
// box; the user expands a box to see its nodes. Every box knows its members, so the stepper's node maps to
// the box that shows it, and the panel says how many nodes are hidden. Pure: unit-tested without a DOM.
import type { ComputationGraph, GraphNode } from '../../expr';

/** Above this many nodes the graph starts collapsed. */
export const LARGE_GRAPH = 60;

/** Ops that act element by element, so a chain of them reads as one function of its input. */
const ELEMENTWISE = new Set([
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'neg',
  'exp',
  'log',
  'sqrt',
  'abs',
  'relu',
  'sigmoid',
  'tanh',
  'softplus',
  'sin',
  'cos',
  'powScalar',
  'clamp',
  'maximum',
  'minimum',
]);

export type BoxKind = 'node' | 'chain' | 'line';

export interface Box {
  id: string;
  kind: BoxKind;
  /** The graph's nodes this box stands for, in topological order. */
  members: string[];
  /** The member whose label, data and grad the box shows: the one the rest of the graph uses. */
  shown: string;
  line: number | null;
}

export interface BoxEdge {
  from: string; // box ids
  to: string;
  /** The graph's edges (input -> node) drawn as this one. */
  edges: { input: string; node: string }[];
}

export interface GraphView {
  boxes: Box[];
  edges: BoxEdge[];
  boxOf: Map<string, string>; // node id -> box id
  /** Nodes inside a box and not the one it shows. */
  hidden: number;
  /** Boxes that stand for more than one node. */
  groups: number;
}

const lineKey = (line: number) => `line:${line}`;

/**
 * The boxes for a graph. `expanded` holds the ids of boxes the user opened (a line's box, `line:7`, or a
 * chain's, `chain:<first node>`); `collapse: false` draws every node.
 */
export function graphView(
  graph: ComputationGraph,
  expanded: ReadonlySet<string> = new Set(),
  collapse = graph.nodes.length > LARGE_GRAPH,
): GraphView {
  const consumers = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const node of graph.nodes) for (const input of node.inputs) consumers.get(input)?.push(node.id);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const group = new Map<string, string>(); // node id -> box id, for nodes in a multi-node box

  if (collapse) {
    // Operations of one source line, unless the user opened that line. When every op is on one line (one
    // long expression), a single box would hide the whole graph: then only the chains collapse.
    const opLines = new Set(graph.nodes.filter((n) => n.role === 'op').map((n) => n.line));
    const byLine = opLines.size > 1;
    for (const node of graph.nodes) {
      if (byLine && node.role === 'op' && node.line !== null && !expanded.has(lineKey(node.line)))
        group.set(node.id, lineKey(node.line));
    }
    // Chains of elementwise ops outside a line's box: an op joins its only op input's chain when it is that
    // input's only consumer. A chain is named after its first op, so opening it does not rename the rest.
    const chain = new Map<string, string>();
    for (const node of graph.nodes) {
      if (group.has(node.id) || !isElementwise(node)) continue;
      const opInputs = node.inputs.filter((i) => byId.get(i)?.role === 'op');
      if (opInputs.length !== 1) continue;
      const input = byId.get(opInputs[0]) as GraphNode;
      if (group.has(input.id) || !isElementwise(input) || consumers.get(input.id)?.length !== 1) continue;
      const head = chain.get(input.id) ?? `chain:${input.id}`;
      chain.set(input.id, head);
      chain.set(node.id, head);
    }
    for (const [id, head] of chain) if (!expanded.has(head)) group.set(id, head);
    // A leaf used only inside one line's box goes into it.
    for (const node of graph.nodes) {
      if (node.role === 'op') continue;
      const boxes = new Set((consumers.get(node.id) ?? []).map((c) => group.get(c) ?? c));
      const [only] = boxes;
      if (boxes.size === 1 && only.startsWith('line:')) group.set(node.id, only);
    }
  }

  const boxes = new Map<string, Box>();
  const boxOf = new Map<string, string>();
  for (const node of graph.nodes) {
    const id = group.get(node.id) ?? node.id;
    boxOf.set(node.id, id);
    const box = boxes.get(id);
    if (box) box.members.push(node.id);
    else
      boxes.set(id, {
        id,
        kind: id.startsWith('line:') ? 'line' : id.startsWith('chain:') ? 'chain' : 'node',
        members: [node.id],
        shown: node.id,
        line: id.startsWith('line:') ? Number(id.slice('line:'.length)) : node.line,
      });
  }
  for (const box of boxes.values()) box.shown = shownMember(box, graph.output, consumers, boxOf);

  const edges = new Map<string, BoxEdge>();
  for (const node of graph.nodes) {
    for (const input of node.inputs) {
      const from = boxOf.get(input) as string;
      const to = boxOf.get(node.id) as string;
      if (from === to) continue;
      const key = `${from}\u0000${to}`;
      const edge = edges.get(key) ?? { from, to, edges: [] };
      edge.edges.push({ input, node: node.id });
      edges.set(key, edge);
    }
  }
  const all = [...boxes.values()];
  return {
    boxes: all,
    edges: [...edges.values()],
    boxOf,
    hidden: graph.nodes.length - all.length,
    groups: all.filter((b) => b.members.length > 1).length,
  };
}

function isElementwise(node: GraphNode): boolean {
  return node.role === 'op' && node.op !== null && ELEMENTWISE.has(node.op);
}

/** The output, if the box has it; else the last member another box uses; else the last member. */
function shownMember(box: Box, output: string, consumers: Map<string, string[]>, boxOf: Map<string, string>): string {
  if (box.members.includes(output)) return output;
  const usedOutside = box.members.filter((m) => (consumers.get(m) ?? []).some((c) => boxOf.get(c) !== box.id));
  return usedOutside[usedOutside.length - 1] ?? box.members[box.members.length - 1];
}
