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
// an in-place op on X's storage first swaps for a snapshot of the old values (see beforeWrite). Writing
// into `X.data` directly bypasses that: a product created before such a write and read after it sees
// the new values.
import type { DType, Storage } from './storage';

interface Box {
  data: Storage;
}

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
