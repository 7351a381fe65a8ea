import assert from 'node:assert/strict';
import { compileExpression, derive } from '../../../src/expr';

/** The value of a printed formula, parsed back: the tests compare it with closed forms computed by hand. */
function valueOf(text: string, values: Record<string, number | number[]>): number {
  const compiled = compileExpression(text, { syntax: 'python' });
  if (!compiled.ok) throw new Error(`${text}: ${compiled.error.message}`);
  return compiled.value.evaluate(values) as number;
}

describe('derive(): which names are parameters', () => {
  const NG = '1/(2*m) * sum((theta0 + theta1*x - y)^2)';

  it("Ng's cost: theta0 and theta1 are the parameters, m is the sample count", () => {
    const result = derive(NG);
    assert.ok(result.ok);
    assert.deepEqual(result.value.parameters, ['theta0', 'theta1']);
  });

  it("Ng's cost gives the gradient as the course writes it, with the constants folded", () => {
    const result = derive(NG);
    assert.ok(result.ok);
    assert.equal(result.value.expression, 'sum((theta0 + theta1*x - y)^2)/(2*m)', 'no 1* in the echo');
    assert.equal(result.value.derivatives.theta0.source, 'sum(theta0 + theta1*x - y)/m');
    assert.equal(result.value.derivatives.theta1.source, 'sum(x*(theta0 + theta1*x - y))/m');
    // by hand at theta = (1, 2), x = [1, 2, 3], y = [2, 5, 9], m = 3: residuals [1, 0, -2]
    const at = { theta0: 1, theta1: 2, x: [1, 2, 3], y: [2, 5, 9], m: 3 };
    const withValues = derive(NG, { at });
    assert.ok(withValues.ok);
    assert.deepEqual(withValues.value.values?.grad, { theta0: -1 / 3, theta1: (1 - 6) / 3 });
  });

  it('w0, b1, θ1 and theta_2 are parameters; n and N are not', () => {
    const result = derive('(w0 + b1*x + θ1*x**2 + theta_2*x**3 - y)**2/n + N');
    assert.ok(result.ok);
    assert.deepEqual(result.value.parameters, ['w0', 'b1', 'θ1', 'theta_2']);
    const counts = derive('u**2/n');
    assert.ok(counts.ok);
    assert.deepEqual(counts.value.parameters, ['u']);
  });

  it('an explicit parameter the loss does not mention is an error when asked to be strict', () => {
    const result = derive('(w*x - y)**2', { wrt: ['q'], requireWrt: true });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.message, 'q does not appear in the loss (its names: w, x, y)');
    const lenient = derive('(w*x - y)**2', { wrt: ['w', 'q'] }); // the hover passes the document's names
    assert.ok(lenient.ok);
    assert.equal(lenient.value.derivatives.q.source, '0');
  });
});

describe('derive(): overflow and division by zero', () => {
  it('exp(1000) overflows: one plain warning, no disagreement between two infinities', () => {
    const result = derive('np.exp(w)', { at: { w: 1000 } });
    assert.ok(result.ok);
    assert.deepEqual(result.value.warnings, ['the loss overflows at w = 1000']);
    assert.equal(result.value.values?.grad.w, Infinity);
  });

  it('1/w at 0 divides by zero, and says that rather than "overflows"', () => {
    const result = derive('1/w', { at: { w: 0 } });
    assert.ok(result.ok);
    assert.deepEqual(result.value.warnings, ['1/w divides by zero here']);
  });
});

describe('derive(): output a teacher would write', () => {
  it('sigmoid written out prints as 1/(1 + np.exp(-z)), not (1 + np.exp(-z))**-1', () => {
    const result = derive('1/(1 + np.exp(-z*w))', { wrt: ['w'] });
    assert.ok(result.ok);
    assert.equal(result.value.expression, '1/(1 + np.exp(-z*w))');
    assert.equal(result.value.derivatives.w.source, 'z*np.exp(-z*w)/(1 + np.exp(-z*w))**2');
  });

  it('a scalar symbol comes out of a sum: sum((w*x - y)**2/(2*m)) gives sum(x*(w*x - y))/m', () => {
    const result = derive('np.sum((w*x - y)**2/(2*m))');
    assert.ok(result.ok);
    const source = result.value.derivatives.w.source;
    assert.equal(source, 'np.sum(x*(w*x - y))/m');
    // by hand at w = 1, x = [1, 2], y = [0, 1], m = 2: sum(x*(x - y))/2 = (1 + 2)/2
    assert.equal(valueOf(source, { w: 1, x: [1, 2], y: [0, 1], m: 2 }), 1.5);
  });
});

describe('evaluation errors and TensorFlow names', () => {
  it('a shape mismatch names the arrays and their lengths', () => {
    const result = derive('((w*x - y)**2).mean()', { at: { w: 1, x: [1, 2, 3], y: [1, 2] } });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.message, 'shape mismatch: x has 3 elements and y has 2 elements');
  });

  it("tf.reduce_mean, tf.mean, tf.square, tf.reduce_sum, tf.sum and tfjs chains mean what numpy's do", () => {
    const mse = '((w*x - y)**2).mean()';
    for (const text of [
      'tf.reduce_mean(tf.square(w*x - y))',
      'tf.mean(tf.square(tf.sub(tf.mul(w, x), y)))',
      'tf.losses.meanSquaredError(y, w*x)',
    ]) {
      const result = derive(text, { at: { w: 0, x: [1, 2, 3, 4], y: [2, 4, 6, 8] } });
      assert.ok(result.ok, text);
      assert.equal(result.value.expression, mse, text);
      assert.equal(result.value.values?.grad.w, -30, text); // the tutorial's -2*mean(x*y) = -30
    }
    for (const text of ['tf.reduce_sum(tf.square(w*x - y))', 'tf.sum(w.mul(x).sub(y).square())']) {
      const result = derive(text, { syntax: 'js', at: { w: 0, x: [1, 2, 3, 4], y: [2, 4, 6, 8] } });
      assert.ok(result.ok, text);
      assert.equal(result.value.values?.grad.w, -120, text); // 4 samples: 4x the mean's
    }
  });
});

describe('derive(): guessing without conventional names', () => {
  it('-mean(y*log(p)) is about p: data names like y are not guessed while another name is left', () => {
    const result = derive('-np.mean(y*np.log(p))');
    assert.ok(result.ok);
    assert.deepEqual(result.value.parameters, ['p']);
    const onlyData = derive('x**2 + y');
    assert.ok(onlyData.ok);
    assert.deepEqual(onlyData.value.parameters, ['x', 'y']);
  });
});
