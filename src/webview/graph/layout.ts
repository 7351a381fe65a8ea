// The graph's layout, by dagre (a maintained layered-graph library): boxes ranked left to right from the
// leaves to the loss, as micrograd's draw_dot does (rankdir LR), with edges routed between the layers.
// Box sizes come from their text in a monospace font, so no text is measured in the DOM.
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

export interface GraphLayout {
  boxes: Map<string, PlacedBox>;
  edges: PlacedEdge[];
  width: number;
  height: number;
  /** How long dagre took, in milliseconds. */
  layoutMs: number;
}

export function layoutGraph(graph: ComputationGraph, view: GraphView): GraphLayout {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 48, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const box of view.boxes) {
    const node = nodes.get(box.shown) as GraphNode;
    const texts = [boxHeader(box, nodes), boxLabel(box, nodes), ...longestRows(graph, box.shown, node)];
    const chars = Math.max(...texts.map((t) => t.length));
    g.setNode(box.id, { width: chars * CHAR_WIDTH + 2 * PADDING_X, height: ROWS * ROW_HEIGHT + 2 * PADDING_Y });
  }
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
  return { boxes, edges, width: size.width ?? 0, height: size.height ?? 0, layoutMs };
}
