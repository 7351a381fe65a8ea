import assert from 'node:assert/strict';
import {
  createSession,
  learningRateWarning,
  tutorialConfig,
  type OptimizerConfig,
  type TrainConfig,
} from '../../../src/train';

// The tutorial's loss is L(w) = mean((w x - y)^2) = 7.5 (w - 2)^2, so L'' = 15 and gradient descent
// w <- w - lr * 15 (w - 2) diverges iff |1 - 15 lr| > 1, i.e. lr > 2/15 = 0.1333...
const sgd = (lr: number, extra: Partial<Extract<OptimizerConfig, { kind: 'sgd' }>> = {}): TrainConfig =>
  tutorialConfig({ optimizer: { kind: 'sgd', lr, ...extra } });

describe('the learning-rate warning before training', () => {
  it('warns when lr is above the critical rate 2/15 of the tutorial, in the words the CLI prints', () => {
    const warning = learningRateWarning(sgd(0.5));
    assert.ok(warning);
    assert.equal(warning.lr, 0.5);
    assert.ok(Math.abs(warning.critical - 2 / 15) < 1e-15);
    assert.equal(warning.limit, warning.critical);
    assert.equal(
      warning.message,
      'lr 0.5 is above the critical learning rate 2/λmax = 0.1333 for this loss and data: expect this run to diverge',
    );
  });

  it('stays silent at and below the critical rate, and for the tutorial itself', () => {
    assert.equal(learningRateWarning(tutorialConfig()), null);
    assert.equal(learningRateWarning(sgd(0.13)), null);
    assert.equal(learningRateWarning(sgd(2 / 15)), null); // |1 - 15 lr| = 1: w oscillates but does not grow
  });

  it('tells the truth: just above 2/15 the run diverges, just below it converges', () => {
    assert.ok(learningRateWarning(sgd(0.14)));
    // |w - 2| grows 1.1x per epoch: 1.1^1000 ~ 1e41, past float32's 3.4e38.
    const above = createSession({ ...sgd(0.14), epochs: 1000 });
    above.run();
    assert.equal(above.state.kind, 'diverged');
    const below = createSession({ ...sgd(0.13), epochs: 1000 });
    below.run();
    assert.equal(below.state.kind, 'done');
    assert.ok(Math.abs(below.params.w[0] - 2) < 1e-5);
  });

  it('uses the heavy-ball limit 2 (1 + mu) / 15 with momentum, and a run above it diverges', () => {
    // PyTorch momentum on a quadratic: stable iff lr * 15 < 2 (1 + 0.9), i.e. lr < 0.25333.
    assert.equal(learningRateWarning(sgd(0.25, { momentum: 0.9 })), null);
    const warning = learningRateWarning(sgd(0.26, { momentum: 0.9 }));
    assert.ok(warning);
    assert.ok(Math.abs(warning.limit - 3.8 / 15) < 1e-15);
    assert.equal(
      warning.message,
      'lr 0.26 is above 0.2533, the stability limit of SGD with momentum 0.9 (2/λmax = 0.1333) ' +
        'for this loss and data: expect this run to diverge',
    );
    // lr 0.26: the iteration matrix [[1.9 - 3.9, -0.9], [1, 0]] has an eigenvalue -1 - sqrt(0.1) = -1.32, growth past float32 in 1000 epochs;
    // lr 0.25: complex eigenvalues of modulus sqrt(0.9) = 0.95.
    const above = createSession({ ...sgd(0.26, { momentum: 0.9 }), epochs: 1000 });
    above.run();
    assert.equal(above.state.kind, 'diverged');
    const stable = createSession({ ...sgd(0.25, { momentum: 0.9 }), epochs: 1000 });
    stable.run();
    assert.equal(stable.state.kind, 'done');
  });

  it('follows the data: 4x lower with sum reduction, lower with a bias', () => {
    // Sum reduction: L'' = 60, so 2/60.
    assert.match(
      learningRateWarning(tutorialConfig({ reduction: 'sum', optimizer: { kind: 'sgd', lr: 0.05 } }))!.message,
      /2\/λmax = 0\.03333 /,
    );
    // With a bias the Hessian is [[15, 5], [5, 2]]: lambda_max = (17 + sqrt(269)) / 2 = 16.70, 2/lambda_max = 0.11975.
    assert.equal(learningRateWarning(sgd(0.125)), null);
    assert.match(learningRateWarning({ ...sgd(0.125), bias: true })!.message, /2\/λmax = 0\.1197 /);
  });

  it('says nothing where the limit is not known in advance', () => {
    assert.equal(learningRateWarning(tutorialConfig({ optimizer: { kind: 'adam', lr: 5 } })), null, 'Adam');
    assert.equal(learningRateWarning({ ...sgd(5), loss: 'mae' }), null, 'MAE');
    assert.equal(learningRateWarning({ ...sgd(5), lossExpr: '((y_pred-y)**2).mean()' }), null, 'a loss expression');
    assert.equal(
      learningRateWarning({ ...sgd(5), gradient: { kind: 'expression', text: 'np.dot(2*x, (y_pred-y)**3)' } }),
      null,
      'a hand gradient cubic in w',
    );
  });

  it("warns at the hand-written gradient's own limit: the tutorial's 60 (w - 2) diverges above 2/60", () => {
    const tutorialGradient = { kind: 'expression', text: 'np.dot(2*x, y_pred-y).mean()' } as const;
    assert.equal(
      learningRateWarning({ ...sgd(1 / 30), gradient: tutorialGradient }),
      null,
      '|1 - 60/30| = 1 does not grow',
    );
    assert.equal(
      learningRateWarning({ ...sgd(0.05), gradient: tutorialGradient })?.message,
      'lr 0.05 is above the critical learning rate 2/slope = 0.03333 of this hand-written gradient on this data: expect this run to diverge',
    );
  });

  it('says nothing for mini-batches, where the full-batch limit does not decide: lr 0.14 with batches of 1 converges', () => {
    // One sample per update: L_i = (w x_i - y_i)^2 has L_i'' = 2 x_i^2 = 2, 8, 18, 32, so an epoch multiplies
    // w - 2 by |1 - 0.28| |1 - 1.12| |1 - 2.52| |1 - 4.48| = 0.457 whatever the order: it converges.
    const config = { ...sgd(0.14), batchSize: 1, epochs: 200 };
    assert.equal(learningRateWarning(config), null);
    const session = createSession(config);
    session.run();
    assert.equal(session.state.kind, 'done');
    assert.ok(Math.abs(session.params.w[0] - 2) < 1e-4);
  });
});
