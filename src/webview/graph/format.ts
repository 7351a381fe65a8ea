// How the graph panel writes a tensor's value: a scalar with 4 decimals, as micrograd's draw_dot prints
// data and grad (%.4f); an array as its shape and its first few values. The full list (as many values as
// the extension sent) is for the details pane.
import type { ValueSummary } from '../../expr';

/** Values an array shows inside a node before the ellipsis. */
export const VALUES_IN_NODE = 3;

export function formatNumber(x: number): string {
  return x.toFixed(4);
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join('×')}]`;
}

export function isScalar(v: ValueSummary): boolean {
  return v.shape.length === 0;
}

/** '30.0000' for a scalar; '[4] -2.0000, -4.0000, -6.0000, …' for an array. */
export function formatSummary(v: ValueSummary, shown = VALUES_IN_NODE): string {
  if (isScalar(v)) return formatNumber(v.values[0]);
  const values = v.values.slice(0, shown).map(formatNumber);
  const more = v.size > values.length ? ', …' : '';
  return `${formatShape(v.shape)} ${values.join(', ')}${more}`;
}

/** Every value the extension sent, with how many it left out. */
export function formatAllValues(v: ValueSummary): string {
  if (isScalar(v)) return formatNumber(v.values[0]);
  const rest = v.size - v.values.length;
  const tail = rest > 0 ? `\n… and ${rest} more` : '';
  return `${formatShape(v.shape)}\n${v.values.map(formatNumber).join(', ')}${tail}`;
}
