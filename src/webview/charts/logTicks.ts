// The labels of a loss axis's ticks. On a log scale chart.js puts a tick at every 1, 2, ..., 9 times a power
// of ten and at the axis's ends, so within a decade their labels crowd (0.38, 0.39 and 0.4 on one line). A
// tick is labelled when it is far enough, on the log scale, from the next labelled tick above it.

/** A label short enough for an axis: exponent form outside [1e-3, 1e5), else up to six significant digits. */
function short(v: number): string {
  return Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3)
    ? v.toExponential(0).replace('e+', 'e')
    : String(Number(v.toPrecision(6)));
}

/** Labelled ticks are at least this share of the axis's span apart (on the log scale). */
const MIN_SHARE = 1 / 8;

/**
 * The label of ticks[index] (ascending values): over several decades, the powers of ten (and 2 and 5
 * between them over less than three); within a decade, ticks spread out from the top down.
 */
export function tickLabel(value: number, scale: 'linear' | 'log', ticks: readonly { value: number }[]): string {
  if (scale === 'linear') return short(value);
  const exponent = Math.log10(value);
  if (Math.abs(exponent - Math.round(exponent)) < 1e-9) return short(10 ** Math.round(exponent));
  const decades = Math.log10(ticks[ticks.length - 1].value / ticks[0].value);
  if (decades >= 1) {
    const lead = value / 10 ** Math.floor(exponent);
    return decades < 3 && (Math.abs(lead - 2) < 1e-6 || Math.abs(lead - 5) < 1e-6) ? short(value) : '';
  }
  const minGap = decades * MIN_SHARE;
  let last = Infinity;
  for (let i = ticks.length - 1; i >= 0; i--) {
    const v = ticks[i].value;
    const labelled = last === Infinity || Math.log10(last / v) >= minGap;
    if (labelled) last = v;
    if (v === value) return labelled ? short(value) : '';
  }
  return short(value);
}
