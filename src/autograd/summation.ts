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
  const f32 = src instanceof Float32Array;
  if (n <= IN_ORDER_MAX) {
    let acc = 0;
    if (f32) for (let i = 0; i < n; i++) acc = Math.fround(acc + src[i]);
    else for (let i = 0; i < n; i++) acc += src[i];
    return acc;
  }
  return inLanes(
    n,
    f32,
    (start, end, lanes) => (f32 ? sumLanes32 : sumLanes64)(src, start, end, lanes),
    (i) => src[i],
  );
}

/** Sum of a[i] * b[i] over i < n, each product rounded like the partial sums. */
export function dotOf(a: Storage, b: Storage, n: number): number {
  const f32 = a instanceof Float32Array && b instanceof Float32Array;
  if (n <= IN_ORDER_MAX) {
    let acc = 0;
    if (f32) for (let i = 0; i < n; i++) acc = Math.fround(acc + Math.fround(a[i] * b[i]));
    else for (let i = 0; i < n; i++) acc += a[i] * b[i];
    return acc;
  }
  return inLanes(
    n,
    f32,
    (start, end, lanes) => (f32 ? dotLanes32 : dotLanes64)(a, b, start, end, lanes),
    (i) => (f32 ? Math.fround(a[i] * b[i]) : a[i] * b[i]),
  );
}

/** Rows per kernel call (a multiple of 4). Many short calls get the kernel optimized as a whole
 * function; one call on a million elements would be optimized mid-loop and fall back at its end. */
const CHUNK = 4096;

/** Four lanes over the first n - n % 4 terms in chunks, the rest added to lane 0, then (s0 + s1) + (s2 + s3). */
function inLanes(
  n: number,
  f32: boolean,
  chunk: (start: number, end: number, lanes: Float64Array) => void,
  term: (i: number) => number,
): number {
  const lanes = new Float64Array(4);
  const main = n - (n % 4);
  for (let start = 0; start < main; start += CHUNK) chunk(start, Math.min(main, start + CHUNK), lanes);
  let s0 = lanes[0];
  for (let i = main; i < n; i++) s0 = f32 ? Math.fround(s0 + term(i)) : s0 + term(i);
  return f32
    ? Math.fround(Math.fround(s0 + lanes[1]) + Math.fround(lanes[2] + lanes[3]))
    : s0 + lanes[1] + (lanes[2] + lanes[3]);
}

function sumLanes32(src: Storage, start: number, end: number, lanes: Float64Array): void {
  let s0 = lanes[0],
    s1 = lanes[1],
    s2 = lanes[2],
    s3 = lanes[3];
  for (let i = start; i < end; i += 4) {
    s0 = Math.fround(s0 + src[i]);
    s1 = Math.fround(s1 + src[i + 1]);
    s2 = Math.fround(s2 + src[i + 2]);
    s3 = Math.fround(s3 + src[i + 3]);
  }
  lanes[0] = s0;
  lanes[1] = s1;
  lanes[2] = s2;
  lanes[3] = s3;
}

function sumLanes64(src: Storage, start: number, end: number, lanes: Float64Array): void {
  let s0 = lanes[0],
    s1 = lanes[1],
    s2 = lanes[2],
    s3 = lanes[3];
  for (let i = start; i < end; i += 4) {
    s0 += src[i];
    s1 += src[i + 1];
    s2 += src[i + 2];
    s3 += src[i + 3];
  }
  lanes[0] = s0;
  lanes[1] = s1;
  lanes[2] = s2;
  lanes[3] = s3;
}

function dotLanes32(a: Storage, b: Storage, start: number, end: number, lanes: Float64Array): void {
  let s0 = lanes[0],
    s1 = lanes[1],
    s2 = lanes[2],
    s3 = lanes[3];
  for (let i = start; i < end; i += 4) {
    s0 = Math.fround(s0 + Math.fround(a[i] * b[i]));
    s1 = Math.fround(s1 + Math.fround(a[i + 1] * b[i + 1]));
    s2 = Math.fround(s2 + Math.fround(a[i + 2] * b[i + 2]));
    s3 = Math.fround(s3 + Math.fround(a[i + 3] * b[i + 3]));
  }
  lanes[0] = s0;
  lanes[1] = s1;
  lanes[2] = s2;
  lanes[3] = s3;
}

function dotLanes64(a: Storage, b: Storage, start: number, end: number, lanes: Float64Array): void {
  let s0 = lanes[0],
    s1 = lanes[1],
    s2 = lanes[2],
    s3 = lanes[3];
  for (let i = start; i < end; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  lanes[0] = s0;
  lanes[1] = s1;
  lanes[2] = s2;
  lanes[3] = s3;
}
