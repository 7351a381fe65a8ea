import assert from 'node:assert/strict';
import { checkGradient } from '../../../src/expr';
import { TUTORIAL_NUMPY } from './fixtures';

const data = { x: [1, 2, 3, 4], y: [2, 4, 6, 8] };
const LOSS = '((w*x - y)**2).mean()';

describe('checkGradient: a hand-written gradient against autograd', () => {
  it("the tutorial's np.dot(2*x, y_pred-y).mean() is 4x the true gradient: it sums where the loss takes the mean", () => {
    const verdict = checkGradient('((y_pred-y)**2).mean()', 'np.dot(2*x, y_pred-y).mean()', {
      context: { text: TUTORIAL_NUMPY, languageId: 'python' },
    });
    assert.ok(verdict.ok);
    assert.equal(verdict.value.kind, 'ratio');
    if (verdict.value.kind !== 'ratio') return;
    assert.equal(verdict.value.ratio, 4);
    // by hand: sum(2*x*(0*x - y)) = -2*(2 + 8 + 18 + 32) = -120; the mean is -30
    assert.equal(verdict.value.user, -120);
    assert.equal(verdict.value.autograd, -30);
    assert.equal(
      verdict.value.message,
      "Your gradient is exactly 4x autograd's: -120 vs -30 at w = 0. The data has 4 samples: did you sum where the loss takes the mean? " +
        'np.dot(2*x, y_pred-y) already sums over the samples, so the .mean() after it averages a single number and changes nothing. ' +
        'Divide by the number of samples instead. The derivative of the loss is (2*x*(w*x - y)).mean().',
    );
  });

  it('a correct gradient matches', () => {
    const verdict = checkGradient(LOSS, '(2*x*(w*x - y)).mean()', { at: { w: 0.5, ...data } });
    assert.ok(verdict.ok);
    assert.equal(verdict.value.kind, 'match');
    // 2*mean(x*(0.5x - y)) = 2*mean(-1.5x^2) = -3*7.5 = -22.5
    assert.equal(verdict.value.autograd, -22.5);
  });

  it('a flipped sign is named', () => {
    const verdict = checkGradient(LOSS, '(2*x*(y - w*x)).mean()', { at: { w: 0, ...data } });
    assert.ok(verdict.ok);
    assert.equal(verdict.value.kind, 'sign');
    assert.match(verdict.value.message, /wrong sign: 30 vs -30 at w = 0/);
  });

  it('a missing factor of 2 is named', () => {
    const verdict = checkGradient(LOSS, '(x*(w*x - y)).mean()', { at: { w: 0, ...data } });
    assert.ok(verdict.ok);
    assert.equal(verdict.value.kind, 'ratio');
    assert.match(verdict.value.message, /exactly 0.5x autograd's: -15 vs -30 at w = 0\. A missing factor of 2/);
  });

  it('a gradient that is simply wrong shows both values', () => {
    const verdict = checkGradient(LOSS, '(x*(w*x - y)**2).mean()', { at: { w: 0, ...data } });
    assert.ok(verdict.ok);
    assert.equal(verdict.value.kind, 'wrong');
    // mean(x*y^2) = (4 + 32 + 108 + 256)/4 = 100
    assert.match(verdict.value.message, /yours gives 100, autograd gives -30 at w = 0/);
  });

  it('a ratio that holds at one point only is not called a ratio', () => {
    // w*x**2 - x*y vanishes where w = 2 too, but at w = 0 it is -1/2 of the gradient only by accident of x = y/2
    const verdict = checkGradient(LOSS, '(x*(w*x - y)*w).mean()', { at: { w: 1, ...data } });
    assert.ok(verdict.ok);
    assert.equal(verdict.value.kind, 'wrong');
  });

  it('without values, sample values stand in and say so', () => {
    const verdict = checkGradient(LOSS, '(2*x*(w*x - y)).mean()');
    assert.ok(verdict.ok);
    assert.equal(verdict.value.kind, 'match');
    assert.match(verdict.value.message, /sample values for w, x, y/);
  });

  it('asks which parameter when the loss has several, and reports errors in either expression', () => {
    const two = checkGradient('((w*x + b - y)**2).mean()', '(2*x*(w*x + b - y)).mean()');
    assert.equal(two.ok, false);
    if (!two.ok) assert.match(two.error.message, /parameters w, b: say which one/);
    const badLoss = checkGradient('((w*x - y)**2.mean(', 'x');
    assert.equal(badLoss.ok, false);
    if (!badLoss.ok) assert.match(badLoss.error.message, /^in the loss: /);
  });
});

describe('checkGradient: no false verdicts', () => {
  it('a wrong gradient that happens to agree at a minimum is still wrong: a second, shifted point decides', () => {
    // at w = 2 both gradients are 0 (y = 2x); at w = 2.75: autograd 2*mean(0.75*x^2) = 1.5*7.5 = 11.25, the user's half of it
    const verdict = checkGradient(LOSS, '(x*(w*x - y)).mean()', { at: { w: 2, ...data } });
    assert.ok(verdict.ok);
    assert.equal(verdict.value.kind, 'ratio');
    assert.equal(verdict.value.autograd, 11.25);
    assert.equal(verdict.value.user, 5.625);
    assert.match(
      verdict.value.message,
      /5\.625 vs 11\.25 at w = 2\.75 \(they agree at w = 2, where both are 0\)\. A missing factor of 2/,
    );
  });

  it('a right gradient at a minimum matches, reported at the given point', () => {
    const verdict = checkGradient(LOSS, '(2*x*(w*x - y)).mean()', { at: { w: 2, ...data } });
    assert.ok(verdict.ok);
    assert.equal(verdict.value.kind, 'match');
    assert.equal(verdict.value.message, 'Your gradient matches autograd: 0 at w = 2.');
  });

  it('a name only the gradient uses, with no value, is an error naming it and its column', () => {
    const verdict = checkGradient(LOSS, '2*g*(w - 1)', { at: { w: 0, ...data } });
    assert.equal(verdict.ok, false);
    if (verdict.ok) return;
    assert.match(verdict.error.message, /^g does not appear in the loss and has no value/);
    assert.equal(verdict.error.column, 3);
  });

  it('a matrix parameter is refused in words, not with a crash', () => {
    const verdict = checkGradient('X.mean()', 'X', {
      matrices: {
        X: [
          [1, 2],
          [3, 4],
        ],
      },
    });
    assert.ok(!verdict.ok);
    assert.equal(verdict.error.message, 'X is a matrix: a gradient with respect to a matrix cannot be checked yet');
  });

  it('for a vector parameter it says the gradient has one value per element, and gives the elementwise formula', () => {
    // -mean(y*log(p)) with y = [1, 0]: dL/dp = -y/(N p) = [-1/(2*0.5), 0] = [-1, 0]
    const verdict = checkGradient('-np.mean(y*np.log(p))', '-np.mean(y/p)', {
      wrt: ['p'],
      at: { p: [0.5, 0.2], y: [1, 0] },
    });
    assert.ok(verdict.ok);
    assert.equal(verdict.value.kind, 'wrong');
    assert.deepEqual(
      (verdict.value.autograd as number[]).map((v) => v + 0),
      [-1, 0],
    ); // + 0 turns -0 into 0
    assert.match(verdict.value.message, /The derivative of the loss is -y\/\(p\*len\(p\)\), element by element\.$/);
    assert.match(
      verdict.value.message,
      /p is a vector, so its gradient has one value per element \(2\); yours is a single number/,
    );
  });
});
