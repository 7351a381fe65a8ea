// Before training: will this learning rate blow up on this loss and data? For MSE on a linear model
// the answer is known at configuration time (hessian.ts): full-batch gradient descent diverges iff
// lr > 2/lambda_max (plain SGD), or above the optimizer's own limit with momentum or weight decay.
// The CLI prints the message before the first epoch; the trainer panel can call the same function.
import { roundDown } from './divergence';
import { compileParts } from '../expressions';
import { handGradientCriticalRate } from './handCritical';
import { criticalLearningRate, stableLearningRateLimit } from './hessian';
import { describeOptimizer } from '../optimizers';
import type { LearningRateWarning, TrainConfig } from '../types';

/**
 * The warning for a learning rate above the stability limit, or null when it is stable or the limit is
 * not known in advance: a loss other than MSE (MAE, Huber, an expression), a model expression, a
 * hand-written gradient that is not affine in a single w (handCritical.ts; an affine one has its own
 * limit, 1/30 for the tutorial's 4x gradient), Adam (its step does not scale with the gradient),
 * or mini-batches (each batch has its own Hessian, so the full-batch limit neither guarantees nor rules
 * out divergence). Pass the session's config (session.config), which has the bias a model expression adds.
 */
export function learningRateWarning(config: TrainConfig): LearningRateWarning | null {
  const fullBatch = config.batchSize === null || config.batchSize >= config.data.n;
  if (!fullBatch) return null;
  const handWritten = config.gradient?.kind === 'expression';
  const critical = handWritten
    ? handCriticalRate(config)
    : quadratic(config)
      ? criticalLearningRate(config.data, config.bias, config.reduction)
      : null;
  if (critical === null) return null;
  const limit = stableLearningRateLimit(critical, config.optimizer);
  const { lr } = config.optimizer;
  if (limit === null || !(lr > limit)) return null;
  const criticalText = handWritten ? `2/slope = ${roundDown(critical)}` : `2/λmax = ${roundDown(critical)}`;
  const above =
    limit === critical
      ? `the critical learning rate ${criticalText}`
      : `${roundDown(limit)}, the stability limit of ${optimizerName(config)} (${criticalText})`;
  const of = handWritten ? 'of this hand-written gradient on this data' : 'for this loss and data';
  return { lr, critical, limit, message: `lr ${lr} is above ${above} ${of}: expect this run to diverge` };
}

function quadratic(config: TrainConfig): boolean {
  return config.loss === 'mse' && !config.modelExpr && !config.lossExpr;
}

function handCriticalRate(config: TrainConfig): number | null {
  try {
    const parts = compileParts(config);
    return parts.gradient ? handGradientCriticalRate(parts.gradient, parts.model, config) : null;
  } catch {
    return null; // an expression that does not compile has its own error; no warning on top
  }
}

/** 'SGD with momentum 0.9', plus what else moved the limit: 'SGD and weight decay 0.1'. */
function optimizerName(config: TrainConfig): string {
  const { optimizer } = config;
  const extras: string[] = [];
  if (optimizer.kind === 'sgd' && optimizer.momentum && optimizer.dampening)
    extras.push(`dampening ${optimizer.dampening}`);
  if (optimizer.weightDecay) extras.push(`weight decay ${optimizer.weightDecay}`);
  return [describeOptimizer(optimizer), ...extras].join(' and ');
}
