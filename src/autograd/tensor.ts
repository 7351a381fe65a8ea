// The Tensor: typed-array storage, a shape, and the graph node of the op that made it. Its op methods
// are thin forwards to the functional ops in ops/, where each forward sits beside its backward rule.
import { AutogradError, formatShape } from './errors';
import { runBackward, type EdgeObserver } from './backward';
import { gradFnName, type GradFn, type Reduction } from './graph';
import { sizeOf } from './shape';
import type { Affine } from './fusion';
import { computeAffine } from './ops/affineKernels';
import { reuseOrAllocate, type DType, type Storage } from './storage';
import * as arithmetic from './ops/arithmetic';
import * as elementwise from './ops/elementwise';
import * as reduce from './ops/reduce';
import * as linalg from './ops/linalg';
import * as reshaping from './ops/reshape';
import * as inplace from './ops/inplace';

export type NestedArray = number | NestedArray[];
/** An op's other operand: a tensor, or a number that becomes a 0-d tensor of this tensor's dtype. */
export type Operand = Tensor | number;
export type Axis = number | readonly number[] | null;
export type { DType, Storage, Reduction };

export class Tensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly size: number;
  requiresGrad: boolean;
  grad: Tensor | null = null;
  /** @internal The op that made this tensor; null for a leaf. */
  node: GradFn | null = null;
  /** @internal Set by retainGrad() on a non-leaf. */
  retainsGrad = false;
  /** @internal The gradient gathered so far during a backward pass. */
  pendingGrad: Tensor | null = null;
  /** @internal The backward pass that last visited this tensor (marks without a Set). */
  visitedBy = 0;
  /** @internal Set while the values are a deferred linear map not computed yet (see fusion.ts). */
  affine: Affine | null = null;
  private values: Storage | null;

  constructor(data: Storage | Affine, shape: readonly number[], requiresGrad = false) {
    const size = sizeOf(shape);
    if (data instanceof Float32Array || data instanceof Float64Array) {
      if (data.length !== size)
        throw new AutogradError(
          `tensor: ${data.length} values do not fill shape ${formatShape(shape)} (${size} needed)`,
        );
      this.values = data;
      this.dtype = data instanceof Float32Array ? 'float32' : 'float64';
    } else {
      this.values = null;
      this.affine = data;
      this.dtype = data.dtype;
    }
    this.size = size;
    this.shape = shape; // taken, not copied: callers pass a fresh array
    this.requiresGrad = requiresGrad;
  }

  /** Contiguous row-major values; a 0-d tensor holds one element. */
  get data(): Storage {
    if (this.values === null) {
      this.values = computeAffine(this.affine as Affine);
      this.affine = null;
    }
    return this.values;
  }

  get ndim(): number {
    return this.shape.length;
  }
  get isLeaf(): boolean {
    return this.node === null;
  }
  get gradFn(): string | null {
    return this.node ? gradFnName(this.node.op) : null;
  }

  item(): number {
    if (this.size !== 1)
      throw new AutogradError(
        `item: only a one-element tensor converts to a number, this one has shape ${formatShape(this.shape)}`,
      );
    return this.data[0];
  }

  toArray(): NestedArray {
    const build = (dim: number, offset: number, stride: number): NestedArray => {
      if (dim === this.shape.length) return this.data[offset];
      const inner = stride / this.shape[dim];
      return Array.from({ length: this.shape[dim] }, (_, i) => build(dim + 1, offset + i * inner, inner));
    };
    return build(0, 0, this.size);
  }

  /**
   * `onEdge` sees every gradient sent along an edge of the graph, in the engine's order (a graph that
   * shows backpropagation reads it); without it nothing extra is done.
   */
  backward(gradient?: Tensor, opts?: { retainGraph?: boolean; onEdge?: EdgeObserver }): void {
    runBackward(this, gradient, opts?.retainGraph ?? false, opts?.onEdge);
  }

  /** Keeps the gradient of a non-leaf in `.grad` after backward (leaves always keep theirs). */
  retainGrad(): void {
    if (!this.requiresGrad)
      throw new AutogradError(`retainGrad: the tensor of shape ${formatShape(this.shape)} does not require grad`);
    if (!this.isLeaf) this.retainsGrad = true;
  }

  /** The same values (shared storage) cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /** An independent copy with its own storage, outside the graph. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  /** A copy converted to `dtype` (rounding to float32 when narrowing), outside the graph. */
  to(dtype: DType): Tensor {
    const data = reuseOrAllocate(dtype, this.size);
    data.set(this.data);
    return new Tensor(data, this.shape);
  }

  toString(): string {
    const grad = this.gradFn ? `, gradFn=${this.gradFn}` : this.requiresGrad ? ', requiresGrad=true' : '';
    return `tensor(${JSON.stringify(this.toArray())}, dtype=${this.dtype}${grad})`;
  }

  add(o: Operand): Tensor {
    return arithmetic.add(this, o);
  }
  sub(o: Operand): Tensor {
    return arithmetic.sub(this, o);
  }
  mul(o: Operand): Tensor {
    return arithmetic.mul(this, o);
  }
  div(o: Operand): Tensor {
    return arithmetic.div(this, o);
  }
  pow(o: Operand): Tensor {
    return arithmetic.pow(this, o);
  }
  maximum(o: Operand): Tensor {
    return arithmetic.maximum(this, o);
  }
  minimum(o: Operand): Tensor {
    return arithmetic.minimum(this, o);
  }
  neg(): Tensor {
    return elementwise.neg(this);
  }
  exp(): Tensor {
    return elementwise.exp(this);
  }
  log(): Tensor {
    return elementwise.log(this);
  }
  sqrt(): Tensor {
    return elementwise.sqrt(this);
  }
  abs(): Tensor {
    return elementwise.abs(this);
  }
  relu(): Tensor {
    return elementwise.relu(this);
  }
  sigmoid(): Tensor {
    return elementwise.sigmoid(this);
  }
  tanh(): Tensor {
    return elementwise.tanh(this);
  }
  softplus(): Tensor {
    return elementwise.softplus(this);
  }
  sin(): Tensor {
    return elementwise.sin(this);
  }
  cos(): Tensor {
    return elementwise.cos(this);
  }
  clamp(min?: number | null, max?: number | null): Tensor {
    return elementwise.clamp(this, min, max);
  }
  sum(axis?: Axis, keepdims = false): Tensor {
    return reduce.sum(this, axis, keepdims);
  }
  mean(axis?: Axis, keepdims = false): Tensor {
    return reduce.mean(this, axis, keepdims);
  }
  logsumexp(axis?: Axis, keepdims = false): Tensor {
    return reduce.logsumexp(this, axis, keepdims);
  }
  matmul(o: Tensor): Tensor {
    return linalg.matmul(this, o);
  }
  dot(o: Tensor): Tensor {
    return linalg.dot(this, o);
  }
  reshape(shape: readonly number[]): Tensor {
    return reshaping.reshape(this, shape);
  }
  transpose(dim0?: number, dim1?: number): Tensor {
    return reshaping.transpose(this, dim0, dim1);
  }
  /** this[start:stop] along the first dimension, NumPy's reading (null: from the start, to the end). */
  slice(start: number | null, stop: number | null = null): Tensor {
    return reshaping.slice(this, start, stop);
  }

  sub_(o: Operand): this {
    return inplace.update(this, o, 'sub_');
  }
  add_(o: Operand): this {
    return inplace.update(this, o, 'add_');
  }
  mul_(o: Operand): this {
    return inplace.update(this, o, 'mul_');
  }
  copy_(o: Operand): this {
    return inplace.update(this, o, 'copy_');
  }
  zero_(): this {
    return inplace.update(this, 0, 'copy_');
  }
}
