// The losses a session trains with, on the engine (like torch.nn.functional), reduced by mean or sum
// over the samples. Regression losses are single fused ops:
//   mse   = reduce((pred - y)^2)
//   mae   = reduce(|pred - y|)
//   huber = reduce(0.5 (pred - y)^2 if |pred - y| <= delta else delta (|pred - y| - 0.5 delta))
// Classification losses on labels y in {0, 1}:
//   bce           = reduce(-(y max(log p, -100) + (1 - y) max(log(1 - p), -100)))   PyTorch's BCELoss, p a probability
//                   (one op, bceLoss, with PyTorch's backward)
//   cross-entropy = reduce(softplus(f) - y f)        BCEWithLogitsLoss: the two-class cross-entropy of a logit f
//                   (one op, bceWithLogitsLoss)
//   hinge         = reduce(max(0, 1 - t f)), t = -1 for the label 0 (labels -1 and 1 are taken as they are)
import { bceLoss, bceWithLogitsLoss, huberLoss, l1Loss, mseLoss, tensor, type Tensor } from '../autograd';
import type { LossKind, LossReduction } from './types';

interface LossSpec {
  loss: LossKind;
  reduction: LossReduction;
  huberDelta?: number;
}

const reduce = (values: Tensor, reduction: LossReduction): Tensor =>
  reduction === 'mean' ? values.mean() : values.sum();

export function computeLoss(spec: LossSpec, prediction: Tensor, target: Tensor): Tensor {
  switch (spec.loss) {
    case 'mse':
      return mseLoss(prediction, target, spec.reduction);
    case 'mae':
      return l1Loss(prediction, target, spec.reduction);
    case 'huber':
      return huberLoss(prediction, target, spec.huberDelta ?? 1, spec.reduction);
    case 'bce':
      return bceLoss(prediction, target, spec.reduction);
    case 'cross-entropy':
      return bceWithLogitsLoss(prediction, target, spec.reduction);
    case 'hinge': {
      const signs = tensor(
        Array.from(target.data, (v) => (v === 0 ? -1 : v)),
        { dtype: target.dtype, shape: target.shape },
      );
      return reduce(signs.mul(prediction).neg().add(1).relu(), spec.reduction);
    }
    default: {
      const unknown: never = spec.loss;
      throw new Error(`unknown loss ${String(unknown)}`);
    }
  }
}

export const classificationLosses: readonly LossKind[] = ['bce', 'hinge', 'cross-entropy'];

export function isClassification(loss: LossKind): boolean {
  return classificationLosses.includes(loss);
}

/** How many rows the predictions classify right: p > 0.5 (bce) or f > 0 (hinge, cross-entropy) means the label 1. */
export function correctCount(loss: LossKind, prediction: Tensor, target: Tensor): number {
  const threshold = loss === 'bce' ? 0.5 : 0;
  let correct = 0;
  prediction.data.forEach((v, i) => {
    if (v > threshold === target.data[i] > 0) correct++;
  });
  return correct;
}
