// computationGraph(): the graph the autograd engine records for a loss at the document's numbers, for
// stepping through backpropagation. The expression runs on the engine itself (evaluate/onAutograd.ts);
// the nodes are the engine's own records, walked from the loss, and the backward steps are the
// gradients the engine sends along each edge (backward()'s onEdge), so what is drawn is what ran.
import { AutogradError, recordedOp, tensor, type Tensor } from '../autograd';
import type { Result } from '../common/result';
import type { BackwardStep, ComputationGraph, DeriveOptions, ExprError, GraphNode, ValueSummary } from './types';
import { children, freeNames, type Node } from './tree/ast';
import { attempt, ExprFailure } from './tree/errors';
import { newKeyScope, withKeyScope } from './tree/keys';
import { shareRepeats } from './tree/share';
import { evaluateOnEngine } from './evaluate/onAutograd';
import { chainRule } from './graph/chainRules';
import { graphLabels, type Label } from './graph/labels';
import { nodeLines, originNames } from './graph/origins';
import { recordedTensors } from './graph/recording';
import { formatSummary, summarize } from './graph/valueSummary';
import { printSource } from './print/source';
import { prepare, type Prepared } from './prepare';

/**
 * The computation graph of `text` (a loss, or a name the context document assigns) at its values:
 * the same input as derive(). A positioned error when it does not parse, a value is missing, the
 * result is not one number, or the graph is too large to step through (MAX_GRAPH_NODES).
 */
export function computationGraph(text: string, options: DeriveOptions = {}): Result<ComputationGraph, ExprError> {
  return attempt(text, () => {
    const prep = prepare(text, options);
    return withKeyScope(newKeyScope(), () => buildGraph(prep, options));
  });
}

function buildGraph(prep: Prepared, options: DeriveOptions): ComputationGraph {
  const tree = shareRepeats(prep.tree);
  const bindings = valueBindings(tree, prep);
  const producedBy = new Map<Tensor, Node>();
  const output = runForward(tree, bindings, producedBy);
  const tensors = recordedTensors(output, tree.span?.start ?? 0);

  const nameOf = originNames(prep.origins);
  const labelOf = graphLabels(producedBy, nameOf, prep.dialect);
  const lineOf = nodeLines(prep, options.context);
  const ids = new Map(tensors.map((t, i) => [t, `n${i}`]));
  const id = (t: Tensor) => ids.get(t) as string;
  const parameters = new Set(prep.parameters.map((p) => bindings[p]).filter((t) => t !== undefined));

  const labels = new Map<Tensor, Label>(tensors.map((t) => [t, labelOf(t)]));
  const lines = new Map(tensors.map((t) => [t, producedBy.has(t) ? lineOf(producedBy.get(t) as Node) : null]));
  // a tensor made inside one subtree (1 + c of 1 + c - a) was written where its consumer was
  for (const t of [...tensors].reverse())
    for (const input of recordedOp(t)?.inputs ?? [])
      if (!producedBy.has(input) && lines.get(input) == null) lines.set(input, lines.get(t) ?? null);
  disambiguateNames(labels, lines);
  const inputsOf = new Map(tensors.map((t) => [t, [...(recordedOp(t)?.inputs ?? [])]]));

  const lossName = labels.get(output)?.name ?? 'L';
  const { steps, grads } = backwardSteps(output, lossName, id, (t) => labels.get(t) as Label, inputsOf);
  const nodes: GraphNode[] = tensors.map((t) => {
    const label = labels.get(t) as Label;
    const node: GraphNode = {
      id: id(t),
      role: roleOf(t, parameters, producedBy.get(t)),
      op: recordedOp(t)?.op ?? null,
      label: label.source,
      data: summarize(t),
      grad: grads.get(t) ?? null,
      inputs: (inputsOf.get(t) as Tensor[]).map(id),
      line: lines.get(t) ?? null,
    };
    if (label.name !== null) node.name = label.name;
    return node;
  });
  const notes = [...prep.warnings];
  if (!output.requiresGrad)
    notes.push(
      `the loss does not depend on ${prep.parameters.length ? prep.parameters.join(', ') : 'a parameter'}: there is no gradient to send back`,
    );
  return {
    expression: printSource(prep.tree, prep.dialect),
    output: id(output),
    nodes,
    forward: nodes.map((n) => ({ node: n.id })),
    backward: steps,
    notes,
  };
}

/** A tensor per name, float64 as the hover's values; parameters are leaves that require a gradient. */
function valueBindings(tree: Node, prep: Prepared): Record<string, Tensor> {
  const names = freeNames(tree);
  const missing = names.filter((n) => prep.values[n] === undefined && prep.matrices[n] === undefined);
  if (missing.length) {
    throw new ExprFailure(
      `give ${missing.join(', ')} ${missing.length === 1 ? 'a value' : 'values'} to see the computation graph`,
      firstUse(tree, missing[0]),
    );
  }
  const bindings: Record<string, Tensor> = {};
  for (const n of names) {
    bindings[n] = tensor(prep.matrices[n] ?? prep.values[n], {
      dtype: 'float64',
      requiresGrad: prep.parameters.includes(n),
    });
  }
  return bindings;
}

/** The offset of the first written use of `id`, 0 when it came from the document. */
function firstUse(root: Node, id: string): number {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop() as Node;
    if (node.kind === 'name' && node.name === id && node.span) return node.span.start;
    stack.push(...[...children(node)].reverse());
  }
  return 0;
}

/** The loss on the engine, each tensor noted with the subtree that first produced it. */
function runForward(tree: Node, bindings: Record<string, Tensor>, producedBy: Map<Tensor, Node>): Tensor {
  let output: Tensor;
  try {
    output = evaluateOnEngine(tree, bindings, (node, t) => {
      if (!producedBy.has(t)) producedBy.set(t, node);
    });
  } catch (err) {
    if (err instanceof AutogradError) throw new ExprFailure(err.message, tree.span?.start ?? 0, tree.span);
    throw err;
  }
  if (output.size !== 1)
    throw new ExprFailure(
      `this is an array of shape [${output.shape.join(', ')}], not one number: backpropagation starts from a loss; reduce it first, e.g. with .mean() or .sum()`,
      tree.span?.start ?? 0,
      tree.span,
    );
  return output;
}

/** The seed, then every edge in the engine's order, with the running total of the node it reaches. */
function backwardSteps(
  output: Tensor,
  lossName: string,
  id: (t: Tensor) => string,
  labelOf: (t: Tensor) => Label,
  inputsOf: ReadonlyMap<Tensor, Tensor[]>,
): { steps: BackwardStep[]; grads: Map<Tensor, ValueSummary> } {
  const steps: BackwardStep[] = [];
  const grads = new Map<Tensor, ValueSummary>();
  if (!output.requiresGrad) return { steps, grads };
  const seed: ValueSummary = { shape: [...output.shape], size: 1, values: [1] };
  steps.push({ node: id(output), from: null, contribution: seed, total: seed, text: `∂${lossName}/∂${lossName} = 1` });
  grads.set(output, seed);
  const d = (t: Tensor) => `∂${lossName}/∂${labelOf(t).denominator}`;
  output.backward(undefined, {
    retainGraph: true,
    onEdge: (consumer, input, index, contribution, total) => {
      const op = recordedOp(consumer);
      if (!op) return; // the engine sends only along recorded edges
      const inputs = (inputsOf.get(consumer) ?? []).map(labelOf);
      const rhs = chainRule(op.op, { g: d(consumer), inputs, index, attrs: op.attrs, input, output: consumer });
      const sent = summarize(contribution);
      const accumulates = grads.has(input); // micrograd's +=: a node used more than once
      steps.push({
        node: id(input),
        from: id(consumer),
        contribution: sent,
        total: summarize(total),
        text: `${d(input)} ${accumulates ? '+=' : '='} ${rhs} = ${formatSummary(sent)}`,
      });
      grads.set(input, summarize(total));
    },
  });
  return { steps, grads };
}

function roleOf(t: Tensor, parameters: ReadonlySet<Tensor>, produced: Node | undefined): GraphNode['role'] {
  if (recordedOp(t)) return 'op';
  if (parameters.has(t)) return 'parameter';
  return produced && freeNames(produced).length ? 'data' : 'constant';
}

/** A name the document assigns more than once (c, c += ..., c += ...) is told apart by its line in the text. */
function disambiguateNames(labels: Map<Tensor, Label>, lines: ReadonlyMap<Tensor, number | null>): void {
  const uses = new Map<string, number>();
  for (const label of labels.values()) if (label.name) uses.set(label.name, (uses.get(label.name) ?? 0) + 1);
  for (const [t, label] of labels) {
    const line = lines.get(t);
    if (!label.name || (uses.get(label.name) ?? 0) < 2 || line == null) continue;
    const ref = `${label.name} on line ${line}`;
    labels.set(t, { ...label, ref, denominator: `(${ref})`, factor: `(${ref})` });
  }
}
