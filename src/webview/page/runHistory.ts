// The page's record of the current run: every finished epoch's loss, gradient norm and parameters, in
// growable typed arrays (a long run costs 8 bytes a number, not an object per point). Pure: no DOM.
import type { SavedHistory } from '../../protocol/panelState';
import type { EpochBatch } from '../../protocol/workerMessages';

export class RunHistory {
  private epochs = new Int32Array(256);
  private losses = new Float64Array(256);
  private norms = new Float64Array(256);
  private values = new Float64Array(256);
  private count = 0;
  /** Each epoch's accuracy, with a classification loss (else empty). */
  private readonly accuracies: number[] = [];

  constructor(
    readonly stride: number,
    readonly names: string[],
    readonly initial: number[],
  ) {
    this.values = new Float64Array(256 * stride);
  }

  get length(): number {
    return this.count;
  }

  private grow(needed: number): void {
    if (needed <= this.epochs.length) return;
    const size = Math.max(needed, this.epochs.length * 2);
    const grown = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T, per = 1): T => {
      const next = make(size * per);
      next.set(old.subarray(0, this.count * per));
      return next;
    };
    this.epochs = grown(this.epochs, (n) => new Int32Array(n));
    this.losses = grown(this.losses, (n) => new Float64Array(n));
    this.norms = grown(this.norms, (n) => new Float64Array(n));
    this.values = grown(this.values, (n) => new Float64Array(n), this.stride);
  }

  append(batch: Pick<EpochBatch, 'epoch' | 'loss' | 'gradNorm' | 'params' | 'accuracy'>): void {
    if (batch.accuracy) this.accuracies.push(...batch.accuracy);
    this.grow(this.count + batch.epoch.length);
    this.epochs.set(batch.epoch, this.count);
    this.losses.set(batch.loss, this.count);
    this.norms.set(batch.gradNorm, this.count);
    this.values.set(batch.params, this.count * this.stride);
    this.count += batch.epoch.length;
  }

  get epoch(): Int32Array {
    return this.epochs.subarray(0, this.count);
  }
  get loss(): Float64Array {
    return this.losses.subarray(0, this.count);
  }
  get gradNorm(): Float64Array {
    return this.norms.subarray(0, this.count);
  }
  get params(): Float64Array {
    return this.values.subarray(0, this.count * this.stride);
  }

  /** Each epoch's accuracy, when every epoch has one (a classification loss), else null. */
  get accuracy(): readonly number[] | null {
    return this.count > 0 && this.accuracies.length === this.count ? this.accuracies : null;
  }

  /** Parameter k (w[0..d-1], then b) after epoch i. */
  param(i: number, k: number): number {
    return this.values[i * this.stride + k];
  }

  /** The parameters each epoch started from: the initial ones, then those after each previous epoch. */
  before(i: number, k: number): number {
    return i === 0 ? this.initial[k] : this.param(i - 1, k);
  }

  toCsv(): string {
    const accuracy = this.accuracy;
    const lines = [['epoch', 'loss', 'grad_norm', ...(accuracy ? ['accuracy'] : []), ...this.names].join(',')];
    for (let i = 0; i < this.count; i++) {
      const row = [this.epochs[i], this.losses[i], this.norms[i], ...(accuracy ? [accuracy[i]] : [])];
      for (let k = 0; k < this.stride; k++) row.push(this.param(i, k));
      lines.push(row.map((v) => String(v)).join(','));
    }
    return lines.join('\n') + '\n';
  }

  toJSON(): SavedHistory {
    return {
      epoch: Array.from(this.epoch),
      loss: Array.from(this.loss),
      gradNorm: Array.from(this.gradNorm),
      params: Array.from(this.params),
      stride: this.stride,
      ...(this.accuracy ? { accuracy: [...this.accuracy] } : {}),
    };
  }

  static from(saved: SavedHistory, names: string[], initial: number[]): RunHistory {
    const history = new RunHistory(saved.stride, names, initial);
    history.append({
      epoch: Int32Array.from(saved.epoch),
      loss: Float64Array.from(saved.loss),
      gradNorm: Float64Array.from(saved.gradNorm),
      params: Float64Array.from(saved.params),
      ...(saved.accuracy ? { accuracy: Float64Array.from(saved.accuracy) } : {}),
    });
    return history;
  }
}
