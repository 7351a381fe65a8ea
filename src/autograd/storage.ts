// Dtypes and their typed-array storage. Storing into a Float32Array rounds to float32, which is how
// every op keeps PyTorch's float32 arithmetic; accumulators held in locals use Math.fround explicitly.
import { forgetKnown } from './summation';

export type DType = 'float32' | 'float64';
export type Storage = Float32Array | Float64Array;

export function allocate(dtype: DType, size: number): Storage {
  if (size <= SMALL) return carve(dtype, size);
  return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
}

// Buffers the engine knows are dead (the MSE gradient after a backward that freed its graph) wait here
// for the next step of the same size, so a training loop does not hand the GC a fresh [N] array per step.
// At most POOL_MAX buffers are held.
const POOL_MAX = 4;
const pool: Storage[] = [];

export function recycle(buffer: Storage): void {
  if (buffer.length > SMALL && !pool.includes(buffer)) {
    if (pool.length >= POOL_MAX) pool.shift();
    pool.push(buffer);
  }
}

/** A buffer of `size` elements whose old contents the caller overwrites entirely. */
export function reuseOrAllocate(dtype: DType, size: number): Storage {
  const i = pool.findIndex((b) => b.length === size && (dtype === 'float32') === (b instanceof Float32Array));
  if (i < 0) return allocate(dtype, size);
  const buffer = pool.splice(i, 1)[0];
  forgetKnown(buffer);
  return buffer;
}

// Tiny tensors (scalars mostly: losses, constants, gradients of scalar parameters) are carved from shared
// slabs, because an ArrayBuffer of its own per scalar costs far more in allocation and GC than the values.
// A slab lives as long as any tensor carved from it; slabs are never reused, so no two tensors alias.
const SMALL = 4;
const SLAB_BYTES = 16384;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabOffset = 0;

function carve(dtype: DType, size: number): Storage {
  const bytes = size * 8; // float32 tensors take 8-byte slots too, keeping every view 8-byte aligned
  if (slabOffset + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabOffset = 0;
  }
  const view = dtype === 'float32' ? new Float32Array(slab, slabOffset, size) : new Float64Array(slab, slabOffset, size);
  slabOffset += bytes;
  return view;
}

/** PyTorch's type promotion for two floating tensors: float64 wins. */
export function promote(a: DType, b: DType): DType {
  return a === 'float64' || b === 'float64' ? 'float64' : 'float32';
}

/** Rounds a double to the precision of `dtype` (the identity for float64). */
export function rounder(dtype: DType): (x: number) => number {
  return dtype === 'float32' ? Math.fround : identity;
}

function identity(x: number): number {
  return x;
}
