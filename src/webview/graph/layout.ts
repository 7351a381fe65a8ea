// The graph's layout, by dagre (a maintained layered-graph library): boxes in layers from the leaves to the
// loss, with edges routed between the layers. The layers run left to right (as micrograd's draw_dot does)
// or top-down, whichever lets the graph fill the drawing area at the larger scale: a deep, narrow graph
// reads top-down on a wide panel. Box sizes come from their text in a monospace font, so no text is
// measured in the DOM.
import dagre from '@dagrejs/dagre';
import type { ComputationGraph, GraphNode } from '../../expr';
import { boxHeader, boxLabel, longestRows } from './boxText';
import type { GraphView } from './graphView';

/** Width of one character of the monospace font at the size graph.css sets for boxes. */
export const CHAR_WIDTH = 7.3;
export const ROW_HEIGHT = 16;
export const PADDING_X = 10;
export const PADDING_Y = 8;
export const ROWS = 4;

export interface PlacedBox {
  id: string;
  x: number; // top-left corner
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  points: { x: number; y: number }[];
}

export type Direction = 'LR' | 'TB';
const NODE_SEP = 14;
const RANK_SEP = 48;

export interface GraphLayout {
  direction: Direction;
  boxes: Map<string, PlacedBox>;
  edges: PlacedEdge[];
  width: number;
  height: number;
  /** How long dagre took, in milliseconds. */
  layoutMs: number;
}

/**
 * Left to right or top-down: the layers' count comes from one pass over the nodes in topological order
 * (a box's layer is one past its inputs'), the layers' breadth from the boxes per layer; the direction
 * whose estimated extent fits `area` at the larger scale wins.
 */
export function chooseDirection(
  graph: ComputationGraph,
  view: GraphView,
  sizes: Map<string, { width: number; height: number }>,
  area: { width: number; height: number },
): Direction {
  const layer = new Map<string, number>();
  for (const node of graph.nodes) {
    const box = view.boxOf.get(node.id) as string;
    for (const input of node.inputs) {
      const from = view.boxOf.get(input) as string;
      if (from !== box) layer.set(box, Math.max(layer.get(box) ?? 0, (layer.get(from) ?? 0) + 1));
    }
  }
  const layers = Math.max(...view.boxes.map((b) => layer.get(b.id) ?? 0)) + 1;
  const perLayer = new Map<number, number>();
  for (const b of view.boxes) perLayer.set(layer.get(b.id) ?? 0, (perLayer.get(layer.get(b.id) ?? 0) ?? 0) + 1);
  const breadth = Math.max(...perLayer.values());
  const all = [...sizes.values()];
  const w = all.reduce((a, s) => a + s.width, 0) / all.length;
  const h = all.reduce((a, s) => a + s.height, 0) / all.length;
  const scale = (width: number, height: number) => Math.min(area.width / width, area.height / height);
  const lr = scale(layers * (w + RANK_SEP), breadth * (h + NODE_SEP));
  const tb = scale(breadth * (w + NODE_SEP), layers * (h + RANK_SEP));
  return tb > lr ? 'TB' : 'LR';
}

export function layoutGraph(
  graph: ComputationGraph,
  view: GraphView,
  area: { width: number; height: number },
): GraphLayout {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const sizes = new Map<string, { width: number; height: number }>();
  for (const box of view.boxes) {
    const node = nodes.get(box.shown) as GraphNode;
    const texts = [boxHeader(box, nodes), boxLabel(box, nodes), ...longestRows(graph, box.shown, node)];
    const chars = Math.max(...texts.map((t) => t.length));
    sizes.set(box.id, { width: chars * CHAR_WIDTH + 2 * PADDING_X, height: ROWS * ROW_HEIGHT + 2 * PADDING_Y });
  }
  const direction = chooseDirection(graph, view, sizes, area);
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: direction, nodesep: NODE_SEP, ranksep: RANK_SEP, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const [id, size] of sizes) g.setNode(id, { ...size });
  for (const edge of view.edges) g.setEdge(edge.from, edge.to);
  const start = performance.now();
  dagre.layout(g);
  const layoutMs = performance.now() - start;

  const boxes = new Map<string, PlacedBox>();
  for (const box of view.boxes) {
    const n = g.node(box.id);
    const x = n.x ?? 0;
    const y = n.y ?? 0;
    boxes.set(box.id, { id: box.id, x: x - n.width / 2, y: y - n.height / 2, width: n.width, height: n.height });
  }
  const edges = view.edges.map((e) => ({ from: e.from, to: e.to, points: g.edge(e.from, e.to).points ?? [] }));
  const size = g.graph();
  return { direction, boxes, edges, width: size.width ?? 0, height: size.height ?? 0, layoutMs };
}
