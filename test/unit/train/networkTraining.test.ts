import assert from 'node:assert/strict';
import {
  createSession,
  datasetFromRows,
  type OptimizerConfig,
  type ParameterValue,
  type Params,
  type TrainConfig,
} from '../../../src/train';
import {
  logisticRegression,
  oneHiddenLayer,
  trainReference,
  type Net,
  type Optimizer,
  type Values,
} from './networkReference';

// Float64 runs against the plain-JS references of networkReference.ts (hand-derived gradients, torch.optim's
// update formulas): loss and every parameter at every epoch, to 1e-8 relative.

const rows = [
  [0.5, 1.2],
  [-1.1, 0.4],
  [0.3, -0.8],
  [1.7, 0.9],
  [-0.6, -1.3],
  [0.9, -0.2],
  [-1.4, 1.1],
];
const labels = [1, 0, 0, 1, 0, 1, 0];
const targets = [0.8, -0.3, 0.1, 1.5, -0.9, 0.6, -0.2];

/** W1 (2 x 3) as nested lists and flattened row-major. */
const W1 = [
  [0.3, -0.5, 0.8],
  [-0.2, 0.6, 0.4],
];
const networkStart: Record<string, ParameterValue> = { W1, b1: [0.1, -0.2, 0.05], w2: [0.7, -0.4, 0.3], b2: 0.1 };
const flatNetworkStart: Values = { W1: W1.flat(), b1: [0.1, -0.2, 0.05], w2: [0.7, -0.4, 0.3], b2: [0.1] };
const logisticStart: Record<string, ParameterValue> = { w: [0.2, -0.3], b: 0.05 };

const optimizers: Record<string, { config: OptimizerConfig; reference: Optimizer }> = {
  SGD: { config: { kind: 'sgd', lr: 0.3 }, reference: { kind: 'sgd', lr: 0.3 } },
  momentum: {
    config: { kind: 'sgd', lr: 0.1, momentum: 0.9 },
    reference: { kind: 'momentum', lr: 0.1, momentum: 0.9 },
  },
  Adam: {
    config: { kind: 'adam', lr: 0.05 },
    reference: { kind: 'adam', lr: 0.05, betas: [0.9, 0.999], eps: 1e-8 },
  },
};

/** The session's parameters, flattened row-major by name. */
function flatParams(params: Params): Values {
  assert.ok(params.named, 'a model with its own parameters reports them by name');
  return Object.fromEntries(Object.entries(params.named).map(([name, p]) => [name, p.values]));
}

function assertRelative(actual: number, expected: number, label: string): void {
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= 1e-8 * scale || Math.abs(actual - expected) < 1e-300,
    `${label}: expected ${expected}, got ${actual}`,
  );
}

interface Case {
  model: string;
  loss: 'mse' | 'bce';
  net: Net;
  start: Record<string, ParameterValue>;
  flatStart: Values;
  y: number[];
}

const cases: Record<string, Case> = {
  'logistic regression with BCE': {
    model: 'torch.sigmoid(x @ w + b)',
    loss: 'bce',
    net: logisticRegression,
    start: logisticStart,
    flatStart: { w: [0.2, -0.3], b: [0.05] },
    y: labels,
  },
  'a 2-3-1 tanh MLP with MSE': {
    model: 'np.tanh(x @ W1 + b1) @ w2 + b2',
    loss: 'mse',
    net: oneHiddenLayer('tanh', 'mse'),
    start: networkStart,
    flatStart: flatNetworkStart,
    y: targets,
  },
  'a 2-3-1 ReLU MLP with MSE': {
    model: 'torch.relu(x @ W1 + b1) @ w2 + b2',
    loss: 'mse',
    net: oneHiddenLayer('relu', 'mse'),
    start: networkStart,
    flatStart: flatNetworkStart,
    y: targets,
  },
  'a 2-3-1 tanh MLP with a sigmoid output and BCE': {
    model: 'torch.sigmoid(torch.tanh(x @ W1 + b1) @ w2 + b2)',
    loss: 'bce',
    net: oneHiddenLayer('tanh', 'bce'),
    start: networkStart,
    flatStart: flatNetworkStart,
    y: labels,
  },
};

const EPOCHS = 25;

describe('models with their own parameters match PyTorch float64 at every epoch (plain-JS reference)', () => {
  for (const [title, c] of Object.entries(cases)) {
    for (const [optimizerName, optimizer] of Object.entries(optimizers)) {
      for (const batchSize of [null, 3]) {
        const batches = batchSize === null ? 'full batch' : `sequential mini-batches of ${batchSize}`;
        it(`${title}, ${optimizerName}, ${batches}: loss and every parameter to 1e-8`, () => {
          const config: TrainConfig = {
            data: datasetFromRows(rows, c.y),
            bias: false,
            init: 'zeros',
            loss: c.loss,
            reduction: 'mean',
            optimizer: optimizer.config,
            epochs: EPOCHS,
            batchSize,
            seed: 0,
            dtype: 'float64',
            modelExpr: c.model,
            initialParams: c.start,
            shuffle: false,
          };
          const events = createSession(config).run();
          const expected = trainReference(c.net, c.flatStart, rows, c.y, optimizer.reference, EPOCHS, batchSize);
          assert.equal(events.length, EPOCHS);
          events.forEach((event, k) => {
            assertRelative(event.loss, expected[k].loss, `loss at epoch ${k}`);
            const actual = flatParams(event.params);
            assert.deepEqual(Object.keys(actual), Object.keys(expected[k].params));
            for (const [name, values] of Object.entries(expected[k].params)) {
              values.forEach((v, j) => assertRelative(actual[name][j], v, `${name}[${j}] at epoch ${k}`));
            }
          });
        });
      }
    }
  }

  it('the mlp preset with bce is the same network: torch.sigmoid(torch.tanh(x @ W1 + b1) @ w2 + b2)', () => {
    // The preset's expression is checked in presets.test.ts; here its numbers, against the same reference.
    const c = cases['a 2-3-1 tanh MLP with a sigmoid output and BCE'];
    const session = createSession({
      data: datasetFromRows(rows, labels),
      bias: false,
      init: 'zeros',
      loss: 'bce',
      reduction: 'mean',
      optimizer: { kind: 'adam', lr: 0.05 },
      epochs: 5,
      batchSize: null,
      seed: 0,
      dtype: 'float64',
      modelExpr: 'torch.sigmoid(torch.tanh(x @ W1 + b1) @ w2 + b2)',
      hidden: [3],
      initialParams: c.start,
    });
    const expected = trainReference(c.net, c.flatStart, rows, labels, optimizers.Adam.reference, 5, null);
    session.run().forEach((event, k) => assertRelative(event.loss, expected[k].loss, `loss at epoch ${k}`));
  });
});
