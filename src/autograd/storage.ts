// Dtypes and their typed-array storage. Storing into a Float32Array rounds to float32, which is how
// every op keeps PyTorch's float32 arithmetic; accumulators held in locals use Math.fround explicitly.
import { forgetKnown } from './summation';

export type DType = 'float32' | 'float64';
export type Storage = Float32Array | Float64Array;

/** Every tensor gets an ArrayBuffer of its own, so transferring `data.buffer` to a worker moves only it. */
export function allocate(dtype: DType, size: number): Storage {
  return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
}

// Buffers the engine knows are dead (a backward pass's gradients once it is done, the MSE gradient and
// softplus's slope after a backward that freed its graph) wait here for the next step, which needs arrays of
// the same sizes, so a training loop neither zeroes fresh [N] arrays nor hands them to the GC. Small arrays
// are cheap to make and are not kept; the pool holds at most POOL_MAX buffers and POOL_MAX_BYTES, oldest
// out first.
const POOL_MAX = 16;
const POOL_MAX_BYTES = 64 * 1024 * 1024;
const POOL_MIN_LENGTH = 1024;
const pool: Storage[] = [];
let pooledBytes = 0;

/** Gives a dead buffer back for reuse; `buffer` must own its ArrayBuffer and nothing may read it again. */
export function recycle(buffer: Storage): void {
  if (buffer.length < POOL_MIN_LENGTH || buffer.byteLength > POOL_MAX_BYTES || pool.includes(buffer)) return;
  if (buffer.byteOffset !== 0 || buffer.byteLength !== buffer.buffer.byteLength) return; // a view: not ours to give
  pool.push(buffer);
  pooledBytes += buffer.byteLength;
  while (pool.length > POOL_MAX || pooledBytes > POOL_MAX_BYTES) pooledBytes -= (pool.shift() as Storage).byteLength;
}

/** A buffer of `size` elements whose old contents the caller overwrites entirely. */
export function reuseOrAllocate(dtype: DType, size: number): Storage {
  const i = pool.findIndex((b) => b.length === size && (dtype === 'float32') === b instanceof Float32Array);
  if (i < 0) return allocate(dtype, size);
  const buffer = pool.splice(i, 1)[0];
  pooledBytes -= buffer.byteLength;
  forgetKnown(buffer);
  return buffer;
}

/** PyTorch's type promotion for two floating tensors: float64 wins. */
export function promote(a: DType, b: DType): DType {
  return a === 'float64' || b === 'float64' ? 'float64' : 'float32';
}
