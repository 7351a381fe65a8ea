// Draws a laid-out graph as SVG: one group per box (a rect and four rows of text) and one path per edge,
// leaves to loss. Drawing happens once per layout; `paint` then updates text and classes as the user
// steps, which is cheap enough to run on every key press of a 300-node graph.
import type { ComputationGraph, GraphNode } from '../../expr';
import { boxHeader, boxLabel, DATA_PREFIX, GRAD_PREFIX } from './boxText';
import { formatSummary } from './format';
import type { Box, BoxEdge, GraphView } from './graphView';
import { PADDING_X, PADDING_Y, ROW_HEIGHT, type GraphLayout } from './layout';
import type { NodeState } from './stepper';
import { svgElement, svgText } from './svg';

export interface DrawnBox {
  box: Box;
  group: SVGGElement;
  data: SVGTextElement;
  grad: SVGTextElement;
  title: SVGTitleElement;
}

export interface DrawnEdge {
  group: SVGGElement;
  label: SVGTextElement;
  title: SVGTitleElement;
}

export interface DrawnGraph {
  boxes: Map<string, DrawnBox>;
  edges: Map<string, DrawnEdge>; // key: `${from box}→${to box}`
}

export const edgeKey = (from: string, to: string) => `${from}→${to}`;

function pathOf(points: { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

export function drawGraph(
  layer: SVGGElement,
  graph: ComputationGraph,
  view: GraphView,
  layout: GraphLayout,
): DrawnGraph {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  layer.replaceChildren();
  const edgeLayer = svgElement('g', {}, 'edges');
  const boxLayer = svgElement('g', {}, 'boxes');
  layer.append(edgeLayer, boxLayer);

  const edges = new Map<string, DrawnEdge>();
  const uses = new Map(view.edges.map((e) => [edgeKey(e.from, e.to), e.edges.length]));
  for (const edge of layout.edges) {
    const group = svgElement('g', {}, 'edge');
    group.dataset.from = edge.from;
    group.dataset.to = edge.to;
    const title = svgElement('title');
    // The contribution is written beside the edge's middle: to its right when layers run top-down, above
    // it when they run left to right, so the text does not sit on the line.
    const mid = edge.points[Math.floor(edge.points.length / 2)] ?? { x: 0, y: 0 };
    const label =
      layout.direction === 'TB'
        ? svgText('', mid.x + 8, mid.y + 4, 'edge-label beside')
        : svgText('', mid.x, mid.y - 8, 'edge-label above');
    group.append(
      title,
      svgElement('path', { d: pathOf(edge.points) }, 'edge-hit'),
      svgElement('path', { d: pathOf(edge.points), 'marker-end': 'url(#arrow)' }, 'edge-line'),
      label,
    );
    // One edge drawn for several (a*a uses a twice; a collapsed box sends several values): say how many.
    const count = uses.get(edgeKey(edge.from, edge.to)) ?? 1;
    const start = edge.points[0];
    if (count > 1 && start) group.append(svgText(`×${count}`, start.x + 6, start.y + 14, 'edge-count'));
    edgeLayer.append(group);
    edges.set(edgeKey(edge.from, edge.to), { group, label, title });
  }

  const boxes = new Map<string, DrawnBox>();
  for (const box of view.boxes) {
    const place = layout.boxes.get(box.id);
    if (!place) continue;
    const node = nodes.get(box.shown) as GraphNode;
    const group = svgElement(
      'g',
      { transform: `translate(${place.x.toFixed(1)} ${place.y.toFixed(1)})`, tabindex: -1, role: 'button' },
      `box kind-${box.kind} role-${node.role}`,
    );
    group.dataset.box = box.id;
    const row = (i: number) => PADDING_Y + ROW_HEIGHT * i + ROW_HEIGHT * 0.75;
    const title = svgElement('title');
    const data = svgText('', PADDING_X, row(2), 'data');
    const grad = svgText('', PADDING_X, row(3), 'grad');
    group.append(
      title,
      svgElement('rect', { width: place.width, height: place.height, rx: box.kind === 'node' ? 6 : 10 }, 'frame'),
      svgText(boxHeader(box, nodes), PADDING_X, row(0), 'header'),
      svgText(boxLabel(box, nodes), PADDING_X, row(1), 'label'),
      data,
      grad,
    );
    boxLayer.append(group);
    boxes.set(box.id, { box, group, data, grad, title });
  }
  return { boxes, edges };
}

export interface Highlight {
  currentBox: string | null;
  outputBox: string;
  currentEdge: string | null; // edgeKey of the current backward step's edge
  currentContribution: string; // its text, shown on the edge
  selectedBox: string | null;
}

/** Writes each box's data and grad as the stepper has them, and marks the current and selected ones. */
export function paint(
  drawn: DrawnGraph,
  graph: ComputationGraph,
  states: Map<string, NodeState>,
  view: GraphView,
  highlight: Highlight,
): void {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const [id, d] of drawn.boxes) {
    const node = nodes.get(d.box.shown) as GraphNode;
    const state = states.get(node.id) as NodeState;
    const data = state.data ? formatSummary(state.data) : '—';
    const accumulated = state.contributions.length > 1 ? ' (+=)' : '';
    const grad = state.grad ? formatSummary(state.grad) + accumulated : '—';
    d.data.textContent = DATA_PREFIX + data;
    d.grad.textContent = GRAD_PREFIX + grad;
    d.group.classList.toggle('pending', state.data === null);
    d.group.classList.toggle('has-grad', state.grad !== null);
    d.group.classList.toggle('current', id === highlight.currentBox);
    // One box in the tab order (the current step's, else the loss's): → and ← move it, Enter selects it.
    d.group.setAttribute('tabindex', id === (highlight.currentBox ?? highlight.outputBox) ? '0' : '-1');
    d.group.classList.toggle('selected', id === highlight.selectedBox);
    const what = node.role === 'op' ? `${node.op ?? 'op'} ${node.label}` : `${node.role} ${node.label}`;
    const group = d.box.members.length > 1 ? `${boxHeaderForSpeech(d.box)}, showing ` : '';
    const dataWords = state.data ? data : 'not computed yet';
    const gradWords = state.grad ? grad : node.grad ? 'not computed yet' : 'none (the gradient does not reach it)';
    d.group.setAttribute('aria-label', `${group}${what}: data ${dataWords}, grad ${gradWords}`);
    d.title.textContent = node.label;
  }
  const viewEdges = new Map(view.edges.map((e) => [edgeKey(e.from, e.to), e]));
  for (const [key, e] of drawn.edges) {
    const current = key === highlight.currentEdge;
    e.group.classList.toggle('current', current);
    e.label.textContent = current ? highlight.currentContribution : '';
    e.title.textContent = edgeTooltip(viewEdges.get(key), states, nodes);
  }
}

function boxHeaderForSpeech(box: Box): string {
  return box.kind === 'line'
    ? `group of ${box.members.length} nodes from line ${box.line}`
    : `chain of ${box.members.length} operations`;
}

/** The contributions that have flowed back along an edge so far (hover text). */
function edgeTooltip(edge: BoxEdge | undefined, states: Map<string, NodeState>, nodes: Map<string, GraphNode>): string {
  if (!edge) return '';
  const lines = edge.edges.map(({ input, node }) => {
    const inputLabel = nodes.get(input)?.label ?? input;
    const sent = (states.get(input)?.contributions ?? []).filter((s) => s.from === node);
    const values = sent.map((s) => formatSummary(s.contribution)).join(' + ');
    return `${inputLabel} → ${nodes.get(node)?.label ?? node}${values ? `: ∂L/∂(${inputLabel}) += ${values}` : ''}`;
  });
  return lines.join('\n');
}
