// The loops of the binary cross-entropy of logits (bceLoss.ts): per element z (a logit) and y (a label),
//   e = e^-|z|,  term = max(z, 0) - y z + ln(1 + e),  sigmoid(z) = 1/(1 + e) for z >= 0, e/(1 + e) below,
//   gradient = (sigmoid(z) - y) / d   (d = n for the mean, as PyTorch divides; 1 for the sum),
// one exponential and one logarithm per element, none of which overflows. In float32 each term and each
// gradient is computed in float64 from the float32 z and y and rounded once.
// The sums of the terms and of the gradient follow summation.ts (in order up to IN_ORDER_MAX terms, else
// four interleaved partial sums), so the loss equals the mean of the terms as .mean() would add them, and
// sum(g) is what the bias's backward would compute.
// Over a deferred X w + b (fusion.ts) the logits are summed as fourRows/rowValue sum them, the eager values bit
// for bit, and X^T g is added up on the way in row order (linalg.ts's weightGradient's order): X is read
// once per step. Kernels take plain arrays and numbers only (see affineKernels.ts for why).
import type { Storage } from '../storage';
import { IN_ORDER_MAX } from '../summation';
import { rowValue } from './affineKernels';

/** Partial sums: lanes[0..3] of the terms, lanes[4..7] of the gradient. */
export type Lanes = Float64Array;

/**
 * Elements [start, end) of plain z and y: the terms (and the gradient) added to `lanes`, element i to lane
 * i & mask (mask 3: four interleaved sums; 0: one sum in order).
 */
export function bceLanes64(
  z: Storage,
  y: Storage,
  grad: Storage | null,
  d: number,
  start: number,
  end: number,
  mask: number,
  lanes: Lanes,
): void {
  for (let i = start; i < end; i++) {
    const v = z[i];
    const t = y[i];
    const e = Math.exp(-Math.abs(v));
    const lane = i & mask;
    lanes[lane] += (v > 0 ? v : 0) - t * v + Math.log1p(e);
    if (grad === null) continue;
    const g = ((v >= 0 ? 1 / (1 + e) : e / (1 + e)) - t) / d;
    grad[i] = g;
    lanes[4 + lane] += g;
  }
}

export function bceLanes32(
  z: Storage,
  y: Storage,
  grad: Storage | null,
  d: number,
  start: number,
  end: number,
  mask: number,
  lanes: Lanes,
): void {
  for (let i = start; i < end; i++) {
    const v = z[i];
    const t = y[i];
    const e = Math.exp(-Math.abs(v));
    const lane = i & mask;
    lanes[lane] = Math.fround(lanes[lane] + Math.fround((v > 0 ? v : 0) - t * v + Math.log1p(e)));
    if (grad === null) continue;
    const g = Math.fround(((v >= 0 ? 1 / (1 + e) : e / (1 + e)) - t) / d);
    grad[i] = g;
    lanes[4 + lane] = Math.fround(lanes[4 + lane] + g);
  }
}

/** The sum of the terms of plain z and y, and of the gradient written into `grad`, in summation.ts's order. */
export function bceSum(
  z: Storage,
  y: Storage,
  grad: Storage | null,
  d: number,
  f32: boolean,
): { loss: number; gradientSum: number } {
  const n = z.length;
  const lanes = new Float64Array(8);
  const run = f32 ? bceLanes32 : bceLanes64;
  const main = n > IN_ORDER_MAX ? n - (n % 4) : 0;
  run(z, y, grad, d, 0, main, 3, lanes);
  run(z, y, grad, d, main, n, 0, lanes);
  return { loss: combine(lanes, 0, f32), gradientSum: combine(lanes, 4, f32) };
}

/** (s0 + s1) + (s2 + s3) of lanes[o..o+3], each step rounded in float32. */
export function combine(lanes: Lanes, o: number, f32: boolean): number {
  const r = f32 ? Math.fround : (v: number) => v;
  return r(r(lanes[o] + lanes[o + 1]) + r(lanes[o + 2] + lanes[o + 3]));
}

/**
 * Rows [start, end) of a deferred X w (+ b) against labels y: terms and gradient into `lanes` as above, and
 * X^T g added into gw (when given) in row order. start is a multiple of 4; rows past the last multiple of 4
 * of the whole product go to lane 0, as summation.ts adds a sum's last n % 4 terms.
 */
export function affineBce64(
  x: Storage,
  v: Storage,
  k: number,
  bias: number | null,
  y: Storage,
  grad: Storage | null,
  d: number,
  gw: Storage | null,
  start: number,
  end: number,
  lanes: Lanes,
  rows: Float64Array,
): void {
  let i = start;
  for (; i + 3 < end; i += 4) {
    const r0 = i * k,
      r1 = r0 + k,
      r2 = r1 + k,
      r3 = r2 + k;
    // the four rows' logits, each summed in feature order (fourRows' order), written out so the JIT inlines them
    let a0 = 0,
      a1 = 0,
      a2 = 0,
      a3 = 0;
    for (let q = 0; q < k; q++) {
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
    rows[0] = a0;
    rows[1] = a1;
    rows[2] = a2;
    rows[3] = a3;
    for (let j = 0; j < 4; j++) {
      const z = rows[j];
      const t = y[i + j];
      const e = Math.exp(-Math.abs(z));
      lanes[j] += (z > 0 ? z : 0) - t * z + Math.log1p(e);
      rows[j] = ((z >= 0 ? 1 / (1 + e) : e / (1 + e)) - t) / d; // now the gradient
    }
    if (grad === null) continue;
    const g0 = rows[0],
      g1 = rows[1],
      g2 = rows[2],
      g3 = rows[3];
    grad[i] = g0;
    grad[i + 1] = g1;
    grad[i + 2] = g2;
    grad[i + 3] = g3;
    lanes[4] += g0;
    lanes[5] += g1;
    lanes[6] += g2;
    lanes[7] += g3;
    if (gw === null) continue;
    for (let p = 0; p < k; p++) gw[p] = gw[p] + x[r0 + p] * g0 + x[r1 + p] * g1 + x[r2 + p] * g2 + x[r3 + p] * g3;
  }
  for (; i < end; i++) {
    const z = rowValue(x, v, k, bias, i, false);
    const t = y[i];
    const e = Math.exp(-Math.abs(z));
    lanes[0] += (z > 0 ? z : 0) - t * z + Math.log1p(e);
    if (grad === null) continue;
    const g = ((z >= 0 ? 1 / (1 + e) : e / (1 + e)) - t) / d;
    grad[i] = g;
    lanes[4] += g;
    if (gw !== null) for (let p = 0; p < k; p++) gw[p] += x[i * k + p] * g;
  }
}

export function affineBce32(
  x: Storage,
  v: Storage,
  k: number,
  bias: number | null,
  y: Storage,
  grad: Storage | null,
  d: number,
  gw: Storage | null,
  start: number,
  end: number,
  lanes: Lanes,
  rows: Float64Array,
): void {
  let i = start;
  for (; i + 3 < end; i += 4) {
    const r0 = i * k,
      r1 = r0 + k,
      r2 = r1 + k,
      r3 = r2 + k;
    let a0 = 0,
      a1 = 0,
      a2 = 0,
      a3 = 0;
    for (let q = 0; q < k; q++) {
      const vq = v[q];
      a0 = Math.fround(a0 + Math.fround(x[r0 + q] * vq));
      a1 = Math.fround(a1 + Math.fround(x[r1 + q] * vq));
      a2 = Math.fround(a2 + Math.fround(x[r2 + q] * vq));
      a3 = Math.fround(a3 + Math.fround(x[r3 + q] * vq));
    }
    if (bias !== null) {
      a0 = Math.fround(a0 + bias);
      a1 = Math.fround(a1 + bias);
      a2 = Math.fround(a2 + bias);
      a3 = Math.fround(a3 + bias);
    }
    rows[0] = a0;
    rows[1] = a1;
    rows[2] = a2;
    rows[3] = a3;
    for (let j = 0; j < 4; j++) {
      const z = rows[j];
      const t = y[i + j];
      const e = Math.exp(-Math.abs(z));
      lanes[j] = Math.fround(lanes[j] + Math.fround((z > 0 ? z : 0) - t * z + Math.log1p(e)));
      rows[j] = Math.fround(((z >= 0 ? 1 / (1 + e) : e / (1 + e)) - t) / d);
    }
    if (grad === null) continue;
    const g0 = rows[0],
      g1 = rows[1],
      g2 = rows[2],
      g3 = rows[3];
    grad[i] = g0;
    grad[i + 1] = g1;
    grad[i + 2] = g2;
    grad[i + 3] = g3;
    lanes[4] = Math.fround(lanes[4] + g0);
    lanes[5] = Math.fround(lanes[5] + g1);
    lanes[6] = Math.fround(lanes[6] + g2);
    lanes[7] = Math.fround(lanes[7] + g3);
    if (gw === null) continue;
    for (let p = 0; p < k; p++) {
      let acc = Math.fround(gw[p] + Math.fround(x[r0 + p] * g0));
      acc = Math.fround(acc + Math.fround(x[r1 + p] * g1));
      acc = Math.fround(acc + Math.fround(x[r2 + p] * g2));
      gw[p] = acc + Math.fround(x[r3 + p] * g3); // the Float32Array store rounds
    }
  }
  for (; i < end; i++) {
    const z = rowValue(x, v, k, bias, i, true);
    const t = y[i];
    const e = Math.exp(-Math.abs(z));
    lanes[0] = Math.fround(lanes[0] + Math.fround((z > 0 ? z : 0) - t * z + Math.log1p(e)));
    if (grad === null) continue;
    const g = Math.fround(((z >= 0 ? 1 / (1 + e) : e / (1 + e)) - t) / d);
    grad[i] = g;
    lanes[4] = Math.fround(lanes[4] + g);
    if (gw !== null) for (let p = 0; p < k; p++) gw[p] = Math.fround(gw[p] + Math.fround(x[i * k + p] * g));
  }
}

/** PyTorch clamps BCE's logarithms here, so a probability of exactly 0 or 1 costs 100, not infinity. */
const LOG_FLOOR = -100;

/** PyTorch's BCELoss backward divides by (1 - p) p, but by no less than this: 1e-12 as a float32 constant. */
const EPSILON = Math.fround(1e-12);

const exact = (v: number) => v;

// BCE of probabilities follows PyTorch 1.13's CPU kernels operation by operation, each rounded to the dtype
// (r is Math.fround in float32): ln(1 - p) is the logarithm of 1 - p rounded, not log1p(-p), so a float32 p
// of 1e-13 costs exactly 0, as in PyTorch.

/** d/dp of the BCE of a probability p against y: (p - y) / max((1 - p) p, EPSILON); NaN for p outside [0, 1]. */
export function probabilityGradient(p: number, y: number, f32: boolean): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  const r = f32 ? Math.fround : exact;
  return r(r(p - y) / Math.max(r(r(1 - p) * p), EPSILON));
}

/** d/dy of the BCE: ln(1 - p) - ln p, not clamped (infinite at p = 0 or 1), as PyTorch's target backward. */
export function labelGradient(p: number, f32: boolean): number {
  const r = f32 ? Math.fround : exact;
  return r(r(Math.log(r(1 - p))) - r(Math.log(p)));
}

/**
 * The sum of (y - 1) max(ln(1 - p), -100) - y max(ln p, -100) over the elements, in summation.ts's order.
 * `terms`, when given, receives each term; `grad`, when given, the gradient over d.
 */
export function probabilityBceSum(
  p: Storage,
  y: Storage,
  terms: Storage | null,
  grad: Storage | null,
  d: number,
  f32: boolean,
): number {
  const r = f32 ? Math.fround : exact;
  const n = p.length;
  const lanes = new Float64Array(4);
  const main = n > IN_ORDER_MAX ? n - (n % 4) : 0;
  for (let i = 0; i < n; i++) {
    const v = p[i];
    const t = y[i];
    const logP = r(Math.log(v));
    const log1mP = r(Math.log(r(1 - v)));
    let term = r(
      r(r(t - 1) * (log1mP > LOG_FLOOR ? log1mP : LOG_FLOOR)) - r(t * (logP > LOG_FLOOR ? logP : LOG_FLOOR)),
    );
    if (!(v >= 0 && v <= 1)) term = NaN; // not a probability (or NaN): no loss, rather than a clamped one
    const lane = i < main ? i & 3 : 0;
    lanes[lane] = r(lanes[lane] + term);
    if (terms !== null) terms[i] = term;
    if (grad !== null) grad[i] = probabilityGradient(v, t, f32) / d;
  }
  return combine(lanes, 0, f32);
}
