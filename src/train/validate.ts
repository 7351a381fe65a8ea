// A TrainConfig is checked once, up front, so a bad value fails with its name instead of a NaN later.
import type { TrainConfig } from './types';

export class ConfigError extends Error {}

function check(ok: boolean, message: string): void {
  if (!ok) throw new ConfigError(message);
}

const positive = (v: number | undefined): boolean => v === undefined || (Number.isFinite(v) && v > 0);
const fraction = (v: number | undefined): boolean => v === undefined || (Number.isFinite(v) && v >= 0 && v < 1);

export function validateConfig(config: TrainConfig): void {
  const { data, optimizer } = config;
  check(Number.isInteger(data.n) && data.n >= 1 && Number.isInteger(data.d) && data.d >= 1, `the data set needs at least one row and one feature (n = ${data.n}, d = ${data.d})`);
  check(data.x.length === data.n * data.d, `the data set's x holds ${data.x.length} values, not n*d = ${data.n * data.d}`);
  check(data.y.length === data.n, `the data set's y holds ${data.y.length} values, not n = ${data.n}`);
  check(Number.isInteger(config.epochs) && config.epochs >= 0, `epochs must be a whole number >= 0 (got ${config.epochs})`);
  check(config.batchSize === null || (Number.isInteger(config.batchSize) && config.batchSize >= 1), `the batch size must be a whole number >= 1 or null for full batch (got ${config.batchSize})`);
  check(positive(optimizer.lr), `the learning rate must be a positive number (got ${optimizer.lr})`);
  check(positive(config.huberDelta), `the Huber delta must be a positive number (got ${config.huberDelta})`);
  check(optimizer.weightDecay === undefined || (Number.isFinite(optimizer.weightDecay) && optimizer.weightDecay >= 0), `weight decay must be >= 0 (got ${optimizer.weightDecay})`);
  if (optimizer.kind === 'sgd') {
    check(fraction(optimizer.momentum), `momentum must be in [0, 1) (got ${optimizer.momentum})`);
    check(fraction(optimizer.dampening), `dampening must be in [0, 1) (got ${optimizer.dampening})`);
    check(!optimizer.nesterov || ((optimizer.momentum ?? 0) > 0 && !optimizer.dampening), 'Nesterov momentum needs a momentum above 0 and no dampening');
  } else {
    check(!optimizer.betas || optimizer.betas.every((b) => fraction(b)), `Adam's betas must be in [0, 1) (got ${optimizer.betas})`);
    check(positive(optimizer.eps), `Adam's eps must be a positive number (got ${optimizer.eps})`);
  }
}
