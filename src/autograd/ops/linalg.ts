// Matrix products and their gradients. Each output element sums its products in index order, in float64,
// and a float32 output is rounded once (matrixKernels.ts says why); a bias added afterwards is its own float32
// addition, so one feature's w x + b rounds exactly as PyTorch's elementwise float32 w * x + b. The
// matrix-matrix loops are in matrixKernels.ts; the matrix-vector ones, which linear and logistic regression
// live on, are here.
import { AutogradError, formatShape } from '../errors';
import { record, type GradientTable } from '../graph';
import { isGradEnabled } from '../nograd';
import { allocate, reuseOrAllocate, type Storage } from '../storage';
import { dotOf, knownProduct } from '../summation';
import { affineOf, DEFER_MIN_ROWS } from '../fusion';
import { fourRows } from './affineKernels';
import { multiplyMatrices, multiplyTransposed, multiplyTransposedLeft } from './matrixKernels';
import { Tensor } from '../tensor';

export const linalgGradients = {
  // C = A B:  dA = dC B^T,  dB = A^T dC  (vectors are treated as [1, K] rows or [K, 1] columns)
  matmul: ({ inputs: [a, b], needs }, g) => {
    const [m, k, n] = dims(a, b);
    const gA = needs[0] ? reuseOrAllocate(a.dtype, a.size) : null;
    const gB = needs[1] ? allocate(b.dtype, b.size) : null;
    if (gA) multiplyTransposed(g.data, b.data, gA, m, n, k);
    if (gB) {
      const known = knownProduct(a.data, g.data); // X^T g computed by the fused MSE forward pass
      if (known !== null && known.length === gB.length) gB.set(known);
      else multiplyTN(a.data, g.data, gB, m, k, n);
    }
    return [gA && new Tensor(gA, a.shape), gB && new Tensor(gB, b.shape)];
  },
  // d(a.b) = b da + a db
  dot: ({ inputs: [a, b], needs }, g) => {
    const s = g.data[0];
    const scaled = (v: Tensor, like: Tensor) => {
      const out = allocate(like.dtype, like.size);
      for (let i = 0; i < out.length; i++) out[i] = v.data[i] * s;
      return new Tensor(out, like.shape);
    };
    return [needs[0] ? scaled(b, a) : null, needs[1] ? scaled(a, b) : null];
  },
} satisfies GradientTable<'matmul' | 'dot'>;

/** [m, k, n] of the product; a 1-d left operand is a row [1, K], a 1-d right operand a column [K, 1]. */
function dims(a: Tensor, b: Tensor): [number, number, number] {
  const m = a.ndim === 2 ? a.shape[0] : 1;
  const k = a.shape[a.ndim - 1];
  const n = b.ndim === 2 ? b.shape[1] : 1;
  return [m, k, n];
}

/** Matrix-matrix, matrix-vector, vector-matrix and vector-vector products (no batching). */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const kb = b.ndim === 2 ? b.shape[0] : b.shape[0];
  if (a.ndim < 1 || a.ndim > 2 || b.ndim < 1 || b.ndim > 2 || a.shape[a.ndim - 1] !== kb) {
    throw new AutogradError(
      `matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be multiplied (1-d or 2-d operands whose inner dimensions agree)`,
    );
  }
  const [m, k, n] = dims(a, b);
  const shape = [...(a.ndim === 2 ? [m] : []), ...(b.ndim === 2 ? [n] : [])];
  const dtype = a.dtype === 'float64' || b.dtype === 'float64' ? 'float64' : 'float32';
  if (a.ndim === 2 && b.ndim === 1 && m >= DEFER_MIN_ROWS) {
    // a big matrix times a vector: deferred, so that .add(b) and mseLoss can fuse with it (fusion.ts)
    const affine = affineOf(a.data, b.data, m, k, dtype, isGradEnabled() && b.requiresGrad && b.dtype === dtype);
    return record(new Tensor(affine, shape), 'matmul', [a, b], null, linalgGradients.matmul);
  }
  const out = reuseOrAllocate(dtype, m * n);
  multiplyNN(a.data, b.data, out, m, k, n);
  return record(new Tensor(out, shape), 'matmul', [a, b], null, linalgGradients.matmul);
}

/** The inner product of two vectors of the same length. */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1 || a.size !== b.size) {
    throw new AutogradError(
      `dot: expects two 1-d tensors of the same length, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const out = allocate(a.dtype === 'float64' || b.dtype === 'float64' ? 'float64' : 'float32', 1);
  multiplyNN(a.data, b.data, out, 1, a.size, 1);
  return record(new Tensor(out, []), 'dot', [a, b], null, linalgGradients.dot);
}

/** out[m, n] = A[m, k] B[k, n]. */
function multiplyNN(a: Storage, b: Storage, out: Storage, m: number, k: number, n: number): void {
  if (m === 1 && n === 1) {
    out[0] = dotOf(a, b, k);
  } else if (n === 1 && k === 1) {
    // a column times a scalar: the linear model with one feature
    const s = b[0];
    for (let i = 0; i < m; i++) out[i] = a[i] * s;
  } else if (n === 1) {
    matrixVector(a, b, out, m, k);
  } else {
    multiplyMatrices(a, b, out, m, k, n);
  }
}

/** One dot product per row, in order; four rows at a time (affineKernels.ts's fourRows, so deferred and eager agree). */
function matrixVector(a: Storage, v: Storage, out: Storage, m: number, k: number): void {
  const f32 = out instanceof Float32Array;
  const rows = new Float64Array(4);
  let i = 0;
  for (; i + 3 < m; i += 4) {
    fourRows(a, v, k, null, i, f32, rows);
    out.set(rows, i);
  }
  for (; i < m; i++) {
    let acc = 0;
    const row = i * k;
    for (let p = 0; p < k; p++) acc += a[row + p] * v[p];
    out[i] = acc; // a Float32Array rounds here, once
  }
}

/**
 * out[k] = X[m, k]^T g[m], the gradient of a weight vector. Each out[p] adds its m terms in row order;
 * rows are taken four at a time so out[p] is loaded and stored once per four terms.
 */
function weightGradient(a: Storage, g: Storage, out: Storage, m: number, k: number): void {
  // summed in double for either dtype; a Float32Array out is rounded once, when the sums are copied in
  const sums = out instanceof Float64Array ? out : new Float64Array(out);
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const g0 = g[i],
      g1 = g[i + 1],
      g2 = g[i + 2],
      g3 = g[i + 3];
    const r0 = i * k,
      r1 = r0 + k,
      r2 = r1 + k,
      r3 = r2 + k;
    for (let p = 0; p < k; p++) sums[p] = sums[p] + a[r0 + p] * g0 + a[r1 + p] * g1 + a[r2 + p] * g2 + a[r3 + p] * g3;
  }
  for (; i < m; i++) for (let p = 0; p < k; p++) sums[p] += a[i * k + p] * g[i];
  if (sums !== out) out.set(sums);
}

/** out[k, n] = A[m, k]^T G[m, n]. */
function multiplyTN(a: Storage, g: Storage, out: Storage, m: number, k: number, n: number): void {
  if (k === 1 && n === 1) {
    out[0] = dotOf(a, g, m); // the gradient of a one-feature weight: one long dot product
  } else if (n === 1) {
    weightGradient(a, g, out, m, k);
  } else {
    multiplyTransposedLeft(a, g, out, m, k, n);
  }
}
