// Coalesces redraw requests into animation frames: at most `perSecond` drawing frames a second however
// fast epochs arrive, and in each frame only as many charts (round robin) as fit in a few milliseconds,
// so no task on the page's main thread holds it for long while the worker trains.

export interface RedrawScheduler {
  /** Marks every chart as needing a redraw. */
  request(): void;
  /** Draws everything waiting now (before an export or a screenshot). */
  flush(): void;
  /** How many times each chart has been drawn. */
  readonly redraws: readonly number[];
  /** How many frames drew something. */
  readonly frames: number;
}

/** Time a frame may spend drawing before the remaining charts wait for the next frame. */
const FRAME_BUDGET_MS = 8;

export function createRedrawScheduler(parts: readonly (() => void)[], perSecond = 30): RedrawScheduler {
  const interval = 1000 / perSecond;
  const dirty = parts.map(() => false);
  const redraws = parts.map(() => 0);
  let next = 0;
  let frames = 0;
  let lastFrame = -Infinity;
  let scheduled = false;
  const draw = (i: number) => {
    dirty[i] = false;
    redraws[i]++;
    parts[i]();
  };
  const frame = (time: number) => {
    scheduled = false;
    // 1 ms of slack for frame jitter: at 60 Hz a 30/s cap means every other frame.
    if (time - lastFrame >= interval - 1) {
      lastFrame = time;
      frames++;
      const start = performance.now();
      for (let k = 0; k < parts.length && performance.now() - start < FRAME_BUDGET_MS; k++) {
        const i = next;
        next = (next + 1) % parts.length;
        if (dirty[i]) draw(i);
      }
    }
    if (dirty.some(Boolean)) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(frame);
  };
  return {
    request() {
      dirty.fill(true);
      schedule();
    },
    flush() {
      parts.forEach((_, i) => dirty[i] && draw(i));
    },
    redraws,
    get frames() {
      return frames;
    },
  };
}
