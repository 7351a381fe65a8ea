import assert from 'node:assert/strict';
import { createSession, datasetFromRows, tutorialConfig } from '../../../src/train';
import { assertClose, mseAndGradient } from './reference';

const numpyGradient = { kind: 'expression', text: 'np.dot(2*x, y_pred-y).mean()' } as const;

describe('a session with expressions from the user', () => {
  it("trains with the tutorial's hand-written numpy gradient, 4x the true one: w = 2 - 2 * 0.4^(k+1)", () => {
    // np.dot(2x, wx - y) = 2 * 30 (w - 2) = 60 (w - 2), so at lr 0.01 w - 2 shrinks by 1 - 0.6 each epoch.
    const events = createSession(tutorialConfig({ dtype: 'float64', epochs: 20, gradient: numpyGradient })).run();
    events.forEach((e, k) => assertClose(e.params.w[0], 2 - 2 * 0.4 ** (k + 1), 1e-13, `w at epoch ${k}`));
    assert.equal(events[0].loss, 30);
    assert.equal(events[0].gradNorm, 120);
  });

  it("prints the numpy half's first steps: w = 1.200 after one epoch, as the notebook does", () => {
    const events = createSession(tutorialConfig({ epochs: 3, gradient: numpyGradient })).run();
    assert.equal(events[0].params.w[0].toFixed(3), '1.200');
    assert.equal(events[2].loss.toFixed(8), '0.76800019'); // the notebook's epoch 2 in float32
  });

  it("does not advise the loss's critical rate when the gradient is hand-written and its own limit is unknown", () => {
    // (y_pred-y)**3 makes the gradient cubic in w: no single critical rate.
    const cubic = { kind: 'expression', text: 'np.dot(2*x, (y_pred-y)**3)' } as const;
    const session = createSession(tutorialConfig({ optimizer: { kind: 'sgd', lr: 0.05 }, gradient: cubic }));
    session.run();
    assert.equal(session.state.kind, 'diverged');
    assert.match((session.state as { advice: string }).advice, /^try a smaller learning rate, such as 0\.005$/);
  });

  it('trains a model and loss written as expressions like the built-in linear model and MSE', () => {
    const rows = [[1], [2], [3], [4]];
    const problem = { rows, y: [3, 5, 7, 9], bias: true };
    const config = tutorialConfig({ data: datasetFromRows(rows, problem.y), dtype: 'float64', epochs: 5 });
    const session = createSession({ ...config, modelExpr: 'w*x + b', lossExpr: '((y_pred - y)**2).mean()' });
    assert.equal(session.config.bias, true, 'a model that uses b gets a bias');
    const params = [0, 0];
    session.run().forEach((event, k) => {
      const { loss, grad } = mseAndGradient(problem, params);
      params.forEach((_, j) => {
        params[j] -= 0.01 * grad[j];
      });
      assertClose(event.loss, loss, 1e-12, `loss ${k}`);
      assertClose(event.params.w[0], params[0], 1e-12, `w ${k}`);
      assertClose(event.params.b!, params[1], 1e-12, `b ${k}`);
    });
    assertClose(session.predict([5]), 5 * params[0] + params[1], 1e-12);
    assert.equal(session.criticalLearningRate(), null, 'an arbitrary loss has no known critical rate');
  });

  it('switches to a hand-written gradient between steps', () => {
    const session = createSession(tutorialConfig({ dtype: 'float64' }));
    session.step(); // autograd: w = 0.3
    session.update({ gradient: numpyGradient });
    // 60 (0.3 - 2) = -102: w = 0.3 + 1.02.
    assertClose(session.step()!.params.w[0], 1.32, 1e-14);
  });

  it('refuses broken expressions at creation with what and where', () => {
    assert.throws(
      () => createSession(tutorialConfig({ lossExpr: '((y_pred-y)**2).mean(' })),
      /the loss expression "\(\(y_pred-y\)\*\*2\)\.mean\(": .+ \(column \d+\)$/,
    );
    assert.throws(
      () => createSession(tutorialConfig({ modelExpr: 'w*x + y' })),
      /the model expression "w\*x \+ y" uses "y"; a model predicts y from x, it cannot use y/,
    );
    assert.throws(
      () => createSession(tutorialConfig({ lossExpr: '(y_pred-y)**2' })),
      /gives 4 values, not one number \(is a \.mean\(\) or \.sum\(\) missing\?\)/,
    );
    assert.throws(
      () => createSession(tutorialConfig({ gradient: { kind: 'expression', text: '2*x*(y_pred-y)' } })),
      /the gradient expression "2\*x\*\(y_pred-y\)" gives 4 values but w has 1/,
    );
  });
});
