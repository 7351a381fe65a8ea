// The chain rule of each engine op, in words and symbols, for the graph's backward steps: what one
// edge multiplies the consumer's gradient by, `∂L/∂(w·x) · x`. One row per op, typed so an op added to
// the engine without a row here fails to compile. The numbers beside the text are the engine's own.
import type { OpAttrs, OpName, Tensor } from '../../autograd';
import type { Label } from './labels';
import { superscript } from '../print/unicode';

export interface ChainEdge<K extends OpName> {
  /** The consumer's gradient, `∂L/∂(w·x − y)`. */
  g: string;
  /** The op's inputs; `inputs[index]` is the one this edge reaches. */
  inputs: readonly Label[];
  index: number;
  attrs: OpAttrs[K];
  input: Tensor;
  output: Tensor;
}

const minus = (v: number) => String(v).replace(/^-/, '−');
/** u², u⁻¹, u^0.5 */
const power = (u: string, k: number) => (Number.isInteger(k) ? `${u}${superscript(k)}` : `${u}^${minus(k)}`);

/** The other input of a two-input op. */
const other = (e: ChainEdge<OpName>) => e.inputs[1 - e.index];
const mine = (e: ChainEdge<OpName>) => e.inputs[e.index];
/** N of a mean: how many values each output value averages. */
const count = (e: ChainEdge<OpName>) => e.input.size / Math.max(1, e.output.size);
const reductionScale = (e: ChainEdge<'mseLoss' | 'l1Loss' | 'huberLoss' | 'bceWithLogitsLoss' | 'bceLoss'>) =>
  e.attrs.reduction === 'mean' ? `/${count(e)}` : '';
const difference = (e: ChainEdge<OpName>) => `(${e.inputs[0].ref} − ${e.inputs[1].ref})`;

/** The right-hand side of `∂L/∂(input) = ...` for each op, without the numbers. */
export const CHAIN_RULES: { [K in OpName]: (e: ChainEdge<K>) => string } = {
  // d(a + b) = da + db
  add: (e) => `${e.g} · 1`,
  // d(a − b) = da − db
  sub: (e) => `${e.g} · ${e.index === 0 ? '1' : '(−1)'}`,
  // d(a·b) = b da + a db
  mul: (e) => `${e.g} · ${other(e).factor}`,
  // d(a/b) = da/b − a db/b²
  div: (e) =>
    e.index === 0
      ? `${e.g} / ${e.inputs[1].factor}`
      : `${e.g} · (−${e.inputs[0].factor}/${power(e.inputs[1].factor, 2)})`,
  // d(a^b) = b a^(b−1) da + a^b ln(a) db
  pow: (e) =>
    e.index === 0
      ? `${e.g} · ${e.inputs[1].factor}·${e.inputs[0].factor}^(${e.inputs[1].ref} − 1)`
      : `${e.g} · ${e.inputs[0].factor}^${e.inputs[1].factor}·ln ${e.inputs[0].factor}`,
  // d(u^k) = k u^(k−1) du
  powScalar: (e) => {
    const k = e.attrs.exponent;
    const u = mine(e).factor;
    if (k === 0) return `${e.g} · 0`;
    if (k === 1) return `${e.g} · 1`;
    if (k === 2) return `${e.g} · 2·${u}`;
    return `${e.g} · ${k < 0 ? `(${minus(k)})` : minus(k)}·${power(u, k - 1)}`;
  },
  // the gradient goes to the larger (smaller) input, half to each where they are equal
  maximum: (e) => `${e.g} · [${mine(e).ref} > ${other(e).ref}] (½ where equal)`,
  minimum: (e) => `${e.g} · [${mine(e).ref} < ${other(e).ref}] (½ where equal)`,
  neg: (e) => `${e.g} · (−1)`,
  exp: (e) => `${e.g} · exp(${mine(e).ref})`,
  log: (e) => `${e.g} / ${mine(e).factor}`,
  sqrt: (e) => `${e.g} / (2·√${mine(e).factor})`,
  abs: (e) => `${e.g} · sign(${mine(e).ref})`,
  relu: (e) => `${e.g} · [${mine(e).ref} > 0]`,
  sigmoid: (e) => `${e.g} · σ(${mine(e).ref})·(1 − σ(${mine(e).ref}))`,
  tanh: (e) => `${e.g} · (1 − tanh²(${mine(e).ref}))`,
  softplus: (e) => `${e.g} · σ(${mine(e).ref})`,
  sin: (e) => `${e.g} · cos(${mine(e).ref})`,
  cos: (e) => `${e.g} · (−sin(${mine(e).ref}))`,
  // the gradient passes where min ≤ u ≤ max, bounds included
  clamp: (e) => {
    const u = mine(e).ref;
    const { min, max } = e.attrs;
    const test =
      min !== null && max !== null
        ? `${minus(min)} ≤ ${u} ≤ ${minus(max)}`
        : min !== null
          ? `${u} ≥ ${minus(min)}`
          : `${u} ≤ ${minus(max as number)}`;
    return `${e.g} · [${test}]`;
  },
  sum: (e) => `${e.g} · 1`,
  mean: (e) => `${e.g} · 1/${count(e)}`,
  logsumexp: (e) => `${e.g} · softmax(${mine(e).ref})`,
  // d(A B) = dA B + A dB: ∂L/∂A = G Bᵀ, ∂L/∂B = Aᵀ G
  matmul: (e) => (e.index === 0 ? `${e.g} ${e.inputs[1].factor}ᵀ` : `${e.inputs[0].factor}ᵀ ${e.g}`),
  dot: (e) => `${e.g} · ${other(e).factor}`,
  reshape: (e) => `${e.g} reshaped to [${e.input.shape.join('×')}]`,
  transpose: (e) => `(${e.g})ᵀ`,
  // d u[a:b]: the gradient goes back to the elements taken, 0 to the others
  slice: (e) => `${e.g} at [${e.attrs.start}:${e.attrs.stop}] of [${e.input.shape.join('×')}], 0 elsewhere`,
  // mse = mean((a − b)²): ∂/∂a = 2(a − b)/N, ∂/∂b = −2(a − b)/N
  mseLoss: (e) => `${e.g} · ${e.index === 0 ? '' : '(−1)·'}2${difference(e)}${reductionScale(e)}`,
  l1Loss: (e) => `${e.g} · ${e.index === 0 ? '' : '(−1)·'}sign${difference(e)}${reductionScale(e)}`,
  // d where(c, a, b) = where(c, da, db): the condition is data, its elements pick the branch
  where: (e) => `${e.g} · ${e.index === 0 ? '[condition true]' : '[condition false]'}`,
  huberLoss: (e) =>
    `${e.g} · ${e.index === 0 ? '' : '(−1)·'}clamp(${e.inputs[0].ref} − ${e.inputs[1].ref}, −${e.attrs.delta}, ${e.attrs.delta})${reductionScale(e)}`,
  // d/dz [softplus(z) − y z] = σ(z) − y;  d/dy = −z
  bceWithLogitsLoss: (e) =>
    `${e.g} · ${e.index === 0 ? `(σ(${e.inputs[0].ref}) − ${e.inputs[1].ref})` : `(−${e.inputs[0].ref})`}${reductionScale(e)}`,
  // d/dp [−y ln p − (1 − y) ln(1 − p)] = (p − y) / (p (1 − p)), the denominator at least 1e−12 (PyTorch)
  bceLoss: (e) => {
    const [p, y] = e.inputs.map((i) => i.ref);
    const rule = e.index === 0 ? `(${p} − ${y})/max(${p}(1 − ${p}), 1e−12)` : `(ln(1 − ${p}) − ln ${p})`;
    return `${e.g} · ${rule}${reductionScale(e)}`;
  },
};

/** Ops whose inputs broadcast: a smaller input's gradient is the sum over the elements it was repeated to. */
const BROADCASTING = new Set<OpName>(['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'where']);

/** `∂L/∂(w·x) · x`, or `Σ(∂L/∂(w·x) · x)` where the input was broadcast (a scalar w times a vector x). */
export function chainRule<K extends OpName>(op: K, edge: ChainEdge<K>): string {
  const rhs = (CHAIN_RULES[op] as (e: ChainEdge<K>) => string)(edge);
  return BROADCASTING.has(op) && edge.input.size < edge.output.size ? `Σ(${rhs})` : rhs;
}
