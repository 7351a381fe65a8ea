// Matrix products. Loops run in i-k-j order so the inner loop walks both operands' rows contiguously;
// in float32 every product and every partial sum is rounded to float32, summed in k order.
import { AutogradError, formatShape } from '../errors';
import { record, type GradientTable } from '../graph';
import { isGradEnabled } from '../nograd';
import { allocate, type Storage } from '../storage';
import { dotOf, knownProduct } from '../summation';
import { affineOf, DEFER_MIN_ROWS } from '../fusion';
import { fourRows } from './affineKernels';
import { Tensor } from '../tensor';

export const linalgGradients = {
  // C = A B:  dA = dC B^T,  dB = A^T dC  (vectors are treated as [1, K] rows or [K, 1] columns)
  matmul: ({ inputs: [a, b], needs }, g) => {
    const [m, k, n] = dims(a, b);
    const gA = needs[0] ? allocate(a.dtype, a.size) : null;
    const gB = needs[1] ? allocate(b.dtype, b.size) : null;
    if (gA) multiplyNT(g.data, b.data, gA, m, n, k);
    if (gB) {
      const known = knownProduct(a.data, g.data); // X^T g computed by the fused MSE forward pass
      if (known !== null && known.length === gB.length) gB.set(known);
      else multiplyTN(a.data, g.data, gB, m, k, n);
    }
    return [gA && new Tensor(gA, a.shape), gB && new Tensor(gB, b.shape)];
  },
  // d(a.b) = b da + a db
  dot: ({ inputs: [a, b], needs }, g) => {
    const s = g.data[0];
    const scaled = (v: Tensor, like: Tensor) => {
      const out = allocate(like.dtype, like.size);
      for (let i = 0; i < out.length; i++) out[i] = v.data[i] * s;
      return new Tensor(out, like.shape);
    };
    return [needs[0] ? scaled(b, a) : null, needs[1] ? scaled(a, b) : null];
  },
} satisfies GradientTable<'matmul' | 'dot'>;

/** [m, k, n] of the product; a 1-d left operand is a row [1, K], a 1-d right operand a column [K, 1]. */
function dims(a: Tensor, b: Tensor): [number, number, number] {
  const m = a.ndim === 2 ? a.shape[0] : 1;
  const k = a.shape[a.ndim - 1];
  const n = b.ndim === 2 ? b.shape[1] : 1;
  return [m, k, n];
}

/** Matrix-matrix, matrix-vector, vector-matrix and vector-vector products (no batching). */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const kb = b.ndim === 2 ? b.shape[0] : b.shape[0];
  if (a.ndim < 1 || a.ndim > 2 || b.ndim < 1 || b.ndim > 2 || a.shape[a.ndim - 1] !== kb) {
    throw new AutogradError(
      `matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be multiplied (1-d or 2-d operands whose inner dimensions agree)`,
    );
  }
  const [m, k, n] = dims(a, b);
  const shape = [...(a.ndim === 2 ? [m] : []), ...(b.ndim === 2 ? [n] : [])];
  const dtype = a.dtype === 'float64' || b.dtype === 'float64' ? 'float64' : 'float32';
  if (a.ndim === 2 && b.ndim === 1 && m >= DEFER_MIN_ROWS) {
    // a big matrix times a vector: deferred, so that .add(b) and mseLoss can fuse with it (fusion.ts)
    const affine = affineOf(a.data, b.data, m, k, dtype, isGradEnabled() && b.requiresGrad && b.dtype === dtype);
    return record(new Tensor(affine, shape), 'matmul', [a, b], null, linalgGradients.matmul);
  }
  const out = allocate(dtype, m * n);
  multiplyNN(a.data, b.data, out, m, k, n);
  return record(new Tensor(out, shape), 'matmul', [a, b], null, linalgGradients.matmul);
}

/** The inner product of two vectors of the same length. */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1 || a.size !== b.size) {
    throw new AutogradError(
      `dot: expects two 1-d tensors of the same length, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const out = allocate(a.dtype === 'float64' || b.dtype === 'float64' ? 'float64' : 'float32', 1);
  multiplyNN(a.data, b.data, out, 1, a.size, 1);
  return record(new Tensor(out, []), 'dot', [a, b], null, linalgGradients.dot);
}

/** out[m, n] = A[m, k] B[k, n]. */
function multiplyNN(a: Storage, b: Storage, out: Storage, m: number, k: number, n: number): void {
  if (m === 1 && n === 1) {
    out[0] = dotOf(a, b, k);
  } else if (n === 1 && k === 1) {
    // a column times a scalar: the linear model with one feature
    const s = b[0];
    for (let i = 0; i < m; i++) out[i] = a[i] * s;
  } else if (n === 1) {
    matrixVector(a, b, out, m, k);
  } else if (out instanceof Float32Array) {
    rowsTimesMatrix32(a, b, out, m, k, n);
  } else {
    rowsTimesMatrix64(a, b, out, m, k, n);
  }
}

// The kernels below come in a float32 and a float64 version, each called with one kind of output array, so
// V8 compiles each for one element type (one function for both ran about 3x slower). Each output element
// is summed in a local, in the same order as before, so the results are the same to the last bit.

/** out[i, j] = sum over p in order of A[i, p] B[p, j], every product and partial sum rounded to float32. */
function rowsTimesMatrix32(a: Storage, b: Storage, out: Float32Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    const outRow = i * n;
    let j = 0;
    // four columns at once share each load of A[i, p]; every column still sums in p order
    for (; j + 3 < n; j += 4) {
      let acc0 = 0,
        acc1 = 0,
        acc2 = 0,
        acc3 = 0;
      for (let p = 0; p < k; p++) {
        const aip = a[aRow + p];
        const at = p * n + j;
        acc0 = Math.fround(acc0 + Math.fround(aip * b[at]));
        acc1 = Math.fround(acc1 + Math.fround(aip * b[at + 1]));
        acc2 = Math.fround(acc2 + Math.fround(aip * b[at + 2]));
        acc3 = Math.fround(acc3 + Math.fround(aip * b[at + 3]));
      }
      out[outRow + j] = acc0;
      out[outRow + j + 1] = acc1;
      out[outRow + j + 2] = acc2;
      out[outRow + j + 3] = acc3;
    }
    for (; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) acc = Math.fround(acc + Math.fround(a[aRow + p] * b[p * n + j]));
      out[outRow + j] = acc;
    }
  }
}

function rowsTimesMatrix64(a: Storage, b: Storage, out: Storage, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    const outRow = i * n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      let acc0 = 0,
        acc1 = 0,
        acc2 = 0,
        acc3 = 0;
      for (let p = 0; p < k; p++) {
        const aip = a[aRow + p];
        const at = p * n + j;
        acc0 += aip * b[at];
        acc1 += aip * b[at + 1];
        acc2 += aip * b[at + 2];
        acc3 += aip * b[at + 3];
      }
      out[outRow + j] = acc0;
      out[outRow + j + 1] = acc1;
      out[outRow + j + 2] = acc2;
      out[outRow + j + 3] = acc3;
    }
    for (; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) acc += a[aRow + p] * b[p * n + j];
      out[outRow + j] = acc;
    }
  }
}

/** One dot product per row, in order; four rows at a time (affineKernels.ts's fourRows, so deferred and eager agree). */
function matrixVector(a: Storage, v: Storage, out: Storage, m: number, k: number): void {
  const f32 = out instanceof Float32Array;
  const rows = new Float64Array(4);
  let i = 0;
  for (; i + 3 < m; i += 4) {
    fourRows(a, v, k, null, i, f32, rows);
    out.set(rows, i);
  }
  for (; i < m; i++) {
    let acc = 0;
    const row = i * k;
    if (f32) for (let p = 0; p < k; p++) acc = Math.fround(acc + Math.fround(a[row + p] * v[p]));
    else for (let p = 0; p < k; p++) acc += a[row + p] * v[p];
    out[i] = acc;
  }
}

/** out[m, k] = G[m, n] B[k, n]^T: row-by-row dot products. */
function multiplyNT(g: Storage, b: Storage, out: Storage, m: number, n: number, k: number): void {
  if (out instanceof Float32Array) rowDots32(g, b, out, m, n, k);
  else rowDots64(g, b, out, m, n, k);
}

function rowDots32(g: Storage, b: Storage, out: Float32Array, m: number, n: number, k: number): void {
  for (let i = 0; i < m; i++) {
    const gRow = i * n;
    let p = 0;
    // four rows of B at once share each load of G[i, j]; every dot product still sums in j order
    for (; p + 3 < k; p += 4) {
      const b0 = p * n,
        b1 = b0 + n,
        b2 = b1 + n,
        b3 = b2 + n;
      let acc0 = 0,
        acc1 = 0,
        acc2 = 0,
        acc3 = 0;
      for (let j = 0; j < n; j++) {
        const gij = g[gRow + j];
        acc0 = Math.fround(acc0 + Math.fround(gij * b[b0 + j]));
        acc1 = Math.fround(acc1 + Math.fround(gij * b[b1 + j]));
        acc2 = Math.fround(acc2 + Math.fround(gij * b[b2 + j]));
        acc3 = Math.fround(acc3 + Math.fround(gij * b[b3 + j]));
      }
      const at = i * k + p;
      out[at] = acc0;
      out[at + 1] = acc1;
      out[at + 2] = acc2;
      out[at + 3] = acc3;
    }
    for (; p < k; p++) {
      const bRow = p * n;
      let acc = 0;
      for (let j = 0; j < n; j++) acc = Math.fround(acc + Math.fround(g[gRow + j] * b[bRow + j]));
      out[i * k + p] = acc;
    }
  }
}

function rowDots64(g: Storage, b: Storage, out: Storage, m: number, n: number, k: number): void {
  for (let i = 0; i < m; i++) {
    const gRow = i * n;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const b0 = p * n,
        b1 = b0 + n,
        b2 = b1 + n,
        b3 = b2 + n;
      let acc0 = 0,
        acc1 = 0,
        acc2 = 0,
        acc3 = 0;
      for (let j = 0; j < n; j++) {
        const gij = g[gRow + j];
        acc0 += gij * b[b0 + j];
        acc1 += gij * b[b1 + j];
        acc2 += gij * b[b2 + j];
        acc3 += gij * b[b3 + j];
      }
      const at = i * k + p;
      out[at] = acc0;
      out[at + 1] = acc1;
      out[at + 2] = acc2;
      out[at + 3] = acc3;
    }
    for (; p < k; p++) {
      const bRow = p * n;
      let acc = 0;
      for (let j = 0; j < n; j++) acc += g[gRow + j] * b[bRow + j];
      out[i * k + p] = acc;
    }
  }
}

/**
 * out[k] = X[m, k]^T g[m], the gradient of a weight vector. Each out[p] adds its m terms in row order;
 * rows are taken four at a time so out[p] is loaded and stored once per four terms.
 */
function weightGradient(a: Storage, g: Storage, out: Storage, m: number, k: number): void {
  let i = 0;
  if (out instanceof Float32Array) {
    for (; i + 3 < m; i += 4) {
      const g0 = g[i],
        g1 = g[i + 1],
        g2 = g[i + 2],
        g3 = g[i + 3];
      const r0 = i * k,
        r1 = r0 + k,
        r2 = r1 + k,
        r3 = r2 + k;
      for (let p = 0; p < k; p++) {
        let acc = Math.fround(out[p] + Math.fround(a[r0 + p] * g0));
        acc = Math.fround(acc + Math.fround(a[r1 + p] * g1));
        acc = Math.fround(acc + Math.fround(a[r2 + p] * g2));
        out[p] = acc + Math.fround(a[r3 + p] * g3);
      }
    }
    for (; i < m; i++) for (let p = 0; p < k; p++) out[p] += Math.fround(a[i * k + p] * g[i]);
  } else {
    for (; i + 3 < m; i += 4) {
      const g0 = g[i],
        g1 = g[i + 1],
        g2 = g[i + 2],
        g3 = g[i + 3];
      const r0 = i * k,
        r1 = r0 + k,
        r2 = r1 + k,
        r3 = r2 + k;
      for (let p = 0; p < k; p++) out[p] = out[p] + a[r0 + p] * g0 + a[r1 + p] * g1 + a[r2 + p] * g2 + a[r3 + p] * g3;
    }
    for (; i < m; i++) for (let p = 0; p < k; p++) out[p] += a[i * k + p] * g[i];
  }
}

/** out[k, n] = A[m, k]^T G[m, n]: each row of A scatters into out, so both are read contiguously. */
function multiplyTN(a: Storage, g: Storage, out: Storage, m: number, k: number, n: number): void {
  if (k === 1 && n === 1) {
    out[0] = dotOf(a, g, m); // the gradient of a one-feature weight: one long dot product
  } else if (n === 1) {
    weightGradient(a, g, out, m, k);
  } else if (out instanceof Float32Array) {
    scatterRows32(a, g, out, m, k, n);
  } else {
    scatterRows64(a, g, out, m, k, n);
  }
}

/** out[p, j] += A[i, p] G[i, j] for each row i in order: both read contiguously, out stays in cache. */
function scatterRows32(a: Storage, g: Storage, out: Float32Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const gRow = i * n;
    const aRow = i * k;
    let p = 0;
    // four rows of out at once share each load of G[i, j]; every element still sums in i order
    for (; p + 3 < k; p += 4) {
      const a0 = a[aRow + p],
        a1 = a[aRow + p + 1],
        a2 = a[aRow + p + 2],
        a3 = a[aRow + p + 3];
      const o0 = p * n,
        o1 = o0 + n,
        o2 = o1 + n,
        o3 = o2 + n;
      for (let j = 0; j < n; j++) {
        const gij = g[gRow + j];
        out[o0 + j] += Math.fround(a0 * gij);
        out[o1 + j] += Math.fround(a1 * gij);
        out[o2 + j] += Math.fround(a2 * gij);
        out[o3 + j] += Math.fround(a3 * gij);
      }
    }
    for (; p < k; p++) {
      const aip = a[aRow + p];
      const outRow = p * n;
      for (let j = 0; j < n; j++) out[outRow + j] += Math.fround(aip * g[gRow + j]);
    }
  }
}

function scatterRows64(a: Storage, g: Storage, out: Storage, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const gRow = i * n;
    const aRow = i * k;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const a0 = a[aRow + p],
        a1 = a[aRow + p + 1],
        a2 = a[aRow + p + 2],
        a3 = a[aRow + p + 3];
      const o0 = p * n,
        o1 = o0 + n,
        o2 = o1 + n,
        o3 = o2 + n;
      for (let j = 0; j < n; j++) {
        const gij = g[gRow + j];
        out[o0 + j] += a0 * gij;
        out[o1 + j] += a1 * gij;
        out[o2 + j] += a2 * gij;
        out[o3 + j] += a3 * gij;
      }
    }
    for (; p < k; p++) {
      const aip = a[aRow + p];
      const outRow = p * n;
      for (let j = 0; j < n; j++) out[outRow + j] += aip * g[gRow + j];
    }
  }
}
