// Messages between the panel's page and its Web Worker. The worker owns the training session; the page
// only renders. Epochs travel in batches of typed arrays, transferred rather than copied.
import type { LearningRateWarning, Params, SessionState } from '../train/types';
import {
  array,
  bool,
  checked,
  float32Array,
  float64Array,
  int32Array,
  invalid,
  nullable,
  num,
  oneOf,
  optional,
  record,
  str,
  tag,
} from './validate';
import { readSettings, readTrainingChoices, type TrainerSettings, type TrainingChoices } from './trainerSettings';
import type { ComputationGraph } from '../expr';
import { readComputationGraph } from './graphMessages';

/**
 * A live change the worker applied, and the epoch from which it applies: replaying them restores a run.
 * Its settings leave out the data, which a live change never changes.
 */
export interface AppliedChange {
  epoch: number;
  settings: TrainingChoices;
}

export type ToWorker =
  | { type: 'configure'; settings: TrainerSettings; resume?: { changes: AppliedChange[]; epoch: number } }
  /** Live changes (learning rate, optimizer, epochs, speed...); the worker restarts if the data or model changed. */
  | { type: 'settings'; settings: TrainerSettings }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'reset' }
  | { type: 'predict'; x: number[]; purpose: PredictionPurpose }
  /** The numbers of the next epoch's phases (forward, loss, backward), before stepping it. */
  | { type: 'phases' }
  /** The computation graph of the model and loss at the current parameters (the Graph view). */
  | { type: 'graph' }
  /** The run as a PyTorch script (Export); `title` says the run in words for the script's first comment. */
  | { type: 'pytorchScript'; title: string };

export type PredictionPurpose = 'before' | 'after' | 'query';

/**
 * A batch of finished epochs; params holds `stride` values per epoch: w[0..d-1] then b when there is a bias,
 * or, for a model with parameters of its own, every one in order of first use, flattened row-major.
 */
export interface EpochBatch {
  type: 'epochs';
  epoch: Int32Array;
  loss: Float64Array;
  gradNorm: Float64Array;
  params: Float64Array;
  stride: number;
  /** With a classification loss: the share of rows each epoch classified right. */
  accuracy?: Float64Array;
}

/** How the page colours a boundary's values: a probability of class 1, a score whose sign is the class, a value. */
export type BoundaryScale = 'probability' | 'score' | 'value';

/**
 * The model's output over the plane of two features: values[i * cols + j] at the centre of cell (i, j),
 * x1 = xMin + (j + 1/2)(xMax - xMin)/cols, x2 = yMin + (i + 1/2)(yMax - yMin)/rows (row 0 at the bottom).
 */
export interface Boundary {
  type: 'boundary';
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  cols: number;
  rows: number;
  values: Float32Array;
  scale: BoundaryScale;
}

/** A one-feature model's output at increasing x: the fitted curve. */
export interface Curve {
  type: 'curve';
  x: Float64Array;
  y: Float64Array;
}

export interface DataSummary {
  n: number;
  d: number;
  label: string;
  featureNames: string[];
  targetName: string;
  /** At most a few thousand rows of the first feature and the target, for the scatter plot. */
  previewX: Float64Array;
  previewY: Float64Array;
  /** The same rows' second feature, when there are two or more (the boundary's scatter). */
  previewX2?: Float64Array;
}

/**
 * The loss over the parameters of a one-feature model: L(w) at each w when b is null, else a grid
 * with loss[i * w.length + j] = L(w[j], b[i]).
 */
export interface Landscape {
  type: 'landscape';
  w: Float64Array;
  b: Float64Array | null;
  loss: Float64Array;
}

/** A finished comparison run: its label and every epoch's loss and parameters (it may stop early, diverged). */
export interface OverlayRun {
  label: string;
  epoch: Int32Array;
  loss: Float64Array;
  params: Float64Array;
  stride: number;
  diverged: number | null;
}

/** One epoch, phase by phase: the first rows' predictions, the loss, the gradient, from the parameters `before`. */
export interface EpochPhases {
  type: 'phases';
  epoch: number;
  names: string[];
  before: number[];
  rows: { x: number[]; yPred: number; y: number }[];
  n: number;
  loss: number;
  grad: number[];
  note: string;
}

/** A parameter as the Parameters card lays it out: its name and shape ([] for a scalar). */
export interface ParameterShape {
  name: string;
  shape: number[];
}

/**
 * The parameters after `epochs` finished epochs (0: the initial ones) with autograd's gradient of the loss
 * at them, for the Parameters card. values and gradients are flattened row-major, one parameter after the
 * other in the order of `parameters`. Sent a few times a second while training, and at every start and stop.
 */
export interface ParameterGradients {
  type: 'gradients';
  epochs: number;
  parameters: ParameterShape[];
  values: Float64Array;
  gradients: Float64Array;
  /** The loss at these parameters, over the whole data set. */
  loss: number;
  /** Which gradient this is, in words: of which loss, over which rows, and whether the updates take it. */
  basis: string;
}

export type FromWorker =
  /** modelExpr: the model trained, a preset written out (null: the line w·x + b). */
  | { type: 'configured'; data: DataSummary; params: Params; criticalLr: number | null; modelExpr: string | null }
  | EpochBatch
  | Landscape
  | Boundary
  | Curve
  | { type: 'overlays'; runs: OverlayRun[]; note: string }
  | EpochPhases
  | ParameterGradients
  | { type: 'state'; state: SessionState }
  /** Before and during a run: the learning rate is above the limit where this loss and data diverge (null: it is not). */
  | { type: 'lrWarning'; warning: LearningRateWarning | null }
  /** After a live change of gradient or loss: the run's new critical learning rate (null: not known), whose it is. */
  | { type: 'critical'; criticalLr: number | null; handWritten: boolean }
  | { type: 'checkpoint'; changes: AppliedChange[] }
  | { type: 'prediction'; x: number[]; y: number; purpose: PredictionPurpose }
  | { type: 'dataError'; message: string; line?: number; column?: number }
  /** The Graph view's graph at the epoch it was drawn, or why there is none. */
  | { type: 'graph'; epoch: number; graph: ComputationGraph }
  | { type: 'graphError'; message: string }
  /** The run as a PyTorch script, and what the page says about it (the settings it trains, if the run changed them). */
  | { type: 'pytorchScript'; text: string; notes: string[] }
  /** Why the run has no faithful PyTorch script. */
  | { type: 'exportRefused'; message: string }
  | { type: 'error'; message: string };

const toWorkerTypes = [
  'configure',
  'settings',
  'play',
  'pause',
  'step',
  'reset',
  'predict',
  'phases',
  'graph',
  'pytorchScript',
] as const;
const fromWorkerTypes = [
  'configured',
  'epochs',
  'landscape',
  'boundary',
  'curve',
  'overlays',
  'phases',
  'gradients',
  'state',
  'lrWarning',
  'critical',
  'checkpoint',
  'prediction',
  'dataError',
  'graph',
  'graphError',
  'pytorchScript',
  'exportRefused',
  'error',
] as const;
const purposes = ['before', 'after', 'query'] as const;

function readChange(value: unknown, path: string): AppliedChange {
  const c = record(value, path);
  return {
    epoch: num(c.epoch, `${path}.epoch`, { integer: true, min: 0 }),
    settings: readTrainingChoices(c.settings, `${path}.settings`),
  };
}

function readChanges(value: unknown, path: string): AppliedChange[] {
  return array(value, path, readChange, 100_000);
}

function readNumbers(value: unknown, path: string): number[] {
  return array(value, path, (v, p) => num(v, p), 64);
}

export const validateToWorker = checked((value): ToWorker => {
  const { message: m, type } = tag(value, 'message', toWorkerTypes);
  switch (type) {
    case 'configure': {
      const resume = optional(m.resume, 'message.resume', (v, p) => {
        const r = record(v, p);
        return {
          changes: readChanges(r.changes, `${p}.changes`),
          epoch: num(r.epoch, `${p}.epoch`, { integer: true, min: 0 }),
        };
      });
      return resume
        ? { type, settings: readSettings(m.settings), resume }
        : { type, settings: readSettings(m.settings) };
    }
    case 'settings':
      return { type, settings: readSettings(m.settings) };
    case 'play':
    case 'pause':
    case 'step':
    case 'reset':
    case 'phases':
    case 'graph':
      return { type };
    case 'predict':
      return { type, x: readNumbers(m.x, 'message.x'), purpose: oneOf(m.purpose, 'message.purpose', purposes) };
    case 'pytorchScript':
      return { type, title: str(m.title, 'message.title', 10_000) };
  }
});

const MAX_PARAMETERS = 1_000_000;
/** A script holds at most 100,000 data values and a million parameters, each under 25 characters. */
export const MAX_SCRIPT_CHARS = 50_000_000;

function readParams(value: unknown, path: string): Params {
  const p = record(value, path);
  // A diverged run's parameters are NaN or infinite: they are reported, not refused.
  const anyNumber = (v: unknown, q: string) => num(v, q, { finite: false });
  const params: Params = {
    w: array(p.w, `${path}.w`, anyNumber, MAX_PARAMETERS),
    b: nullable(p.b, `${path}.b`, anyNumber),
  };
  const named = optional(p.named, `${path}.named`, (v, q) => {
    const entries = Object.entries(record(v, q)).map(([name, parameter]) => {
      const at = `${q}.${name}`;
      const r = record(parameter, at);
      const shape = array(r.shape, `${at}.shape`, (x, k) => num(x, k, { integer: true, min: 1 }), 8);
      const values = array(r.values, `${at}.values`, anyNumber, MAX_PARAMETERS);
      const size = shape.reduce((a, b) => a * b, 1);
      if (values.length !== size) return invalid(`${at}.values`, `expected ${size} values for the shape [${shape}]`);
      return [name, { shape, values }] as const;
    });
    return Object.fromEntries(entries);
  });
  if (named !== undefined) params.named = named;
  return params;
}

/**
 * A session state. `savedCause` is for a state the panel saved before a stop carried its cause: such a
 * stop was worded as a divergence, and reads as one rather than losing the saved run.
 */
export function readSessionState(value: unknown, path: string, savedCause?: 'diverged'): SessionState {
  const s = record(value, path);
  const kind = oneOf(s.kind, `${path}.kind`, ['idle', 'running', 'paused', 'done', 'diverged'] as const);
  if (kind === 'idle') return { kind };
  const epoch = num(s.epoch, `${path}.epoch`, { integer: true, min: 0 });
  if (kind === 'diverged')
    return {
      kind,
      epoch,
      cause:
        s.cause === undefined && savedCause !== undefined
          ? savedCause
          : oneOf(s.cause, `${path}.cause`, ['diverged', 'invalid'] as const),
      reason: str(s.reason, `${path}.reason`, 10_000),
      advice: str(s.advice, `${path}.advice`, 10_000),
    };
  return { kind, epoch };
}

export const validateFromWorker = checked((value): FromWorker => {
  const { message: m, type } = tag(value, 'message', fromWorkerTypes);
  switch (type) {
    case 'configured': {
      const d = record(m.data, 'message.data');
      return {
        type,
        data: {
          n: num(d.n, 'message.data.n', { integer: true, min: 0 }),
          d: num(d.d, 'message.data.d', { integer: true, min: 1 }),
          label: str(d.label, 'message.data.label', 500),
          featureNames: array(d.featureNames, 'message.data.featureNames', (v, p) => str(v, p, 500), 64),
          targetName: str(d.targetName, 'message.data.targetName', 500),
          previewX: float64Array(d.previewX, 'message.data.previewX'),
          previewY: float64Array(d.previewY, 'message.data.previewY'),
          ...optionalField('previewX2', optional(d.previewX2, 'message.data.previewX2', float64Array)),
        },
        params: readParams(m.params, 'message.params'),
        criticalLr: nullable(m.criticalLr, 'message.criticalLr', (v, p) => num(v, p)),
        modelExpr: nullable(m.modelExpr, 'message.modelExpr', (v, p) => str(v, p, 10_000)),
      };
    }
    case 'epochs': {
      const batch: EpochBatch = {
        type,
        epoch: int32Array(m.epoch, 'message.epoch'),
        loss: float64Array(m.loss, 'message.loss'),
        gradNorm: float64Array(m.gradNorm, 'message.gradNorm'),
        params: float64Array(m.params, 'message.params'),
        stride: num(m.stride, 'message.stride', { integer: true, min: 1 }),
        ...optionalField('accuracy', optional(m.accuracy, 'message.accuracy', float64Array)),
      };
      const n = batch.epoch.length;
      if (batch.loss.length !== n || batch.gradNorm.length !== n || batch.params.length !== n * batch.stride) {
        return invalid('message', `expected arrays of ${n} epochs (params: ${n}x${batch.stride})`);
      }
      if (batch.accuracy && batch.accuracy.length !== n) return invalid('message.accuracy', `expected ${n} values`);
      return batch;
    }
    case 'boundary': {
      const coordinate = (field: string) => num(m[field], `message.${field}`);
      const cells = (field: string) => num(m[field], `message.${field}`, { integer: true, min: 1, max: 1000 });
      const boundary: Boundary = {
        type,
        xMin: coordinate('xMin'),
        xMax: coordinate('xMax'),
        yMin: coordinate('yMin'),
        yMax: coordinate('yMax'),
        cols: cells('cols'),
        rows: cells('rows'),
        values: float32Array(m.values, 'message.values'),
        scale: oneOf(m.scale, 'message.scale', ['probability', 'score', 'value'] as const),
      };
      if (!(boundary.xMax > boundary.xMin) || !(boundary.yMax > boundary.yMin))
        return invalid('message', 'expected xMin < xMax and yMin < yMax');
      if (boundary.values.length !== boundary.cols * boundary.rows)
        return invalid(
          'message.values',
          `expected ${boundary.cols * boundary.rows} values (${boundary.rows} rows of ${boundary.cols})`,
        );
      return boundary;
    }
    case 'curve': {
      const x = float64Array(m.x, 'message.x');
      const y = float64Array(m.y, 'message.y');
      if (y.length !== x.length) return invalid('message.y', `expected ${x.length} values, one per x`);
      return { type, x, y };
    }
    case 'landscape': {
      const w = float64Array(m.w, 'message.w');
      const b = nullable(m.b, 'message.b', float64Array);
      const loss = float64Array(m.loss, 'message.loss');
      if (loss.length !== w.length * (b ? b.length : 1))
        return invalid('message.loss', `expected ${w.length * (b ? b.length : 1)} values`);
      return { type, w, b, loss };
    }
    case 'overlays':
      return {
        type,
        note: str(m.note, 'message.note', 10_000),
        runs: array(
          m.runs,
          'message.runs',
          (v, p) => {
            const r = record(v, p);
            const run: OverlayRun = {
              label: str(r.label, `${p}.label`, 500),
              epoch: int32Array(r.epoch, `${p}.epoch`),
              loss: float64Array(r.loss, `${p}.loss`),
              params: float64Array(r.params, `${p}.params`),
              stride: num(r.stride, `${p}.stride`, { integer: true, min: 1 }),
              diverged: nullable(r.diverged, `${p}.diverged`, (x, q) => num(x, q, { integer: true, min: 0 })),
            };
            if (run.loss.length !== run.epoch.length || run.params.length !== run.epoch.length * run.stride)
              return invalid(p, 'arrays of different lengths');
            return run;
          },
          16,
        ),
      };
    case 'phases': {
      const numbers = (v: unknown, p: string) => array(v, p, (x, q) => num(x, q, { finite: false }), 65);
      return {
        type,
        epoch: num(m.epoch, 'message.epoch', { integer: true, min: 0 }),
        names: array(m.names, 'message.names', (v, p) => str(v, p, 100), 65),
        before: numbers(m.before, 'message.before'),
        rows: array(
          m.rows,
          'message.rows',
          (v, p) => {
            const r = record(v, p);
            return {
              x: numbers(r.x, `${p}.x`),
              yPred: num(r.yPred, `${p}.yPred`, { finite: false }),
              y: num(r.y, `${p}.y`),
            };
          },
          16,
        ),
        n: num(m.n, 'message.n', { integer: true, min: 1 }),
        loss: num(m.loss, 'message.loss', { finite: false }),
        grad: numbers(m.grad, 'message.grad'),
        note: str(m.note, 'message.note', 1000),
      };
    }
    case 'gradients':
      return readParameterGradients(m);
    case 'state':
      return { type, state: readSessionState(m.state, 'message.state') };
    case 'critical':
      return {
        type,
        criticalLr: nullable(m.criticalLr, 'message.criticalLr', (v, p) => num(v, p, { min: 0 })),
        handWritten: bool(m.handWritten, 'message.handWritten'),
      };
    case 'lrWarning':
      return {
        type,
        warning: nullable(m.warning, 'message.warning', (v, p) => {
          const w = record(v, p);
          const positive = (x: unknown, q: string) => num(x, q, { min: 0 });
          return {
            lr: positive(w.lr, `${p}.lr`),
            critical: positive(w.critical, `${p}.critical`),
            limit: positive(w.limit, `${p}.limit`),
            message: str(w.message, `${p}.message`, 1000),
          };
        }),
      };
    case 'checkpoint':
      return { type, changes: readChanges(m.changes, 'message.changes') };
    case 'prediction':
      return {
        type,
        x: readNumbers(m.x, 'message.x'),
        y: num(m.y, 'message.y', { finite: false }),
        purpose: oneOf(m.purpose, 'message.purpose', purposes),
      };
    case 'dataError': {
      const line = optional(m.line, 'message.line', (v, p) => num(v, p, { integer: true, min: 0 }));
      const column = optional(m.column, 'message.column', (v, p) => num(v, p, { integer: true, min: 0 }));
      return {
        type,
        message: str(m.message, 'message.message', 10_000),
        ...(line === undefined ? {} : { line }),
        ...(column === undefined ? {} : { column }),
      };
    }
    case 'graph':
      return {
        type,
        epoch: num(m.epoch, 'message.epoch', { integer: true, min: 0 }),
        graph: readComputationGraph(m.graph, 'message.graph'),
      };
    case 'pytorchScript':
      return {
        type,
        text: str(m.text, 'message.text', MAX_SCRIPT_CHARS),
        notes: array(m.notes, 'message.notes', (v, p) => str(v, p, 10_000), 16),
      };
    case 'graphError':
    case 'exportRefused':
    case 'error':
      return { type, message: str(m.message, 'message.message', 10_000) };
  }
});

function readParameterGradients(m: Record<string, unknown>): ParameterGradients {
  const parameters = array(
    m.parameters,
    'message.parameters',
    (v, p) => {
      const r = record(v, p);
      return {
        name: str(r.name, `${p}.name`, 100),
        shape: array(r.shape, `${p}.shape`, (x, q) => num(x, q, { integer: true, min: 1 }), 8),
      };
    },
    1000,
  );
  const size = parameters.reduce((total, { shape }) => total + shape.reduce((a, b) => a * b, 1), 0);
  const flat = (field: 'values' | 'gradients') => {
    const values = float64Array(m[field], `message.${field}`);
    if (values.length !== size) invalid(`message.${field}`, `expected ${size} values, one per entry of the parameters`);
    return values;
  };
  return {
    type: 'gradients',
    epochs: num(m.epochs, 'message.epochs', { integer: true, min: 0 }),
    parameters,
    values: flat('values'),
    gradients: flat('gradients'),
    // a diverged run's parameters, loss and gradients are not finite: they are shown as they are
    loss: num(m.loss, 'message.loss', { finite: false }),
    basis: str(m.basis, 'message.basis', 1000),
  };
}

/** `{ [key]: value }`, or nothing when the value is absent (an optional field stays absent after validation). */
function optionalField<K extends string, T>(key: K, value: T | undefined): { [k in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [k in K]?: T };
}

/** The transferable buffers of a message, so typed arrays move instead of being copied. */
export function transferablesOf(message: FromWorker): ArrayBuffer[] {
  switch (message.type) {
    case 'epochs':
      return [
        message.epoch.buffer,
        message.loss.buffer,
        message.gradNorm.buffer,
        message.params.buffer,
        ...(message.accuracy ? [message.accuracy.buffer] : []),
      ] as ArrayBuffer[];
    case 'configured': {
      const { previewX, previewY, previewX2 } = message.data;
      return [previewX.buffer, previewY.buffer, ...(previewX2 ? [previewX2.buffer] : [])] as ArrayBuffer[];
    }
    case 'boundary':
      return [message.values.buffer] as ArrayBuffer[];
    case 'curve':
      return [message.x.buffer, message.y.buffer] as ArrayBuffer[];
    case 'overlays':
      return message.runs.flatMap((r) => [r.epoch.buffer, r.loss.buffer, r.params.buffer]) as ArrayBuffer[];
    case 'landscape':
      return [message.w.buffer, message.loss.buffer, ...(message.b ? [message.b.buffer] : [])] as ArrayBuffer[];
    case 'gradients':
      return [message.values.buffer, message.gradients.buffer] as ArrayBuffer[];
    default:
      return [];
  }
}
