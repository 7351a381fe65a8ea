// How numbers read in a hover: a gradient is a float and looks like one (`-30.0`, as Python prints it),
// a parameter's value is shown as written (`w = 0`), arrays are short.
import type { Numeric } from '../../expr';

const MAX_ARRAY_ITEMS = 6;

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

export function formatValue(value: Numeric, precision: number, asFloat = true): string {
  const one = (v: number) => (asFloat ? formatFloat(v, precision) : formatNumber(v, precision));
  if (typeof value === 'number') return one(value);
  const shown = value.slice(0, MAX_ARRAY_ITEMS).map(one);
  if (value.length > MAX_ARRAY_ITEMS) shown.push(`… ${value.length - MAX_ARRAY_ITEMS} more`);
  return `[${shown.join(', ')}]`;
}
