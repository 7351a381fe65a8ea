// The loops of the binary cross-entropy of logits (bceLoss.ts): per element z (a logit) and y (a label),
//   e = e^-|z|,  term = max(z, 0) - y z + ln(1 + e),  sigmoid(z) = 1/(1 + e) for z >= 0, e/(1 + e) below,
//   gradient = (sigmoid(z) - y) / d   (d = n for the mean, as PyTorch divides; 1 for the sum),
// one exponential and one logarithm per element (computed inline, below), none of which overflows. In float32 each term and each
// gradient is computed in float64 from the float32 z and y and rounded once.
// The sums of the terms and of the gradient follow summation.ts (in order up to IN_ORDER_MAX terms, else
// four interleaved partial sums), so the loss equals the mean of the terms as .mean() would add them, and
// sum(g) is what the bias's backward would compute.
// Over a deferred X w + b (fusion.ts) the logits are summed as fourRows/rowValue sum them, the eager values bit
// for bit, and X^T g is added up on the way in row order, in double (linalg.ts's weightGradient): X is read
// once per step. Kernels take plain arrays and numbers only (see affineKernels.ts for why), and each is
// written once per dtype (affineMseKernels.ts says why a rounding function is not passed in).
import type { Storage } from '../storage';
import { IN_ORDER_MAX } from '../summation';
import { rowValue } from './affineKernels';
import {
  EXP2_FRACTION as SHARED_EXP2_FRACTION,
  INV_LN2_32 as SHARED_INV_LN2_32,
  LN2_32_HI as SHARED_LN2_32_HI,
  LN2_32_LO as SHARED_LN2_32_LO,
} from './exp2Table';

// e^-a and ln(1 + e) by arithmetic the JIT inlines, each within 2 units in the last place: Math.exp and
// Math.log1p, calls into C, were most of logistic regression's step. Both functions are small, and live in
// this module beside their callers, on purpose: the JIT inlines only small functions it can see (a function
// imported from another module is reached through a getter where modules are not bundled, as in the
// benches and tests), and an inlined call passes its numbers unboxed.
// test/unit/autograd/logisticMath.test.ts measures them against 40-digit values.
//
// e^-a, 0 <= a < 40:  -a = k ln2/32 + r with |r| <= ln2/64;  e^-a = F e^r, F = 2^(k >> 5) 2^((k & 31)/32) from two
//   tables (each entry exact or correctly rounded), e^r = 1 + r + ... + r^6/6!, the rest below 2^-59 of it.
// ln(1 + e), 0 <= e <= 1:  t = 1 + e rounded, and d = e - (t - 1) what the rounding left out (exact);
//   c = 1 + j/64 the nearest such number to t (j = 0..64), u = (t - c)/c with |u| <= 1/128,
//   ln(1 + e) = ln c + ln(1 + u) + d/t, ln(1 + u) = u - u^2/2 + ... - u^8/8 (the rest below 2^-63),
//   ln c from a table (ln 1 = 0 exactly, so a small e keeps all its digits), 1/c and 1/t from a table too.

/** Where expOfNegative's tables end: e^-40 is below 2^-57, and ln(1 + e) = e there to the last bit. */
export const EXP_TABLE_END = 40;
const LN2_32_HI = SHARED_LN2_32_HI;
const LN2_32_LO = SHARED_LN2_32_LO;
const INV_LN2_32 = SHARED_INV_LN2_32;
const EXP2_FRACTION = SHARED_EXP2_FRACTION; // a constant of this module (exp2Table.ts says why)
/** 2^m for m = -60..0, at index m + 60 (exact). */
const POW2_NEGATIVE = Float64Array.from({ length: 61 }, (_, i) => 2 ** (i - 60));
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;

/** e^-a for 0 <= a < EXP_TABLE_END, within 2 ulp. */
export function expOfNegative(a: number): number {
  const k = (-a * INV_LN2_32 - 0.5) | 0; // the nearest integer to -a 32/ln2 (truncation of a negative number + 0.5)
  const r = -a - k * LN2_32_HI - k * LN2_32_LO;
  const r2 = r * r;
  const em1 = r + r2 * (0.5 + r * C3) + r2 * r2 * (C4 + r * C5 + r2 * C6);
  const f = POW2_NEGATIVE[(k >> 5) + 60] * EXP2_FRACTION[k & 31];
  return f + f * em1;
}

/** ln(1 + j/64), 1/(1 + j/64), j = 0..64 (ln computed by Math.log, within 1 ulp; ln 1 = 0 exactly). */
const LOG_CENTER = Float64Array.from({ length: 65 }, (_, j) => Math.log(1 + j / 64));
const INVERSE_CENTER = Float64Array.from({ length: 65 }, (_, j) => 1 / (1 + j / 64));

/** ln(1 + e) for 0 <= e <= 1, within 2 ulp. */
export function log1pOfUnit(e: number): number {
  const t = 1 + e;
  const d = e - (t - 1); // exact: 1 >= e
  const j = ((t - 1) * 64 + 0.5) | 0;
  const inverse = INVERSE_CENTER[j];
  const u = (t - (1 + j / 64)) * inverse; // t - c is exact (both in [1, 2], within 1/128)
  const p = u - u * u * (0.5 - u * (1 / 3 - u * (0.25 - u * (0.2 - u * (1 / 6 - u * (1 / 7 - u * 0.125))))));
  return LOG_CENTER[j] + (p + d * inverse); // d/t ~ d/c: d is at most half an ulp of t
}

/** e^-|z| (above; far out, where its tables end and the value is below 2^-57, Math.exp). */
export function expOfMinusAbs(z: number): number {
  const a = Math.abs(z);
  return a < EXP_TABLE_END ? expOfNegative(a) : Math.exp(-a);
}

/** One element's term of the BCE of a logit z against y, given e = e^-|z|: max(z, 0) - y z + ln(1 + e). */
export function logitTerm(z: number, y: number, e: number): number {
  return (z > 0 ? z : 0) - y * z + log1pOfUnit(e);
}

/** d term / dz = sigmoid(z) - y, given e = e^-|z| (sigmoid(z) = 1/(1 + e) for z >= 0, e/(1 + e) below). */
export function logitSlope(z: number, y: number, e: number): number {
  return (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - y;
}

/** Partial sums: lanes[0..3] of the terms, lanes[4..7] of the gradient (the fused pass's, for the bias). */
export type Lanes = Float64Array;

/**
 * Elements [start, end) of plain z and y: the terms added to `lanes`, element i to lane i & mask (mask 3:
 * four interleaved sums; 0: one sum in order), and the gradient written into `grad` when it is given.
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
    const e = expOfMinusAbs(v);
    lanes[i & mask] += logitTerm(v, t, e);
    if (grad !== null) grad[i] = logitSlope(v, t, e) / d;
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
    const e = expOfMinusAbs(v);
    const lane = i & mask;
    lanes[lane] = Math.fround(lanes[lane] + Math.fround(logitTerm(v, t, e)));
    if (grad !== null) grad[i] = Math.fround(logitSlope(v, t, e) / d);
  }
}

/** The sum of the terms of plain z and y in summation.ts's order; the gradient over d into `grad` when given. */
export function bceSum(z: Storage, y: Storage, grad: Storage | null, d: number, f32: boolean): number {
  const n = z.length;
  const lanes = new Float64Array(4);
  const run = f32 ? bceLanes32 : bceLanes64;
  const main = n > IN_ORDER_MAX ? n - (n % 4) : 0;
  run(z, y, grad, d, 0, main, 3, lanes);
  run(z, y, grad, d, main, n, 0, lanes);
  return combine(lanes, 0, f32);
}

/** (s0 + s1) + (s2 + s3) of lanes[o..o+3], each step rounded in float32. */
export function combine(lanes: Lanes, o: number, f32: boolean): number {
  const r = f32 ? Math.fround : (v: number) => v;
  return r(r(lanes[o] + lanes[o + 1]) + r(lanes[o + 2] + lanes[o + 3]));
}

/**
 * Rows [start, end) of a deferred X w (+ b) against labels y, end - start a multiple of 4: terms and gradient
 * into `lanes` as above, row i into lane i mod 4, and X^T g added into gw (when given) in row order. The last
 * m % 4 rows go to affineBceTail: a loop the hot kernel never runs would have no type feedback, and the
 * optimized kernel would be thrown away at its first use, in every chunk.
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
      const e = expOfMinusAbs(z);
      lanes[j] += logitTerm(z, t, e);
      rows[j] = logitSlope(z, t, e) / d; // now the gradient
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
      a0 += x[r0 + q] * vq;
      a1 += x[r1 + q] * vq;
      a2 += x[r2 + q] * vq;
      a3 += x[r3 + q] * vq;
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
    rows[0] = a0;
    rows[1] = a1;
    rows[2] = a2;
    rows[3] = a3;
    for (let j = 0; j < 4; j++) {
      const z = rows[j];
      const t = y[i + j];
      const e = expOfMinusAbs(z);
      lanes[j] = Math.fround(lanes[j] + Math.fround(logitTerm(z, t, e)));
      rows[j] = Math.fround(logitSlope(z, t, e) / d);
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
    for (let p = 0; p < k; p++) gw[p] = gw[p] + x[r0 + p] * g0 + x[r1 + p] * g1 + x[r2 + p] * g2 + x[r3 + p] * g3;
  }
}

/** PyTorch clamps BCE's logarithms here, so a probability of exactly 0 or 1 costs 100, not infinity. */
const LOG_FLOOR = -100;

/** PyTorch's BCELoss backward divides by (1 - p) p, but by no less than this: 1e-12 as a float32 constant. */
export const EPSILON = Math.fround(1e-12);

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
 * One element's BCE of a probability p against y: (y - 1) max(ln(1 - p), -100) - y max(ln p, -100), each step
 * rounded as PyTorch's kernel rounds it; NaN for p outside [0, 1] (no loss, rather than a clamped one).
 */
export function probabilityTerm(p: number, y: number, f32: boolean): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  const r = f32 ? Math.fround : exact;
  const logP = r(Math.log(p));
  const log1mP = r(Math.log(r(1 - p)));
  return r(r(r(y - 1) * (log1mP > LOG_FLOOR ? log1mP : LOG_FLOOR)) - r(y * (logP > LOG_FLOOR ? logP : LOG_FLOOR)));
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
    const term = probabilityTerm(v, t, f32);
    const lane = i < main ? i & 3 : 0;
    lanes[lane] = r(lanes[lane] + term);
    if (terms !== null) terms[i] = term;
    if (grad !== null) grad[i] = probabilityGradient(v, t, f32) / d;
  }
  return combine(lanes, 0, f32);
}

/** The last rows of a deferred X w (+ b), past the last multiple of 4: into lane 0, as summation.ts adds them. */
export function affineBceTail(
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
  f32: boolean,
): void {
  const r = f32 ? Math.fround : (value: number) => value;
  for (let i = start; i < end; i++) {
    const z = rowValue(x, v, k, bias, i, f32);
    const t = y[i];
    const e = expOfMinusAbs(z);
    lanes[0] = r(lanes[0] + r(logitTerm(z, t, e)));
    if (grad === null) continue;
    const g = r(logitSlope(z, t, e) / d);
    grad[i] = g;
    lanes[4] = r(lanes[4] + g);
    if (gw !== null) for (let p = 0; p < k; p++) gw[p] += x[i * k + p] * g;
  }
}
