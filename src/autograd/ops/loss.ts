// Fused losses (like torch.nn.functional): one pass forward, one pass backward, no intermediates.
// d = pred - target;  mse: d^2;  l1: |d|;  huber: d^2/2 if |d| < delta else delta (|d| - delta/2).
import { AutogradError, formatShape } from '../errors';
import {
  record,
  type GradientContext,
  type GradientRule,
  type GradientTable,
  type OpAttrs,
  type Reduction,
} from '../graph';
import { isGradEnabled } from '../nograd';
import { sameShape } from '../shape';
import { allocate, reuseOrAllocate, type DType, type Storage } from '../storage';
import { affineSquaredErrorSum } from './affineKernels';
import { sumOf } from '../summation';
import { Tensor } from '../tensor';
import { squaredErrorSum } from './mse';

type LossOp = 'mseLoss' | 'l1Loss' | 'huberLoss';

/** Each loss's per-element term and its derivative with respect to d = pred - target. */
function term(op: LossOp, delta: number): { f: (d: number) => number; df: (d: number) => number } {
  switch (op) {
    case 'mseLoss':
      return { f: (d) => d * d, df: (d) => 2 * d };
    case 'l1Loss':
      return { f: Math.abs, df: Math.sign };
    case 'huberLoss':
      return {
        f: (d) => (Math.abs(d) < delta ? 0.5 * d * d : delta * (Math.abs(d) - 0.5 * delta)),
        df: (d) => (d < -delta ? -delta : d > delta ? delta : d),
      };
  }
}

function deltaOf(attrs: OpAttrs[LossOp]): number {
  return 'delta' in attrs ? attrs.delta : 1;
}

function lossGradient<K extends LossOp>(op: K): GradientRule<K> {
  return ({ inputs: [pred, target], attrs, needs }: GradientContext<K>, g: Tensor) => {
    const gd = g.data;
    const saved = 'gradient' in attrs ? attrs.gradient : null;
    // With the usual seed of 1, the forward pass already wrote s (p - t) (mse.ts, affineKernels.ts): no data is read.
    const out = saved !== null && gd[0] === 1 ? saved : elementGradients(op, pred, target, attrs, gd);
    const gradTarget = needs[1]
      ? new Tensor(
          Float64Array.from(out, (v) => -v),
          target.shape,
        ).to(target.dtype)
      : null;
    return [needs[0] ? new Tensor(out, pred.shape) : null, gradTarget];
  };
}

/** d loss / d pred, element by element: f'(p - t) times the seed, over n for the mean. */
function elementGradients(op: LossOp, pred: Tensor, target: Tensor, attrs: OpAttrs[LossOp], gd: Storage): Storage {
  const { reduction } = attrs;
  const { df } = term(op, deltaOf(attrs));
  const n = pred.size;
  const p = pred.data;
  const t = target.data;
  const out = reuseOrAllocate(pred.dtype, n);
  const norm = reduction === 'mean' ? 1 / n : 1;
  const round = out instanceof Float32Array ? Math.fround : (x: number) => x;
  for (let i = 0; i < n; i++) out[i] = df(round(p[i] - t[i])) * norm * (reduction === 'none' ? gd[i] : gd[0]);
  return out;
}

export const lossGradients = {
  mseLoss: lossGradient('mseLoss'),
  l1Loss: lossGradient('l1Loss'),
  huberLoss: lossGradient('huberLoss'),
} satisfies GradientTable<LossOp>;

function checkOperands(op: LossOp, pred: Tensor, target: Tensor, reduction: Reduction): void {
  if (!(pred instanceof Tensor) || !(target instanceof Tensor))
    throw new AutogradError(`${op}: pred and target must be tensors`);
  if (!sameShape(pred.shape, target.shape)) {
    throw new AutogradError(
      `${op}: pred has shape ${formatShape(pred.shape)} but target has shape ${formatShape(target.shape)}; they must match (reshape one, e.g. y.reshape([-1]))`,
    );
  }
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none')
    throw new AutogradError(`${op}: unknown reduction '${String(reduction)}' (mean, sum or none)`);
}

/** The loss value: per element for 'none', else the sum or mean of the terms (summed as summation.ts says). */
function lossValue(
  op: LossOp,
  pred: Tensor,
  target: Tensor,
  dtype: DType,
  reduction: Reduction,
  delta: number,
): Tensor {
  const { f } = term(op, delta);
  const p = pred.data;
  const t = target.data;
  const terms = reuseOrAllocate(dtype, p.length);
  for (let i = 0; i < p.length; i++) terms[i] = f(dtype === 'float32' ? Math.fround(p[i] - t[i]) : p[i] - t[i]);
  if (reduction === 'none') return new Tensor(terms, [...pred.shape]);
  const out = allocate(dtype, 1);
  out[0] = reduction === 'mean' ? sumOf(terms) / p.length : sumOf(terms);
  return new Tensor(out, []);
}

function dtypeOf(pred: Tensor, target: Tensor): DType {
  return pred.dtype === 'float64' || target.dtype === 'float64' ? 'float64' : 'float32';
}

export function mseLoss(pred: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor {
  checkOperands('mseLoss', pred, target, reduction);
  const dtype = dtypeOf(pred, target);
  if (reduction === 'none') {
    return record(
      lossValue('mseLoss', pred, target, dtype, reduction, 1),
      'mseLoss',
      [pred, target],
      { reduction, gradient: null },
      lossGradients.mseLoss,
    );
  }
  const n = pred.size;
  const recording = isGradEnabled() && (pred.requiresGrad || target.requiresGrad);
  const gradient = recording && pred.dtype === dtype ? reuseOrAllocate(dtype, n) : null;
  const scale = reduction === 'mean' ? 2 / n : 2;
  const total =
    pred.affine !== null && pred.dtype === dtype
      ? affineSquaredErrorSum(pred.affine, target.data, gradient, scale) // X w + b fused in: X read once
      : squaredErrorSum(pred.data, target.data, gradient, scale);
  const out = allocate(dtype, 1);
  out[0] = reduction === 'mean' ? total / n : total;
  return record(new Tensor(out, []), 'mseLoss', [pred, target], { reduction, gradient }, lossGradients.mseLoss);
}

export function l1Loss(pred: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor {
  checkOperands('l1Loss', pred, target, reduction);
  const value = lossValue('l1Loss', pred, target, dtypeOf(pred, target), reduction, 1);
  return record(value, 'l1Loss', [pred, target], { reduction }, lossGradients.l1Loss);
}

export function huberLoss(pred: Tensor, target: Tensor, delta = 1, reduction: Reduction = 'mean'): Tensor {
  checkOperands('huberLoss', pred, target, reduction);
  if (!(delta > 0)) throw new AutogradError(`huberLoss: delta must be positive, got ${delta}`);
  const value = lossValue('huberLoss', pred, target, dtypeOf(pred, target), reduction, delta);
  return record(value, 'huberLoss', [pred, target], { delta, reduction }, lossGradients.huberLoss);
}
