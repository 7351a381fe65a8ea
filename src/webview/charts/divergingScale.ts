// The heat maps' colour scale: diverging and centred on 0, so a cell's hue says its sign and its strength
// says its size. The range is symmetric, ±(the largest |value|), so 0 always sits at the theme's
// background and the two ends are the theme's blue (below 0) and orange (above). Pure, for the tests.

export type Rgb = readonly [number, number, number];

export interface DivergingColours {
  negative: Rgb;
  zero: Rgb;
  positive: Rgb;
  /** A value that is not a number (a diverged run): no place on the scale, a colour of its own. */
  invalid: Rgb;
}

/** The largest |value| among the finite values: the scale runs from -range to +range (0: all are 0). */
export function symmetricRange(values: ArrayLike<number>): number {
  let range = 0;
  for (let k = 0; k < values.length; k++) {
    const magnitude = Math.abs(values[k]);
    if (Number.isFinite(magnitude) && magnitude > range) range = magnitude;
  }
  return range;
}

/** The colour of `value` on the scale ±range: the zero colour mixed linearly towards its sign's colour by |value| / range. */
export function divergingColour(value: number, range: number, colours: DivergingColours): Rgb {
  if (!Number.isFinite(value)) return colours.invalid;
  if (range <= 0 || value === 0) return colours.zero;
  const share = Math.min(1, Math.abs(value) / range);
  const end = value < 0 ? colours.negative : colours.positive;
  const { zero } = colours;
  return [
    Math.round(zero[0] + share * (end[0] - zero[0])),
    Math.round(zero[1] + share * (end[1] - zero[1])),
    Math.round(zero[2] + share * (end[2] - zero[2])),
  ];
}
