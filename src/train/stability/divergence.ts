// What a diverged session tells the user: where it blew up, and which learning rate to try.
import { stableLearningRateLimit } from './hessian';
import type { Params, TrainConfig } from '../types';

/** The first non-finite parameter, named 'w', 'w[3]', 'b' or 'W1[5]' (row-major), or null when all are finite. */
export function nonFiniteParameter(params: Params): { name: string; value: number } | null {
  if (params.named) {
    for (const [name, { shape, values }] of Object.entries(params.named)) {
      const k = values.findIndex((v) => !Number.isFinite(v));
      if (k >= 0) return { name: shape.length === 0 ? name : `${name}[${k}]`, value: values[k] };
    }
    return null;
  }
  const j = params.w.findIndex((v) => !Number.isFinite(v));
  if (j >= 0) return { name: params.w.length === 1 ? 'w' : `w[${j}]`, value: params.w[j] };
  return params.b !== null && !Number.isFinite(params.b) ? { name: 'b', value: params.b } : null;
}

export function describeValue(value: number): string {
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

/** x to 4 significant digits. */
function significant(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** x to 4 significant digits, rounded down, so "below X" stays below the limit. */
export function roundDown(x: number): string {
  const rounded = Number(x.toPrecision(4));
  if (rounded <= x) return String(rounded);
  const unit = 10 ** (Math.floor(Math.log10(x)) - 3);
  return significant(rounded - unit);
}

/**
 * "try a learning rate below 0.1333": the optimizer's stability limit on the MSE Hessian (or, for a
 * hand-written gradient, on its own slope) when it is known and the learning rate is above it,
 * otherwise a tenth of the current rate.
 */
export function divergenceAdvice(config: TrainConfig, critical: number | null, handWritten = false): string {
  const lr = config.optimizer.lr;
  const limit = critical === null ? null : stableLearningRateLimit(critical, config.optimizer);
  if (critical !== null && limit !== null && lr >= limit) {
    const rate = handWritten
      ? `the critical rate 2/slope of this hand-written gradient`
      : 'the critical rate 2/lambda_max of this loss on this data';
    const why =
      limit === critical
        ? rate
        : `this optimizer's stability limit; ${handWritten ? '2/slope' : '2/lambda_max'} = ${roundDown(critical)}`;
    return `try a learning rate below ${roundDown(limit)} (${why})`;
  }
  return `try a smaller learning rate, such as ${significant(lr / 10)}`;
}
