// Unary elementwise ops: one row per op with the forward function and its derivative side by side.
// The derivative gets the input x and the output y, so rules like exp' = y reuse the forward result.
import { record, type GradientRule, type GradientTable } from '../graph';
import { allocate } from '../storage';
import { Tensor } from '../tensor';
import { AutogradError } from '../errors';

type UnaryOp = 'neg' | 'exp' | 'log' | 'sqrt' | 'abs' | 'relu' | 'sigmoid' | 'tanh' | 'softplus' | 'sin' | 'cos';

interface UnaryRule {
  f: (x: number) => number;
  /** dy/dx at x, given y = f(x). */
  df: (x: number, y: number) => number;
}

const unary: Record<UnaryOp, UnaryRule> = {
  neg: { f: (x) => -x, df: () => -1 }, // d(-x) = -1
  exp: { f: Math.exp, df: (_x, y) => y }, // d e^x = e^x
  log: { f: Math.log, df: (x) => 1 / x }, // d ln x = 1/x
  sqrt: { f: Math.sqrt, df: (_x, y) => 1 / (2 * y) }, // d sqrt(x) = 1 / (2 sqrt(x))
  abs: { f: Math.abs, df: (x) => Math.sign(x) }, // d |x| = sign(x), 0 at 0 (PyTorch)
  relu: { f: (x) => (x > 0 ? x : Number.isNaN(x) ? x : 0), df: (x) => (x > 0 ? 1 : 0) }, // 0 at 0 (PyTorch)
  sigmoid: { f: (x) => 1 / (1 + Math.exp(-x)), df: (_x, y) => y * (1 - y) }, // s' = s (1 - s)
  tanh: { f: Math.tanh, df: (_x, y) => 1 - y * y }, // tanh' = 1 - tanh^2
  // softplus(x) = ln(1 + e^x), linear above 20 like PyTorch's threshold; softplus' = sigmoid
  softplus: { f: (x) => (x > 20 ? x : Math.log1p(Math.exp(x))), df: (x) => (x > 20 ? 1 : 1 / (1 + Math.exp(-x))) },
  sin: { f: Math.sin, df: (x) => Math.cos(x) }, // sin' = cos
  cos: { f: Math.cos, df: (x) => -Math.sin(x) }, // cos' = -sin
};

function unaryRule(op: UnaryOp): GradientRule<UnaryOp> {
  const { df } = unary[op];
  return ({ inputs: [a], output }, g) => {
    const out = allocate(a.dtype, a.size);
    const x = a.data;
    const y = output.data;
    const gd = g.data;
    for (let i = 0; i < out.length; i++) {
      const slope = df(x[i], y[i]);
      // no gradient times an infinite slope (log at 0, the untaken branch of a where) is no gradient, not NaN
      out[i] = gd[i] === 0 && !Number.isFinite(slope) ? 0 : gd[i] * slope;
    }
    return [new Tensor(out, a.shape)];
  };
}

export const elementwiseGradients = {
  neg: unaryRule('neg'),
  exp: unaryRule('exp'),
  log: unaryRule('log'),
  sqrt: unaryRule('sqrt'),
  abs: unaryRule('abs'),
  relu: unaryRule('relu'),
  sigmoid: unaryRule('sigmoid'),
  tanh: unaryRule('tanh'),
  softplus: unaryRule('softplus'),
  sin: unaryRule('sin'),
  cos: unaryRule('cos'),
  // clamp passes the gradient where min <= x <= max, boundaries included (PyTorch)
  clamp: ({ inputs: [a], attrs: { min, max } }, g) => {
    const out = allocate(a.dtype, a.size);
    for (let i = 0; i < out.length; i++) {
      const x = a.data[i];
      out[i] = (min === null || x >= min) && (max === null || x <= max) ? g.data[i] : 0;
    }
    return [new Tensor(out, a.shape)];
  },
} satisfies GradientTable<UnaryOp | 'clamp'>;

function apply(op: UnaryOp, a: Tensor): Tensor {
  const { f } = unary[op];
  const out = allocate(a.dtype, a.size);
  const x = a.data;
  for (let i = 0; i < out.length; i++) out[i] = f(x[i]);
  return record(new Tensor(out, a.shape), op, [a], null, elementwiseGradients[op] as GradientRule<UnaryOp>);
}

export function neg(a: Tensor): Tensor {
  return apply('neg', a);
}
export function exp(a: Tensor): Tensor {
  return apply('exp', a);
}
export function log(a: Tensor): Tensor {
  return apply('log', a);
}
export function sqrt(a: Tensor): Tensor {
  return apply('sqrt', a);
}
export function abs(a: Tensor): Tensor {
  return apply('abs', a);
}
export function relu(a: Tensor): Tensor {
  return apply('relu', a);
}
export function sigmoid(a: Tensor): Tensor {
  return apply('sigmoid', a);
}
export function tanh(a: Tensor): Tensor {
  return apply('tanh', a);
}
export function softplus(a: Tensor): Tensor {
  return apply('softplus', a);
}
export function sin(a: Tensor): Tensor {
  return apply('sin', a);
}
export function cos(a: Tensor): Tensor {
  return apply('cos', a);
}

/** Limits values to [min, max]; either bound may be null (absent), not both. */
export function clamp(a: Tensor, min?: number | null, max?: number | null): Tensor {
  const lo = min ?? null;
  const hi = max ?? null;
  if (lo === null && hi === null) throw new AutogradError('clamp: give at least one of min and max');
  const out = allocate(a.dtype, a.size);
  for (let i = 0; i < out.length; i++) {
    let x = a.data[i];
    if (lo !== null && x < lo) x = lo;
    if (hi !== null && x > hi) x = hi;
    out[i] = x;
  }
  return record(new Tensor(out, a.shape), 'clamp', [a], { min: lo, max: hi }, elementwiseGradients.clamp);
}
