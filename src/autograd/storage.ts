// Dtypes and their typed-array storage. Storing into a Float32Array rounds to float32, which is how
// every op keeps PyTorch's float32 arithmetic; accumulators held in locals use Math.fround explicitly.
import { forgetKnown } from './summation';

export type DType = 'float32' | 'float64';
export type Storage = Float32Array | Float64Array;

/** Every tensor gets an ArrayBuffer of its own, so transferring `data.buffer` to a worker moves only it. */
export function allocate(dtype: DType, size: number): Storage {
  return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
}

// Buffers the engine knows are dead (the MSE gradient after a backward that freed its graph) wait here
// for the next step of the same size, so a training loop does not hand the GC a fresh [N] array per step.
// At most POOL_MAX buffers are held.
const POOL_MAX = 4;
const pool: Storage[] = [];

export function recycle(buffer: Storage): void {
  if (!pool.includes(buffer)) {
    if (pool.length >= POOL_MAX) pool.shift();
    pool.push(buffer);
  }
}

/** A buffer of `size` elements whose old contents the caller overwrites entirely. */
export function reuseOrAllocate(dtype: DType, size: number): Storage {
  const i = pool.findIndex((b) => b.length === size && (dtype === 'float32') === b instanceof Float32Array);
  if (i < 0) return allocate(dtype, size);
  const buffer = pool.splice(i, 1)[0];
  forgetKnown(buffer);
  return buffer;
}

/** PyTorch's type promotion for two floating tensors: float64 wins. */
export function promote(a: DType, b: DType): DType {
  return a === 'float64' || b === 'float64' ? 'float64' : 'float32';
}
