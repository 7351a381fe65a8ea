// What each tensor of a recorded graph is called, in the source's syntax (the node's label) and in
// Unicode (the chain-rule text). A tensor the expression's tree produced is that subtree, printed with
// the document's names for the parts it named (`c + (c + 1)`, not the inlined `a + b + (a + b + 1)`); a
// tensor made inside one subtree (the partial product of `2*w*x`, a constant the engine made) is
// printed from its op and its inputs' names.
import type { OpAttrs, OpName, Tensor } from '../../autograd';
import { recordedOp } from '../../autograd';
import * as ast from '../tree/ast';
import type { Node } from '../tree/ast';
import type { Dialect } from '../syntax/dialects';
import { printSource } from '../print/source';
import { printUnicode } from '../print/unicode';

/** The tree that stands for an op's output, given its inputs' trees: one row per engine op. */
const OP_TREES: { [K in OpName]: (inputs: Node[], attrs: OpAttrs[K]) => Node } = {
  add: ([a, b]) => ast.add([a, b]),
  sub: ([a, b]) => ast.sub(a, b),
  mul: ([a, b]) => ast.mul([a, b]),
  div: ([a, b]) => ast.div(a, b),
  pow: ([a, b]) => ast.pow(a, b),
  powScalar: ([a], { exponent }) => ast.pow(a, ast.num(exponent)),
  maximum: ([a, b]) => ast.call2('maximum', a, b),
  minimum: ([a, b]) => ast.call2('minimum', a, b),
  neg: ([a]) => ast.neg(a),
  exp: ([a]) => ast.call('exp', a),
  log: ([a]) => ast.call('log', a),
  sqrt: ([a]) => ast.call('sqrt', a),
  abs: ([a]) => ast.call('abs', a),
  relu: ([a]) => ast.call('relu', a),
  sigmoid: ([a]) => ast.call('sigmoid', a),
  tanh: ([a]) => ast.call('tanh', a),
  softplus: ([a]) => ast.call('softplus', a),
  sin: ([a]) => ast.call('sin', a),
  cos: ([a]) => ast.call('cos', a),
  clamp: ([a], { min, max }) => ({
    kind: 'clamp',
    arg: a,
    min: min === null ? null : ast.num(min),
    max: max === null ? null : ast.num(max),
  }),
  sum: ([a]) => ast.reduce('sum', a),
  mean: ([a]) => ast.reduce('mean', a),
  logsumexp: ([a]) => ast.reduce('logsumexp', a),
  matmul: ([a, b]) => ast.dot(a, b, undefined, '@'),
  dot: ([a, b]) => ast.dot(a, b),
  reshape: ([a]) => ({ kind: 'apply', name: 'reshape', args: [a] }),
  transpose: ([a]) => ast.transpose(a),
  slice: ([a], { start, stop }) => ({ kind: 'slice', arg: a, start, stop }),
  mseLoss: ([a, b]) => ({ kind: 'apply', name: 'mse_loss', args: [a, b] }),
  l1Loss: ([a, b]) => ({ kind: 'apply', name: 'l1_loss', args: [a, b] }),
  huberLoss: ([a, b]) => ({ kind: 'apply', name: 'huber_loss', args: [a, b] }),
  bceLoss: ([a, b]) => ({ kind: 'apply', name: 'binary_cross_entropy', args: [a, b] }),
  bceWithLogitsLoss: ([a, b]) => ({ kind: 'apply', name: 'binary_cross_entropy_with_logits', args: [a, b] }),
  // the condition is an attribute of the op, not an input: only a select node's own label shows it
  where: ([a, b]) => ({ kind: 'apply', name: 'where', args: [ast.name('condition'), a, b] }),
};

export interface Label {
  /** What the tensor computes, in the source's syntax: the graph node's label. */
  source: string;
  unicode: string;
  /** How the chain-rule text refers to it: its document name when it has one, else its Unicode label. */
  ref: string;
  /** `ref` as a denominator: ∂L/∂w, ∂L/∂(w·x). */
  denominator: string;
  /** `ref` as a factor of a product: x, mean(u), (w·x − y). */
  factor: string;
  /** The variable the document assigned it to. */
  name: string | null;
}

/**
 * @param producedBy the subtree that produced each tensor (evaluate/onAutograd.ts's observer)
 * @param nameOf the document's name for a subtree, when an assignment named it
 */
export function graphLabels(
  producedBy: ReadonlyMap<Tensor, Node>,
  nameOf: (node: Node) => string | null,
  dialect: Dialect,
): (t: Tensor) => Label {
  const trees = new Map<Tensor, Node>();
  const labels = new Map<Tensor, Label>();

  // A named subtree inside another is shown by its name (leaves keep their own).
  const abbreviate = (node: Node): Node =>
    ast.mapChildren(node, (child) => {
      const name = child.kind === 'name' || child.kind === 'num' ? null : nameOf(child);
      return name === null ? abbreviate(child) : ast.name(name);
    });

  const treeOf = (t: Tensor): Node => {
    const known = trees.get(t);
    if (known) return known;
    const produced = producedBy.get(t);
    const op = recordedOp(t);
    const tree = produced
      ? abbreviate(produced)
      : op
        ? (OP_TREES[op.op] as (inputs: Node[], attrs: unknown) => Node)(op.inputs.map(refTree), op.attrs)
        : constantTree(t);
    trees.set(t, tree);
    return tree;
  };

  const refTree = (t: Tensor): Node => {
    const produced = producedBy.get(t);
    const name = produced && produced.kind !== 'name' && produced.kind !== 'num' ? nameOf(produced) : null;
    return name === null ? treeOf(t) : ast.name(name);
  };

  return (t: Tensor): Label => {
    const known = labels.get(t);
    if (known) return known;
    const tree = treeOf(t);
    const ref = refTree(t);
    const produced = producedBy.get(t);
    const text = printUnicode(ref);
    const label: Label = {
      source: printSource(tree, dialect),
      unicode: printUnicode(tree),
      ref: text,
      denominator: ref.kind === 'name' || (ref.kind === 'num' && ref.value >= 0) ? text : `(${text})`,
      factor: ATOMIC_FACTORS.has(ref.kind) && !(ref.kind === 'num' && ref.value < 0) ? text : `(${text})`,
      name: produced && produced.kind !== 'name' && produced.kind !== 'num' ? nameOf(produced) : null,
    };
    labels.set(t, label);
    return label;
  };
}

/** Kinds printed as one unit, which a product needs no parentheses around. */
const ATOMIC_FACTORS = new Set<Node['kind']>([
  'name',
  'num',
  'call',
  'call2',
  'clamp',
  'reduce',
  'index',
  'slice',
  'len',
  'array',
  'apply',
  'transpose',
]);

/** A value the engine made without a subtree (the 1 of log1p's u + 1): its number, or its few numbers. */
function constantTree(t: Tensor): Node {
  const values = Array.from(t.data);
  if (t.size === 1) return ast.num(values[0]);
  if (t.ndim === 1 && t.size <= 6) return { kind: 'array', items: values.map((v) => ast.num(v)) };
  return ast.name(`constant[${t.shape.join('×')}]`);
}
