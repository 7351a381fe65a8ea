// Helpers shared by the backward rules.
import { expandTo, sumToShape } from '../broadcast';
import { sameShape, sizeOf } from '../shape';
import { allocate, reuseOrAllocate, type DType } from '../storage';
import { Tensor } from '../tensor';

/** A gradient of the broadcast result brought back to `input`'s shape (summing broadcast axes) and dtype. */
export function reduceTo(grad: Tensor, input: Tensor): Tensor {
  if (sameShape(grad.shape, input.shape)) return grad.dtype === input.dtype ? grad : grad.to(input.dtype);
  const out = allocate(input.dtype, input.size);
  sumToShape(grad.data, grad.shape, out, input.shape);
  return new Tensor(out, input.shape);
}

/** `t` broadcast to `shape` as a new contiguous tensor. */
export function expand(t: Tensor, shape: readonly number[], dtype: DType = t.dtype): Tensor {
  const out = reuseOrAllocate(dtype, sizeOf(shape));
  expandTo(t.data, t.shape, out, shape);
  return new Tensor(out, shape);
}

/** A new tensor of `like`'s shape and dtype with out[i] = f(i). */
export function mapIndex(like: Tensor, f: (i: number) => number): Tensor {
  const out = reuseOrAllocate(like.dtype, like.size);
  for (let i = 0; i < out.length; i++) out[i] = f(i);
  return new Tensor(out, like.shape);
}
