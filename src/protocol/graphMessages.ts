// Messages between the extension host and the computation graph panel's page. The extension sends the
// graph the engine recorded (or why there is none); the page says it is ready and asks to see a node's
// source line. Each side validates what it receives: a graph whose steps name a node it does not have
// is refused here, with the field, before the page draws anything.
import type { BackwardStep, ComputationGraph, GraphNode, GraphNodeRole, ValueSummary } from '../expr';
import { array, checked, invalid, nullable, num, oneOf, record, str, tag } from './validate';

export type ToGraphPage = { type: 'graph'; graph: ComputationGraph } | { type: 'error'; text: string };

export type FromGraphPage =
  | { type: 'ready' }
  /** The user asked to see where a node was written: a 1-based line of the document. */
  | { type: 'reveal'; line: number };

/** More nodes than any graph the panel can draw legibly even collapsed; a bigger one is refused by name. */
export const MAX_GRAPH_NODES = 20_000;
const MAX_VALUES = 10_000;
const MAX_TEXT = 10_000;
const ROLES: readonly GraphNodeRole[] = ['parameter', 'data', 'constant', 'op'];

function readSummary(value: unknown, path: string): ValueSummary {
  const v = record(value, path);
  const shape = array(v.shape, `${path}.shape`, (n, p) => num(n, p, { min: 0, integer: true }), 32);
  const size = num(v.size, `${path}.size`, { min: 0, integer: true });
  const expected = shape.reduce((a, b) => a * b, 1);
  if (size !== expected) invalid(`${path}.size`, `expected ${expected} for shape [${shape.join(', ')}], got ${size}`);
  const values = array(v.values, `${path}.values`, (n, p) => num(n, p), MAX_VALUES);
  if (values.length > size) invalid(`${path}.values`, `${values.length} values for ${size} elements`);
  if (size > 0 && values.length === 0) invalid(`${path}.values`, 'expected at least one value');
  return { shape, size, values };
}

function readNode(value: unknown, path: string): GraphNode {
  const n = record(value, path);
  return {
    id: str(n.id, `${path}.id`, 200),
    role: oneOf(n.role, `${path}.role`, ROLES),
    op: nullable(n.op, `${path}.op`, (v, p) => str(v, p, 100)),
    label: str(n.label, `${path}.label`, MAX_TEXT),
    data: readSummary(n.data, `${path}.data`),
    grad: nullable(n.grad, `${path}.grad`, readSummary),
    inputs: array(n.inputs, `${path}.inputs`, (v, p) => str(v, p, 200), 1_000),
    line: nullable(n.line, `${path}.line`, (v, p) => num(v, p, { min: 1, integer: true })),
  };
}

function readBackward(value: unknown, path: string): BackwardStep {
  const s = record(value, path);
  return {
    node: str(s.node, `${path}.node`, 200),
    from: nullable(s.from, `${path}.from`, (v, p) => str(v, p, 200)),
    contribution: readSummary(s.contribution, `${path}.contribution`),
    total: readSummary(s.total, `${path}.total`),
    text: str(s.text, `${path}.text`, MAX_TEXT),
  };
}

/** The graph's own consistency: unique ids, inputs before their node (topological order), steps on known nodes. */
function checkReferences(graph: ComputationGraph, path: string): void {
  const seen = new Set<string>();
  graph.nodes.forEach((node, i) => {
    if (seen.has(node.id)) invalid(`${path}.nodes[${i}].id`, `'${node.id}' is used by an earlier node`);
    node.inputs.forEach((input, j) => {
      if (!seen.has(input)) invalid(`${path}.nodes[${i}].inputs[${j}]`, `'${input}' is not an earlier node`);
    });
    seen.add(node.id);
  });
  if (!seen.has(graph.output)) invalid(`${path}.output`, `'${graph.output}' is not a node of the graph`);
  graph.forward.forEach((step, i) => {
    if (!seen.has(step.node)) invalid(`${path}.forward[${i}].node`, `'${step.node}' is not a node of the graph`);
  });
  graph.backward.forEach((step, i) => {
    if (!seen.has(step.node)) invalid(`${path}.backward[${i}].node`, `'${step.node}' is not a node of the graph`);
    if (step.from !== null && !seen.has(step.from))
      invalid(`${path}.backward[${i}].from`, `'${step.from}' is not a node of the graph`);
  });
}

export function readComputationGraph(value: unknown, path: string): ComputationGraph {
  const g = record(value, path);
  const graph: ComputationGraph = {
    expression: str(g.expression, `${path}.expression`, MAX_TEXT),
    output: str(g.output, `${path}.output`, 200),
    nodes: array(g.nodes, `${path}.nodes`, readNode, MAX_GRAPH_NODES),
    forward: array(g.forward, `${path}.forward`, (v, p) => ({ node: str(record(v, p).node, `${p}.node`, 200) })),
    backward: array(g.backward, `${path}.backward`, readBackward),
    notes: array(g.notes, `${path}.notes`, (v, p) => str(v, p, MAX_TEXT), 100),
  };
  checkReferences(graph, path);
  return graph;
}

export const validateToGraphPage = checked((value): ToGraphPage => {
  const { message: m, type } = tag(value, 'message', ['graph', 'error'] as const);
  switch (type) {
    case 'graph':
      return { type, graph: readComputationGraph(m.graph, 'message.graph') };
    case 'error':
      return { type, text: str(m.text, 'message.text', MAX_TEXT) };
  }
});

export const validateFromGraphPage = checked((value): FromGraphPage => {
  const { message: m, type } = tag(value, 'message', ['ready', 'reveal'] as const);
  switch (type) {
    case 'ready':
      return { type };
    case 'reveal':
      return { type, line: num(m.line, 'message.line', { min: 1, integer: true }) };
  }
});
