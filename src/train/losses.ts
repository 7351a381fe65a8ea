// The losses a session trains with, as single fused engine ops (like torch.nn.functional):
//   mse   = reduce((pred - y)^2)
//   mae   = reduce(|pred - y|)
//   huber = reduce(0.5 (pred - y)^2 if |pred - y| <= delta else delta (|pred - y| - 0.5 delta))
// with reduce = mean or sum over the samples.
import { huberLoss, l1Loss, mseLoss, type Tensor } from '../autograd';
import type { LossKind, LossReduction } from './types';

interface LossSpec {
  loss: LossKind;
  reduction: LossReduction;
  huberDelta?: number;
}

export function computeLoss(spec: LossSpec, prediction: Tensor, target: Tensor): Tensor {
  switch (spec.loss) {
    case 'mse':
      return mseLoss(prediction, target, spec.reduction);
    case 'mae':
      return l1Loss(prediction, target, spec.reduction);
    case 'huber':
      return huberLoss(prediction, target, spec.huberDelta ?? 1, spec.reduction);
    default: {
      const unknown: never = spec.loss;
      throw new Error(`unknown loss ${String(unknown)}`);
    }
  }
}
