// The page's record of the current run: every finished epoch's loss, gradient norm and parameters, in
// growable typed arrays (a long run costs 8 bytes a number, not an object per point). Pure: no DOM.
import type { SavedHistory } from '../../protocol/panelState';
import type { EpochBatch } from '../../protocol/workerMessages';

/**
 * The numbers a saved copy of the run holds at most. The panel saves itself twice a second while a run
 * streams in, and each save serializes the whole copy on the page's main thread: 20,000 numbers take a
 * few milliseconds, where a 337-parameter network's 200 epochs (67,000 numbers) took 40 ms and a
 * million-epoch run would take seconds.
 */
export const SAVED_NUMBERS = 20_000;

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

  /** The epochs on record (fewer than epochsDone when a thinned copy was restored). */
  get length(): number {
    return this.count;
  }

  /** How many epochs the run has done: one past the last on record. */
  get epochsDone(): number {
    return this.count === 0 ? 0 : this.epochs[this.count - 1] + 1;
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

  /**
   * The parameters epoch i started from: the initial ones, or those after the epoch before it. NaN when
   * that epoch is not in the record (a saved copy keeps some epochs only, see savedCopy).
   */
  before(i: number, k: number): number {
    const epoch = this.epochs[i];
    if (i === 0) return epoch === 0 ? this.initial[k] : Number.NaN;
    return this.epochs[i - 1] === epoch - 1 ? this.param(i - 1, k) : Number.NaN;
  }

  /** True when some epochs between the first and the last are missing: a thinned copy was restored. */
  get hasGaps(): boolean {
    return this.count > 0 && this.epochsDone - this.epochs[0] !== this.count;
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

  /** The whole record, every epoch (the "History as JSON" export). */
  toJSON(): SavedHistory {
    return this.savedCopy(Infinity);
  }

  /**
   * The record the panel saves, at most `budget` numbers: every epoch when they fit, else evenly spaced
   * epochs, each kept with the epoch before it so that what it started from (`before`) is still known,
   * and always the first and the last.
   */
  savedCopy(budget = SAVED_NUMBERS): SavedHistory {
    const accuracy = this.accuracy;
    const rows = keptRows(this.count, budget / (3 + this.stride + (accuracy ? 1 : 0)));
    const pick = <T>(value: (i: number) => T) => rows.map(value);
    return {
      epoch: pick((i) => this.epochs[i]),
      loss: pick((i) => this.losses[i]),
      gradNorm: pick((i) => this.norms[i]),
      params: rows.flatMap((i) => Array.from(this.values.subarray(i * this.stride, (i + 1) * this.stride))),
      stride: this.stride,
      ...(accuracy ? { accuracy: pick((i) => accuracy[i]) } : {}),
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

/** The rows of a record of `count` kept in at most `maxRows` (at least 4): pairs of neighbours, evenly spaced. */
export function keptRows(count: number, maxRows: number): number[] {
  const pairs = Math.max(2, Math.floor(maxRows / 2));
  if (count <= 2 * pairs) return Array.from({ length: count }, (_, i) => i);
  const kept = new Set<number>([0]);
  for (let j = 1; j < pairs; j++) {
    const anchor = Math.round((j * (count - 1)) / (pairs - 1));
    kept.add(anchor - 1).add(anchor);
  }
  return [...kept].sort((a, b) => a - b);
}
