// The loops over a deferred linear map X w (+ b) (fusion.ts): its values for a reader of `.data`, and
// the fused MSE: loss, gradient and the gradient's reductions in one pass over X. Backward then reads
// no data: the mse rule returns the saved gradient, the bias rule finds sum(g) remembered, the matmul
// rule finds X^T g remembered (summation.ts). The kernels (here and in affineMseKernels.ts) take plain
// arrays and numbers and call only functions of these two modules, so nothing outside can invalidate
// their optimized code.
import type { Affine } from '../fusion';
import { reuseOrAllocate, type Storage } from '../storage';
import { rememberProduct, rememberSum } from '../summation';
import { squaredError32, squaredError64 } from './affineMseKernels';

/** Row i of the product, rounded as the eager matmul and add would round it. */
export function rowValue(x: Storage, v: Storage, k: number, bias: number | null, i: number, f32: boolean): number {
  let acc = 0;
  const row = i * k;
  if (f32) {
    for (let p = 0; p < k; p++) acc += x[row + p] * v[p];
    acc = Math.fround(acc); // the product, rounded once; the bias is its own float32 addition
    return bias === null ? acc : Math.fround(acc + bias);
  }
  for (let p = 0; p < k; p++) acc += x[row + p] * v[p];
  return bias === null ? acc : acc + bias;
}

/**
 * Rows i..i+3 into out[0..3]: the same in-order sums as rowValue, four rows interleaved so that the CPU
 * works on four independent chains of additions instead of waiting on one.
 */
export function fourRows(
  x: Storage,
  v: Storage,
  k: number,
  bias: number | null,
  i: number,
  f32: boolean,
  out: Float64Array,
): void {
  let a0 = 0,
    a1 = 0,
    a2 = 0,
    a3 = 0;
  const r0 = i * k;
  const r1 = r0 + k;
  const r2 = r1 + k;
  const r3 = r2 + k;
  if (f32) {
    for (let p = 0; p < k; p++) {
      const vp = v[p];
      a0 += x[r0 + p] * vp;
      a1 += x[r1 + p] * vp;
      a2 += x[r2 + p] * vp;
      a3 += x[r3 + p] * vp;
    }
    a0 = Math.fround(a0);
    a1 = Math.fround(a1);
    a2 = Math.fround(a2);
    a3 = Math.fround(a3);
    if (bias !== null) {
      a0 = Math.fround(a0 + bias);
      a1 = Math.fround(a1 + bias);
      a2 = Math.fround(a2 + bias);
      a3 = Math.fround(a3 + bias);
    }
  } else {
    for (let p = 0; p < k; p++) {
      const vp = v[p];
      a0 += x[r0 + p] * vp;
      a1 += x[r1 + p] * vp;
      a2 += x[r2 + p] * vp;
      a3 += x[r3 + p] * vp;
    }
    if (bias !== null) {
      a0 += bias;
      a1 += bias;
      a2 += bias;
      a3 += bias;
    }
  }
  out[0] = a0;
  out[1] = a1;
  out[2] = a2;
  out[3] = a3;
}

/** Scratch for fourRows' results. */
const rows = new Float64Array(4);

/** All m values, for a reader of `.data`. */
export function computeAffine(a: Affine): Storage {
  const out = reuseOrAllocate(a.dtype, a.m);
  const x = a.box.data;
  const f32 = a.dtype === 'float32';
  let i = 0;
  for (; i + 3 < a.m; i += 4) {
    fourRows(x, a.v, a.k, a.bias, i, f32, rows);
    out[i] = rows[0];
    out[i + 1] = rows[1];
    out[i + 2] = rows[2];
    out[i + 3] = rows[3];
  }
  for (; i < a.m; i++) out[i] = rowValue(x, a.v, a.k, a.bias, i, f32);
  return out;
}

/**
 * sum((p - t)^2) with p the rows of `a`, in one pass over X (m >= DEFER_MIN_ROWS, so four interleaved
 * partial sums as summation.ts does for long sums). When `grad` is given it receives g = s (p - t), and
 * the two reductions backward will ask of g are done on the way, in the very order backward would do
 * them, and remembered (summation.ts): sum(g) for the bias, and X^T g for the weights when they need a
 * gradient. X is then read once per training step, as in a hand-fused loop.
 */
export function affineSquaredErrorSum(a: Affine, t: Storage, grad: Storage | null, scale: number): number {
  const f32 = a.dtype === 'float32';
  // X^T g summed in double for either dtype, rounded into the weight's dtype when backward copies it out
  const gw = grad !== null && a.weightGradient ? new Float64Array(a.k) : null;
  // Rows go through in chunks: a kernel called many times on short ranges is optimized as a whole
  // function, with type feedback for its last lines. One call on a million rows would be optimized
  // mid-loop instead, then fall back to the slow tiers at the loop's end, on every call.
  const lanes = new Float64Array(12); // partial sums of (p - t)^2, of g, of the one-feature X^T g
  const s = f32 ? Math.fround(scale) : scale;
  for (let start = 0; start < a.m; start += CHUNK) {
    const end = Math.min(a.m, start + CHUNK);
    // plain values only: the kernels read no object fields, so no hidden-class change can deoptimize them
    if (f32) squaredError32(a.box.data, a.v, a.k, a.bias, t, grad, s, gw, start, end, lanes);
    else squaredError64(a.box.data, a.v, a.k, a.bias, t, grad, s, gw, start, end, lanes);
  }
  const r = f32 ? Math.fround : (z: number) => z;
  const combine = (o: number) => r(r(lanes[o] + lanes[o + 1]) + r(lanes[o + 2] + lanes[o + 3]));
  if (grad !== null) rememberSum(grad, combine(4));
  if (gw !== null) {
    if (a.k === 1) gw[0] = combine(8);
    rememberProduct(grad as Storage, a.box.data, gw);
  }
  return combine(0);
}

/** Rows per kernel call: a multiple of 4, so the four lanes see rows in the same order as one long loop. */
const CHUNK = 4096;
