// OptimizerConfig -> the engine's optimizer, with PyTorch's formulas (SGD with momentum is PyTorch's
// v = mu v + (1 - dampening) g, p -= lr v; Adam with bias correction).
import { Adam, SGD, type Optimizer, type Tensor } from '../autograd';
import type { OptimizerConfig } from './types';

export function createOptimizer(config: OptimizerConfig, parameters: Tensor[]): Optimizer {
  switch (config.kind) {
    case 'sgd':
      return new SGD(parameters, {
        lr: config.lr,
        momentum: config.momentum ?? 0,
        dampening: config.dampening ?? 0,
        nesterov: config.nesterov ?? false,
        weightDecay: config.weightDecay ?? 0,
      });
    case 'adam':
      return new Adam(parameters, {
        lr: config.lr,
        betas: config.betas ?? [0.9, 0.999],
        eps: config.eps ?? 1e-8,
        weightDecay: config.weightDecay ?? 0,
      });
    default: {
      const unknown: never = config;
      throw new Error(`unknown optimizer ${JSON.stringify(unknown)}`);
    }
  }
}

/** Sets new hyperparameters on an optimizer of the same kind, keeping its state; false when the kinds differ. */
export function retuneOptimizer(optimizer: Optimizer, config: OptimizerConfig): boolean {
  if (config.kind === 'sgd' && optimizer instanceof SGD) {
    optimizer.lr = config.lr;
    optimizer.momentum = config.momentum ?? 0;
    optimizer.dampening = config.dampening ?? 0;
    optimizer.nesterov = config.nesterov ?? false;
    optimizer.weightDecay = config.weightDecay ?? 0;
    return true;
  }
  if (config.kind === 'adam' && optimizer instanceof Adam) {
    optimizer.lr = config.lr;
    optimizer.betas = config.betas ? [config.betas[0], config.betas[1]] : [0.9, 0.999];
    optimizer.eps = config.eps ?? 1e-8;
    optimizer.weightDecay = config.weightDecay ?? 0;
    return true;
  }
  return false;
}

/** A readable name for logs and the CLI: 'SGD', 'SGD with momentum 0.9 (Nesterov)', 'Adam'. */
export function describeOptimizer(config: OptimizerConfig): string {
  if (config.kind === 'adam') return 'Adam';
  const mu = config.momentum ?? 0;
  return mu === 0 ? 'SGD' : `SGD with momentum ${mu}${config.nesterov ? ' (Nesterov)' : ''}`;
}
