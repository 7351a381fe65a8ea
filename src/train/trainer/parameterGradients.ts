// The Parameters card's numbers: every parameter by name with autograd's gradient of the loss at it, and
// a sentence that says exactly which gradient that is (of which loss, over which rows, and whether the
// run's updates take it), so the card never claims more than the numbers are.
import type { ParameterGradients, ParameterShape } from '../../protocol/workerMessages';
import type { LossKind, Params, TrainConfig, TrainingSessionApi } from '../types';
import { flatParams } from './epochBatch';

const LOSS_NAMES: Record<LossKind, string> = {
  mse: 'MSE',
  mae: 'MAE',
  huber: 'Huber',
  bce: 'BCE',
  hinge: 'hinge',
  'cross-entropy': 'cross-entropy',
};

/** The parameters' names and shapes, in the order flatParams lays their values out. */
export function parameterShapes(params: Params): ParameterShape[] {
  if (params.named) return Object.entries(params.named).map(([name, p]) => ({ name, shape: [...p.shape] }));
  return [{ name: 'w', shape: [params.w.length] }, ...(params.b === null ? [] : [{ name: 'b', shape: [] }])];
}

/** "autograd's gradient of the hinge loss (mean) over all 100 rows at these parameters: ..." */
export function gradientBasis(config: TrainConfig): string {
  const loss = config.lossExpr
    ? `the loss ${config.lossExpr}`
    : `the ${LOSS_NAMES[config.loss]} loss (${config.reduction})`;
  const rows = config.data.n.toLocaleString('en-US');
  const what = `Gradients: autograd’s ∂L/∂θ of ${loss} over all ${rows} rows at these parameters.`;
  const decay = config.optimizer.weightDecay
    ? ` (the optimizer adds weight decay ${config.optimizer.weightDecay}·θ to it)`
    : '';
  if (config.gradient?.kind === 'expression')
    return `${what} This run’s updates use the hand-written dL/dw = ${config.gradient.text} instead.`;
  if (config.batchSize !== null && config.batchSize < config.data.n)
    return `${what} This run’s updates use mini-batches of ${config.batchSize} rows, each with its own gradient${decay}.`;
  return `${what} It is the gradient the next full-batch update takes${decay}.`;
}

/** The message for the card, or null between an epoch's mini-batches (the parameters of no finished epoch). */
export function parameterGradients(session: TrainingSessionApi): ParameterGradients | null {
  const taken = session.lossGradient();
  if (!taken) return null;
  return {
    type: 'gradients',
    epochs: taken.epochs,
    parameters: parameterShapes(taken.params),
    values: Float64Array.from(flatParams(taken.params)),
    gradients: Float64Array.from(flatParams(taken.gradient)),
    loss: taken.loss,
    basis: gradientBasis(session.config),
  };
}
