// A tensor's value as the graph shows it, and as its text prints it: scalars with 4 decimals as
// micrograd prints them (`{g.data:.4f}`), arrays as their first values and their shape.
import type { Tensor } from '../../autograd';
import { GRAPH_VALUES_SHOWN, type ValueSummary } from '../types';

/** A copy of the first values: the engine may reuse a gradient's storage after backward. */
export function summarize(t: Tensor): ValueSummary {
  const shown = Math.min(t.size, GRAPH_VALUES_SHOWN);
  return { shape: [...t.shape], size: t.size, values: Array.from(t.data.subarray(0, shown)) };
}

/** 4 decimals; a number too small or too large for them in exponent form, so no nonzero value prints as 0.0000. */
export function formatGraphNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (v === 0 || (a >= 1e-4 && a < 1e15)) return v.toFixed(4);
  return v.toExponential(3);
}

/** `-30.0000`, `[-2.0000, -4.0000, …]` (a vector), `2×3 [1.0000, …]` (a matrix: its shape first). */
export function formatSummary(s: ValueSummary): string {
  if (s.shape.length === 0) return formatGraphNumber(s.values[0]);
  const values = s.values.map(formatGraphNumber).join(', ');
  const list = `[${values}${s.size > s.values.length ? ', …' : ''}]`;
  return s.shape.length === 1 ? list : `${s.shape.join('×')} ${list}`;
}
