// Binary elementwise ops under NumPy broadcasting, each forward beside its backward rule.
// The hot ones (add, sub, mul, div) get explicit loops for the same-shape and scalar cases, so the
// JIT sees one monomorphic loop instead of a callback per element.
import { broadcastBinary, broadcastShapes, isTrailingRow, type ElementwiseFn } from '../broadcast';
import { asTensor } from '../create';
import { record, type GradientRule, type GradientTable } from '../graph';
import { sameShape, sizeOf } from '../shape';
import { allocate, promote, reuseOrAllocate, type DType, type Storage } from '../storage';
import { Tensor, type Operand } from '../tensor';
import { mapIndex, reduceTo } from './common';
import { withBias } from '../fusion';
import { neg } from './elementwise';

type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum';

const forward: Record<BinaryOp, ElementwiseFn> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
  pow: powNumber,
  maximum: (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y)),
  minimum: (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y)),
};

/** Math.pow, with the small integer powers computed by multiplication as PyTorch does. */
function powNumber(x: number, p: number): number {
  switch (p) {
    case 1:
      return x;
    case 2:
      return x * x;
    case 3:
      return x * x * x;
    case 0.5:
      return Math.sqrt(x);
    case -1:
      return 1 / x;
    default:
      return Math.pow(x, p);
  }
}

/**
 * Where no gradient arrives (g exactly 0) a backward term is 0, even when its factor is infinite: 0·∞ and
 * 0/0 are NaN, but the untaken branch of a where (x*log(x), 1/x at 0) sends nothing back. The unary rules
 * (elementwise.ts) do the same. `term` is fresh and has g's shape (the output's, before reduceTo); the
 * check costs one pass that almost never branches.
 */
function noGradientNoNaN(term: Tensor, g: Tensor): Tensor {
  const t = term.data;
  const gd = g.data;
  for (let i = 0; i < t.length; i++) if (t[i] !== t[i] && gd[i] === 0) t[i] = 0;
  return term;
}

/**
 * g·f with noGradientNoNaN's rule, in one loop for the backward rules' usual case (f of g's shape, or one
 * number): the product's NaN test rides on the multiply, so mul's and pow's rules cost what they did.
 */
function gradientTimes(g: Tensor, f: Tensor): Tensor {
  const same = sameShape(f.shape, g.shape);
  if (!same && !(f.size === 1 && f.ndim <= g.ndim)) return noGradientNoNaN(mul(g, f), g);
  const out = reuseOrAllocate(resultDtype(g, f), g.size);
  const gd = g.data;
  const fd = f.data;
  if (same) {
    for (let i = 0; i < out.length; i++) {
      const v = gd[i] * fd[i];
      out[i] = v === v || gd[i] !== 0 ? v : 0;
    }
  } else {
    const s = fd[0];
    for (let i = 0; i < out.length; i++) {
      const v = gd[i] * s;
      out[i] = v === v || gd[i] !== 0 ? v : 0;
    }
  }
  return new Tensor(out, g.shape);
}

export const arithmeticGradients = {
  // d(a+b) = da + db
  add: ({ inputs: [a, b], needs }, g) => [needs[0] ? reduceTo(g, a) : null, needs[1] ? reduceTo(g, b) : null],
  // d(a-b) = da - db
  sub: ({ inputs: [a, b], needs }, g) => [needs[0] ? reduceTo(g, a) : null, needs[1] ? reduceTo(neg(g), b) : null],
  // d(a*b) = b da + a db
  mul: ({ inputs: [a, b], needs }, g) => [
    needs[0] ? reduceTo(gradientTimes(g, b), a) : null,
    needs[1] ? reduceTo(gradientTimes(g, a), b) : null,
  ],
  // d(a/b) = da / b - a db / b^2
  div: ({ inputs: [a, b], needs }, g) => [
    needs[0] ? reduceTo(noGradientNoNaN(div(g, b), g), a) : null,
    needs[1] ? reduceTo(noGradientNoNaN(neg(div(mul(g, a), mul(b, b))), g), b) : null,
  ],
  // d(a^b) = b a^(b-1) da + a^b ln(a) db; the db term is 0 where a = 0 and b >= 0 (PyTorch's convention)
  pow: ({ inputs: [a, b], output, needs }, g) => [
    needs[0] ? reduceTo(gradientTimes(g, mul(b, pow(a, sub(b, 1)))), a) : null,
    needs[1] ? reduceTo(gradientTimes(g, logPowFactor(a, b, output)), b) : null,
  ],
  // The larger operand takes the gradient; a tie splits it evenly (PyTorch's convention)
  maximum: ({ inputs: [a, b], needs }, g) => selectGradients(a, b, g, needs, (x, y) => x > y),
  minimum: ({ inputs: [a, b], needs }, g) => selectGradients(a, b, g, needs, (x, y) => x < y),
} satisfies GradientTable<BinaryOp>;

function binary(op: BinaryOp, x: Operand, y: Operand): Tensor {
  const a = asTensor(x, y instanceof Tensor ? y.dtype : 'float32');
  const b = asTensor(y, a.dtype);
  const shape = broadcastShapes(a.shape, b.shape, op);
  if (
    op === 'add' &&
    a.affine !== null &&
    !a.affine.hasBias &&
    b.size === 1 &&
    sameShape(a.shape, shape) &&
    resultDtype(a, b) === a.dtype
  ) {
    // X.matmul(w).add(b): fold the bias into the deferred product (fusion.ts)
    return record(new Tensor(withBias(a.affine, b.data[0]), shape), op, [a, b], null, arithmeticGradients.add);
  }
  const out = reuseOrAllocate(resultDtype(a, b), sizeOf(shape));
  if (!fastArithmetic(op, a, b, out, shape)) broadcastBinary(a.data, a.shape, b.data, b.shape, out, shape, forward[op]);
  return record(new Tensor(out, shape), op, [a, b], null, arithmeticGradients[op] as GradientRule<BinaryOp>);
}

/** PyTorch's promotion: a dimensioned tensor's dtype wins over a 0-d one's; otherwise float64 wins. */
function resultDtype(a: Tensor, b: Tensor): DType {
  if (a.ndim === 0 && b.ndim > 0) return b.dtype;
  if (b.ndim === 0 && a.ndim > 0) return a.dtype;
  return promote(a.dtype, b.dtype);
}

/** Explicit loops for the common arithmetic cases; false when the general broadcast path must run. */
function fastArithmetic(op: BinaryOp, a: Tensor, b: Tensor, out: Storage, shape: readonly number[]): boolean {
  const x = a.data;
  const y = b.data;
  const n = out.length;
  if (sameShape(a.shape, shape) && sameShape(b.shape, shape)) {
    switch (op) {
      case 'add':
        for (let i = 0; i < n; i++) out[i] = x[i] + y[i];
        return true;
      case 'sub':
        for (let i = 0; i < n; i++) out[i] = x[i] - y[i];
        return true;
      case 'mul':
        for (let i = 0; i < n; i++) out[i] = x[i] * y[i];
        return true;
      case 'div':
        for (let i = 0; i < n; i++) out[i] = x[i] / y[i];
        return true;
      default:
        return false;
    }
  }
  if (b.size === 1 && sameShape(a.shape, shape)) {
    const s = y[0];
    switch (op) {
      case 'add':
        for (let i = 0; i < n; i++) out[i] = x[i] + s;
        return true;
      case 'sub':
        for (let i = 0; i < n; i++) out[i] = x[i] - s;
        return true;
      case 'mul':
        for (let i = 0; i < n; i++) out[i] = x[i] * s;
        return true;
      case 'div':
        for (let i = 0; i < n; i++) out[i] = x[i] / s;
        return true;
      case 'pow':
        for (let i = 0; i < n; i++) out[i] = powNumber(x[i], s);
        return true;
      default:
        return false;
    }
  }
  if (sameShape(a.shape, shape) && y.length > 1 && isTrailingRow(b.shape, shape)) {
    // a row broadcast down the rows: a bias [D] on [N, D]
    const row = y.length;
    switch (op) {
      case 'add':
        for (let o = 0; o < n; o += row) for (let j = 0; j < row; j++) out[o + j] = x[o + j] + y[j];
        return true;
      case 'sub':
        for (let o = 0; o < n; o += row) for (let j = 0; j < row; j++) out[o + j] = x[o + j] - y[j];
        return true;
      case 'mul':
        for (let o = 0; o < n; o += row) for (let j = 0; j < row; j++) out[o + j] = x[o + j] * y[j];
        return true;
      case 'div':
        for (let o = 0; o < n; o += row) for (let j = 0; j < row; j++) out[o + j] = x[o + j] / y[j];
        return true;
      default:
        return false;
    }
  }
  if (a.size === 1 && sameShape(b.shape, shape)) {
    const s = x[0];
    switch (op) {
      case 'add':
        for (let i = 0; i < n; i++) out[i] = s + y[i];
        return true;
      case 'sub':
        for (let i = 0; i < n; i++) out[i] = s - y[i];
        return true;
      case 'mul':
        for (let i = 0; i < n; i++) out[i] = s * y[i];
        return true;
      default:
        return false;
    }
  }
  return false;
}

function logPowFactor(a: Tensor, b: Tensor, output: Tensor): Tensor {
  const shape = output.shape;
  const la = allocate(output.dtype, output.size);
  broadcastBinary(a.data, a.shape, b.data, b.shape, la, shape, (x, y) => (x === 0 && y >= 0 ? 0 : Math.log(x)));
  return mapIndex(output, (i) => output.data[i] * la[i]);
}

function selectGradients(
  a: Tensor,
  b: Tensor,
  g: Tensor,
  needs: readonly boolean[],
  wins: (x: number, y: number) => boolean,
): (Tensor | null)[] {
  const shape = g.shape;
  const share = (mine: (x: number, y: number) => boolean) => {
    const w = allocate(g.dtype, g.size);
    broadcastBinary(a.data, a.shape, b.data, b.shape, w, shape, (x, y) => (x === y ? 0.5 : mine(x, y) ? 1 : 0));
    return mapIndex(g, (i) => g.data[i] * w[i]);
  };
  return [
    needs[0] ? reduceTo(share(wins), a) : null,
    needs[1]
      ? reduceTo(
          share((x, y) => wins(y, x)),
          b,
        )
      : null,
  ];
}

export function add(a: Operand, b: Operand): Tensor {
  return binary('add', a, b);
}
export function sub(a: Operand, b: Operand): Tensor {
  return binary('sub', a, b);
}
export function mul(a: Operand, b: Operand): Tensor {
  return binary('mul', a, b);
}
export function div(a: Operand, b: Operand): Tensor {
  return binary('div', a, b);
}
export function maximum(a: Operand, b: Operand): Tensor {
  return binary('maximum', a, b);
}
export function minimum(a: Operand, b: Operand): Tensor {
  return binary('minimum', a, b);
}

/** a ** b. A number exponent is a constant (PowBackward with one input); a tensor exponent is differentiated too. */
export function pow(a: Operand, b: Operand): Tensor {
  if (a instanceof Tensor && typeof b === 'number') return powScalar(a, b);
  return binary('pow', a, b);
}

export const powScalarGradient = {
  // d(a^p) = p a^(p-1) da
  powScalar: ({ inputs: [a], attrs: { exponent: p } }, g) => [
    p === 0 ? mapIndex(a, () => 0) : gradientTimes(g, mul(powScalar(a, p - 1), p)),
  ],
} satisfies GradientTable<'powScalar'>;

function powScalar(a: Tensor, p: number): Tensor {
  const out = allocate(a.dtype, a.size);
  const x = a.data;
  if (p === 2) for (let i = 0; i < out.length; i++) out[i] = x[i] * x[i];
  else for (let i = 0; i < out.length; i++) out[i] = powNumber(x[i], p);
  return record(new Tensor(out, a.shape), 'powScalar', [a], { exponent: p }, powScalarGradient.powScalar);
}
