// The data as engine tensors, and each epoch's batches: the whole set, or mini-batches in an order
// shuffled from the session's seed (the same seed gives the same batches, run after run), or in row
// order (PyTorch's DataLoader(shuffle=False)).
import { tensor, type Tensor } from '../../autograd';
import { seededRandom, shuffledIndices, type Random } from '../random';
import type { Dataset, DType } from '../types';

export interface Batch {
  x: Tensor;
  y: Tensor;
  size: number;
}

/** The random stream of the shuffles, seeded apart from the initial weights' so a new batch size keeps the init. */
export function shuffleStream(seed: number): Random {
  return seededRandom((seed ^ 0x9e3779b9) >>> 0);
}

/** One epoch's plan: batch k covers order[k*size .. (k+1)*size), the last one possibly shorter. */
export interface EpochPlan {
  order: Uint32Array | null;
  batchSize: number;
  batchCount: number;
}

/** `random` null: the rows in order, drawing nothing from the shuffle stream. */
export function planEpoch(n: number, batchSize: number | null, random: Random | null): EpochPlan {
  if (batchSize === null || batchSize >= n) return { order: null, batchSize: n, batchCount: 1 };
  const order = random ? shuffledIndices(n, random) : Uint32Array.from({ length: n }, (_, i) => i);
  return { order, batchSize, batchCount: Math.ceil(n / batchSize) };
}

export class BatchSource {
  private readonly all: Batch;

  constructor(
    private readonly data: Dataset,
    private readonly dtype: DType,
  ) {
    this.all = {
      // Shared, not copied, when the data already hold the dtype (a large CSV read for a float32 run): the
      // data tensors are never written to.
      x: tensor(data.x, { dtype, shape: [data.n, data.d], copy: false }),
      y: tensor(data.y, { dtype, shape: [data.n], copy: false }),
      size: data.n,
    };
  }

  /** Every sample, in file order. */
  get full(): Batch {
    return this.all;
  }

  batch(plan: EpochPlan, index: number): Batch {
    if (plan.order === null) return this.all;
    const { n, d } = this.data;
    const start = index * plan.batchSize;
    const end = Math.min(n, start + plan.batchSize);
    const size = end - start;
    const x = new Float64Array(size * d);
    const y = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      const row = plan.order[start + k];
      x.set(this.data.x.subarray(row * d, row * d + d), k * d);
      y[k] = this.data.y[row];
    }
    return {
      x: tensor(x, { dtype: this.dtype, shape: [size, d] }),
      y: tensor(y, { dtype: this.dtype, shape: [size] }),
      size,
    };
  }
}
