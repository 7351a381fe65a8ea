// Shape ops. reshape returns a view (shared storage, like PyTorch's view); transpose and slice copy.
import { AutogradError, formatShape } from '../errors';
import { record, type GradientTable } from '../graph';
import { sizeOf, stridesOf } from '../shape';
import { allocate } from '../storage';
import { Tensor } from '../tensor';

export const reshapeGradients = {
  // reshaping moves no values: the gradient is reshaped back
  reshape: ({ inputs: [a] }, g) => [g.reshape(a.shape)],
  // a transpose's gradient is the same transpose of the gradient
  transpose: ({ attrs: { dim0, dim1 } }, g) => [transpose(g, dim0, dim1)],
  // a[start:stop] takes rows start..stop-1: their gradient goes back to those rows, the others get 0
  slice: ({ inputs: [a], attrs: { start } }, g) => {
    const out = allocate(a.dtype, a.size);
    out.set(g.data.subarray(0, g.size), start * rowSize(a));
    return [new Tensor(out, a.shape)];
  },
} satisfies GradientTable<'reshape' | 'transpose' | 'slice'>;

/** How many values one index of the first dimension holds: 1 for a vector, the row length of a matrix. */
const rowSize = (a: Tensor) => sizeOf(a.shape.slice(1));

/** Python's reading of a slice bound: negative counts from the end, past either end stops there. */
function sliceBound(bound: number | null, length: number, absent: number): number {
  if (bound === null) return absent;
  if (!Number.isInteger(bound)) throw new AutogradError(`slice: the bound ${bound} is not a whole number`);
  return bound < 0 ? Math.max(0, length + bound) : Math.min(bound, length);
}

/** a[start:stop] along the first dimension, as NumPy reads it (null: from the start, to the end): a copy. */
export function slice(a: Tensor, start: number | null, stop: number | null): Tensor {
  if (a.ndim === 0) throw new AutogradError('slice: a 0-d tensor has no elements to slice');
  const n = a.shape[0];
  const from = sliceBound(start, n, 0);
  const to = Math.max(from, sliceBound(stop, n, n));
  const row = rowSize(a);
  const out = allocate(a.dtype, (to - from) * row);
  out.set(a.data.subarray(from * row, to * row));
  return record(
    new Tensor(out, [to - from, ...a.shape.slice(1)]),
    'slice',
    [a],
    { start: from, stop: to },
    reshapeGradients.slice,
  );
}

/** The same values in a new shape; one dimension may be -1 (inferred). */
export function reshape(a: Tensor, shape: readonly number[]): Tensor {
  const unknown = shape.filter((d) => d === -1).length;
  const known = sizeOf(shape.filter((d) => d !== -1));
  const bad =
    unknown > 1 ||
    shape.some((d) => !Number.isInteger(d) || d < -1) ||
    (unknown === 1 ? known === 0 || a.size % known !== 0 : known !== a.size);
  if (bad)
    throw new AutogradError(
      `reshape: cannot view a tensor of shape ${formatShape(a.shape)} (${a.size} values) as ${formatShape(shape)}`,
    );
  const resolved = shape.map((d) => (d === -1 ? a.size / known : d));
  return record(new Tensor(a.data, resolved), 'reshape', [a], null, reshapeGradients.reshape);
}

/** Swaps two dimensions (by default the last two; a tensor with fewer than 2 dimensions is returned as a copy). */
export function transpose(a: Tensor, dim0 = -2, dim1 = -1): Tensor {
  const n = a.ndim;
  if (n < 2 && dim0 === -2 && dim1 === -1)
    return record(
      new Tensor(a.data.slice(), a.shape),
      'transpose',
      [a],
      { dim0: 0, dim1: 0 },
      reshapeGradients.transpose,
    );
  const d0 = dim0 < 0 ? dim0 + n : dim0;
  const d1 = dim1 < 0 ? dim1 + n : dim1;
  if (!(d0 >= 0 && d0 < n && d1 >= 0 && d1 < n)) {
    throw new AutogradError(
      `transpose: dimensions ${dim0} and ${dim1} are out of range for shape ${formatShape(a.shape)}`,
    );
  }
  if (d0 === d1)
    return record(
      new Tensor(a.data.slice(), a.shape),
      'transpose',
      [a],
      { dim0: d0, dim1: d1 },
      reshapeGradients.transpose,
    );
  const shape = [...a.shape];
  [shape[d0], shape[d1]] = [shape[d1], shape[d0]];
  const inStrides = stridesOf(a.shape);
  const outStrides = stridesOf(shape);
  [inStrides[d0], inStrides[d1]] = [inStrides[d1], inStrides[d0]];
  const out = allocate(a.dtype, a.size);
  // Walk the output in row-major order and read the input through the swapped strides.
  const index = new Array<number>(n).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    let rest = o;
    for (let d = 0; d < n; d++) {
      index[d] = Math.floor(rest / outStrides[d]);
      rest -= index[d] * outStrides[d];
      src += index[d] * inStrides[d];
    }
    out[o] = a.data[src];
  }
  return record(new Tensor(out, shape), 'transpose', [a], { dim0: d0, dim1: d1 }, reshapeGradients.transpose);
}
