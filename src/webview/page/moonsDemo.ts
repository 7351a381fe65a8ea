// The micrograd demo, one click from any state of the panel: 100 points of two moons (noise 0.1), a
// 2-16-16-1 MLP with ReLU (micrograd's demo network) trained on the hinge loss with Adam, full batch.
// It reaches 100 % train accuracy within a few dozen epochs; the rest of the run widens the margin
// while the boundary settles between the moons (test/unit/train/moonsDemo.test.ts checks the accuracy).
import type { TrainerSettings } from '../../protocol/trainerSettings';

export function moonsDemoSettings(base: TrainerSettings): TrainerSettings {
  const settings: TrainerSettings = {
    ...base,
    source: { kind: 'shape', shape: 'moons', n: 100, noise: 0.1, seed: 1 },
    modelExpr: 'mlp:16,16:relu',
    bias: true,
    init: 'uniform',
    seed: 0,
    dtype: 'float32',
    loss: 'hinge',
    reduction: 'mean',
    optimizer: 'adam',
    lr: 0.05,
    weightDecay: 0,
    epochs: 200,
    batchSize: null,
    gradient: 'autograd',
    speed: 50,
    logEvery: 20,
    lossScale: 'log',
    compare: 'none',
  };
  delete settings.lossExpr;
  return settings;
}
