// NumPy broadcasting: the result shape, and the three loops every broadcasting op needs (combine two
// operands into the result, reduce a gradient back to an operand's shape, expand a value to a bigger
// shape). Each loop has fast paths for the patterns that dominate real work: same shape, a scalar, and a
// trailing "row" (a [D] bias on an [N, D] matrix); everything else walks an odometer over the result.
import { AutogradError, formatShape } from './errors';
import { sameShape, sizeOf, stridesOf } from './shape';
import type { Storage } from './storage';
import { sumOf } from './summation';

export function broadcastShapes(a: readonly number[], b: readonly number[], op: string): number[] {
  const ndim = Math.max(a.length, b.length);
  const out = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) {
    const da = a[a.length - ndim + i] ?? 1;
    const db = b[b.length - ndim + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new AutogradError(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together (dimension ${i}: ${da} vs ${db})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides of `shape` seen from the bigger `outShape`: 0 along every broadcast dimension. */
function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const own = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((_, i) => (i < offset || shape[i - offset] === 1 ? 0 : own[i - offset]));
}

/** True when `shape` (right-aligned) equals the trailing dimensions of `outShape` and broadcasts only over leading ones. */
export function isTrailingRow(shape: readonly number[], outShape: readonly number[]): boolean {
  let start = 0;
  while (start < shape.length && shape[start] === 1) start++;
  const offset = outShape.length - (shape.length - start);
  if (offset < 0) return false;
  for (let i = start; i < shape.length; i++) if (shape[i] !== outShape[offset + i - start]) return false;
  return true;
}

/**
 * Calls `run(outIndex, aOffset, bOffset, length, aStride, bStride)` for every run along the last axis of
 * `outShape`. The caller's inner loop then walks the run with constant strides.
 */
export function forEachRun(
  outShape: readonly number[],
  aStrides: readonly number[],
  bStrides: readonly number[],
  run: (o: number, ia: number, ib: number, n: number, sa: number, sb: number) => void,
): void {
  const ndim = outShape.length;
  if (ndim === 0) {
    run(0, 0, 0, 1, 0, 0);
    return;
  }
  const last = ndim - 1;
  const n = outShape[last];
  const total = sizeOf(outShape);
  if (total === 0) return;
  const counter = new Array<number>(ndim).fill(0);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < total; o += n) {
    run(o, ia, ib, n, aStrides[last], bStrides[last]);
    // Advance the odometer over every axis but the last.
    for (let d = last - 1; d >= 0; d--) {
      counter[d]++;
      ia += aStrides[d];
      ib += bStrides[d];
      if (counter[d] < outShape[d]) break;
      ia -= aStrides[d] * outShape[d];
      ib -= bStrides[d] * outShape[d];
      counter[d] = 0;
    }
  }
}

export type ElementwiseFn = (x: number, y: number) => number;

/** out[i] = f(a[i'], b[i'']) under broadcasting; `out` has `outShape`'s size and is overwritten. */
export function broadcastBinary(
  a: Storage,
  aShape: readonly number[],
  b: Storage,
  bShape: readonly number[],
  out: Storage,
  outShape: readonly number[],
  f: ElementwiseFn,
): void {
  const size = out.length;
  if (sameShape(aShape, outShape) && sameShape(bShape, outShape)) {
    for (let i = 0; i < size; i++) out[i] = f(a[i], b[i]);
  } else if (b.length === 1 && sameShape(aShape, outShape)) {
    const y = b[0];
    for (let i = 0; i < size; i++) out[i] = f(a[i], y);
  } else if (a.length === 1 && sameShape(bShape, outShape)) {
    const x = a[0];
    for (let i = 0; i < size; i++) out[i] = f(x, b[i]);
  } else if (sameShape(aShape, outShape) && isTrailingRow(bShape, outShape) && b.length > 0) {
    const row = b.length;
    for (let o = 0; o < size; o += row) for (let j = 0; j < row; j++) out[o + j] = f(a[o + j], b[j]);
  } else if (sameShape(bShape, outShape) && isTrailingRow(aShape, outShape) && a.length > 0) {
    const row = a.length;
    for (let o = 0; o < size; o += row) for (let j = 0; j < row; j++) out[o + j] = f(a[j], b[o + j]);
  } else {
    forEachRun(
      outShape,
      broadcastStrides(aShape, outShape),
      broadcastStrides(bShape, outShape),
      (o, ia, ib, n, sa, sb) => {
        for (let k = 0; k < n; k++) out[o + k] = f(a[ia + k * sa], b[ib + k * sb]);
      },
    );
  }
}

/** Copies `src` (of `shape`) broadcast to `outShape`. */
export function expandTo(src: Storage, shape: readonly number[], out: Storage, outShape: readonly number[]): void {
  if (src.length === 1) {
    out.fill(src[0]);
  } else if (isTrailingRow(shape, outShape)) {
    for (let o = 0; o < out.length; o += src.length) out.set(src, o);
  } else {
    const strides = broadcastStrides(shape, outShape);
    forEachRun(outShape, strides, strides, (o, ia, _ib, n, sa) => {
      for (let k = 0; k < n; k++) out[o + k] = src[ia + k * sa];
    });
  }
}

/**
 * Sums `src` (of `shape`) down to `toShape`, a shape it was broadcast from (same ndim with 1s, or fewer
 * leading dims). Every partial sum is stored, so a Float32Array `out` rounds each to float32 as PyTorch
 * does; a sum to one value follows summation.ts. `out` must be zero-filled.
 */
export function sumToShape(src: Storage, shape: readonly number[], out: Storage, toShape: readonly number[]): void {
  if (out.length === 1) {
    out[0] = sumOf(src);
  } else if (isTrailingRow(toShape, shape) && out.length <= SHORT_ROW) {
    sumShortRows(src, out);
  } else if (isTrailingRow(toShape, shape)) {
    const row = out.length;
    for (let o = 0; o < src.length; o += row) for (let j = 0; j < row; j++) out[j] += src[o + j];
  } else {
    const strides = broadcastStrides(toShape, shape);
    forEachRun(shape, strides, strides, (i, io, _ib, n, so) => {
      for (let k = 0; k < n; k++) out[io + k * so] += src[i + k];
    });
  }
}

/** Rows up to this long (a layer's bias gradient) are summed a few columns at a time, the sums in registers. */
const SHORT_ROW = 32;

/**
 * out[j] += src[o + j] over the rows in order, as the loop over rows does, but four columns at a time with
 * their running sums in locals (a store and reload per addition was most of the time); in float32 each
 * partial sum is rounded as a Float32Array store would round it.
 */
function sumShortRows(src: Storage, out: Storage): void {
  const row = out.length;
  const f32 = out instanceof Float32Array;
  let j = 0;
  for (; j + 3 < row; j += 4) {
    let s0 = out[j],
      s1 = out[j + 1],
      s2 = out[j + 2],
      s3 = out[j + 3];
    if (f32) {
      for (let o = j; o < src.length; o += row) {
        s0 = Math.fround(s0 + src[o]);
        s1 = Math.fround(s1 + src[o + 1]);
        s2 = Math.fround(s2 + src[o + 2]);
        s3 = Math.fround(s3 + src[o + 3]);
      }
    } else {
      for (let o = j; o < src.length; o += row) {
        s0 += src[o];
        s1 += src[o + 1];
        s2 += src[o + 2];
        s3 += src[o + 3];
      }
    }
    out[j] = s0;
    out[j + 1] = s1;
    out[j + 2] = s2;
    out[j + 3] = s3;
  }
  for (; j < row; j++) {
    let s = out[j];
    if (f32) for (let o = j; o < src.length; o += row) s = Math.fround(s + src[o]);
    else for (let o = j; o < src.length; o += row) s += src[o];
    out[j] = s;
  }
}
