// Shape ops. reshape returns a view (shared storage, like PyTorch's view); transpose copies.
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
} satisfies GradientTable<'reshape' | 'transpose'>;

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
