// A TrainConfig is checked once, up front, so a bad value fails with its name instead of a NaN later.
import type { Dataset, DType, TrainConfig } from './types';

export class ConfigError extends Error {}

function check(ok: boolean, message: string): void {
  if (!ok) throw new ConfigError(message);
}

const positive = (v: number | undefined): boolean => v === undefined || (Number.isFinite(v) && v > 0);
const fraction = (v: number | undefined): boolean => v === undefined || (Number.isFinite(v) && v >= 0 && v < 1);

/** Checks a whole config, the data's values included (once, when a session is created). */
export function validateConfig(config: TrainConfig): void {
  validateSettings(config);
  checkValuesFit(config.data, config.dtype);
  checkLabels(config);
  const width = (v: number): boolean => Number.isInteger(v) && v >= 1;
  for (const [name, shape] of Object.entries(config.shapes ?? {}))
    check(shape.every(width), `the shape of ${name} must be whole numbers >= 1 (got ${shape.join(' x ')})`);
  check((config.hidden ?? []).every(width), `hidden sizes must be whole numbers >= 1 (got ${config.hidden})`);
}

/** bce and cross-entropy take the labels 0 and 1; hinge also -1 and 1 (a label 0 counts as -1). */
function checkLabels({ loss, lossExpr, data }: TrainConfig): void {
  if (lossExpr !== undefined || (loss !== 'bce' && loss !== 'hinge' && loss !== 'cross-entropy')) return;
  const labels = loss === 'hinge' ? [0, 1, -1] : [0, 1];
  const row = data.y.findIndex((v) => !labels.includes(v));
  if (row >= 0)
    throw new ConfigError(
      `row ${row + 1} of the data: ${data.targetName ?? 'y'} = ${data.y[row]}, but the ${loss} loss takes the labels ${labels.join(', ')}`,
    );
}

/** Checks the settings and the data's shape, not every data value: cheap enough for each update(). */
export function validateSettings(config: TrainConfig): void {
  const { data, optimizer } = config;
  check(
    Number.isInteger(data.n) && data.n >= 1 && Number.isInteger(data.d) && data.d >= 1,
    `the data set needs at least one row and one feature (n = ${data.n}, d = ${data.d})`,
  );
  check(
    data.x.length === data.n * data.d,
    `the data set's x holds ${data.x.length} values, not n*d = ${data.n * data.d}`,
  );
  check(data.y.length === data.n, `the data set's y holds ${data.y.length} values, not n = ${data.n}`);
  check(
    Number.isInteger(config.epochs) && config.epochs >= 0,
    `epochs must be a whole number >= 0 (got ${config.epochs})`,
  );
  check(
    config.batchSize === null || (Number.isInteger(config.batchSize) && config.batchSize >= 1),
    `the batch size must be a whole number >= 1 or null for full batch (got ${config.batchSize})`,
  );
  check(positive(optimizer.lr), `the learning rate must be a positive number (got ${optimizer.lr})`);
  check(
    config.arithmetic === undefined || config.arithmetic === 'pytorch' || config.arithmetic === 'numpy',
    `arithmetic must be 'pytorch' or 'numpy' (got ${String(config.arithmetic)})`,
  );
  check(positive(config.huberDelta), `the Huber delta must be a positive number (got ${config.huberDelta})`);
  check(
    optimizer.weightDecay === undefined || (Number.isFinite(optimizer.weightDecay) && optimizer.weightDecay >= 0),
    `weight decay must be >= 0 (got ${optimizer.weightDecay})`,
  );
  if (optimizer.kind === 'sgd') {
    check(fraction(optimizer.momentum), `momentum must be in [0, 1) (got ${optimizer.momentum})`);
    check(fraction(optimizer.dampening), `dampening must be in [0, 1) (got ${optimizer.dampening})`);
    check(
      !optimizer.nesterov || ((optimizer.momentum ?? 0) > 0 && !optimizer.dampening),
      'Nesterov momentum needs a momentum above 0 and no dampening',
    );
  } else {
    check(
      !optimizer.betas || optimizer.betas.every((b) => fraction(b)),
      `Adam's betas must be in [0, 1) (got ${optimizer.betas})`,
    );
    check(positive(optimizer.eps), `Adam's eps must be a positive number (got ${optimizer.eps})`);
  }
}

/**
 * Every value of the data must be finite in the training dtype: float32 rounds |v| above about 3.4e38 to
 * infinity, which would make the very first loss NaN and blame the learning rate.
 */
function checkValuesFit(data: Dataset, dtype: DType): void {
  const fits = (v: number): boolean => Number.isFinite(dtype === 'float32' ? Math.fround(v) : v);
  const describe = (name: string, row: number, v: number): string =>
    Number.isFinite(v)
      ? `row ${row + 1} of the data: ${name} = ${v} is beyond float32's range (about 3.4e38) and would become infinity; use dtype float64`
      : `row ${row + 1} of the data: ${name} is ${v}, not a finite number`;
  const target = data.y.findIndex((v) => !fits(v));
  const feature = data.x.findIndex((v) => !fits(v));
  if (feature >= 0 && (target < 0 || Math.floor(feature / data.d) <= target)) {
    const j = feature % data.d;
    throw new ConfigError(
      describe(data.featureNames?.[j] ?? `x${j + 1}`, Math.floor(feature / data.d), data.x[feature]),
    );
  }
  if (target >= 0) throw new ConfigError(describe(data.targetName ?? 'y', target, data.y[target]));
}
