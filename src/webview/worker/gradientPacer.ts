// How often the worker computes the Parameters card's gradients while training plays: a full-batch
// forward and backward pass on top of the run's own, so at most a few times a second, and never more
// often than keeps it under a tenth of the worker's time (a large data set makes each one slow).

/** The shortest wait between two gradients while playing: four a second, enough to watch them move. */
export const MIN_GRADIENT_INTERVAL_MS = 250;
/** The share of the worker's time the gradients may take at most. */
export const MAX_GRADIENT_SHARE = 0.1;

export class GradientPacer {
  private nextAt = -Infinity;

  /** Whether a gradient may be computed at `now`. */
  due(now: number): boolean {
    return now >= this.nextAt;
  }

  /** A gradient was computed at `now` in `costMs`: the next waits for the interval, or longer for a slow one. */
  sent(now: number, costMs: number): void {
    this.nextAt = now + Math.max(MIN_GRADIENT_INTERVAL_MS, costMs / MAX_GRADIENT_SHARE);
  }
}
