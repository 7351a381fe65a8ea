import assert from 'node:assert/strict';
import { isSingleOperand, presentVerdict, scaledExpression } from '../../../src/extension/gradient/verdictText';

const tutorialGradient = 'np.dot(2*x, y_pred-y).mean()';

describe('gradient verdict in the editor', () => {
  it('divides a 4x gradient by 4, without parentheses around a call chain', () => {
    assert.deepEqual(scaledExpression(tutorialGradient, 4), {
      replacement: 'np.dot(2*x, y_pred-y).mean() / 4',
      action: 'divide by 4',
    });
  });
  it('parenthesises a sum before scaling it', () => {
    assert.equal(scaledExpression('a*x + b', 2).replacement, '(a*x + b) / 2');
  });
  it('multiplies a gradient that is too small, and negates a flipped one', () => {
    assert.equal(scaledExpression('g', 0.5).replacement, '2 * g');
    assert.deepEqual(scaledExpression('x - y', -1), { replacement: '-(x - y)', action: 'flip the sign' });
    assert.equal(scaledExpression('g', -4).replacement, '-g / 4');
  });
  it('tells one operand from an expression that needs parentheses', () => {
    assert.ok(isSingleOperand('np.dot(2*x, y - p).mean()'));
    assert.ok(isSingleOperand('grads[0]'));
    assert.ok(!isSingleOperand('2*x'));
    assert.ok(!isSingleOperand('f(x) - 1'));
  });
  it("reports the tutorial's gradient as 4x too large, why, and offers /4 as the fix", () => {
    const view = presentVerdict(
      { kind: 'ratio', ratio: 4, message: 'Did you sum where the loss takes the mean?', user: -120, autograd: -30 },
      tutorialGradient,
      'gradient',
    );
    assert.equal(view.severity, 'warning');
    assert.equal(view.message, 'gradient is 4x too large. Did you sum where the loss takes the mean?');
    assert.equal(view.fix?.replacement, 'np.dot(2*x, y_pred-y).mean() / 4');
    assert.match(view.lensTitle, /4x too large/);
  });
  it('reports a match as information, with no fix', () => {
    const view = presentVerdict({ kind: 'match', message: '', user: -30, autograd: -30 }, 'g', 'gradient');
    assert.equal(view.severity, 'information');
    assert.equal(view.fix, undefined);
    assert.equal(view.lensTitle, '✓ Gradient matches autograd');
  });
  it('offers no fix when the gradient is simply wrong', () => {
    const view = presentVerdict({ kind: 'wrong', message: '', user: 3, autograd: -30 }, 'g', 'grad_w');
    assert.equal(view.fix, undefined);
    assert.equal(view.message, 'grad_w differs from autograd (yours: 3.0, autograd: -30.0).');
  });
});
