import assert from 'node:assert/strict';
import {
  createSession,
  datasetFromRows,
  OpenShapeError,
  parsePreset,
  presetModel,
  type TrainConfig,
} from '../../../src/train';
import { assertClose, miniBatchRun } from './reference';

const rows = [
  [1, 2],
  [2, 0],
  [3, 1],
  [0, -1],
  [1, 1],
];
const y = [3, 1, 5, -2, 2];
const labels = [1, 0, 1, 0, 1];

const config = (overrides: Partial<TrainConfig>): TrainConfig => ({
  data: datasetFromRows(rows, y),
  bias: false,
  init: 'zeros',
  loss: 'mse',
  reduction: 'mean',
  optimizer: { kind: 'sgd', lr: 0.05 },
  epochs: 3,
  batchSize: null,
  seed: 0,
  dtype: 'float64',
  ...overrides,
});

const shapesOf = (overrides: Partial<TrainConfig>): Record<string, number[]> =>
  Object.fromEntries(
    Object.entries(createSession(config(overrides)).params.named ?? {}).map(([name, p]) => [name, p.shape]),
  );

describe('a model expression whose free names are parameters', () => {
  it('gives each parameter the shape its use and x (N x D) imply, in order of first use', () => {
    assert.deepEqual(shapesOf({ modelExpr: 'np.tanh(x @ W1 + b1) @ w2 + b2', hidden: [16] }), {
      W1: [2, 16],
      b1: [16],
      w2: [16],
      b2: [],
    });
    assert.deepEqual(shapesOf({ modelExpr: 'torch.sigmoid(x @ w + b)' }), { w: [2], b: [] });
    assert.deepEqual(shapesOf({ modelExpr: 'a*(x @ v) + c' }), { a: [], v: [2], c: [] });
    // two hidden layers, one size each in order of first use; a given shape fixes the width it holds
    assert.deepEqual(shapesOf({ modelExpr: 'np.tanh(np.tanh(x @ W1 + b1) @ W2 + b2) @ w3', hidden: [4, 3] }), {
      W1: [2, 4],
      b1: [4],
      W2: [4, 3],
      b2: [3],
      w3: [3],
    });
    assert.deepEqual(shapesOf({ modelExpr: 'np.tanh(x @ W1 + b1) @ w2', shapes: { W1: [2, 5] } }), {
      W1: [2, 5],
      b1: [5],
      w2: [5],
    });
  });

  it('refuses a width the data leave open, naming every parameter it sizes', () => {
    assert.throws(
      () => createSession(config({ modelExpr: 'np.tanh(x @ W1 + b1) @ w2 + b2' })),
      (e: unknown) =>
        e instanceof OpenShapeError &&
        e.message === 'the data do not fix the width marked ? in W1 (2 x ?), b1 (?), w2 (?)',
    );
  });

  it('refuses hidden sizes that size nothing, or a count that is not one per open width', () => {
    assert.throws(
      () => createSession(config({ modelExpr: 'x @ w + b', hidden: [4] })),
      /hidden sizes \(4\) were given, but the data fix every width of this model/,
    );
    assert.throws(
      () => createSession(config({ modelExpr: 'np.tanh(x @ W1 + b1) @ w2', hidden: [4, 3] })),
      /2 hidden sizes \(4, 3\) for 1 open width: give one size for all, or one per width/,
    );
  });

  it('checks values given by name against the hidden size given', () => {
    assert.throws(
      () =>
        createSession(
          config({ modelExpr: 'np.tanh(x @ W1 + b1) @ w2', hidden: [4], initialParams: { b1: [1, 2, 3] } }),
        ),
      /initial value of b1: expected 4, got 3/,
    );
  });

  it('refuses shapes that do not fit, at the product in the expression', () => {
    assert.throws(
      () => createSession(config({ modelExpr: 'np.tanh(x @ W1 + b1) @ w2 + b2', shapes: { W1: [3, 4] } })),
      /the model expression "np\.tanh\(x @ W1 \+ b1\) @ w2 \+ b2": x is N x 2 but W1 is 3 x 4: the inner dimensions of @ differ \(column 9\)/,
    );
    assert.throws(
      () => createSession(config({ modelExpr: 'x.T @ v' })),
      /v would need one value per row of the data; a parameter cannot \(column 7\)/,
    );
    assert.throws(() => createSession(config({ modelExpr: 'x @ w', shapes: { W9: [2] } })), /no parameter W9/);
  });

  it('starts from values given by name and the others from --init', () => {
    const params = createSession(
      config({
        modelExpr: 'np.tanh(x @ W1 + b1) @ w2 + b2',
        initialParams: {
          W1: [
            [1, 2, 3],
            [4, 5, 6],
          ],
          b2: 0.5,
        },
      }),
    ).params.named!;
    assert.deepEqual(params.W1, { shape: [2, 3], values: [1, 2, 3, 4, 5, 6] });
    assert.deepEqual(params.b1, { shape: [3], values: [0, 0, 0] });
    assert.deepEqual(params.w2, { shape: [3], values: [0, 0, 0] });
    assert.deepEqual(params.b2, { shape: [], values: [0.5] });
  });

  it('draws the others as nn.Linear does, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), whatever the file gives', () => {
    const uniform = config({ modelExpr: 'np.tanh(x @ W1 + b1) @ w2 + b2', hidden: [40], init: 'uniform', seed: 7 });
    const drawn = createSession(uniform).params.named!;
    const bound = (name: string, fanIn: number) =>
      drawn[name].values.every((v) => Math.abs(v) <= 1 / Math.sqrt(fanIn) && v !== 0);
    assert.ok(bound('W1', 2) && bound('b1', 2), 'the first layer sees 2 inputs');
    assert.ok(bound('w2', 40) && bound('b2', 40), 'the output sees 40 hidden units');
    assert.ok(
      drawn.W1.values.some((v) => Math.abs(v) > 1 / Math.sqrt(40)),
      'W1 is drawn with its own bound, not the bound of the output layer',
    );
    const withW1 = createSession({
      ...uniform,
      initialParams: { W1: Array.from({ length: 2 }, () => Array(40).fill(1)) },
    }).params.named!;
    assert.deepEqual(withW1.w2, drawn.w2);
  });

  it('says which field of the values is wrong and the shape expected', () => {
    const model = { modelExpr: 'np.tanh(x @ W1 + b1) @ w2 + b2' };
    const refuses = (initialParams: unknown, message: RegExp) =>
      assert.throws(
        () => createSession(config({ ...model, initialParams: initialParams as TrainConfig['initialParams'] })),
        message,
      );
    refuses({ W1: [[1, 2, 3]] }, /^Error: initial value of W1: expected 2 x \?, got 1 x 3$/);
    refuses(
      {
        W1: [
          [1, 2],
          [3, 4],
        ],
        b1: [1, 2, 3],
      },
      /b1/,
    );
    refuses(
      {
        W1: [
          [1, 2, 3],
          [4, 5],
        ],
      },
      /^Error: W1\[1\]: expected 3 like W1\[0\], got 2$/,
    );
    refuses(
      {
        W1: [
          [1, 'a', 3],
          [4, 5, 6],
        ],
      },
      /^Error: W1\[0\]\[1\]: expected a number or a list of numbers, got "a"$/,
    );
    refuses({ b2: [0.1] }, /initial value of b2: expected a number, got 1/);
    refuses({ W3: 1 }, /initial value of W3: the model has no parameter W3; its parameters are W1, b1, w2, b2/);
  });

  it('names the default linear model w and b when values are given by name', () => {
    const session = createSession(config({ bias: true, initialParams: { w: [1, -1], b: 0.5 } }));
    assert.equal(session.config.modelExpr, 'x @ w + b');
    assert.deepEqual(session.params.w, [1, -1]);
    assert.equal(session.params.b, 0.5);
    // f(x) = x1 - x2 + 0.5 at (3, 1)
    assert.equal(session.predict([3, 1]), 2.5);
  });

  it('refuses a hand-written gradient with a model that has other parameters', () => {
    assert.throws(
      () =>
        createSession(
          config({ modelExpr: 'a*(x @ w)', gradient: { kind: 'expression', text: 'np.dot(x.T, y_pred-y)' } }),
        ),
      /uses "a"; a hand-written gradient \(dL\/dw\) goes with a model of x, w and b only/,
    );
  });
});

describe('mini-batches in row order (shuffle: false)', () => {
  it('takes rows 1-2, 3-4, 5 every epoch, as DataLoader(shuffle=False)', () => {
    const events = createSession(
      config({ bias: true, batchSize: 2, shuffle: false, epochs: 4, optimizer: { kind: 'sgd', lr: 0.05 } }),
    ).run();
    const inOrder = [0, 1, 2, 3, 4];
    const expected = miniBatchRun({ rows, y, bias: true }, 0.05, 2, [inOrder, inOrder, inOrder, inOrder]);
    events.forEach((event, k) => {
      assertClose(event.loss, expected[k].loss, 1e-12, `loss at epoch ${k}`);
      [...event.params.w, event.params.b!].forEach((v, j) => assertClose(v, expected[k].params[j], 1e-12));
    });
  });
});

describe('presets', () => {
  const expression = (text: string, d: number, loss: TrainConfig['loss'] = 'mse') =>
    presetModel(parsePreset(text), d, loss).modelExpr;

  it('each stands for an expression, printed as written', () => {
    assert.equal(expression('linear', 3), 'x @ w + b');
    assert.equal(expression('poly:3', 1), 'w1*x + w2*x**2 + w3*x**3 + b');
    assert.equal(expression('poly:2', 2), 'x @ w1 + x**2 @ w2 + b');
    assert.equal(expression('logistic', 2), 'torch.sigmoid(x @ w + b)');
    assert.equal(expression('mlp:16', 2), 'torch.tanh(x @ W1 + b1) @ w2 + b2');
    assert.equal(expression('mlp:16,8:relu', 2), 'torch.relu(torch.relu(x @ W1 + b1) @ W2 + b2) @ w3 + b3');
    assert.equal(expression('mlp:4', 2, 'bce'), 'torch.sigmoid(torch.tanh(x @ W1 + b1) @ w2 + b2)');
    assert.deepEqual(presetModel(parsePreset('mlp:16,8'), 2, 'mse').hidden, [16, 8]);
  });

  it('refuses a malformed preset with the form it takes', () => {
    assert.throws(() => parsePreset('mlp'), /mlp takes hidden sizes and an activation, e.g\. mlp:16 or mlp:16,8:relu/);
    assert.throws(() => parsePreset('mlp:16:gelu'), /the activation of mlp is tanh or relu \(got "gelu"\)/);
    assert.throws(() => parsePreset('poly:0'), /poly takes a degree from 1 to 12/);
    assert.throws(() => parsePreset('linear:2'), /the presets are linear, poly:K, logistic/);
  });

  it('poly:2 fits y = 1 + 2x + 3x^2 exactly with its three parameters', () => {
    const xs = [-1, 0, 1, 2];
    const session = createSession(
      config({
        data: datasetFromRows(
          xs.map((x) => [x]),
          xs.map((x) => 1 + 2 * x + 3 * x * x),
        ),
        modelExpr: expression('poly:2', 1),
        optimizer: { kind: 'sgd', lr: 0.05 },
        epochs: 4000,
      }),
    );
    session.run();
    const { w1, w2, b } = session.params.named!;
    assertClose(w1.values[0], 2, 1e-9);
    assertClose(w2.values[0], 3, 1e-9);
    assertClose(b.values[0], 1, 1e-9);
  });
});

describe('classification losses', () => {
  // f = x @ w + b at w = (0.5, -1), b = 0.25: one value per row, computed here.
  const w = [0.5, -1];
  const b = 0.25;
  const f = rows.map((r) => r[0] * w[0] + r[1] * w[1] + b);
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const firstEpoch = (overrides: Partial<TrainConfig>) =>
    createSession(
      config({
        data: datasetFromRows(rows, labels),
        initialParams: { w, b },
        modelExpr: 'x @ w + b',
        epochs: 1,
        ...overrides,
      }),
    ).step()!;

  it('hinge: mean(max(0, 1 - t f)) with t = -1 for the label 0', () => {
    const expected = mean(f.map((v, i) => Math.max(0, 1 - (labels[i] === 0 ? -1 : 1) * v)));
    assertClose(firstEpoch({ loss: 'hinge' }).loss, expected, 1e-14);
  });

  it('cross-entropy of a logit: mean(log(1 + e^f) - y f), as BCEWithLogitsLoss', () => {
    const expected = mean(f.map((v, i) => Math.log(1 + Math.exp(v)) - labels[i] * v));
    assertClose(firstEpoch({ loss: 'cross-entropy' }).loss, expected, 1e-14);
  });

  it('bce on a sigmoid: the built-in loss and the expression written out give the same run', () => {
    const builtIn = firstEpoch({ loss: 'bce', modelExpr: 'torch.sigmoid(x @ w + b)' });
    const written = firstEpoch({
      modelExpr: 'torch.sigmoid(x @ w + b)',
      lossExpr: '-(y*np.log(y_pred) + (1-y)*np.log(1-y_pred)).mean()',
    });
    const p = f.map((v) => 1 / (1 + Math.exp(-v)));
    const expected = -mean(p.map((pi, i) => labels[i] * Math.log(pi) + (1 - labels[i]) * Math.log(1 - pi)));
    assertClose(builtIn.loss, expected, 1e-14);
    assertClose(written.loss, expected, 1e-14);
    builtIn.params.named!.w.values.forEach((v, j) => assertClose(v, written.params.named!.w.values[j], 1e-14));
  });

  it('hinge and cross-entropy written as expressions give the built-in losses and the same step', () => {
    const pairs: [TrainConfig['loss'], string][] = [
      ['hinge', 'np.maximum(0, 1 - (2*y - 1)*y_pred).mean()'],
      ['cross-entropy', '(np.log(1 + np.exp(y_pred)) - y*y_pred).mean()'],
    ];
    for (const [loss, text] of pairs) {
      const builtIn = firstEpoch({ loss });
      const written = firstEpoch({ lossExpr: text });
      assertClose(written.loss, builtIn.loss, 1e-14, loss);
      written.params.named!.w.values.forEach((v, j) =>
        assertClose(v, builtIn.params.named!.w.values[j], 1e-14, `${loss} w[${j}]`),
      );
    }
  });

  it('reports the accuracy of the forward pass: f > 0 (p > 0.5) means the label 1', () => {
    // f = (-1.25, 1.25, 0.75, 1.25, -0.25) against labels (1, 0, 1, 0, 1): only row 3 is right
    const right = f.filter((v, i) => v > 0 === (labels[i] === 1)).length;
    assert.equal(right, 1);
    assert.equal(firstEpoch({ loss: 'hinge' }).accuracy, right / 5);
    assert.equal(firstEpoch({ loss: 'bce', modelExpr: 'torch.sigmoid(x @ w + b)' }).accuracy, right / 5);
    assert.equal(firstEpoch({ loss: 'mse' }).accuracy, undefined);
  });

  it('stops, as PyTorch’s BCELoss refuses, when bce is given a model output that is not a probability', () => {
    // f itself, not its sigmoid: row 1 gives -1.25, outside [0, 1]; the logarithms would give NaN.
    assert.equal(f[0], -1.25);
    const session = createSession(
      config({ data: datasetFromRows(rows, labels), initialParams: { w, b }, modelExpr: 'x @ w + b', loss: 'bce' }),
    );
    assert.equal(session.step(), null);
    assert.deepEqual(session.state, {
      kind: 'diverged',
      cause: 'invalid',
      epoch: 0,
      reason: "the model's output -1.25 is not a probability, and the bce loss takes values in [0, 1]",
      advice: 'end the model with torch.sigmoid(...), or train its logit with the cross-entropy loss',
    });
  });

  it('says the start, not the learning rate, is at fault when the loss is not finite before any step', () => {
    // The written-out BCE of f = -1.25 (row 1) takes log(-1.25): NaN before the first update.
    const session = createSession(
      config({
        data: datasetFromRows(rows, labels),
        initialParams: { w, b },
        modelExpr: 'x @ w + b',
        lossExpr: 'F.binary_cross_entropy(y_pred, y)',
      }),
    );
    assert.equal(session.step(), null);
    assert.deepEqual(session.state, {
      kind: 'diverged',
      cause: 'invalid',
      epoch: 0,
      reason: 'the loss is NaN at the starting parameters, before any step',
      advice:
        'the learning rate is not the cause: look at the loss and the model at the start, for a logarithm of 0 or of a negative number, or a division by 0',
    });
  });

  it('refuses labels other than 0 and 1 (and -1 for hinge), naming the row', () => {
    assert.throws(
      () => createSession(config({ loss: 'bce', modelExpr: 'torch.sigmoid(x @ w + b)' })),
      /row 1 of the data: y = 3, but the bce loss takes the labels 0, 1/,
    );
  });
});
