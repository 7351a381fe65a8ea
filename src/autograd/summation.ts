// The order in which long sums are added. Up to IN_ORDER_MAX terms are added one after the other, each
// partial sum rounded to the dtype (PyTorch's scalar path, which the tutorial's 4-term mean depends on).
// Longer sums keep four interleaved partial sums, each rounded, combined as (s0 + s1) + (s2 + s3) at the
// end, in the manner of PyTorch's vectorized reductions; four independent chains also let the CPU
// overlap the additions instead of waiting on each one.
import type { Storage } from './storage';

export const IN_ORDER_MAX = 64;

// A fused kernel that writes an array g can reduce it on the way, in exactly the order the later
// reduction would, and leave the result here, so that reduction skips a pass over memory: sum(g) for a
// bias gradient, X^T g for a weight gradient. Only for engine-owned arrays that nobody writes
// afterwards (the MSE gradient), and forgotten when such an array is handed out again.
const knownSums = new WeakMap<Storage, number>();
const knownProducts = new WeakMap<Storage, { x: Storage; value: Storage }>();

export function rememberSum(g: Storage, total: number): void {
  knownSums.set(g, total);
}

/** Remembers value = X^T g, for the matmul backward that will ask for exactly that product. */
export function rememberProduct(g: Storage, x: Storage, value: Storage): void {
  knownProducts.set(g, { x, value });
}

export function knownProduct(x: Storage, g: Storage): Storage | null {
  const known = knownProducts.get(g);
  return known !== undefined && known.x === x ? known.value : null;
}

export function forgetKnown(g: Storage): void {
  knownSums.delete(g);
  knownProducts.delete(g);
}

/** Sum of src[0..n). */
export function sumOf(src: Storage): number {
  const known = knownSums.get(src);
  if (known !== undefined) return known;
  const n = src.length;
  if (src instanceof Float32Array) {
    if (n <= IN_ORDER_MAX) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc = Math.fround(acc + src[i]);
      return acc;
    }
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      s0 = Math.fround(s0 + src[i]);
      s1 = Math.fround(s1 + src[i + 1]);
      s2 = Math.fround(s2 + src[i + 2]);
      s3 = Math.fround(s3 + src[i + 3]);
    }
    for (; i < n; i++) s0 = Math.fround(s0 + src[i]);
    return Math.fround(Math.fround(s0 + s1) + Math.fround(s2 + s3));
  }
  if (n <= IN_ORDER_MAX) {
    let acc = 0;
    for (let i = 0; i < n; i++) acc += src[i];
    return acc;
  }
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += src[i];
    s1 += src[i + 1];
    s2 += src[i + 2];
    s3 += src[i + 3];
  }
  for (; i < n; i++) s0 += src[i];
  return (s0 + s1) + (s2 + s3);
}

/** Sum of a[i] * b[i] over i < n, each product rounded like the partial sums. */
export function dotOf(a: Storage, b: Storage, n: number): number {
  const f32 = a instanceof Float32Array && b instanceof Float32Array;
  if (f32) {
    if (n <= IN_ORDER_MAX) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc = Math.fround(acc + Math.fround(a[i] * b[i]));
      return acc;
    }
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      s0 = Math.fround(s0 + Math.fround(a[i] * b[i]));
      s1 = Math.fround(s1 + Math.fround(a[i + 1] * b[i + 1]));
      s2 = Math.fround(s2 + Math.fround(a[i + 2] * b[i + 2]));
      s3 = Math.fround(s3 + Math.fround(a[i + 3] * b[i + 3]));
    }
    for (; i < n; i++) s0 = Math.fround(s0 + Math.fround(a[i] * b[i]));
    return Math.fround(Math.fround(s0 + s1) + Math.fround(s2 + s3));
  }
  if (n <= IN_ORDER_MAX) {
    let acc = 0;
    for (let i = 0; i < n; i++) acc += a[i] * b[i];
    return acc;
  }
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < n; i++) s0 += a[i] * b[i];
  return (s0 + s1) + (s2 + s3);
}
