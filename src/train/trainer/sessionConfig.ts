// From the panel's settings to the session's TrainConfig. Pure, so the worker and the tests share it.
import { TUTORIAL_NUMPY_GRADIENT, type TrainerSettings } from '../../protocol/trainerSettings';
import { looksLikePreset, parsePreset, presetModel, type PresetModel } from '../presets';
import type { Dataset, GradientSource, OptimizerConfig, TrainConfig } from '../types';

function optimizerConfig(s: TrainerSettings): OptimizerConfig {
  switch (s.optimizer) {
    case 'sgd':
      return { kind: 'sgd', lr: s.lr, weightDecay: s.weightDecay };
    case 'momentum':
      return { kind: 'sgd', lr: s.lr, momentum: s.momentum, nesterov: s.nesterov, weightDecay: s.weightDecay };
    case 'adam':
      return { kind: 'adam', lr: s.lr, betas: [s.beta1, s.beta2], eps: s.eps, weightDecay: s.weightDecay };
  }
}

export function gradientSource(s: TrainerSettings): GradientSource {
  switch (s.gradient) {
    case 'autograd':
      return { kind: 'autograd' };
    case 'tutorial-numpy':
      return { kind: 'expression', text: TUTORIAL_NUMPY_GRADIENT };
    case 'expression':
      return { kind: 'expression', text: s.gradientText };
  }
}

/** The part of the config a running session accepts through update(). */
export function liveConfig(
  s: TrainerSettings,
): Pick<TrainConfig, 'optimizer' | 'epochs' | 'batchSize' | 'loss' | 'huberDelta' | 'reduction' | 'gradient'> {
  return {
    optimizer: optimizerConfig(s),
    epochs: s.epochs,
    batchSize: s.batchSize,
    loss: s.loss,
    huberDelta: s.huberDelta,
    reduction: s.reduction,
    gradient: gradientSource(s),
  };
}

/**
 * The model the panel's model field names for `d` features: a preset (`mlp:16,16`) as its expression and
 * hidden sizes, which depend on the loss (an MLP under bce ends in a sigmoid), or an expression as written.
 */
export function panelModel(s: TrainerSettings, d: number): PresetModel | null {
  if (s.modelExpr === undefined) return null;
  return looksLikePreset(s.modelExpr) ? presetModel(parsePreset(s.modelExpr), d, s.loss) : { modelExpr: s.modelExpr };
}

export function trainConfig(s: TrainerSettings, data: Dataset): TrainConfig {
  const config: TrainConfig = { data, bias: s.bias, init: s.init, seed: s.seed, dtype: s.dtype, ...liveConfig(s) };
  const model = panelModel(s, data.d);
  if (model) Object.assign(config, model);
  if (s.lossExpr !== undefined) config.lossExpr = s.lossExpr;
  return config;
}
