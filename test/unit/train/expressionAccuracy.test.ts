import assert from 'node:assert/strict';
import { compileExpression, type ClassifierOutput } from '../../../src/expr';
import { createSession, datasetFromRows, tutorialConfig, type Params, type TrainConfig } from '../../../src/train';
import { pytorchRun } from '../../../src/train/export/pytorchRun';
import { pytorchScript } from '../../../src/train/export/pytorchScript';
import { main } from '../../../src/cli/main';
import { captureIo } from '../cli/captureIo';

// A loss written as an expression reports accuracy exactly when it is recognisably a classification loss of
// the model's output with labels it takes, by the built-in loss's rule (y_pred > 0.5 for a probability, > 0
// for a logit or a hinge score); otherwise none, never a guess. Each accuracy is checked against one computed
// here in plain JS from the parameters the epoch's forward pass used.

// Two features, two classes that overlap (no line separates them), so the accuracy is neither 0 nor 1.
const rows = [
  [0.5, 1.2],
  [-1.1, 0.4],
  [0.3, -0.8],
  [1.7, 0.9],
  [-0.6, -1.3],
  [0.9, -0.2],
  [-1.4, 1.1],
  [0.2, 0.1],
  [-0.3, 0.6],
  [1.1, -1.0],
];
const zeroOne = [1, 0, 0, 1, 0, 1, 0, 0, 1, 0];
const plusMinus = zeroOne.map((y) => (y === 1 ? 1 : -1));

function config(labels: number[], modelExpr: string, lossExpr: string | undefined, epochs = 8): TrainConfig {
  return {
    ...tutorialConfig({
      data: datasetFromRows(rows, labels),
      dtype: 'float64',
      epochs,
      optimizer: { kind: 'sgd', lr: 0.5 },
      batchSize: null,
    }),
    modelExpr,
    ...(lossExpr === undefined ? {} : { lossExpr }),
  };
}

const linear = (params: Params, row: number[]) => row.reduce((s, v, j) => s + v * params.w[j], params.b ?? 0);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The share of rows whose output is on the label's side of the threshold, in plain JS. */
function accuracyByHand(output: (row: number[]) => number, threshold: number, labels: number[]): number {
  return rows.filter((row, i) => output(row) > threshold === labels[i] > 0).length / rows.length;
}

describe('which loss expressions are recognisably a classification loss of y_pred against y', () => {
  const cases: [string, ClassifierOutput | null][] = [
    ['F.binary_cross_entropy(y_pred, y)', 'probability'],
    ["F.binary_cross_entropy(y_pred, y, reduction='sum')", 'probability'],
    ['np.mean(binary_cross_entropy(y_pred, y, reduction="none"))', 'probability'],
    ['F.binary_cross_entropy(torch.sigmoid(y_pred), y)', 'logit'],
    ['F.binary_cross_entropy_with_logits(y_pred, y)', 'logit'],
    ['np.maximum(0, 1 - y*y_pred).mean()', 'hinge'],
    ['torch.clamp(1 - y_pred*y, min=0).sum()', 'hinge'],
    ['F.relu(1 - y*y_pred).mean()', 'hinge'],
    ['F.binary_cross_entropy(y_pred, y) + 0.01*(w**2).sum()', 'probability'],
    ['((y_pred - y)**2).mean()', null],
    ['F.binary_cross_entropy(y, y_pred)', null],
    ['F.binary_cross_entropy(2*y_pred, y)', null],
    ['F.binary_cross_entropy(y_pred, y) + (y_pred**2).mean()', null],
    ['F.binary_cross_entropy(y_pred, y) + F.binary_cross_entropy_with_logits(y_pred, y)', null],
    ['np.maximum(0, 1 - y_pred).mean()', null],
    ['-(y*np.log(y_pred) + (1 - y)*np.log(1 - y_pred)).mean()', null],
  ];
  for (const [text, expected] of cases) {
    it(`${text}: ${expected ?? 'none'}`, () => {
      const compiled = compileExpression(text);
      assert.ok(compiled.ok);
      assert.equal(compiled.value.classifierOutput('y_pred', 'y'), expected);
    });
  }
});

describe('a session whose loss is an expression reports accuracy as the built-in losses do', () => {
  const forms: { name: string; model: string; loss: string; labels: number[]; threshold: number; squash: boolean }[] = [
    {
      name: 'binary_cross_entropy of a probability: y_pred > 0.5',
      model: 'torch.sigmoid(x @ w + b)',
      loss: 'F.binary_cross_entropy(y_pred, y)',
      labels: zeroOne,
      threshold: 0.5,
      squash: true,
    },
    {
      name: 'binary_cross_entropy_with_logits of a logit: y_pred > 0',
      model: 'x @ w + b',
      loss: 'F.binary_cross_entropy_with_logits(y_pred, y)',
      labels: zeroOne,
      threshold: 0,
      squash: false,
    },
    {
      name: 'the hinge form with labels -1 and 1: y_pred > 0',
      model: 'x @ w + b',
      loss: 'np.maximum(0, 1 - y*y_pred).mean()',
      labels: plusMinus,
      threshold: 0,
      squash: false,
    },
  ];
  for (const form of forms) {
    it(`${form.name}, each epoch at the parameters its forward pass used`, () => {
      const session = createSession(config(form.labels, form.model, form.loss, 9));
      const events = session.run(8);
      const output = (params: Params) => (row: number[]) =>
        form.squash ? sigmoid(linear(params, row)) : linear(params, row);
      // epoch k's forward pass runs at the parameters epoch k - 1 ended with (zeros before epoch 0)
      const start: Params = { w: [0, 0], b: 0 };
      events.forEach((event, k) => {
        const before = k === 0 ? start : events[k - 1].params;
        assert.equal(event.accuracy, accuracyByHand(output(before), form.threshold, form.labels), `epoch ${k}`);
      });
      // and from the final parameters: the next epoch's forward pass
      const final = events[events.length - 1].params;
      const next = session.step()!;
      assert.equal(next.accuracy, accuracyByHand(output(final), form.threshold, form.labels));
      assert.ok(next.accuracy! > 0 && next.accuracy! < 1, `${next.accuracy}: a share to speak of`);
    });
  }

  it('binary_cross_entropy of the model’s output gives the built-in bce loss’s accuracy, epoch for epoch', () => {
    const expression = createSession(config(zeroOne, 'torch.sigmoid(x @ w + b)', 'F.binary_cross_entropy(y_pred, y)'));
    const builtIn = createSession({ ...config(zeroOne, 'torch.sigmoid(x @ w + b)', undefined), loss: 'bce' });
    assert.deepEqual(
      expression.run().map((e) => e.accuracy),
      builtIn.run().map((e) => e.accuracy),
    );
  });

  const unrecognised: [string, string, number[]][] = [
    ['a regression loss', '((y_pred - y)**2).mean()', zeroOne],
    ['the hinge form with labels 0 and 1 (its label 0 is no class)', 'np.maximum(0, 1 - y*y_pred).mean()', zeroOne],
    [
      'binary_cross_entropy with soft labels',
      'F.binary_cross_entropy(torch.sigmoid(y_pred), y)',
      zeroOne.map((y) => (y ? 0.9 : 0.1)),
    ],
    [
      'the textbook formula, not read as a classifier',
      '-(y*np.log(torch.sigmoid(y_pred)) + (1 - y)*np.log(1 - torch.sigmoid(y_pred))).mean()',
      zeroOne,
    ],
  ];
  for (const [what, loss, labels] of unrecognised) {
    it(`reports no accuracy for ${what}`, () => {
      const events = createSession(config(labels, 'x @ w + b', loss)).run();
      assert.equal(events.length, 8);
      assert.ok(events.every((e) => e.accuracy === undefined));
    });
  }
});

describe('autograd-lab train --loss EXPR reports accuracy', () => {
  const x = rows.map((row) => row.join(',')).join(';');
  const argv = (loss: string) => [
    'train',
    '--x',
    x,
    '--y',
    zeroOne.join(','),
    '--model',
    'logistic',
    '--loss',
    loss,
    '--lr',
    '0.5',
    '--epochs',
    '4',
    '--dtype',
    'float64',
  ];

  it('in the JSON history, each epoch’s as computed from the parameters before its update', async () => {
    const io = captureIo({});
    assert.equal(await main([...argv('F.binary_cross_entropy(y_pred, y)'), '--json'], io), 0, io.err);
    const { history } = JSON.parse(io.out) as {
      history: { epoch: number; accuracy?: number; params: { w: number[]; b: number } }[];
    };
    history.forEach((entry, k) => {
      const before = k === 0 ? { w: [0, 0], b: 0 } : history[k - 1].params;
      const byHand = accuracyByHand((row) => sigmoid(linear(before, row)), 0.5, zeroOne);
      assert.equal(entry.accuracy, byHand, `epoch ${k}`);
    });
  });

  it('in the table, as the built-in bce does: “, accuracy = 0.600”, and none for a regression loss', async () => {
    const io = captureIo({});
    assert.equal(await main([...argv('F.binary_cross_entropy(y_pred, y)'), '--every', '1'], io), 0, io.err);
    // epoch 0 at w = 0, b = 0: every p is 0.5, never > 0.5, so the 6 rows labelled 0 of 10 are right
    assert.match(io.out, /^epoch 0: .*, accuracy = 0\.600$/m);
    const regression = captureIo({});
    assert.equal(await main([...argv('((y_pred - y)**2).mean()'), '--every', '1'], regression), 0, regression.err);
    assert.doesNotMatch(regression.out, /accuracy/);
  });
});

describe('the PyTorch script of a run with a classification loss expression', () => {
  it('counts accuracy with the same threshold as train, so it prints the same table', () => {
    const run = (loss: string) =>
      pytorchRun(
        config(zeroOne, 'torch.sigmoid(x @ w + b)', loss),
        { w: [0, 0], b: 0 },
        {
          exporter: { comment: 'test', trainer: 'autograd-lab train', float64: '--dtype float64' },
          notes: [],
          every: 1,
          modelLine: null,
          predict: null,
          finalLoss: false,
        },
      );
    const bce = run('F.binary_cross_entropy(y_pred, y)');
    assert.ok(bce.ok);
    assert.match(pytorchScript(bce.value), /correct \+= \(\(pred > 0\.5\) == \(yb > 0\)\)\.sum\(\)\.item\(\)/);
    const logits = run('F.binary_cross_entropy_with_logits(y_pred, y)');
    assert.ok(logits.ok);
    assert.match(pytorchScript(logits.value), /correct \+= \(\(pred > 0\.0\) == \(yb > 0\)\)/);
    const mse = run('((y_pred - y)**2).mean()');
    assert.ok(mse.ok);
    assert.doesNotMatch(pytorchScript(mse.value), /correct \+=/);
  });
});
