// A typed array that grows as values are appended, then is cut to its length: the CSV readers' columns,
// so a large file's values take their own bytes each and no object per row.
import type { DType } from '../types';

type Values = Float32Array | Float64Array;

export class GrowingArray {
  private values: Values;
  length = 0;

  constructor(
    private readonly dtype: DType,
    capacity: number,
  ) {
    this.values = this.allocate(capacity);
  }

  private allocate(capacity: number): Values {
    return this.dtype === 'float32' ? new Float32Array(capacity) : new Float64Array(capacity);
  }

  reserve(capacity: number): void {
    if (capacity <= this.values.length) return;
    const grown = this.allocate(capacity);
    grown.set(this.values.subarray(0, this.length));
    this.values = grown;
  }

  push(value: number): void {
    if (this.length === this.values.length) this.reserve(Math.max(16, Math.ceil(this.values.length * 1.5)));
    this.values[this.length++] = value;
  }

  /** The values: a view when little room is left over (no copy of a large file's data), else a trimmed copy. */
  finish(): Values {
    const used = this.values.subarray(0, this.length);
    return this.values.length - this.length <= this.length / 8 ? used : used.slice();
  }
}
