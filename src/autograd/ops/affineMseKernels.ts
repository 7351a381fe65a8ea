// The per-chunk loops of the fused MSE over a deferred X w (+ b) (affineKernels.ts drives them): for
// rows [start, m) they add to the running partial sums in `lanes` (12 of them: (p - t)^2, g, and the
// one-feature X^T g, four each), write g = s (p - t), and add X^T g into gw when k > 1.
import type { Storage } from '../storage';
import { rowValue } from './affineKernels';

// The kernels below are one algorithm written four times: float32 (every elementwise step rounded with
// Math.fround) and float64, each for one feature and for many. Written out because a rounding function
// passed as a value would not be inlined by the JIT, and so that each kernel sees one element type
// (monomorphic loads, even when one process trains in both dtypes) and has no per-row branch on k.
// Each row's prediction is summed in feature order, four rows at a time (fourRows' order, so the fused
// and eager paths agree bit for bit); in float32 the sum is kept in double and rounded once (linalg.ts),
// then the bias is added. The weight gradient follows linalg.ts: one long dot product in four lanes when
// k = 1 (dotOf), else each gw[p] adds its terms in row order, in double (weightGradient).
// What paid, a few percent each, in both dtypes: two features per loop iteration (fewer loop and
// interrupt checks), in the same order.

export function squaredError32(
  x: Storage,
  v: Storage,
  k: number,
  bias: number | null,
  t: Storage,
  grad: Storage | null,
  s: number,
  gw: Storage | null,
  start: number,
  m: number,
  lanes: Float64Array,
): void {
  if (k === 1) {
    oneFeatureSquaredError32(x, v[0], bias, t, grad, s, gw, start, m, lanes);
    return;
  }
  let s0 = lanes[0],
    s1 = lanes[1],
    s2 = lanes[2],
    s3 = lanes[3]; // partial sums of (p - t)^2
  let g0 = lanes[4],
    g1 = lanes[5],
    g2 = lanes[6],
    g3 = lanes[7]; // partial sums of the gradient
  let i = start;
  for (; i + 3 < m; i += 4) {
    const r0 = i * k,
      r1 = r0 + k,
      r2 = r1 + k,
      r3 = r2 + k;
    let a0 = 0,
      a1 = 0,
      a2 = 0,
      a3 = 0;
    let q = 0;
    for (; q + 1 < k; q += 2) {
      // two features per iteration, still added to each row's sum in feature order
      const vq = v[q],
        vr = v[q + 1];
      a0 += x[r0 + q] * vq;
      a1 += x[r1 + q] * vq;
      a2 += x[r2 + q] * vq;
      a3 += x[r3 + q] * vq;
      a0 += x[r0 + q + 1] * vr;
      a1 += x[r1 + q + 1] * vr;
      a2 += x[r2 + q + 1] * vr;
      a3 += x[r3 + q + 1] * vr;
    }
    if (q < k) {
      const vq = v[q];
      a0 += x[r0 + q] * vq;
      a1 += x[r1 + q] * vq;
      a2 += x[r2 + q] * vq;
      a3 += x[r3 + q] * vq;
    }
    // the product rounded once, then the bias added as its own float32 operation
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
    const d0 = Math.fround(a0 - t[i]);
    const d1 = Math.fround(a1 - t[i + 1]);
    const d2 = Math.fround(a2 - t[i + 2]);
    const d3 = Math.fround(a3 - t[i + 3]);
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
    // gw is a Float64Array: X^T g summed in double, rounded once when backward copies it out
    for (let p = 0; p < k; p++) gw[p] = gw[p] + x[r0 + p] * e0 + x[r1 + p] * e1 + x[r2 + p] * e2 + x[r3 + p] * e3;
  }
  for (; i < m; i++) {
    const d = Math.fround(rowValue(x, v, k, bias, i, true) - t[i]);
    s0 = Math.fround(s0 + Math.fround(d * d));
    if (grad === null) continue;
    const e = Math.fround(d * s);
    grad[i] = e;
    g0 = Math.fround(g0 + e);
    if (gw !== null) for (let p = 0; p < k; p++) gw[p] += x[i * k + p] * e;
  }
  storeLanes(lanes, s0, s1, s2, s3, g0, g1, g2, g3, lanes[8], lanes[9], lanes[10], lanes[11]);
}

/** One feature, the common teaching case: no inner loop, and X^T g is one long dot product in four lanes. */
function oneFeatureSquaredError32(
  x: Storage,
  w0: number,
  bias: number | null,
  t: Storage,
  grad: Storage | null,
  s: number,
  gw: Storage | null,
  start: number,
  m: number,
  lanes: Float64Array,
): void {
  const b0 = bias ?? 0;
  let s0 = lanes[0],
    s1 = lanes[1],
    s2 = lanes[2],
    s3 = lanes[3]; // partial sums of (p - t)^2
  let g0 = lanes[4],
    g1 = lanes[5],
    g2 = lanes[6],
    g3 = lanes[7]; // partial sums of the gradient
  let h0 = lanes[8],
    h1 = lanes[9],
    h2 = lanes[10],
    h3 = lanes[11]; // partial sums of X^T g
  let i = start;
  for (; i + 3 < m; i += 4) {
    const x0 = x[i],
      x1 = x[i + 1],
      x2 = x[i + 2],
      x3 = x[i + 3];
    const p0 = bias === null ? Math.fround(x0 * w0) : Math.fround(Math.fround(x0 * w0) + b0);
    const p1 = bias === null ? Math.fround(x1 * w0) : Math.fround(Math.fround(x1 * w0) + b0);
    const p2 = bias === null ? Math.fround(x2 * w0) : Math.fround(Math.fround(x2 * w0) + b0);
    const p3 = bias === null ? Math.fround(x3 * w0) : Math.fround(Math.fround(x3 * w0) + b0);
    const d0 = Math.fround(p0 - t[i]);
    const d1 = Math.fround(p1 - t[i + 1]);
    const d2 = Math.fround(p2 - t[i + 2]);
    const d3 = Math.fround(p3 - t[i + 3]);
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
    h0 = Math.fround(h0 + Math.fround(x0 * e0));
    h1 = Math.fround(h1 + Math.fround(x1 * e1));
    h2 = Math.fround(h2 + Math.fround(x2 * e2));
    h3 = Math.fround(h3 + Math.fround(x3 * e3));
  }
  for (; i < m; i++) {
    const p = bias === null ? Math.fround(x[i] * w0) : Math.fround(Math.fround(x[i] * w0) + b0);
    const d = Math.fround(p - t[i]);
    s0 = Math.fround(s0 + Math.fround(d * d));
    if (grad === null) continue;
    const e = Math.fround(d * s);
    grad[i] = e;
    g0 = Math.fround(g0 + e);
    if (gw !== null) h0 = Math.fround(h0 + Math.fround(x[i] * e));
  }
  storeLanes(lanes, s0, s1, s2, s3, g0, g1, g2, g3, h0, h1, h2, h3);
}

export function squaredError64(
  x: Storage,
  v: Storage,
  k: number,
  bias: number | null,
  t: Storage,
  grad: Storage | null,
  s: number,
  gw: Storage | null,
  start: number,
  m: number,
  lanes: Float64Array,
): void {
  if (k === 1) {
    oneFeatureSquaredError64(x, v[0], bias ?? 0, t, grad, s, gw, start, m, lanes);
    return;
  }
  let s0 = lanes[0],
    s1 = lanes[1],
    s2 = lanes[2],
    s3 = lanes[3];
  let g0 = lanes[4],
    g1 = lanes[5],
    g2 = lanes[6],
    g3 = lanes[7];
  let i = start;
  for (; i + 3 < m; i += 4) {
    const r0 = i * k,
      r1 = r0 + k,
      r2 = r1 + k,
      r3 = r2 + k;
    let a0 = 0,
      a1 = 0,
      a2 = 0,
      a3 = 0;
    let q = 0;
    for (; q + 1 < k; q += 2) {
      const vq = v[q],
        vr = v[q + 1];
      a0 += x[r0 + q] * vq;
      a1 += x[r1 + q] * vq;
      a2 += x[r2 + q] * vq;
      a3 += x[r3 + q] * vq;
      a0 += x[r0 + q + 1] * vr;
      a1 += x[r1 + q + 1] * vr;
      a2 += x[r2 + q + 1] * vr;
      a3 += x[r3 + q + 1] * vr;
    }
    if (q < k) {
      const vq = v[q];
      a0 += x[r0 + q] * vq;
      a1 += x[r1 + q] * vq;
      a2 += x[r2 + q] * vq;
      a3 += x[r3 + q] * vq;
    }
    if (bias !== null) {
      a0 += bias;
      a1 += bias;
      a2 += bias;
      a3 += bias;
    }
    const d0 = a0 - t[i];
    const d1 = a1 - t[i + 1];
    const d2 = a2 - t[i + 2];
    const d3 = a3 - t[i + 3];
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
    let p = 0;
    for (; p + 1 < k; p += 2) {
      gw[p] = gw[p] + x[r0 + p] * e0 + x[r1 + p] * e1 + x[r2 + p] * e2 + x[r3 + p] * e3;
      gw[p + 1] = gw[p + 1] + x[r0 + p + 1] * e0 + x[r1 + p + 1] * e1 + x[r2 + p + 1] * e2 + x[r3 + p + 1] * e3;
    }
    if (p < k) gw[p] = gw[p] + x[r0 + p] * e0 + x[r1 + p] * e1 + x[r2 + p] * e2 + x[r3 + p] * e3;
  }
  for (; i < m; i++) {
    const d = rowValue(x, v, k, bias, i, false) - t[i];
    s0 += d * d;
    if (grad === null) continue;
    const e = d * s;
    grad[i] = e;
    g0 += e;
    if (gw !== null) for (let p = 0; p < k; p++) gw[p] += x[i * k + p] * e;
  }
  storeLanes(lanes, s0, s1, s2, s3, g0, g1, g2, g3, lanes[8], lanes[9], lanes[10], lanes[11]);
}

/** One feature in float64 (see oneFeatureSquaredError32); no bias is added as a bias of 0. */
function oneFeatureSquaredError64(
  x: Storage,
  w0: number,
  b0: number,
  t: Storage,
  grad: Storage | null,
  s: number,
  gw: Storage | null,
  start: number,
  m: number,
  lanes: Float64Array,
): void {
  let s0 = lanes[0],
    s1 = lanes[1],
    s2 = lanes[2],
    s3 = lanes[3];
  let g0 = lanes[4],
    g1 = lanes[5],
    g2 = lanes[6],
    g3 = lanes[7];
  let h0 = lanes[8],
    h1 = lanes[9],
    h2 = lanes[10],
    h3 = lanes[11];
  let i = start;
  for (; i + 3 < m; i += 4) {
    const x0 = x[i],
      x1 = x[i + 1],
      x2 = x[i + 2],
      x3 = x[i + 3];
    const d0 = x0 * w0 + b0 - t[i];
    const d1 = x1 * w0 + b0 - t[i + 1];
    const d2 = x2 * w0 + b0 - t[i + 2];
    const d3 = x3 * w0 + b0 - t[i + 3];
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
    h0 += x0 * e0;
    h1 += x1 * e1;
    h2 += x2 * e2;
    h3 += x3 * e3;
  }
  for (; i < m; i++) {
    const d = x[i] * w0 + b0 - t[i];
    s0 += d * d;
    if (grad === null) continue;
    const e = d * s;
    grad[i] = e;
    g0 += e;
    if (gw !== null) h0 += x[i] * e;
  }
  storeLanes(lanes, s0, s1, s2, s3, g0, g1, g2, g3, h0, h1, h2, h3);
}

function storeLanes(lanes: Float64Array, ...values: number[]): void {
  for (let j = 0; j < 12; j++) lanes[j] = values[j];
}
