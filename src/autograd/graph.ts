// The recorded graph: which op made a tensor, from which inputs, and how to send a gradient back.
import { isGradEnabled } from './nograd';
import type { Storage } from './storage';
import type { Tensor } from './tensor';

export type Reduction = 'mean' | 'sum' | 'none';
interface Axes {
  axes: number[];
  keepdims: boolean;
}

/** Every differentiable op and what its backward rule needs besides inputs and output. */
export interface OpAttrs {
  add: null;
  sub: null;
  mul: null;
  div: null;
  pow: null;
  maximum: null;
  minimum: null;
  neg: null;
  exp: null;
  log: null;
  sqrt: null;
  abs: null;
  relu: null;
  sigmoid: null;
  tanh: null;
  /** sigmoid(x) of each element, softplus's slope, kept by the forward for the backward (null once backward freed it). */
  softplus: { slope: Float64Array | null };
  sin: null;
  cos: null;
  powScalar: { exponent: number };
  clamp: { min: number | null; max: number | null };
  sum: Axes;
  mean: Axes;
  logsumexp: Axes;
  matmul: null;
  dot: null;
  reshape: null;
  transpose: { dim0: number; dim1: number };
  /** Rows start..stop-1 of the first dimension, already resolved against its length. */
  slice: { start: number; stop: number };
  mseLoss: { reduction: Reduction; gradient: Storage | null };
  l1Loss: { reduction: Reduction };
  huberLoss: { delta: number; reduction: Reduction };
  /** The gradient the forward pass wrote, (sigmoid(z) - y) / n, for a seed of 1 (null once backward freed it). */
  bceWithLogitsLoss: { reduction: Reduction; gradient: Storage | null };
  /** The gradient the forward pass wrote, (p - y) / max((1 - p) p, eps) / n, for a seed of 1 (null once freed). */
  bceLoss: { reduction: Reduction; gradient: Storage | null };
  /** The condition is data (a 0/1 tensor), not an input: it gets no gradient. */
  where: { condition: Tensor };
}
export type OpName = keyof OpAttrs;

export interface GradientContext<K extends OpName> {
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  readonly attrs: OpAttrs[K];
  /** needs[i]: input i requires a gradient; a rule returns null for the others and skips their work. */
  readonly needs: readonly boolean[];
}

/** A backward rule: the gradient of the output in, one gradient per input out, each of its input's shape. */
export type GradientRule<K extends OpName> = (ctx: GradientContext<K>, grad: Tensor) => (Tensor | null)[];

/** The rows of the gradient table for a group of ops; `satisfies GradientTable<...>` makes a missing row a compile error. */
export type GradientTable<K extends OpName> = { [P in K]: GradientRule<P> };

/** What an op records on the tensor it made (PyTorch's grad_fn): the inputs, and the rule that takes a gradient back to them. */
export interface GradFn<K extends OpName = OpName> {
  readonly op: K;
  /** Emptied when the node is freed, so a kept loss does not keep the whole step's tensors alive. */
  inputs: readonly Tensor[];
  readonly output: Tensor;
  readonly attrs: OpAttrs[K];
  readonly rule: GradientRule<K>;
  /** Set once a backward pass without retainGraph went through: the saved values are gone. */
  freed: boolean;
}

/** PyTorch-style display name of the op that made a tensor: 'mul' -> 'MulBackward'. */
export function gradFnName(op: OpName): string {
  const base = op === 'powScalar' ? 'pow' : op;
  return `${base[0].toUpperCase()}${base.slice(1)}Backward`;
}

/** Attaches a graph node to `output` when grad mode is on and some input requires a gradient. */
export function record<K extends OpName>(
  output: Tensor,
  op: K,
  inputs: readonly Tensor[],
  attrs: OpAttrs[K],
  rule: GradientRule<K>,
): Tensor {
  if (!isGradEnabled()) return output;
  let needed = false;
  for (const t of inputs) needed ||= t.requiresGrad;
  if (!needed) return output;
  output.requiresGrad = true;
  const node: GradFn<K> = { op, inputs, output, attrs, rule, freed: false };
  output.node = node as unknown as GradFn;
  return output;
}

/** Runs a node's backward rule. */
export function applyRule(node: GradFn, grad: Tensor): (Tensor | null)[] {
  const { inputs, output, attrs } = node;
  return node.rule({ inputs, output, attrs, needs: inputs.map((t) => t.requiresGrad) }, grad);
}

/** What the engine recorded for a tensor, for code outside the engine that draws the graph: null for a leaf. */
export interface RecordedOp {
  readonly op: OpName;
  readonly inputs: readonly Tensor[];
  readonly attrs: OpAttrs[OpName];
}

/** The op that made `t` and its inputs (empty once a backward pass without retainGraph freed the node). */
export function recordedOp(t: Tensor): RecordedOp | null {
  return t.node;
}
