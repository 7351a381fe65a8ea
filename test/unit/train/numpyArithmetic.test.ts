import assert from 'node:assert/strict';
import { createSession, formatEpochLine, formatPrediction, tutorialConfig, type TrainConfig } from '../../../src/train';
import { NUMPY_TABLE } from '../../fixtures/notebook';

// The tutorial notebook's numpy program, as it printed (PyTorch 1.13 / numpy 1.24 reproduce it):
// the hand-written gradient, lr 0.01, 20 epochs, every 2nd epoch printed.
const NOTEBOOK_NUMPY_TABLE = NUMPY_TABLE.join('\n');

const numpyGradient = { kind: 'expression', text: 'np.dot(2*x, y_pred-y).mean()' } as const;

/** The notebook's loop: predict f(5), train, print every 2nd epoch, predict f(5) again. */
function printedTable(config: TrainConfig): string {
  const session = createSession(config);
  const lines = [formatPrediction('before', 5, session.predict([5]))];
  for (const event of session.run()) if (event.epoch % 2 === 0) lines.push(formatEpochLine(event));
  lines.push(formatPrediction('after', 5, session.predict([5])));
  return lines.join('\n');
}

describe('a session with a hand-written gradient computes as numpy 1.x does', () => {
  const notebook = tutorialConfig({ epochs: 20, gradient: numpyGradient });

  it("prints the notebook's numpy table byte for byte (float32 data, w a Python float)", () => {
    assert.equal(notebook.dtype, 'float32');
    assert.equal(printedTable(notebook), NOTEBOOK_NUMPY_TABLE);
  });

  it('prints the same table with the model and loss written as the notebook writes them', () => {
    assert.equal(
      printedTable({ ...notebook, modelExpr: 'w * x', lossExpr: '((y_pred-y)**2).mean()' }),
      NOTEBOOK_NUMPY_TABLE,
    );
  });

  it("keeps w in float64: the first step is 0.0 - 0.01 * -120 = 1.2 in double, not float32's 1.2000000476837158", () => {
    const event = createSession(notebook).step()!;
    assert.equal(event.params.w[0], 0 - 0.01 * -120);
    assert.notEqual(event.params.w[0], Math.fround(1.2));
  });

  it('with PyTorch arithmetic (w a float32 tensor) differs from the notebook only at epoch 6, as the tutorial notes', () => {
    const lines = printedTable({ ...notebook, arithmetic: 'pytorch' }).split('\n');
    const expected = NOTEBOOK_NUMPY_TABLE.split('\n');
    const differing = lines.flatMap((line, i) => (line === expected[i] ? [] : [line]));
    assert.deepEqual(differing, ['epoch 6: w = 1.997, loss = 0.00050332']);
  });

  it('leaves autograd runs in PyTorch arithmetic, and numpy arithmetic can be asked for', () => {
    const torch = createSession(tutorialConfig()).step()!;
    assert.equal(torch.params.w[0], Math.fround(Math.fround(0.01) * 30), 'w -= lr * grad in float32');
    const numpy = createSession(tutorialConfig({ arithmetic: 'numpy' })).step()!;
    assert.equal(numpy.params.w[0], 0.01 * 30, 'w -= lr * grad in float64');
  });

  it("follows a gradient changed between steps: numpy arithmetic from the current w, then PyTorch's again", () => {
    const session = createSession(tutorialConfig());
    const w0 = session.step()!.params.w[0]; // autograd in float32: fround(fround(0.01) * 30)
    session.update({ gradient: numpyGradient });
    // numpy: y_pred = float32(w0 * x); np.dot(2x, y_pred - y) summed in double, rounded once; w -= 0.01 * dw in double.
    const x = [1, 2, 3, 4];
    const residuals = x.map((xi) => Math.fround(Math.fround(w0 * xi) - 2 * xi));
    const dw = Math.fround(x.reduce((sum, xi, i) => sum + 2 * xi * residuals[i], 0));
    const w1 = session.step()!.params.w[0];
    assert.equal(w1, w0 - 0.01 * dw);
    session.update({ gradient: { kind: 'autograd' } });
    const w2 = session.step()!.params.w[0];
    assert.equal(w2, Math.fround(w2), 'back to a float32 parameter');
  });

  it('refuses an unknown arithmetic by name', () => {
    assert.throws(
      () => createSession({ ...notebook, arithmetic: 'fortran' as never }),
      /arithmetic must be 'pytorch' or 'numpy' \(got fortran\)/,
    );
  });

  it("gives the critical learning rate of the run's own gradient: 60 (w - 2) diverges above 2/60 = 1/30", () => {
    // The loss 7.5 (w - 2)^2 has dL/dw = 15 (w - 2): 2/15. The hand-written gradient sums instead of averaging: 4x that.
    assert.equal(createSession(tutorialConfig()).criticalLearningRate(), 2 / 15);
    assert.equal(createSession(notebook).criticalLearningRate(), 2 / 60);
    const wrongSign = createSession(
      tutorialConfig({ gradient: { kind: 'expression', text: 'np.dot(2*x, y-y_pred)' } }),
    );
    assert.equal(wrongSign.criticalLearningRate(), null, 'a gradient pointing uphill has no stable rate');
    const notAffine = createSession(
      tutorialConfig({ gradient: { kind: 'expression', text: 'np.dot(2*x, (y_pred-y)**3)' } }),
    );
    assert.equal(notAffine.criticalLearningRate(), null, 'a gradient that is not affine in w has no single limit');
  });

  it('diverges above 1/30 with the hand-written gradient and advises its own limit', () => {
    // |1 - 0.05 * 60| = 2: the error doubles each step.
    const session = createSession(tutorialConfig({ optimizer: { kind: 'sgd', lr: 0.05 }, gradient: numpyGradient }));
    session.run();
    assert.equal(session.state.kind, 'diverged');
    assert.equal(
      (session.state as { advice: string }).advice,
      'try a learning rate below 0.03333 (the critical rate 2/slope of this hand-written gradient)',
    );
  });
});
