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

interface Box { data: Storage }

/** A deferred X w (+ b). A class with fixed field types, so every instance shares one hidden class. */
export class Affine {
  constructor(
    readonly box: Box, // X, [m, k] row-major
    readonly v: Storage, // w, copied, [k]
    readonly m: number,
    readonly k: number,
    readonly dtype: DType,
    /** w requires a gradient: the fused MSE pass also computes X^T g for the matmul backward. */
    readonly weightGradient: boolean,
    readonly hasBias: boolean,
    readonly biasValue: number,
  ) {}

  get bias(): number | null {
    return this.hasBias ? this.biasValue : null;
  }
}

/** Products smaller than this are computed eagerly: deferring them would save nothing measurable. */
export const DEFER_MIN_ROWS = 1024;

const boxes = new WeakMap<Storage, Box>();

export function affineOf(x: Storage, v: Storage, m: number, k: number, dtype: DType, weightGradient: boolean): Affine {
  let box = boxes.get(x);
  if (box === undefined) {
    box = { data: x };
    boxes.set(x, box);
  }
  return new Affine(box, v.slice(), m, k, dtype, weightGradient, false, 0);
}

export function withBias(a: Affine, bias: number): Affine {
  return new Affine(a.box, a.v, a.m, a.k, a.dtype, a.weightGradient, true, bias);
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
export function rowValue(x: Storage, v: Storage, k: number, bias: number | null, i: number, f32: boolean): number {
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
export const rows = new Float64Array(4);

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
