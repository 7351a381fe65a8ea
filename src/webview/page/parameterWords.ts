// Words and numbers for the Parameters card: an entry's value and gradient as the readout says them,
// a heat map's range, its label for screen readers, and which epoch the card shows. Pure.

/** Five significant digits (0.41237, -0.0012346, 1.2346e-7); NaN and ±∞ as they are. */
export function numberText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  return String(Number(v.toPrecision(5)));
}

/** The gradient's name for an entry: ∂L/∂W1[0,3]. */
export function gradientName(entry: string): string {
  return `∂L/∂${entry}`;
}

/** "W1[0,3] = 0.41237, ∂L/∂W1[0,3] = -0.0012346" */
export function readoutText(entry: string, value: number, gradient: number): string {
  return `${entry} = ${numberText(value)}, ${gradientName(entry)} = ${numberText(gradient)}`;
}

/** The labels at the two ends of a heat map's colour bar: -0.84 and +0.84, or "all 0" when every value is 0. */
export function scaleLabels(range: number): { low: string; high: string } {
  if (range === 0) return { low: 'all 0', high: '' };
  return { low: `-${numberText(range)}`, high: `+${numberText(range)}` };
}

/** Which parameters the card shows: "after epoch 199, loss 0.0105" or "initial values, loss 0.95857". */
export function snapshotText(epochs: number, loss: number): string {
  const when = epochs === 0 ? 'initial values' : `after epoch ${epochs - 1}`;
  return `${when}, loss ${numberText(loss)}`;
}

/**
 * A heat map for screen readers: "W1, 2 × 16 values from -0.84 to 0.8 (blue below 0, orange above);
 * arrow keys read one entry at a time".
 */
export function mapLabel(what: string, rows: number, cols: number, min: number, max: number, keys: boolean): string {
  const span = Number.isFinite(min) ? ` from ${numberText(min)} to ${numberText(max)}` : '';
  const read = keys ? '; arrow keys read one entry at a time' : '; point at a cell to read it';
  return `${what}, ${rows} × ${cols} values${span} (blue below 0, orange above)${read}`;
}
