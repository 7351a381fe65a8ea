// Unary elementwise ops: each op's forward loop and its derivative's loop side by side. One loop per op
// (a switch, not a table of functions), so every loop calls its own Math function, which the JIT inlines; a
// function taken from a table is a call per element that the JIT cannot see through. The derivative gets the
// input x and the output y, so rules like exp' = y reuse the forward result.
import { record, type GradientRule, type GradientTable, type OpAttrs } from '../graph';
import { isGradEnabled } from '../nograd';
import { reuseOrAllocate, type Storage } from '../storage';
import { Tensor } from '../tensor';
import { AutogradError } from '../errors';
import { softplusFloat32, softplusGradientFloat32 } from './softplusFloat32';
import { tanhFloat32 } from './tanhFloat32';
import { tanhFloat64 } from './tanhFloat64';

type UnaryOp = 'neg' | 'exp' | 'log' | 'sqrt' | 'abs' | 'relu' | 'sigmoid' | 'tanh' | 'softplus' | 'sin' | 'cos';

/** softplus is linear above this, like PyTorch's threshold: its e^x would overflow long before it matters. */
const SOFTPLUS_THRESHOLD = 20;

/**
 * out[i] = f(x[i]). softplus also writes its slope into `slope` when it is given (its backward then computes
 * no exponential).
 */
function forwardValues(op: UnaryOp, x: Storage, out: Storage, slope: Float64Array | null): void {
  const n = out.length;
  switch (op) {
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -x[i];
      return;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]);
      return;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]);
      return;
    case 'sqrt':
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]);
      return;
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]);
      return;
    case 'relu':
      for (let i = 0; i < n; i++) {
        const v = x[i];
        out[i] = v > 0 ? v : v !== v ? v : 0; // NaN stays NaN
      }
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
      return;
    case 'tanh':
      if (x instanceof Float32Array && out instanceof Float32Array) tanhFloat32(x, out);
      else if (out instanceof Float64Array) tanhFloat64(x, out);
      else for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]);
      return;
    case 'softplus':
      // softplus(x) = ln(1 + e^x); its slope sigmoid(x) = e^x / (e^x + 1) kept for the backward (PyTorch's formula)
      if (x instanceof Float32Array && out instanceof Float32Array) softplusFloat32(x, out, slope);
      else softplusFloat64(x, out, slope);
      return;
    case 'sin':
      for (let i = 0; i < n; i++) out[i] = Math.sin(x[i]);
      return;
    case 'cos':
      for (let i = 0; i < n; i++) out[i] = Math.cos(x[i]);
      return;
  }
}

/**
 * softplus with Math's exp and log1p, in two loops: each calls one function on values that do not depend on
 * each other, so the CPU overlaps consecutive calls (one loop of log1p(exp(x)) waits for each exp in turn, 1.5x
 * slower).
 */
function softplusFloat64(x: Storage, out: Storage, slope: Float64Array | null): void {
  const n = out.length;
  const exps = slope ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    exps[i] = v > SOFTPLUS_THRESHOLD ? 0 : Math.exp(v);
  }
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const e = exps[i];
    out[i] = v > SOFTPLUS_THRESHOLD ? v : Math.log1p(e);
    exps[i] = v > SOFTPLUS_THRESHOLD ? 1 : e / (e + 1);
  }
}

/**
 * g times a slope. No gradient times an infinite slope (log at 0, the untaken branch of a where) is no
 * gradient, not NaN: where g is exactly 0 and the product is NaN, the term is 0.
 */
function times(g: number, slope: number): number {
  const v = g * slope;
  return v === v || g !== 0 ? v : 0;
}

/** out[i] = g[i] f'(x[i]), given y = f(x); softplus reads the slope its forward kept, when it kept it. */
function backwardValues(
  op: UnaryOp,
  x: Storage,
  y: Storage,
  g: Storage,
  out: Storage,
  slope: Float64Array | null,
): void {
  const n = out.length;
  switch (op) {
    case 'neg': // d(-x) = -1
      for (let i = 0; i < n; i++) out[i] = times(g[i], -1);
      return;
    case 'exp': // d e^x = e^x
      for (let i = 0; i < n; i++) out[i] = times(g[i], y[i]);
      return;
    case 'log': // d ln x = 1/x
      for (let i = 0; i < n; i++) out[i] = times(g[i], 1 / x[i]);
      return;
    case 'sqrt': // d sqrt(x) = 1 / (2 sqrt(x))
      for (let i = 0; i < n; i++) out[i] = times(g[i], 1 / (2 * y[i]));
      return;
    case 'abs': // d |x| = sign(x), 0 at 0 (PyTorch)
      for (let i = 0; i < n; i++) out[i] = times(g[i], Math.sign(x[i]));
      return;
    case 'relu': // 1 above 0, else 0 (0 at 0, PyTorch)
      for (let i = 0; i < n; i++) out[i] = times(g[i], x[i] > 0 ? 1 : 0);
      return;
    case 'sigmoid': // s' = s (1 - s)
      for (let i = 0; i < n; i++) out[i] = times(g[i], y[i] * (1 - y[i]));
      return;
    case 'tanh': // tanh' = 1 - tanh^2
      for (let i = 0; i < n; i++) out[i] = times(g[i], 1 - y[i] * y[i]);
      return;
    case 'softplus': // softplus' = sigmoid, as the forward kept it (else from e^x / (e^x + 1))
      if (slope !== null && out instanceof Float32Array && x instanceof Float32Array) {
        softplusGradientFloat32(x, g, slope, out);
      } else {
        for (let i = 0; i < n; i++) {
          const v = x[i];
          const e = Math.exp(v);
          out[i] = times(g[i], slope !== null ? slope[i] : v > SOFTPLUS_THRESHOLD ? 1 : e / (e + 1));
        }
      }
      return;
    case 'sin': // sin' = cos
      for (let i = 0; i < n; i++) out[i] = times(g[i], Math.cos(x[i]));
      return;
    case 'cos': // cos' = -sin
      for (let i = 0; i < n; i++) out[i] = times(g[i], -Math.sin(x[i]));
      return;
  }
}

function unaryRule(op: UnaryOp): GradientRule<UnaryOp> {
  return ({ inputs: [a], output, attrs }, g) => {
    const out = reuseOrAllocate(a.dtype, a.size);
    const slope = attrs === null ? null : (attrs as OpAttrs['softplus']).slope;
    backwardValues(op, a.data, output.data, g.data, out, slope);
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
  softplus: unaryRule('softplus') as GradientRule<'softplus'>,
  sin: unaryRule('sin'),
  cos: unaryRule('cos'),
  // clamp passes the gradient where min <= x <= max, boundaries included (PyTorch)
  clamp: ({ inputs: [a], attrs: { min, max } }, g) => {
    const out = reuseOrAllocate(a.dtype, a.size);
    for (let i = 0; i < out.length; i++) {
      const x = a.data[i];
      out[i] = (min === null || x >= min) && (max === null || x <= max) ? g.data[i] : 0;
    }
    return [new Tensor(out, a.shape)];
  },
} satisfies GradientTable<UnaryOp | 'clamp'>;

function apply(op: UnaryOp, a: Tensor): Tensor {
  const out = reuseOrAllocate(a.dtype, a.size);
  // softplus keeps its slope for its backward when one will run (given back to the pool by backward.ts)
  const slope =
    op === 'softplus' && isGradEnabled() && a.requiresGrad
      ? (reuseOrAllocate('float64', a.size) as Float64Array)
      : null;
  forwardValues(op, a.data, out, slope);
  const attrs = op === 'softplus' ? { slope } : null;
  return record(
    new Tensor(out, a.shape),
    op,
    [a],
    attrs as OpAttrs[UnaryOp],
    elementwiseGradients[op] as GradientRule<UnaryOp>,
  );
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
  const out = reuseOrAllocate(a.dtype, a.size);
  for (let i = 0; i < out.length; i++) {
    let x = a.data[i];
    if (lo !== null && x < lo) x = lo;
    if (hi !== null && x > hi) x = hi;
    out[i] = x;
  }
  return record(new Tensor(out, a.shape), 'clamp', [a], { min: lo, max: hi }, elementwiseGradients.clamp);
}
