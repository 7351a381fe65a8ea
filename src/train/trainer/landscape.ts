// The loss landscape of a one-feature model: L(w) on a line (no bias) or L(w, b) on a grid, computed
// in the worker in float64. MSE is exact from sufficient statistics, whatever N; MAE and Huber are
// evaluated on at most SAMPLE_ROWS evenly spaced rows.
import type { TrainerSettings } from '../../protocol/trainerSettings';
import type { Landscape } from '../../protocol/workerMessages';
import type { Dataset, Params } from '../types';

const CURVE_POINTS = 201;
const GRID_POINTS = 61;
const SAMPLE_ROWS = 20_000;

type LossFn = (w: number, b: number) => number;

/** Sums that make the MSE of w*x + b exact for any w, b: sum((w x + b - y)^2) expanded. */
function mseOf(data: Dataset, reduction: 'mean' | 'sum'): LossFn {
  let sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0,
    syy = 0;
  for (let i = 0; i < data.n; i++) {
    const x = data.x[i * data.d],
      y = data.y[i];
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
  }
  const n = data.n;
  const scale = reduction === 'mean' ? 1 / n : 1;
  // sum (w x + b - y)^2 = w^2 Sxx + 2wb Sx - 2w Sxy + n b^2 - 2b Sy + Syy
  return (w, b) => Math.max(0, (w * w * sxx + 2 * w * b * sx - 2 * w * sxy + n * b * b - 2 * b * sy + syy) * scale);
}

function sampledLossOf(data: Dataset, settings: TrainerSettings): LossFn {
  const step = Math.max(1, Math.floor(data.n / SAMPLE_ROWS));
  const delta = settings.huberDelta;
  return (w, b) => {
    let total = 0,
      count = 0;
    for (let i = 0; i < data.n; i += step, count++) {
      const r = Math.abs(w * data.x[i * data.d] + b - data.y[i]);
      total += settings.loss === 'mae' ? r : r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta);
    }
    return settings.reduction === 'mean' ? total / count : total * (data.n / count);
  };
}

/** Least squares optimum (w*, b*), used to centre the view. */
function leastSquares(data: Dataset, bias: boolean): { w: number; b: number } {
  let sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0;
  for (let i = 0; i < data.n; i++) {
    const x = data.x[i * data.d],
      y = data.y[i];
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  if (!bias) return { w: sxx > 0 ? sxy / sxx : 0, b: 0 };
  const n = data.n;
  const det = n * sxx - sx * sx;
  if (Math.abs(det) < 1e-12) return { w: 0, b: sy / n };
  const w = (n * sxy - sx * sy) / det;
  return { w, b: (sy - w * sx) / n };
}

/** Points from centre ± half, half covering the start with room; the ends snapped out to round numbers. */
function range(centre: number, start: number, points: number, atLeast = 0): Float64Array {
  const half = Math.max(1.25 * Math.abs(centre - start) + 0.5, atLeast);
  const step = 10 ** Math.floor(Math.log10(2 * half)) / 2;
  const lo = Math.floor((centre - half) / step) * step;
  const hi = Math.ceil((centre + half) / step) * step;
  return Float64Array.from({ length: points }, (_, i) => lo + ((hi - lo) * i) / (points - 1));
}

/** The landscape for a one-feature model, or null when there are more features (no 1-D or 2-D picture). */
export function landscapeOf(data: Dataset, settings: TrainerSettings, start: Params): Landscape | null {
  if (data.d !== 1 || settings.modelExpr || settings.lossExpr) return null;
  const loss = settings.loss === 'mse' ? mseOf(data, settings.reduction) : sampledLossOf(data, settings);
  const best = leastSquares(data, settings.bias);
  if (!settings.bias) {
    const w = range(best.w, start.w[0], CURVE_POINTS);
    return { type: 'landscape', w, b: null, loss: w.map((wi) => loss(wi, 0)) };
  }
  const w = range(best.w, start.w[0], GRID_POINTS);
  // The same reach on both axes: gradient descent's first steps can swing b as far as w.
  const reach = 1.25 * Math.max(Math.abs(best.w - start.w[0]), Math.abs(best.b - (start.b ?? 0))) + 0.5;
  const b = range(best.b, start.b ?? 0, GRID_POINTS, reach);
  const values = new Float64Array(b.length * w.length);
  for (let i = 0; i < b.length; i++) for (let j = 0; j < w.length; j++) values[i * w.length + j] = loss(w[j], b[i]);
  return { type: 'landscape', w, b, loss: values };
}
