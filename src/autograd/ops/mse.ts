// The MSE hot path of linear regression: one pass computes sum((p - t)^2) and, when a graph is being
// recorded, also the gradient factor s (p - t) with s = 2/n (mean) or 2 (sum), so backward reads no data.
// Sums follow summation.ts: in order up to IN_ORDER_MAX terms, else four rounded partial sums.
import { IN_ORDER_MAX } from '../summation';
import type { Storage } from '../storage';

/** Returns sum((p - t)^2); writes s (p - t) into `grad` when it is given. */
export function squaredErrorSum(p: Storage, t: Storage, grad: Storage | null, s: number): number {
  return p instanceof Float32Array && t instanceof Float32Array && (grad === null || grad instanceof Float32Array)
    ? squaredErrorSum32(p, t, grad, Math.fround(s))
    : squaredErrorSum64(p, t, grad, s);
}

function squaredErrorSum32(p: Float32Array, t: Float32Array, grad: Float32Array | null, s: number): number {
  const n = p.length;
  const lanes = n > IN_ORDER_MAX ? 4 : 1;
  const acc = [0, 0, 0, 0];
  let i = 0;
  if (lanes === 4) {
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    for (; i + 3 < n; i += 4) {
      const d0 = Math.fround(p[i] - t[i]);
      const d1 = Math.fround(p[i + 1] - t[i + 1]);
      const d2 = Math.fround(p[i + 2] - t[i + 2]);
      const d3 = Math.fround(p[i + 3] - t[i + 3]);
      s0 = Math.fround(s0 + Math.fround(d0 * d0));
      s1 = Math.fround(s1 + Math.fround(d1 * d1));
      s2 = Math.fround(s2 + Math.fround(d2 * d2));
      s3 = Math.fround(s3 + Math.fround(d3 * d3));
      if (grad !== null) {
        grad[i] = d0 * s;
        grad[i + 1] = d1 * s;
        grad[i + 2] = d2 * s;
        grad[i + 3] = d3 * s;
      }
    }
    acc[0] = s0;
    acc[1] = s1;
    acc[2] = s2;
    acc[3] = s3;
  }
  let tail = acc[0];
  for (; i < n; i++) {
    const d = Math.fround(p[i] - t[i]);
    tail = Math.fround(tail + Math.fround(d * d));
    if (grad !== null) grad[i] = d * s;
  }
  return lanes === 4 ? Math.fround(Math.fround(tail + acc[1]) + Math.fround(acc[2] + acc[3])) : tail;
}

function squaredErrorSum64(p: Storage, t: Storage, grad: Storage | null, s: number): number {
  const n = p.length;
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  let i = 0;
  if (n > IN_ORDER_MAX) {
    for (; i + 3 < n; i += 4) {
      const d0 = p[i] - t[i];
      const d1 = p[i + 1] - t[i + 1];
      const d2 = p[i + 2] - t[i + 2];
      const d3 = p[i + 3] - t[i + 3];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
      if (grad !== null) {
        grad[i] = d0 * s;
        grad[i + 1] = d1 * s;
        grad[i + 2] = d2 * s;
        grad[i + 3] = d3 * s;
      }
    }
  }
  for (; i < n; i++) {
    const d = p[i] - t[i];
    s0 += d * d;
    if (grad !== null) grad[i] = d * s;
  }
  return s0 + s1 + (s2 + s3);
}
