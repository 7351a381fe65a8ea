import assert from 'node:assert/strict';
import { compileExpression, derive, type DeriveOptions, type Syntax, type Numeric } from '../../../src/expr';
import { assertComponentsClose as assertClose, centralDifferences, mean } from './numeric';

/**
 * A vector parameter used only through its elements, w[0], w[1], ... (a polynomial fit written by hand),
 * gets the list of its partial derivatives: ∇_w L = [∂L/∂w[0], ∂L/∂w[1], ...]. Every number is checked
 * against central differences of the loss written as a plain JS function beside it, never against src/expr.
 */
const X = [1, 2, 3];
const Y = [2, 3, 5];

function derived(text: string, options: DeriveOptions = {}) {
  const result = derive(text, options);
  assert.ok(result.ok, `${text}: ${!result.ok && result.error.message}`);
  return result.value;
}

/** The printed formula parsed back in its own syntax and evaluated at `values`. */
function formulaValue(source: string, syntax: Syntax, values: Record<string, Numeric>): Numeric {
  const compiled = compileExpression(source, { syntax });
  assert.ok(compiled.ok, `${source} does not parse back: ${!compiled.ok && compiled.error.message}`);
  return compiled.value.evaluate(values);
}

describe('a vector parameter used through its elements: the list of its partial derivatives', () => {
  const quadratic = (w: number[]) => mean(X.map((x, i) => (w[0] + w[1] * x + w[2] * x ** 2 - Y[i]) ** 2));
  const W = [0.5, -1, 0.25];

  it('a quadratic fit, w[0] + w[1]*x + w[2]*x**2: one formula per element, as a teacher writes them', () => {
    const result = derived('np.mean((w[0] + w[1]*x + w[2]*x**2 - y)**2)', { at: { w: W, x: X, y: Y } });
    const d = result.derivatives.w;
    assert.equal(
      d.source,
      'np.array([np.mean(2*(w[0] + w[1]*x + w[2]*x**2 - y)), np.mean(2*x*(w[0] + w[1]*x + w[2]*x**2 - y)), np.mean(2*x**2*(w[0] + w[1]*x + w[2]*x**2 - y))])',
    );
    assert.equal(
      d.unicode,
      '∂L/∂w = [mean(2·(w[0] + w[1]·x + w[2]·x² − y)), mean(2·x·(w[0] + w[1]·x + w[2]·x² − y)), mean(2·x²·(w[0] + w[1]·x + w[2]·x² − y))]',
    );
    assert.ok(
      result.warnings.includes('w is a vector used through its elements: ∂L/∂w lists ∂L/∂w[0], ∂L/∂w[1], …'),
      result.warnings.join('\n'),
    );
    assertClose(result.values?.grad.w, centralDifferences(quadratic, W), 'autograd');
    assertClose(
      formulaValue(d.source, 'python', { w: W, x: X, y: Y }),
      centralDifferences(quadratic, W),
      'the formula',
    );
  });

  it("an element the loss never uses has derivative 0, and w[-1] is the last element when w's length is known", () => {
    const loss = (w: number[]) => mean(X.map((x, i) => (w[2] * x - Y[i]) ** 2));
    const result = derived('np.mean((w[-1]*x - y)**2)', { at: { w: W, x: X, y: Y } });
    assert.equal(result.derivatives.w.source, 'np.array([0, 0, np.mean(2*x*(w[2]*x - y))])');
    assertClose(result.values?.grad.w, centralDifferences(loss, W), 'autograd');
    assertClose(
      formulaValue(result.derivatives.w.source, 'python', { w: W, x: X, y: Y }),
      [0, 0, centralDifferences(loss, W)[2]],
      'the formula',
    );
  });

  it('without values, as many elements as the loss uses; in JS and plain math syntax too', () => {
    assert.equal(
      derived('(theta[0] + theta[1]*x - y)**2').derivatives.theta.source,
      'np.array([2*(theta[0] + theta[1]*x - y), 2*x*(theta[0] + theta[1]*x - y)])',
    );
    const js = derived('Math.pow(w[0] + w[1] * x - y, 2)', { syntax: 'js' }).derivatives.w;
    assert.equal(js.source, '[2*(w[0] + w[1]*x - y), 2*x*(w[0] + w[1]*x - y)]');
    // by hand at w = [1, 2], x = 3, y = 4: the residual is 1 + 6 - 4 = 3, so [2*3, 2*3*3]
    assert.deepEqual(formulaValue(js.source, 'js', { w: [1, 2], x: 3, y: 4 }), [6, 18]);
    assert.equal(
      derived('(θ[0] + θ[1] x − y)²').derivatives['θ'].unicode,
      '∂L/∂θ = [2·(θ[0] + θ[1]·x − y), 2·x·(θ[0] + θ[1]·x − y)]',
    );
  });

  it('a scalar parameter beside it keeps its own formula', () => {
    const result = derived('np.mean((w[0]*x + b - y)**2)', { at: { w: [0.5], b: 0.1, x: X, y: Y } });
    assert.equal(result.derivatives.w.source, 'np.array([np.mean(2*x*(w[0]*x + b - y))])');
    assert.equal(result.derivatives.b.source, 'np.mean(2*(w[0]*x + b - y))');
    assertClose(
      result.values?.grad.w,
      centralDifferences((w) => mean(X.map((x, i) => (w[0] * x + 0.1 - Y[i]) ** 2)), [0.5]),
      'autograd',
    );
  });

  it("w bare as well as indexed: no formula, and autograd's values", () => {
    const loss = (w: number[]) => mean(X.map((x, i) => (w[0] + x * (w[0] + w[1] + w[2]) - Y[i]) ** 2));
    const result = derived('np.mean((w[0] + x*np.sum(w) - y)**2)', { at: { w: W, x: X, y: Y } });
    assert.equal(result.derivatives.w.source, '');
    assert.ok(result.derivatives.w.unsupported);
    assertClose(result.values?.grad.w, centralDifferences(loss, W), 'autograd');
  });

  it('an index past the end of w is an error at its column', () => {
    const result = derive('np.mean((w[3]*x - y)**2)', { at: { w: W, x: X, y: Y } });
    assert.ok(!result.ok);
    assert.equal(result.error.message, 'index 3 is out of range for 3 elements');
    assert.equal(result.error.column, 'np.mean(('.length + 1);
  });
});
