// The phases of the next epoch with their numbers, for the "Phases" control: forward (predictions),
// loss, backward (the gradient, by the autograd engine in the run's dtype) and the update the
// optimizer will make. Computed on the full batch from the session's current parameters.
import type { TrainerSettings } from '../../protocol/trainerSettings';
import type { EpochPhases } from '../../protocol/workerMessages';
import { huberLoss, l1Loss, mseLoss, tensor } from '../../autograd';
import type { Dataset, Params } from '../types';

const SHOWN_ROWS = 4;

export function epochPhases(data: Dataset, settings: TrainerSettings, params: Params, epoch: number): EpochPhases {
  const dtype = settings.dtype;
  const x = tensor(data.d === 1 ? data.x : data.x, { dtype, shape: [data.n, data.d] });
  const y = tensor(data.y, { dtype });
  const w = tensor(params.w, { dtype, requiresGrad: true });
  const b = params.b === null ? null : tensor(params.b, { dtype, requiresGrad: true });
  const linear = x.matmul(w);
  const prediction = b ? linear.add(b) : linear;
  const loss =
    settings.loss === 'mse'
      ? mseLoss(prediction, y, settings.reduction)
      : settings.loss === 'mae'
        ? l1Loss(prediction, y, settings.reduction)
        : huberLoss(prediction, y, settings.huberDelta, settings.reduction);
  loss.backward();
  const grad = [...Array.from(w.grad!.data), ...(b ? [b.grad!.item()] : [])];
  const rows = Array.from({ length: Math.min(SHOWN_ROWS, data.n) }, (_, i) => ({
    x: Array.from(data.x.subarray(i * data.d, (i + 1) * data.d)),
    yPred: prediction.data[i],
    y: data.y[i],
  }));
  const notes: string[] = [];
  if (settings.batchSize !== null && settings.batchSize < data.n)
    notes.push(`The run updates on mini-batches of ${settings.batchSize}; these are the full-batch values.`);
  if (settings.gradient !== 'autograd')
    notes.push('This run replaces the backward pass by a hand-written gradient; the update shows what it did.');
  return {
    type: 'phases',
    epoch,
    names: [...params.w.map((_, j) => (params.w.length === 1 ? 'w' : `w[${j}]`)), ...(b ? ['b'] : [])],
    before: [...params.w, ...(params.b === null ? [] : [params.b])],
    rows,
    n: data.n,
    loss: loss.item(),
    grad,
    note: notes.join(' '),
  };
}
