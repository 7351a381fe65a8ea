// The critical learning rate of a hand-written gradient g(w) for one weight and no bias. Plain gradient
// descent steps w <- w - lr g(w); when g is affine, g(w) = s (w - w*), the error shrinks by |1 - lr s| per
// step, so the run converges iff 0 < lr < 2/s. That is the run's own limit, whatever the loss is: the
// tutorial's np.dot(2*x, y_pred-y).mean() is 60 (w - 2), 4x the MSE gradient 15 (w - 2), so its limit
// is 2/60 = 1/30 where the loss's 2/lambda_max is 2/15.
import type { CompiledExpression, Numeric } from '../../expr';
import type { TrainConfig } from '../types';

/** Where g is sampled to find its slope and to check that it is affine. */
const PROBES = [0, 1, -1.5, 2.75];

/** 2/s for an affine hand-written gradient of slope s > 0; null for several parameters or when g is not affine. */
export function handGradientCriticalRate(
  gradient: CompiledExpression,
  model: CompiledExpression | null,
  config: Pick<TrainConfig, 'data' | 'bias'>,
): number | null {
  const { data } = config;
  if (data.d !== 1 || config.bias) return null;
  const x = Array.from(data.x);
  const y = Array.from(data.y);
  const scalar = (v: Numeric): number => (Array.isArray(v) ? (v.length === 1 ? v[0] : Number.NaN) : v);
  const g = (w: number): number => {
    const prediction = model ? model.evaluate({ x, w }) : x.map((xi) => w * xi);
    return scalar(gradient.evaluate({ x, y, w, y_pred: prediction }));
  };
  let values: number[];
  try {
    values = PROBES.map(g);
  } catch {
    return null; // an expression that cannot be evaluated here has no known limit
  }
  const slope = values[1] - values[0];
  const scale = Math.max(...values.map(Math.abs), Math.abs(slope));
  const affine = PROBES.every((w, i) => Math.abs(values[i] - (values[0] + slope * w)) <= 1e-9 * scale);
  return affine && Number.isFinite(slope) && slope > 0 ? 2 / slope : null;
}
