// Reductions over all axes or some, with keepdims. Terms are added in row-major order and, in float32,
// every partial sum is rounded to float32 (see sumToShape), as the tutorial's PyTorch table requires.
import { forEachRun, sumToShape } from '../broadcast';
import { record, type GradientTable } from '../graph';
import { keptShape, normalizeAxes, reducedShape, sizeOf, stridesOf } from '../shape';
import { allocate, reuseOrAllocate } from '../storage';
import { Tensor, type Axis } from '../tensor';
import { expand } from './common';

export const reduceGradients = {
  // d sum(x) / dx_i = 1: the gradient is broadcast back over the reduced axes
  sum: ({ inputs: [a], attrs: { axes } }, g) => [expand(g.reshape(keptShape(a.shape, axes)), a.shape)],
  // d mean(x) / dx_i = 1/n
  mean: ({ inputs: [a], attrs: { axes } }, g) => {
    const n = countOf(a.shape, axes);
    if (g.size === 1) {
      // the mean of everything (a loss): one value, g/n, everywhere
      const out = reuseOrAllocate(g.dtype, a.size);
      out.fill(g.data[0] / n);
      return [new Tensor(out, a.shape)];
    }
    const grad = expand(g.reshape(keptShape(a.shape, axes)), a.shape);
    for (let i = 0; i < grad.size; i++) grad.data[i] = grad.data[i] / n;
    return [grad];
  },
  // d logsumexp(x) / dx_i = exp(x_i - logsumexp(x)) = softmax(x)_i
  logsumexp: ({ inputs: [a], output, attrs: { axes } }, g) => {
    const kept = keptShape(a.shape, axes);
    const lse = expand(output.reshape(kept), a.shape);
    const grad = expand(g.reshape(kept), a.shape);
    for (let i = 0; i < grad.size; i++) grad.data[i] = grad.data[i] * Math.exp(a.data[i] - lse.data[i]);
    return [grad];
  },
} satisfies GradientTable<'sum' | 'mean' | 'logsumexp'>;

function countOf(shape: readonly number[], axes: readonly number[]): number {
  return axes.reduce((n, axis) => n * shape[axis], 1);
}

function sumData(a: Tensor, axes: number[]): Tensor {
  const kept = keptShape(a.shape, axes);
  const out = allocate(a.dtype, sizeOf(kept));
  sumToShape(a.data, a.shape, out, kept);
  return new Tensor(out, kept);
}

export function sum(a: Tensor, axis?: Axis, keepdims = false): Tensor {
  const axes = normalizeAxes(axis, a.ndim, 'sum', a.shape);
  const out = sumData(a, axes);
  return record(
    new Tensor(out.data, reducedShape(a.shape, axes, keepdims)),
    'sum',
    [a],
    { axes, keepdims },
    reduceGradients.sum,
  );
}

export function mean(a: Tensor, axis?: Axis, keepdims = false): Tensor {
  const axes = normalizeAxes(axis, a.ndim, 'mean', a.shape);
  const out = sumData(a, axes).data;
  const n = countOf(a.shape, axes);
  for (let i = 0; i < out.length; i++) out[i] = out[i] / n;
  return record(
    new Tensor(out, reducedShape(a.shape, axes, keepdims)),
    'mean',
    [a],
    { axes, keepdims },
    reduceGradients.mean,
  );
}

/** log(sum(exp(x))) computed stably as m + log(sum(exp(x - m))) with m the max (0 where the max is infinite). */
export function logsumexp(a: Tensor, axis?: Axis, keepdims = false): Tensor {
  const axes = normalizeAxes(axis, a.ndim, 'logsumexp', a.shape);
  const kept = keptShape(a.shape, axes);
  const max = new Float64Array(sizeOf(kept)).fill(-Infinity);
  const strides = stridesOf(kept).map((s, i) => (kept[i] === 1 ? 0 : s));
  forEachRun(a.shape, strides, strides, (i, io, _ib, n, so) => {
    for (let k = 0; k < n; k++)
      if (a.data[i + k] > max[io + k * so] || Number.isNaN(a.data[i + k])) max[io + k * so] = a.data[i + k];
  });
  for (let j = 0; j < max.length; j++) if (!Number.isFinite(max[j])) max[j] = 0;
  const sums = new Float64Array(max.length);
  forEachRun(a.shape, strides, strides, (i, io, _ib, n, so) => {
    for (let k = 0; k < n; k++) sums[io + k * so] += Math.exp(a.data[i + k] - max[io + k * so]);
  });
  const out = allocate(a.dtype, max.length);
  for (let j = 0; j < out.length; j++) out[j] = max[j] + Math.log(sums[j]);
  return record(
    new Tensor(out, reducedShape(a.shape, axes, keepdims)),
    'logsumexp',
    [a],
    { axes, keepdims },
    reduceGradients.logsumexp,
  );
}
