import assert from 'node:assert/strict';
import { createSession, datasetFromRows, syntheticDataset, tutorialConfig, type TrainConfig } from '../../../src/train';
import { adamRun, assertClose, momentumRun, pytorchTutorialFloat32, type Problem } from './reference';

const problem: Problem = {
  rows: [
    [1, 2],
    [2, 0],
    [3, 1],
    [0, -1],
  ],
  y: [3, 1, 5, -2],
  bias: true,
};
const problemConfig = (overrides: Partial<TrainConfig>): TrainConfig =>
  tutorialConfig({ data: datasetFromRows(problem.rows, problem.y), bias: true, dtype: 'float64', ...overrides });

describe('a training session on the tutorial', () => {
  it('reproduces PyTorch float32 bit for bit at every one of the 100 epochs', () => {
    const expected = pytorchTutorialFloat32(0.01, 100);
    const events = createSession(tutorialConfig()).run();
    assert.equal(events.length, 100);
    events.forEach((event, k) => {
      assert.equal(event.epoch, k);
      assert.equal(event.loss, expected[k].loss, `loss at epoch ${k}`);
      assert.equal(event.params.w[0], expected[k].w, `w at epoch ${k}`);
    });
  });

  it('reports the loss before the update and the gradient norm |dL/dw| = 30 at w = 0', () => {
    const event = createSession(tutorialConfig()).step()!;
    assert.equal(event.loss, 30); // 7.5 (0 - 2)^2
    assert.equal(event.gradNorm, 30); // |15 (0 - 2)|
    assert.equal(event.params.w[0], Math.fround(Math.fround(0.01) * 30)); // lr rounds to float32 first, as a PyTorch scalar
  });

  it('predicts f(5) = w*5 with the current w', () => {
    const session = createSession(tutorialConfig());
    assert.equal(session.predict([5]), 0);
    session.step();
    assert.equal(session.predict([5]), Math.fround(session.params.w[0] * 5));
  });

  it('knows its critical learning rate, 2/15', () => {
    assertClose(createSession(tutorialConfig()).criticalLearningRate()!, 2 / 15, 1e-15);
  });

  it('has no critical learning rate for MAE or Huber, which are not quadratic', () => {
    assert.equal(createSession(tutorialConfig({ loss: 'mae' })).criticalLearningRate(), null);
    assert.equal(createSession(tutorialConfig({ loss: 'huber' })).criticalLearningRate(), null);
  });
});

describe('divergence', () => {
  it('stops at lr 0.2 when the loss overflows float32, says so, and advises a rate below 2/15', () => {
    // |1 - 0.2 * 15| = 2: the error doubles each epoch until (w x - y)^2 overflows float32.
    const finite = pytorchTutorialFloat32(0.2, 100);
    assert.ok(finite.length < 100);
    const session = createSession(tutorialConfig({ optimizer: { kind: 'sgd', lr: 0.2 } }));
    const events = session.run();
    assert.equal(events.length, finite.length);
    assert.deepEqual(session.state, {
      kind: 'diverged',
      cause: 'diverged',
      epoch: finite.length,
      reason: 'the loss became Infinity',
      advice: 'try a learning rate below 0.1333 (the critical rate 2/lambda_max of this loss on this data)',
    });
    assert.equal(session.step(), null, 'a diverged session does not step');
    assert.deepEqual(session.runSlice(10, 100), []);
  });

  it('uses the momentum stability limit 2 (1 + mu) / lambda_max in its advice', () => {
    const session = createSession(tutorialConfig({ optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.9 } }));
    session.run();
    assert.equal(session.state.kind, 'diverged');
    assert.match((session.state as { advice: string }).advice, /^try a learning rate below 0\.2533 /); // 3.8 / 15 = 0.25333
  });

  it('stops when a parameter overflows even though the loss was finite', () => {
    // MAE's first loss is 5, but lr 1e39 is Infinity in float32, so the update sends w to Infinity.
    const session = createSession(tutorialConfig({ loss: 'mae', optimizer: { kind: 'sgd', lr: 1e39 } }));
    assert.equal(session.step(), null);
    assert.equal(session.state.kind, 'diverged');
    assert.deepEqual(
      { ...session.state, advice: undefined },
      { kind: 'diverged', cause: 'diverged', epoch: 0, reason: 'the parameter w became Infinity', advice: undefined },
    );
    assert.deepEqual(session.history, []);
  });

  it('suggests a tenth of the rate when no limit is known', () => {
    // Huber's gradient is bounded, so only an absurd rate makes it overflow float32.
    const session = createSession(tutorialConfig({ loss: 'huber', optimizer: { kind: 'sgd', lr: 1e38 } }));
    session.run();
    assert.equal(session.state.kind, 'diverged');
    assert.equal((session.state as { advice: string }).advice, 'try a smaller learning rate, such as 1e+37');
  });
});

describe('optimizers in a session match an independent computation', () => {
  it('SGD with momentum 0.9', () => {
    const expected = momentumRun(problem, 0.02, 0.9, false, 6);
    const events = createSession(problemConfig({ optimizer: { kind: 'sgd', lr: 0.02, momentum: 0.9 } })).run(6);
    events.forEach((event, k) => {
      assertClose(event.loss, expected[k].loss, 1e-12, `loss ${k}`);
      [...event.params.w, event.params.b!].forEach((p, j) =>
        assertClose(p, expected[k].params[j], 1e-12, `param ${j} epoch ${k}`),
      );
    });
  });

  it('SGD with Nesterov momentum', () => {
    const expected = momentumRun(problem, 0.02, 0.5, true, 6);
    const events = createSession(
      problemConfig({ optimizer: { kind: 'sgd', lr: 0.02, momentum: 0.5, nesterov: true } }),
    ).run(6);
    events.forEach((event, k) => {
      [...event.params.w, event.params.b!].forEach((p, j) =>
        assertClose(p, expected[k].params[j], 1e-12, `param ${j} epoch ${k}`),
      );
    });
  });

  it('Adam', () => {
    const expected = adamRun(problem, 0.1, 0.9, 0.999, 1e-8, 6);
    const events = createSession(problemConfig({ optimizer: { kind: 'adam', lr: 0.1 } })).run(6);
    events.forEach((event, k) => {
      assertClose(event.loss, expected[k].loss, 1e-12, `loss ${k}`);
      [...event.params.w, event.params.b!].forEach((p, j) =>
        assertClose(p, expected[k].params[j], 1e-12, `param ${j} epoch ${k}`),
      );
    });
  });
});

describe('losses', () => {
  it('MAE and Huber report their first loss as computed by hand', () => {
    // At w = 0 the residuals are -2, -4, -6, -8: MAE = 5; Huber (delta 1) = mean(|r| - 0.5) = 4.5; sum = 18.
    assert.equal(createSession(tutorialConfig({ loss: 'mae' })).step()!.loss, 5);
    assert.equal(createSession(tutorialConfig({ loss: 'huber' })).step()!.loss, 4.5);
    assert.equal(createSession(tutorialConfig({ loss: 'huber', reduction: 'sum' })).step()!.loss, 18);
    // delta 10 keeps every residual in the quadratic zone: mean(0.5 r^2) = 0.5 * 30 = 15.
    assert.equal(createSession(tutorialConfig({ loss: 'huber', huberDelta: 10 })).step()!.loss, 15);
  });

  it('MAE takes steps of lr * mean(|x|) while every residual is negative', () => {
    // dL/dw = mean(sign(r) x) = -(1 + 2 + 3 + 4) / 4 = -2.5, so w grows by 0.025 per epoch at lr 0.01.
    const events = createSession(tutorialConfig({ loss: 'mae', dtype: 'float64' })).run(3);
    events.forEach((e, k) => assertClose(e.params.w[0], 0.025 * (k + 1), 1e-14));
  });
});

describe('the model', () => {
  it('starts from zeros, or from U(-1/sqrt(D), 1/sqrt(D)) reproducibly from the seed', () => {
    const data = syntheticDataset({ n: 8, d: 4, seed: 1 });
    assert.deepEqual(createSession(tutorialConfig({ data, bias: true })).params, { w: [0, 0, 0, 0], b: 0 });
    const a = createSession(tutorialConfig({ data, bias: true, init: 'uniform', seed: 5, dtype: 'float64' })).params;
    const b = createSession(tutorialConfig({ data, bias: true, init: 'uniform', seed: 5, dtype: 'float64' })).params;
    const c = createSession(tutorialConfig({ data, bias: true, init: 'uniform', seed: 6, dtype: 'float64' })).params;
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    for (const v of [...a.w, a.b!]) assert.ok(Math.abs(v) <= 0.5 && v !== 0, `${v} within 1/sqrt(4)`);
  });

  it('fits synthetic data to its true weights', () => {
    const data = syntheticDataset({ n: 200, d: 3, noise: 0, weights: [1, -2, 0.5], bias: 3, seed: 2 });
    const session = createSession(
      tutorialConfig({ data, bias: true, dtype: 'float64', optimizer: { kind: 'sgd', lr: 0.1 }, epochs: 300 }),
    );
    session.run();
    assert.equal(session.state.kind, 'done');
    [1, -2, 0.5].forEach((w, j) => assertClose(session.params.w[j], w, 1e-6));
    assertClose(session.params.b!, 3, 1e-6);
  });

  it('refuses a bad configuration with a message that names the value', () => {
    assert.throws(
      () => createSession(tutorialConfig({ optimizer: { kind: 'sgd', lr: -1 } })),
      /learning rate must be a positive number \(got -1\)/,
    );
    assert.throws(() => createSession(tutorialConfig({ batchSize: 0 })), /batch size must be a whole number >= 1/);
  });

  it('refuses data that float32 would turn into infinity, instead of diverging at epoch 0', () => {
    // The largest float32 is (2 - 2^-23) 2^127 = 3.4028234663852886e38; 1e39 rounds to Infinity, but is a fine float64.
    const huge = datasetFromRows([[1], [2]], [1, 1e39], ['x'], 'price');
    assert.throws(
      () => createSession(tutorialConfig({ data: huge })),
      /^Error: row 2 of the data: price = 1e\+39 is beyond float32's range \(about 3\.4e38\) and would become infinity; use dtype float64$/,
    );
    assert.doesNotThrow(() => createSession(tutorialConfig({ data: huge, dtype: 'float64' })));
    assert.doesNotThrow(() => createSession(tutorialConfig({ data: datasetFromRows([[3.4028234663852886e38]], [0]) })));
    assert.throws(
      () => createSession(tutorialConfig({ data: datasetFromRows([[1], [NaN]], [1, 2]) })),
      /row 2 of the data: x is NaN, not a finite number/,
    );
  });
});
