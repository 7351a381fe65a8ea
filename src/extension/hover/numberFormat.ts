// How numbers read in a hover: a gradient is a float and looks like one (`-30.0`, as Python prints it),
// a parameter's value is shown as written (`w = 0`), arrays are short.
import type { GradientValue } from '../../expr';

const MAX_ARRAY_ITEMS = 6;
/** A matrix shows this many rows and columns (a hover line holds about 4 x 4 floats). */
const MAX_MATRIX_ITEMS = 4;

function special(value: number): string | null {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  return null;
}

/** `precision` significant digits, trailing zeros dropped, no `-0`. */
export function formatNumber(value: number, precision: number): string {
  const named = special(value);
  if (named !== null) return named;
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(Math.min(Math.max(Math.round(precision), 1), 17)));
  return String(rounded);
}

/** Like formatNumber, but an integral value keeps a `.0` so it reads as a float: -30 -> `-30.0`. */
export function formatFloat(value: number, precision: number): string {
  const text = formatNumber(value, precision);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/** The first `limit` items and a count of the rest: `[1, 2, … 3 more]`. */
function shortList<T>(items: T[], limit: number, show: (item: T) => string, rest = 'more'): string {
  const shown = items.slice(0, limit).map(show);
  if (items.length > limit) shown.push(`… ${items.length - limit} ${rest}`);
  return `[${shown.join(', ')}]`;
}

/** A number, a short array, or a matrix as its rows (`[[1.0, 2.0], [3.0, 4.0]]`), big ones cut to 4 x 4. */
export function formatValue(value: GradientValue, precision: number, asFloat = true): string {
  const one = (v: number) => (asFloat ? formatFloat(v, precision) : formatNumber(v, precision));
  if (typeof value === 'number') return one(value);
  if (!value.some(Array.isArray)) return shortList(value as number[], MAX_ARRAY_ITEMS, one);
  const row = (r: number[]) => shortList(r, MAX_MATRIX_ITEMS, one);
  return shortList(value as number[][], MAX_MATRIX_ITEMS, row, 'more rows');
}
