// Deferred linear maps: the kernel fusion behind the linear-regression step.
//
// `X.matmul(w)` with a big X and a vector w does not compute its values at once: it returns a tensor
// whose values are described as rows of X dotted with (a copy of) w, plus an optional scalar bias that
// a following `.add(b)` folds in. A consumer that knows the description (mseLoss) computes the
// prediction row by row inside its own pass, so X is read once and the [N] predictions are never
// stored; anything else that reads `.data` gets the values computed then, identical to the eager ones
// (same float32 rounding of each product, partial sum and the bias add).
//
// Eager semantics survive in-place updates: w is copied (it is small), and X is held through a box that
// an in-place op on X's storage first swaps for a snapshot of the old values (see beforeWrite).
import { allocate, type DType, type Storage } from './storage';
import { rememberSum } from './summation';

interface Box { data: Storage }

export interface Affine {
  readonly box: Box; // X, [m, k] row-major
  readonly v: Storage; // w, copied, [k]
  readonly bias: number | null;
  readonly m: number;
  readonly k: number;
  readonly dtype: DType;
}

/** Products smaller than this are computed eagerly: deferring them would save nothing measurable. */
export const DEFER_MIN_ROWS = 1024;

const boxes = new WeakMap<Storage, Box>();

export function affineOf(x: Storage, v: Storage, m: number, k: number, dtype: DType): Affine {
  let box = boxes.get(x);
  if (box === undefined) {
    box = { data: x };
    boxes.set(x, box);
  }
  return { box, v: v.slice(), bias: null, m, k, dtype };
}

export function withBias(a: Affine, bias: number): Affine {
  return { ...a, bias };
}

/** Call before writing into `s` in place: deferred products that read it keep the values they saw. */
export function beforeWrite(s: Storage): void {
  const box = boxes.get(s);
  if (box !== undefined) {
    box.data = s.slice();
    boxes.delete(s);
  }
}

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
 * partial sums as summation.ts does for long sums). When `grad` is given it receives s (p - t), and its
 * own sum, added up in sumOf's order, is remembered for the bias gradient that follows in backward.
 */
export function affineSquaredErrorSum(a: Affine, t: Storage, grad: Storage | null, scale: number): number {
  return a.dtype === 'float32' ? squaredError32(a, t, grad, Math.fround(scale)) : squaredError64(a, t, grad, scale);
}

// The two loops below are the same algorithm; float32 rounds every step with Math.fround. They are
// written out twice because a rounding function passed as a value would not be inlined by the JIT.
function squaredError32(a: Affine, t: Storage, grad: Storage | null, s: number): number {
  const x = a.box.data;
  const { v, k, bias, m } = a;
  const w0 = v[0];
  const b0 = bias ?? 0;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0; // partial sums of (p - t)^2
  let g0 = 0, g1 = 0, g2 = 0, g3 = 0; // partial sums of the gradient
  let i = 0;
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
    if (grad !== null) {
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
    }
  }
  for (; i < m; i++) {
    const d = Math.fround(rowValue(x, v, k, bias, i, true) - t[i]);
    s0 = Math.fround(s0 + Math.fround(d * d));
    if (grad !== null) {
      const e = Math.fround(d * s);
      grad[i] = e;
      g0 = Math.fround(g0 + e);
    }
  }
  if (grad !== null) rememberSum(grad, Math.fround(Math.fround(g0 + g1) + Math.fround(g2 + g3)));
  return Math.fround(Math.fround(s0 + s1) + Math.fround(s2 + s3));
}

function squaredError64(a: Affine, t: Storage, grad: Storage | null, s: number): number {
  const x = a.box.data;
  const { v, k, bias, m } = a;
  const w0 = v[0];
  const b0 = bias ?? 0;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let g0 = 0, g1 = 0, g2 = 0, g3 = 0;
  let i = 0;
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
    if (grad !== null) {
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
    }
  }
  for (; i < m; i++) {
    const d = rowValue(x, v, k, bias, i, false) - t[i];
    s0 += d * d;
    if (grad !== null) {
      const e = d * s;
      grad[i] = e;
      g0 += e;
    }
  }
  if (grad !== null) rememberSum(grad, (g0 + g1) + (g2 + g3));
  return (s0 + s1) + (s2 + s3);
}
