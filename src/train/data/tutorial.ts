// The tutorial notebook's PyTorch run as a TrainConfig: f(x) = w*x on x = [1,2,3,4], y = 2x, w = 0,
// MSE (mean), plain SGD with lr 0.01, 100 epochs, full batch, float32.
import { tutorialDataset } from './dataset';
import type { TrainConfig } from '../types';

export function tutorialConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return {
    data: tutorialDataset(),
    bias: false,
    init: 'zeros',
    loss: 'mse',
    reduction: 'mean',
    optimizer: { kind: 'sgd', lr: 0.01 },
    epochs: 100,
    batchSize: null,
    seed: 0,
    dtype: 'float32',
    ...overrides,
  };
}
