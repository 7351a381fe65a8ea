import assert from 'node:assert/strict';
import { defaultSettings } from '../../../src/protocol/trainerSettings';
import { createSession, shapeDataset, tutorialConfig, type TrainConfig } from '../../../src/train';
import { gradientBasis, parameterGradients } from '../../../src/train/trainer/parameterGradients';
import { trainConfig } from '../../../src/train/trainer/sessionConfig';
import { moonsDemoSettings } from '../../../src/webview/page/moonsDemo';
import { moonsHingeDerivative, type NetworkValues } from '../../fixtures/moonsNetwork';

// The Parameters card's gradient: autograd's dL/dθ over the whole data set at the current parameters.
// Checked against the tutorial's closed form dL/dw = 15 (w - 2), against central differences of the moons
// network's hinge loss in plain JS, and against the update SGD makes with it.

const moons = shapeDataset('moons', { n: 100, noise: 0.1, seed: 1 });
const moonsDemo = (overrides: Partial<TrainConfig> = {}): TrainConfig => ({
  ...trainConfig(moonsDemoSettings(defaultSettings()), moons),
  ...overrides,
});

describe('the loss gradient at the current parameters (session.lossGradient)', () => {
  it('is dL/dw = -30 for the tutorial at w = 0, the closed form 15 (w - 2) of L(w) = 7.5 (w - 2)^2', () => {
    const taken = createSession(tutorialConfig()).lossGradient();
    assert.deepEqual(taken, { epochs: 0, params: { w: [0], b: null }, gradient: { w: [-30], b: null }, loss: 30 });
  });

  it('is autograd’s even when the run updates with the hand-written numpy gradient (4x: -120 at w = 0)', () => {
    const session = createSession(
      tutorialConfig({ gradient: { kind: 'expression', text: 'np.dot(2*x, y_pred-y).mean()' } }),
    );
    assert.deepEqual(session.lossGradient()?.gradient.w, [-30]);
    session.step(); // w = 0 - 0.01 * (-120) = 1.2 with the hand-written gradient
    const taken = session.lossGradient()!;
    assert.ok(Math.abs(taken.params.w[0] - 1.2) < 1e-6);
    assert.ok(Math.abs(taken.gradient.w[0] - 15 * (1.2 - 2)) < 1e-5, `${taken.gradient.w[0]}`);
  });

  it('equals central differences of the moons network’s hinge loss, for every one of its 337 entries', () => {
    const session = createSession(moonsDemo({ dtype: 'float64' }));
    session.run(20);
    const taken = session.lossGradient()!;
    assert.equal(taken.epochs, 20);
    const named = taken.params.named!;
    const values: NetworkValues = Object.fromEntries(Object.entries(named).map(([k, p]) => [k, p.values]));
    let checked = 0;
    let steep = 0;
    for (const [name, gradient] of Object.entries(taken.gradient.named!)) {
      assert.deepEqual(gradient.shape, named[name].shape, `${name}'s gradient has its shape`);
      gradient.values.forEach((g, k) => {
        const reference = moonsHingeDerivative(values, name, k, moons);
        assert.ok(
          Math.abs(g - reference) <= 1e-6 * Math.abs(reference) + 1e-8,
          `∂L/∂${name}[${k}]: ${g} vs ${reference}`,
        );
        checked++;
        if (Math.abs(reference) > 1e-4) steep++;
      });
    }
    assert.equal(checked, 337);
    assert.ok(steep > 100, `${steep} entries with a gradient to speak of (the loss is not yet flat)`);
  });

  it('is the gradient the next full-batch SGD update takes: θ after = θ - lr · g', () => {
    const lr = 0.1;
    const session = createSession(moonsDemo({ dtype: 'float64', optimizer: { kind: 'sgd', lr } }));
    for (let epoch = 0; epoch < 3; epoch++) {
      const before = session.lossGradient()!;
      session.step();
      const after = session.params.named!;
      for (const [name, { values }] of Object.entries(before.params.named!)) {
        const g = before.gradient.named![name].values;
        values.forEach((v, k) => assert.ok(Math.abs(after[name].values[k] - (v - lr * g[k])) < 1e-12, `${name}[${k}]`));
      }
    }
  });

  it('changes nothing: a run that reads the gradient after every epoch is the same run', () => {
    const plain = createSession(moonsDemo());
    const watched = createSession(moonsDemo());
    plain.run(15);
    for (let epoch = 0; epoch < 15; epoch++) {
      watched.lossGradient();
      watched.step();
    }
    assert.deepEqual(watched.history, plain.history);
  });

  it('is null between the mini-batches of an epoch, whose parameters belong to no finished epoch', () => {
    const session = createSession(tutorialConfig({ batchSize: 1 }));
    session.runSlice(1, 0); // one batch of four, then out of time
    assert.equal(session.history.length, 0);
    assert.equal(session.lossGradient(), null);
    session.step(); // the rest of epoch 0
    assert.equal(session.lossGradient()?.epochs, 1);
  });
});

describe('the Parameters card’s message (parameterGradients)', () => {
  it('lays the network out by name and shape, values and gradients flattened in that order', () => {
    const message = parameterGradients(createSession(moonsDemo()))!;
    assert.deepEqual(message.parameters, [
      { name: 'W1', shape: [2, 16] },
      { name: 'b1', shape: [16] },
      { name: 'W2', shape: [16, 16] },
      { name: 'b2', shape: [16] },
      { name: 'w3', shape: [16] },
      { name: 'b3', shape: [] },
    ]);
    assert.equal(message.values.length, 337);
    assert.equal(message.gradients.length, 337);
  });

  it('lays the line out as w (one value per feature) and b', () => {
    const message = parameterGradients(createSession(tutorialConfig({ bias: true })))!;
    assert.deepEqual(message.parameters, [
      { name: 'w', shape: [1] },
      { name: 'b', shape: [] },
    ]);
    // L = mean((wx + b - y)^2) at w = b = 0: dL/dw = mean(-2xy) = -30, dL/db = mean(-2y) = -10
    assert.deepEqual(Array.from(message.gradients), [-30, -10]);
  });

  it('says which gradient it is: of which loss, over which rows, and whether the updates take it', () => {
    const tutorial = tutorialConfig();
    assert.equal(
      gradientBasis(tutorial),
      'Gradients: autograd’s ∂L/∂θ of the MSE loss (mean) over all 4 rows at these parameters. It is the gradient the next full-batch update takes.',
    );
    assert.match(
      gradientBasis({ ...tutorial, batchSize: 2 }),
      /updates use mini-batches of 2 rows, each with its own gradient\.$/,
    );
    assert.match(
      gradientBasis({ ...tutorial, gradient: { kind: 'expression', text: 'np.dot(2*x, y_pred-y).mean()' } }),
      /updates use the hand-written dL\/dw = np\.dot\(2\*x, y_pred-y\)\.mean\(\) instead\.$/,
    );
    assert.match(
      gradientBasis({ ...tutorial, optimizer: { kind: 'adam', lr: 0.1, weightDecay: 0.01 } }),
      /the next full-batch update takes \(the optimizer adds weight decay 0\.01·θ to it\)\.$/,
    );
    assert.match(
      gradientBasis({ ...tutorial, lossExpr: '((y_pred-y)**2).sum()' }),
      /of the loss \(\(y_pred-y\)\*\*2\)\.sum\(\) over/,
    );
  });
});
