// The loops over a deferred linear map X w (+ b) (fusion.ts): its values for a reader of `.data`, and
// the fused MSE: loss, gradient and the gradient's reductions in one pass over X. Backward then reads
// no data: the mse rule returns the saved gradient, the bias rule finds sum(g) remembered, the matmul
// rule finds X^T g remembered (summation.ts). The kernels take plain arrays and numbers and call only
// functions of this module, so nothing outside can invalidate their optimized code.
import type { Affine } from '../fusion';
import { allocate, type Storage } from '../storage';
import { rememberProduct, rememberSum } from '../summation';

/** Row i of the product, rounded as the eager matmul and add would round it. */
function rowValue(x: Storage, v: Storage, k: number, bias: number | null, i: number, f32: boolean): number {
  let acc = 0;
  const row = i * k;
  if (f32) {
    for (let p = 0; p < k; p++) acc = Math.fround(acc + Math.fround(x[row + p] * v[p]));
    return bias === null ? acc : Math.fround(acc + bias);
  }
  for (let p = 0; p < k; p++) acc += x[row + p] * v[p];
  return bias === null ? acc : acc + bias;
}

/**
 * Rows i..i+3 into out[0..3]: the same in-order sums as rowValue, four rows interleaved so that the CPU
 * works on four independent chains of additions instead of waiting on one.
 */
export function fourRows(x: Storage, v: Storage, k: number, bias: number | null, i: number, f32: boolean, out: Float64Array): void {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  const r0 = i * k;
  const r1 = r0 + k;
  const r2 = r1 + k;
  const r3 = r2 + k;
  if (f32) {
    for (let p = 0; p < k; p++) {
      const vp = v[p];
      a0 = Math.fround(a0 + Math.fround(x[r0 + p] * vp));
      a1 = Math.fround(a1 + Math.fround(x[r1 + p] * vp));
      a2 = Math.fround(a2 + Math.fround(x[r2 + p] * vp));
      a3 = Math.fround(a3 + Math.fround(x[r3 + p] * vp));
    }
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
  const out = allocate(a.dtype, a.m);
  const x = a.box.data;
  const f32 = a.dtype === 'float32';
  let i = 0;
  for (; i + 3 < a.m; i += 4) {
    fourRows(x, a.v, a.k, a.bias, i, f32, rows);
    out.set(rows, i);
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
  const gw = grad !== null && a.weightGradient ? allocate(a.v instanceof Float32Array ? 'float32' : 'float64', a.k) : null;
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

// The two loops below are the same algorithm; float32 rounds every step with Math.fround. They are
// written out twice because a rounding function passed as a value would not be inlined by the JIT.
// The weight gradient follows linalg.ts: one long dot product in four lanes when k = 1 (dotOf), else
// each gw[p] adds its terms in row order (weightGradient).
function squaredError32(
  x: Storage, v: Storage, k: number, bias: number | null, t: Storage, grad: Storage | null, s: number, gw: Storage | null,
  start: number, m: number, lanes: Float64Array,
): void {
  const w0 = v[0];
  const b0 = bias ?? 0;
  let s0 = lanes[0], s1 = lanes[1], s2 = lanes[2], s3 = lanes[3]; // partial sums of (p - t)^2
  let g0 = lanes[4], g1 = lanes[5], g2 = lanes[6], g3 = lanes[7]; // partial sums of the gradient
  let h0 = lanes[8], h1 = lanes[9], h2 = lanes[10], h3 = lanes[11]; // partial sums of the one-feature X^T g
  let i = start;
  for (; i + 3 < m; i += 4) {
    if (k === 1) {
      // one feature, the common teaching case: no inner loop
      rows[0] = bias === null ? Math.fround(x[i] * w0) : Math.fround(Math.fround(x[i] * w0) + b0);
      rows[1] = bias === null ? Math.fround(x[i + 1] * w0) : Math.fround(Math.fround(x[i + 1] * w0) + b0);
      rows[2] = bias === null ? Math.fround(x[i + 2] * w0) : Math.fround(Math.fround(x[i + 2] * w0) + b0);
      rows[3] = bias === null ? Math.fround(x[i + 3] * w0) : Math.fround(Math.fround(x[i + 3] * w0) + b0);
    } else {
      fourRows(x, v, k, bias, i, true, rows);
    }
    const d0 = Math.fround(rows[0] - t[i]);
    const d1 = Math.fround(rows[1] - t[i + 1]);
    const d2 = Math.fround(rows[2] - t[i + 2]);
    const d3 = Math.fround(rows[3] - t[i + 3]);
    s0 = Math.fround(s0 + Math.fround(d0 * d0));
    s1 = Math.fround(s1 + Math.fround(d1 * d1));
    s2 = Math.fround(s2 + Math.fround(d2 * d2));
    s3 = Math.fround(s3 + Math.fround(d3 * d3));
    if (grad === null) continue;
    const e0 = Math.fround(d0 * s);
    const e1 = Math.fround(d1 * s);
    const e2 = Math.fround(d2 * s);
    const e3 = Math.fround(d3 * s);
    grad[i] = e0;
    grad[i + 1] = e1;
    grad[i + 2] = e2;
    grad[i + 3] = e3;
    g0 = Math.fround(g0 + e0);
    g1 = Math.fround(g1 + e1);
    g2 = Math.fround(g2 + e2);
    g3 = Math.fround(g3 + e3);
    if (gw === null) continue;
    if (k === 1) {
      h0 = Math.fround(h0 + Math.fround(x[i] * e0));
      h1 = Math.fround(h1 + Math.fround(x[i + 1] * e1));
      h2 = Math.fround(h2 + Math.fround(x[i + 2] * e2));
      h3 = Math.fround(h3 + Math.fround(x[i + 3] * e3));
    } else {
      const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
      for (let p = 0; p < k; p++) {
        let acc = Math.fround(gw[p] + Math.fround(x[r0 + p] * e0));
        acc = Math.fround(acc + Math.fround(x[r1 + p] * e1));
        acc = Math.fround(acc + Math.fround(x[r2 + p] * e2));
        gw[p] = Math.fround(acc + Math.fround(x[r3 + p] * e3));
      }
    }
  }
  for (; i < m; i++) {
    const d = Math.fround(rowValue(x, v, k, bias, i, true) - t[i]);
    s0 = Math.fround(s0 + Math.fround(d * d));
    if (grad === null) continue;
    const e = Math.fround(d * s);
    grad[i] = e;
    g0 = Math.fround(g0 + e);
    if (gw === null) continue;
    if (k === 1) h0 = Math.fround(h0 + Math.fround(x[i] * e));
    else for (let p = 0; p < k; p++) gw[p] = Math.fround(gw[p] + Math.fround(x[i * k + p] * e));
  }
  storeLanes(lanes, s0, s1, s2, s3, g0, g1, g2, g3, h0, h1, h2, h3);
}

function squaredError64(
  x: Storage, v: Storage, k: number, bias: number | null, t: Storage, grad: Storage | null, s: number, gw: Storage | null,
  start: number, m: number, lanes: Float64Array,
): void {
  const w0 = v[0];
  const b0 = bias ?? 0;
  let s0 = lanes[0], s1 = lanes[1], s2 = lanes[2], s3 = lanes[3];
  let g0 = lanes[4], g1 = lanes[5], g2 = lanes[6], g3 = lanes[7];
  let h0 = lanes[8], h1 = lanes[9], h2 = lanes[10], h3 = lanes[11];
  let i = start;
  for (; i + 3 < m; i += 4) {
    if (k === 1) {
      rows[0] = x[i] * w0 + b0;
      rows[1] = x[i + 1] * w0 + b0;
      rows[2] = x[i + 2] * w0 + b0;
      rows[3] = x[i + 3] * w0 + b0;
    } else {
      fourRows(x, v, k, bias, i, false, rows);
    }
    const d0 = rows[0] - t[i];
    const d1 = rows[1] - t[i + 1];
    const d2 = rows[2] - t[i + 2];
    const d3 = rows[3] - t[i + 3];
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
    if (grad === null) continue;
    const e0 = d0 * s;
    const e1 = d1 * s;
    const e2 = d2 * s;
    const e3 = d3 * s;
    grad[i] = e0;
    grad[i + 1] = e1;
    grad[i + 2] = e2;
    grad[i + 3] = e3;
    g0 += e0;
    g1 += e1;
    g2 += e2;
    g3 += e3;
    if (gw === null) continue;
    if (k === 1) {
      h0 += x[i] * e0;
      h1 += x[i + 1] * e1;
      h2 += x[i + 2] * e2;
      h3 += x[i + 3] * e3;
    } else {
      const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
      for (let p = 0; p < k; p++) gw[p] = gw[p] + x[r0 + p] * e0 + x[r1 + p] * e1 + x[r2 + p] * e2 + x[r3 + p] * e3;
    }
  }
  for (; i < m; i++) {
    const d = rowValue(x, v, k, bias, i, false) - t[i];
    s0 += d * d;
    if (grad === null) continue;
    const e = d * s;
    grad[i] = e;
    g0 += e;
    if (gw === null) continue;
    if (k === 1) h0 += x[i] * e;
    else for (let p = 0; p < k; p++) gw[p] += x[i * k + p] * e;
  }
  storeLanes(lanes, s0, s1, s2, s3, g0, g1, g2, g3, h0, h1, h2, h3);
}

function storeLanes(lanes: Float64Array, ...values: number[]): void {
  for (let j = 0; j < 12; j++) lanes[j] = values[j];
}

