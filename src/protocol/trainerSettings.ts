// What the trainer panel's form holds: the data source and every training choice. It travels from the
// page to the worker, is saved with the webview state, and comes back from the extension on restore, so
// it is plain JSON and validated wherever it arrives.
import type { DType, LossKind, LossReduction, ShapeKind } from '../train/types';
import { array, bool, nullable, num, oneOf, optional, record, str } from './validate';

export type DataSource =
  | { kind: 'tutorial' }
  | { kind: 'synthetic'; n: number; d: number; noise: number; weights: number[]; bias: number; seed: number }
  /** Two classes in the plane (src/train/data/shapes.ts): moons, circles, blobs, XOR or spirals. */
  | { kind: 'shape'; shape: ShapeKind; n: number; noise: number; seed: number }
  /** Arrays given directly: from the hover's launch or the active editor. */
  | { kind: 'inline'; label: string; x: number[][]; y: number[] }
  /** A workspace file's text, parsed in the worker so a large file never blocks the page. */
  | { kind: 'file'; label: string; format: 'csv' | 'json'; text: string; target: string };

type OptimizerChoice = 'sgd' | 'momentum' | 'adam';
/** 'tutorial-numpy' is the notebook's hand-written `np.dot(2*x, y_pred-y).mean()`: 4x the true gradient. */
type GradientChoice = 'autograd' | 'tutorial-numpy' | 'expression';

export interface TrainerSettings {
  source: DataSource;
  bias: boolean;
  init: 'zeros' | 'uniform';
  loss: LossKind;
  reduction: LossReduction;
  huberDelta: number;
  optimizer: OptimizerChoice;
  lr: number;
  momentum: number;
  nesterov: boolean;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  epochs: number;
  /** null = full batch. */
  batchSize: number | null;
  seed: number;
  dtype: DType;
  gradient: GradientChoice;
  gradientText: string;
  /** A preset (`linear`, `poly:K`, `logistic`, `mlp:H1[,H2...][:tanh|relu]`) or a model expression; absent: the line w·x (+ b). */
  modelExpr?: string;
  lossExpr?: string;
  /** Epochs per second; null = as fast as it goes. */
  speed: number | null;
  logEvery: number;
  lossScale: 'linear' | 'log';
  /** The x whose prediction the log prints before and after training (5 in the tutorial). */
  predictAt: number;
  /** Runs drawn under this one: the other gradient (autograd vs the tutorial's numpy one) or a learning-rate sweep. */
  compare: CompareChoice;
}

type CompareChoice = 'none' | 'gradient' | 'lr-sweep';

/**
 * Everything the form holds but the data. A live change carries only this: it never changes the data
 * (that starts a new run), and a file's text (up to 100 MB) must not travel and be saved with each one.
 */
export type TrainingChoices = Omit<TrainerSettings, 'source'>;

/** The settings without their data source. */
export function trainingChoices(settings: TrainerSettings): TrainingChoices {
  const { source: _source, ...choices } = settings;
  return choices;
}

export const SHAPE_KINDS: readonly ShapeKind[] = ['moons', 'circles', 'blobs', 'xor', 'spirals'];
const MAX_SHAPE_POINTS = 100_000;

export const TUTORIAL_NUMPY_GRADIENT = 'np.dot(2*x, y_pred-y).mean()';
const MAX_EPOCHS = 1_000_000;
const MAX_SAMPLES = 5_000_000;

/** The tutorial, as the notebook's PyTorch half runs it; played at a pace a person can watch. */
export function defaultSettings(): TrainerSettings {
  return {
    source: { kind: 'tutorial' },
    bias: false,
    init: 'zeros',
    loss: 'mse',
    reduction: 'mean',
    huberDelta: 1,
    optimizer: 'sgd',
    lr: 0.01,
    momentum: 0.9,
    nesterov: false,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    weightDecay: 0,
    epochs: 100,
    batchSize: null,
    seed: 0,
    dtype: 'float32',
    gradient: 'autograd',
    gradientText: TUTORIAL_NUMPY_GRADIENT,
    speed: 25,
    logEvery: 10,
    lossScale: 'log',
    predictAt: 5,
    compare: 'none',
  };
}

/** Settings that change the data, the model or the numbers it starts from: they need a new session. */
const RESTART_FIELDS = ['bias', 'init', 'seed', 'dtype', 'modelExpr', 'lossExpr'] as const;

export function needsRestart(a: TrainerSettings, b: TrainerSettings): boolean {
  return !sameSource(a.source, b.source) || RESTART_FIELDS.some((field) => a[field] !== b[field]);
}

/** Whether two sources are the same data; a file's text is compared as it is, not copied into JSON twice. */
function sameSource(a: DataSource, b: DataSource): boolean {
  if (a.kind === 'file' && b.kind === 'file')
    return a.label === b.label && a.format === b.format && a.target === b.target && a.text === b.text;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function readDataSource(value: unknown, path: string): DataSource {
  const s = record(value, path);
  const kind = oneOf(s.kind, `${path}.kind`, ['tutorial', 'synthetic', 'shape', 'inline', 'file'] as const);
  switch (kind) {
    case 'tutorial':
      return { kind };
    case 'synthetic': {
      const d = num(s.d, `${path}.d`, { integer: true, min: 1, max: 64 });
      const weights = array(s.weights, `${path}.weights`, (v, p) => num(v, p), 64);
      return {
        kind,
        n: num(s.n, `${path}.n`, { integer: true, min: 1, max: MAX_SAMPLES }),
        d,
        noise: num(s.noise, `${path}.noise`, { min: 0 }),
        weights,
        bias: num(s.bias, `${path}.bias`),
        seed: num(s.seed, `${path}.seed`, { integer: true }),
      };
    }
    case 'shape':
      return {
        kind,
        shape: oneOf(s.shape, `${path}.shape`, SHAPE_KINDS),
        n: num(s.n, `${path}.n`, { integer: true, min: 2, max: MAX_SHAPE_POINTS }),
        noise: num(s.noise, `${path}.noise`, { min: 0 }),
        seed: num(s.seed, `${path}.seed`, { integer: true }),
      };
    case 'inline': {
      const x = array(s.x, `${path}.x`, (row, p) => array(row, p, (v, q) => num(v, q), 64), MAX_SAMPLES);
      const y = array(s.y, `${path}.y`, (v, p) => num(v, p), MAX_SAMPLES);
      return { kind, label: str(s.label, `${path}.label`, 500), x, y };
    }
    case 'file':
      return {
        kind,
        label: str(s.label, `${path}.label`, 500),
        format: oneOf(s.format, `${path}.format`, ['csv', 'json'] as const),
        text: str(s.text, `${path}.text`, 200_000_000),
        target: str(s.target, `${path}.target`, 500),
      };
  }
}

export function readSettings(value: unknown, path = 'settings'): TrainerSettings {
  return { source: readDataSource(record(value, path).source, `${path}.source`), ...readTrainingChoices(value, path) };
}

/** Settings without their data source (a live change's), read as readSettings reads the rest. */
export function readTrainingChoices(value: unknown, path: string): TrainingChoices {
  const s = record(value, path);
  const positive = { min: Number.MIN_VALUE };
  const modelExpr = optional(s.modelExpr, `${path}.modelExpr`, (v, p) => str(v, p, 10_000));
  const lossExpr = optional(s.lossExpr, `${path}.lossExpr`, (v, p) => str(v, p, 10_000));
  const settings: TrainingChoices = {
    bias: bool(s.bias, `${path}.bias`),
    init: oneOf(s.init, `${path}.init`, ['zeros', 'uniform'] as const),
    loss: oneOf(s.loss, `${path}.loss`, ['mse', 'mae', 'huber', 'bce', 'hinge', 'cross-entropy'] as const),
    reduction: oneOf(s.reduction, `${path}.reduction`, ['mean', 'sum'] as const),
    huberDelta: num(s.huberDelta, `${path}.huberDelta`, positive),
    optimizer: oneOf(s.optimizer, `${path}.optimizer`, ['sgd', 'momentum', 'adam'] as const),
    lr: num(s.lr, `${path}.lr`, { min: 0 }),
    momentum: num(s.momentum, `${path}.momentum`, { min: 0, max: 1 }),
    nesterov: bool(s.nesterov, `${path}.nesterov`),
    beta1: num(s.beta1, `${path}.beta1`, { min: 0, max: 1 }),
    beta2: num(s.beta2, `${path}.beta2`, { min: 0, max: 1 }),
    eps: num(s.eps, `${path}.eps`, positive),
    weightDecay: num(s.weightDecay, `${path}.weightDecay`, { min: 0 }),
    epochs: num(s.epochs, `${path}.epochs`, { integer: true, min: 1, max: MAX_EPOCHS }),
    batchSize: nullable(s.batchSize, `${path}.batchSize`, (v, p) => num(v, p, { integer: true, min: 1 })),
    seed: num(s.seed, `${path}.seed`, { integer: true }),
    dtype: oneOf(s.dtype, `${path}.dtype`, ['float32', 'float64'] as const),
    gradient: oneOf(s.gradient, `${path}.gradient`, ['autograd', 'tutorial-numpy', 'expression'] as const),
    gradientText: str(s.gradientText, `${path}.gradientText`, 10_000),
    speed: nullable(s.speed, `${path}.speed`, (v, p) => num(v, p, { min: 0.1, max: 100_000 })),
    logEvery: num(s.logEvery, `${path}.logEvery`, { integer: true, min: 1 }),
    lossScale: oneOf(s.lossScale, `${path}.lossScale`, ['linear', 'log'] as const),
    predictAt: num(s.predictAt, `${path}.predictAt`),
    compare: oneOf(s.compare, `${path}.compare`, ['none', 'gradient', 'lr-sweep'] as const),
  };
  // Absent stays absent, so settings compare equal after a round trip.
  if (modelExpr !== undefined) settings.modelExpr = modelExpr;
  if (lossExpr !== undefined) settings.lossExpr = lossExpr;
  return settings;
}
