// Messages between the panel's page and its Web Worker. The worker owns the training session; the page
// only renders. Epochs travel in batches of typed arrays, transferred rather than copied.
import type { LearningRateWarning, Params, SessionState } from '../train/types';
import {
  array,
  bool,
  checked,
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
import { readSettings, type TrainerSettings } from './trainerSettings';
import type { ComputationGraph } from '../expr';
import { readComputationGraph } from './graphMessages';

/** A live change the worker applied, and the epoch from which it applies: replaying them restores a run. */
export interface AppliedChange {
  epoch: number;
  settings: TrainerSettings;
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
  | { type: 'graph' };

export type PredictionPurpose = 'before' | 'after' | 'query';

/** A batch of finished epochs; params holds `stride` values per epoch: w[0..d-1] then b when there is a bias. */
export interface EpochBatch {
  type: 'epochs';
  epoch: Int32Array;
  loss: Float64Array;
  gradNorm: Float64Array;
  params: Float64Array;
  stride: number;
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

export type FromWorker =
  | { type: 'configured'; data: DataSummary; params: Params; criticalLr: number | null }
  | EpochBatch
  | Landscape
  | { type: 'overlays'; runs: OverlayRun[]; note: string }
  | EpochPhases
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
] as const;
const fromWorkerTypes = [
  'configured',
  'epochs',
  'landscape',
  'overlays',
  'phases',
  'state',
  'lrWarning',
  'critical',
  'checkpoint',
  'prediction',
  'dataError',
  'graph',
  'graphError',
  'error',
] as const;
const purposes = ['before', 'after', 'query'] as const;

function readChange(value: unknown, path: string): AppliedChange {
  const c = record(value, path);
  return {
    epoch: num(c.epoch, `${path}.epoch`, { integer: true, min: 0 }),
    settings: readSettings(c.settings, `${path}.settings`),
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
  }
});

function readParams(value: unknown, path: string): Params {
  const p = record(value, path);
  // A diverged run's parameters are NaN or infinite: they are reported, not refused.
  return {
    w: array(p.w, `${path}.w`, (v, q) => num(v, q, { finite: false }), 1_000_000),
    b: nullable(p.b, `${path}.b`, (v, q) => num(v, q, { finite: false })),
  };
}

export function readSessionState(value: unknown, path: string): SessionState {
  const s = record(value, path);
  const kind = oneOf(s.kind, `${path}.kind`, ['idle', 'running', 'paused', 'done', 'diverged'] as const);
  if (kind === 'idle') return { kind };
  const epoch = num(s.epoch, `${path}.epoch`, { integer: true, min: 0 });
  if (kind === 'diverged')
    return {
      kind,
      epoch,
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
        },
        params: readParams(m.params, 'message.params'),
        criticalLr: nullable(m.criticalLr, 'message.criticalLr', (v, p) => num(v, p)),
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
      };
      const n = batch.epoch.length;
      if (batch.loss.length !== n || batch.gradNorm.length !== n || batch.params.length !== n * batch.stride) {
        return invalid('message', `expected arrays of ${n} epochs (params: ${n}x${batch.stride})`);
      }
      return batch;
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
    case 'graphError':
    case 'error':
      return { type, message: str(m.message, 'message.message', 10_000) };
  }
});

/** The transferable buffers of a message, so typed arrays move instead of being copied. */
export function transferablesOf(message: FromWorker): ArrayBuffer[] {
  switch (message.type) {
    case 'epochs':
      return [
        message.epoch.buffer,
        message.loss.buffer,
        message.gradNorm.buffer,
        message.params.buffer,
      ] as ArrayBuffer[];
    case 'configured':
      return [message.data.previewX.buffer, message.data.previewY.buffer] as ArrayBuffer[];
    case 'overlays':
      return message.runs.flatMap((r) => [r.epoch.buffer, r.loss.buffer, r.params.buffer]) as ArrayBuffer[];
    case 'landscape':
      return [message.w.buffer, message.loss.buffer, ...(message.b ? [message.b.buffer] : [])] as ArrayBuffer[];
    default:
      return [];
  }
}
