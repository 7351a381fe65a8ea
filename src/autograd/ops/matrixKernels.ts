// The matrix-matrix loops behind matmul and its two gradients: A B, G B^T (as G times a transposed copy
// of B) and A^T G. Every output element adds its products in index order, in float64, and is rounded once
// when it is stored, so the blocking below changes which elements are computed together, never a result.
//
// In float32 that is one rounding per output, not one per product and per partial sum: a product of two
// float32 values is exact in a double, and a double sum of them is rounded into float32 only at the store.
// The result is at least as accurate as any float32 summation order. PyTorch's float32 matmul calls BLAS
// (sgemm), whose blocked, fused multiply-adds follow no fixed order either, so no order is "PyTorch's";
// rounding each step in scalar JS costs two conversions per multiply-add, and made the float32 kernels three
// times slower than the float64 ones. (The matrix-vector products in linalg.ts keep float32's step-by-step
// rounding: the line model's w x + b must round as PyTorch's elementwise float32 arithmetic does, which the
// tutorial's float32 table shows to the last digit.)
//
// Each kernel computes a block of 2 x 4 outputs at once: every value loaded from A serves four outputs and
// every value of B two, and the eight sums are independent chains the CPU overlaps. Each comes in a float32
// and a float64 version, each called with one kind of arrays, so the JIT compiles it for one element type.
// The two versions' text is the same; one function serving both dtypes made the float64 MLP step 10% slower
// in a process that also trains in float32 (bench/models.ts), its loads no longer of one type. The small
// right-hand operand is read as a Float64Array copy. Rows or columns left over from the blocks are plain
// in-order dot products.
import type { Storage } from '../storage';

/** out[m, n] = A[m, k] B[k, n]. */
export function multiplyMatrices(a: Storage, b: Storage, out: Storage, m: number, k: number, n: number): void {
  const b64 = b instanceof Float64Array ? b : Float64Array.from(b);
  if (out instanceof Float32Array) blocksNN32(a, b64, out, m, k, n);
  else blocksNN64(a, b64, out, m, k, n);
  leftoverNN(a, b64, out, m, k, n);
}

/** out[m, k] = G[m, n] B[k, n]^T: the product of G with B transposed (a small copy), summed in the same order. */
export function multiplyTransposed(g: Storage, b: Storage, out: Storage, m: number, n: number, k: number): void {
  const bT = new Float64Array(n * k);
  for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) bT[j * k + p] = b[p * n + j];
  if (out instanceof Float32Array) blocksNN32(g, bT, out, m, n, k);
  else blocksNN64(g, bT, out, m, n, k);
  leftoverNN(g, bT, out, m, n, k);
}

/** out[k, n] = A[m, k]^T G[m, n]: each element sums over the rows i in order. */
export function multiplyTransposedLeft(a: Storage, g: Storage, out: Storage, m: number, k: number, n: number): void {
  const sums = new Float64Array(k * n); // rounded into a float32 out once, when copied at the end
  for (let start = 0; start < m; start += ROWS_PER_PASS) {
    const end = Math.min(m, start + ROWS_PER_PASS);
    if (out instanceof Float32Array) blocksTN32(a, g, sums, k, n, start, end);
    else blocksTN64(a, g, sums, k, n, start, end);
  }
  leftoverTN(a, g, sums, m, k, n);
  out.set(sums);
}

/** A^T G goes through the rows in passes of this many, so the rows of A and G a block reads stay in cache. */
const ROWS_PER_PASS = 256;

function blocksNN32(a: Storage, b: Float64Array, out: Float32Array, m: number, k: number, n: number): void {
  for (let i = 0; i + 1 < m; i += 2) {
    const r0 = i * k;
    const r1 = r0 + k;
    for (let j = 0; j + 3 < n; j += 4) {
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0,
        d0 = 0,
        d1 = 0,
        d2 = 0,
        d3 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = a[r0 + p];
        const x1 = a[r1 + p];
        const at = p * n + j;
        const b0 = b[at],
          b1 = b[at + 1],
          b2 = b[at + 2],
          b3 = b[at + 3];
        c0 += x0 * b0;
        c1 += x0 * b1;
        c2 += x0 * b2;
        c3 += x0 * b3;
        d0 += x1 * b0;
        d1 += x1 * b1;
        d2 += x1 * b2;
        d3 += x1 * b3;
      }
      const o0 = i * n + j;
      const o1 = o0 + n;
      out[o0] = c0;
      out[o0 + 1] = c1;
      out[o0 + 2] = c2;
      out[o0 + 3] = c3;
      out[o1] = d0;
      out[o1 + 1] = d1;
      out[o1 + 2] = d2;
      out[o1 + 3] = d3;
    }
  }
}

function blocksNN64(a: Storage, b: Float64Array, out: Storage, m: number, k: number, n: number): void {
  for (let i = 0; i + 1 < m; i += 2) {
    const r0 = i * k;
    const r1 = r0 + k;
    for (let j = 0; j + 3 < n; j += 4) {
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0,
        d0 = 0,
        d1 = 0,
        d2 = 0,
        d3 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = a[r0 + p];
        const x1 = a[r1 + p];
        const at = p * n + j;
        const b0 = b[at],
          b1 = b[at + 1],
          b2 = b[at + 2],
          b3 = b[at + 3];
        c0 += x0 * b0;
        c1 += x0 * b1;
        c2 += x0 * b2;
        c3 += x0 * b3;
        d0 += x1 * b0;
        d1 += x1 * b1;
        d2 += x1 * b2;
        d3 += x1 * b3;
      }
      const o0 = i * n + j;
      const o1 = o0 + n;
      out[o0] = c0;
      out[o0 + 1] = c1;
      out[o0 + 2] = c2;
      out[o0 + 3] = c3;
      out[o1] = d0;
      out[o1 + 1] = d1;
      out[o1 + 2] = d2;
      out[o1 + 3] = d3;
    }
  }
}

/** The outputs the 2 x 4 blocks left out: the last row when m is odd, the last n % 4 columns. */
function leftoverNN(a: Storage, b: Float64Array, out: Storage, m: number, k: number, n: number): void {
  const blockRows = m - (m % 2);
  const blockCols = n - (n % 4);
  for (let i = 0; i < m; i++) {
    for (let j = i < blockRows ? blockCols : 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) acc += a[i * k + p] * b[p * n + j];
      out[i * n + j] = acc; // a Float32Array rounds here, once
    }
  }
}

/** Adds rows start..end-1 of A^T G to `sums`, in 2 x 4 blocks of outputs held in locals over the rows. */
function blocksTN32(
  a: Storage,
  g: Storage,
  sums: Float64Array,
  k: number,
  n: number,
  start: number,
  end: number,
): void {
  for (let p = 0; p + 1 < k; p += 2) {
    for (let j = 0; j + 3 < n; j += 4) {
      const o0 = p * n + j;
      const o1 = o0 + n;
      let c0 = sums[o0],
        c1 = sums[o0 + 1],
        c2 = sums[o0 + 2],
        c3 = sums[o0 + 3],
        d0 = sums[o1],
        d1 = sums[o1 + 1],
        d2 = sums[o1 + 2],
        d3 = sums[o1 + 3];
      for (let i = start; i < end; i++) {
        const ai = i * k + p;
        const gi = i * n + j;
        const x0 = a[ai];
        const x1 = a[ai + 1];
        const g0 = g[gi],
          g1 = g[gi + 1],
          g2 = g[gi + 2],
          g3 = g[gi + 3];
        c0 += x0 * g0;
        c1 += x0 * g1;
        c2 += x0 * g2;
        c3 += x0 * g3;
        d0 += x1 * g0;
        d1 += x1 * g1;
        d2 += x1 * g2;
        d3 += x1 * g3;
      }
      sums[o0] = c0;
      sums[o0 + 1] = c1;
      sums[o0 + 2] = c2;
      sums[o0 + 3] = c3;
      sums[o1] = d0;
      sums[o1 + 1] = d1;
      sums[o1 + 2] = d2;
      sums[o1 + 3] = d3;
    }
  }
}

function blocksTN64(
  a: Storage,
  g: Storage,
  sums: Float64Array,
  k: number,
  n: number,
  start: number,
  end: number,
): void {
  for (let p = 0; p + 1 < k; p += 2) {
    for (let j = 0; j + 3 < n; j += 4) {
      const o0 = p * n + j;
      const o1 = o0 + n;
      let c0 = sums[o0],
        c1 = sums[o0 + 1],
        c2 = sums[o0 + 2],
        c3 = sums[o0 + 3],
        d0 = sums[o1],
        d1 = sums[o1 + 1],
        d2 = sums[o1 + 2],
        d3 = sums[o1 + 3];
      for (let i = start; i < end; i++) {
        const ai = i * k + p;
        const gi = i * n + j;
        const x0 = a[ai];
        const x1 = a[ai + 1];
        const g0 = g[gi],
          g1 = g[gi + 1],
          g2 = g[gi + 2],
          g3 = g[gi + 3];
        c0 += x0 * g0;
        c1 += x0 * g1;
        c2 += x0 * g2;
        c3 += x0 * g3;
        d0 += x1 * g0;
        d1 += x1 * g1;
        d2 += x1 * g2;
        d3 += x1 * g3;
      }
      sums[o0] = c0;
      sums[o0 + 1] = c1;
      sums[o0 + 2] = c2;
      sums[o0 + 3] = c3;
      sums[o1] = d0;
      sums[o1 + 1] = d1;
      sums[o1 + 2] = d2;
      sums[o1 + 3] = d3;
    }
  }
}

/** The outputs of A^T G the blocks left out (the last row of out when k is odd, the last n % 4 columns), over all rows in order. */
function leftoverTN(a: Storage, g: Storage, sums: Float64Array, m: number, k: number, n: number): void {
  const blockRows = k - (k % 2);
  const blockCols = n - (n % 4);
  for (let p = 0; p < k; p++) {
    for (let j = p < blockRows ? blockCols : 0; j < n; j++) {
      let acc = 0;
      for (let i = 0; i < m; i++) acc += a[i * k + p] * g[i * n + j];
      sums[p * n + j] = acc;
    }
  }
}
