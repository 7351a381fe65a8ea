import assert from 'node:assert/strict';
import {
  compileExpression,
  computationGraph,
  derive,
  type DeriveOptions,
  type Numeric,
  type Syntax,
} from '../../../src/expr';
import { assertComponentsClose, centralDifferences, mean, sum } from './numeric';

/**
 * Slices, `theta[1:]`, `w[:-1]`, JS's `arr.slice(1)`: read as NumPy reads them, evaluated on numbers and on
 * the engine, differentiated as the slice of the derivative. Every number is checked against the same loss
 * written in plain JS beside it (Array.prototype.slice and loops), differentiated by central differences.
 */
function valueOf(text: string, values: Record<string, Numeric>, syntax: Syntax = 'python'): Numeric {
  const compiled = compileExpression(text, { syntax });
  if (!compiled.ok) throw new Error(`${text}: ${compiled.error.message}`);
  return compiled.value.evaluate(values);
}

function derived(text: string, options: DeriveOptions) {
  const result = derive(text, options);
  assert.ok(result.ok, `${text}: ${!result.ok && result.error.message}`);
  return result.value;
}

function errorOf(text: string, syntax: Syntax = 'python') {
  const result = derive(text, { syntax });
  assert.ok(!result.ok, `${text} should be refused`);
  return result.error;
}

const theta = [1.5, -2, 0.5, 3];
const x = [1, 2, 3, 4];

describe('slices', () => {
  it("refuses a column of a 1-D array, as NumPy's IndexError does, instead of reading v[:, 0] as v[0]", () => {
    const result = derive('np.sum(v[:, 0]**2)', { wrt: ['v'], at: { v: [1, 2, 3] } });
    assert.ok(!result.ok, JSON.stringify(result));
    assert.match(result.error.message, /v\[:, k\] takes a column of a 2-D array, but v is 1-D here/);
    assert.equal(result.error.column, 8);
  });
  it('read as NumPy reads them: theta[1:], theta[:-1], theta[1:3], theta[-2:], theta[:]', () => {
    assert.deepEqual(valueOf('theta[1:]', { theta }), theta.slice(1));
    assert.deepEqual(valueOf('theta[:-1]', { theta }), theta.slice(0, 3));
    assert.deepEqual(valueOf('theta[1:3]', { theta }), [theta[1], theta[2]]);
    assert.deepEqual(valueOf('theta[-2:]', { theta }), [theta[2], theta[3]]);
    assert.deepEqual(valueOf('theta[:]', { theta }), theta);
    assert.deepEqual(valueOf('theta.slice(1)', { theta }, 'js'), [theta[1], theta[2], theta[3]]);
    assert.deepEqual(valueOf('theta.slice(0, -1)', { theta }, 'js'), [theta[0], theta[1], theta[2]]);
  });

  it('print as written in each syntax: theta[1:] in Python, theta.slice(1) in JS', () => {
    assert.equal(derived('lam*np.sum(theta[1:]**2)', { wrt: ['lam'] }).expression, 'lam*np.sum(theta[1:]**2)');
    assert.equal(derived('np.sum(w*x[:-1])', { wrt: ['w'] }).expression, 'np.sum(w*x[:-1])');
    assert.equal(derived('sum(w*x.slice(1))', { syntax: 'js', wrt: ['w'] }).expression, 'sum(w*x.slice(1))');
  });

  it('L2 regularisation without the bias: lam*np.sum(theta[1:]**2) gives autograd 2·lam·theta with 0 for theta[0]', () => {
    const lam = 0.1;
    const loss = (t: number[]) => lam * sum(t.slice(1).map((v) => v * v));
    const result = derived('lam * np.sum(theta[1:]**2)', { wrt: ['theta'], at: { theta, lam } });
    assert.ok(Math.abs((result.values?.loss as number) - loss(theta)) < 1e-12);
    assertComponentsClose(result.values?.grad.theta, centralDifferences(loss, theta), "autograd's ∂/∂theta");
    // no formula rather than a wrong one, said in words; the value is autograd's
    assert.equal(result.derivatives.theta.source, '');
    assert.ok(result.warnings.some((w) => w.includes("(theta): the values shown are autograd's gradient")));
  });

  it('ridge regression without the bias, X a matrix: the mean squared error plus lam*np.sum(theta[1:]**2)', () => {
    const X = [
      [1, 0.5, -1, 2],
      [1, 1.5, 0, -1],
      [1, -0.5, 2, 1],
    ];
    const y = [1, -1, 2];
    const lam = 0.3;
    const loss = (t: number[]) =>
      mean(X.map((row, i) => (row.reduce((s, v, j) => s + v * t[j], 0) - y[i]) ** 2)) +
      lam * sum(t.slice(1).map((v) => v * v));
    const result = derived('np.mean((X @ theta - y)**2) + lam*np.sum(theta[1:]**2)', {
      wrt: ['theta'],
      at: { theta, y, lam },
      matrices: { X },
    });
    assertComponentsClose(result.values?.grad.theta, centralDifferences(loss, theta), "autograd's ∂/∂theta");
  });

  it('a scalar parameter beside sliced data: d/dw mean((w*x[1:] - y)²) is the slice of the derivative', () => {
    const y = [1, 2, 2];
    const w = 0.7;
    const loss = ([v]: number[]) => mean(x.slice(1).map((xi, i) => (v * xi - y[i]) ** 2));
    const result = derived('np.mean((w*x[1:] - y)**2)', { wrt: ['w'], at: { w, x, y } });
    assert.equal(result.derivatives.w.source, 'np.mean(2*x[1:]*(w*x[1:] - y))');
    assert.equal(result.derivatives.w.unicode, '∂L/∂w = mean(2·x[1:]·(w·x[1:] − y))');
    const expected = centralDifferences(loss, [w])[0];
    assert.ok(Math.abs((result.values?.grad.w as number) - expected) < 1e-6, `${result.values?.grad.w} vs ${expected}`);
    assert.ok(!result.warnings.some((m) => m.includes('disagree')), result.warnings.join('\n'));
  });

  it('np.sum(w + x[:-1]) counts the slice: ∂/∂w = len(x[:-1]) = 3', () => {
    const result = derived('np.sum(w + x[:-1])', { wrt: ['w'], at: { w: 2, x } });
    assert.equal(result.derivatives.w.source, 'len(x[:-1])');
    assert.equal(result.values?.grad.w, 3);
  });

  it('JS: mean((w*x.slice(0, -1) - y) ** 2) in JS syntax, checked against central differences', () => {
    const y = [1, 1, 0];
    const loss = ([v]: number[]) => mean(x.slice(0, -1).map((xi, i) => (v * xi - y[i]) ** 2));
    const result = derived('mean((w*x.slice(0, -1) - y) ** 2)', { syntax: 'js', wrt: ['w'], at: { w: 2, x, y } });
    assert.equal(result.derivatives.w.source, 'mean(2*x.slice(0, -1)*(w*x.slice(0, -1) - y))');
    const expected = centralDifferences(loss, [2])[0];
    assert.ok(Math.abs((result.values?.grad.w as number) - expected) < 1e-6);
  });

  it("the computation graph shows the engine's slice and its chain rule: the gradient back at [1:4], 0 elsewhere", () => {
    const graph = computationGraph('np.sum(theta[1:]**2)', { wrt: ['theta'], at: { theta } });
    assert.ok(graph.ok, !graph.ok ? graph.error.message : '');
    const node = graph.value.nodes.find((n) => n.op === 'slice');
    assert.equal(node?.label, 'theta[1:]');
    const edge = graph.value.backward.find((s) => s.from === node?.id);
    assert.match(edge?.text ?? '', /at \[1:4\] of \[4\], 0 elsewhere/);
    assert.deepEqual(edge?.total.values, [0, 2 * theta[1], 2 * theta[2], 2 * theta[3]]);
  });

  describe('columns, X[:, k]', () => {
    const X = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    const y = [1, 2, 2];
    const file = [
      'import numpy as np',
      'X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])',
      'y = np.array([1.0, 2.0, 2.0])',
      'w = 0.5',
      'b = 0.1',
      'loss = np.mean((w*X[:, 0] + b - y)**2)',
    ].join('\n');

    it('a feature column from the file: np.mean((w*X[:, 0] + b - y)**2), formulas as written and values by central differences', () => {
      const result = derived('np.mean((w*X[:, 0] + b - y)**2)', {
        context: { text: file, languageId: 'python', offset: file.indexOf('np.mean') },
      });
      assert.deepEqual(result.parameters, ['w', 'b']);
      assert.equal(result.derivatives.w.source, 'np.mean(2*X[:, 0]*(w*X[:, 0] + b - y))');
      assert.equal(result.derivatives.b.source, 'np.mean(2*(w*X[:, 0] + b - y))');
      const loss = ([w, b]: number[]) => mean(X.map((row, i) => (w * row[0] + b - y[i]) ** 2));
      const [dw, db] = centralDifferences(loss, [0.5, 0.1]);
      assert.ok(Math.abs((result.values?.grad.w as number) - dw) < 1e-6, `∂/∂w ${result.values?.grad.w} vs ${dw}`);
      assert.ok(Math.abs((result.values?.grad.b as number) - db) < 1e-6, `∂/∂b ${result.values?.grad.b} vs ${db}`);
      assert.ok(!result.warnings.some((m) => m.includes('disagree')), result.warnings.join('\n'));
    });

    it('np.sum(w + X[:, 1]) counts the column: ∂/∂w = len(X[:, 1]) = 3', () => {
      const result = derived('np.sum(w + X[:, 1])', { wrt: ['w'], at: { w: 2 }, matrices: { X } });
      assert.equal(result.derivatives.w.source, 'len(X[:, 1])');
      assert.equal(result.values?.grad.w, 3);
    });

    it('a matrix parameter through a column, np.sum(W[:, 0]**2): no formula, and 2W in column 0, 0 in the others', () => {
      const W = [
        [1, 2],
        [3, 4],
      ];
      const result = derived('np.sum(W[:, 0]**2)', { wrt: ['W'], matrices: { W } });
      assert.equal(result.derivatives.W.source, '');
      assert.deepEqual(result.values?.grad.W, [
        [2, 0],
        [6, 0],
      ]);
      assert.equal(derived('np.sum(W[:, 0]**2)', { wrt: ['W'] }).derivatives.W.source, ''); // a matrix even without a value
    });
  });

  describe('what is not read is refused in words at its position', () => {
    it('two positions other than a column, x[0, 1], at the comma; a column counted from the end, at the index', () => {
      const error = errorOf('np.mean(x[0, 1])');
      assert.match(error.message, /a subscript with two positions is read only as a column, x\[:, 0\]/);
      assert.equal(error.column, 12);
      const fromEnd = errorOf('np.mean(x[:, -1])');
      assert.equal(fromEnd.message, 'a column index counts from 0: x[:, 0]');
      assert.equal(fromEnd.column, 14);
    });
    it('a step, at its colon', () => {
      const error = errorOf('w[::2]');
      assert.equal(error.message, 'a slice with a step (a[::2]) is not supported');
      assert.equal(error.column, 4);
    });
    it('a bound that is not a whole number written out, at the bound', () => {
      const error = errorOf('np.sum(w[1:n])');
      assert.equal(error.message, 'a slice bound must be a whole number, such as 1 or -1');
      assert.equal(error.column, 12);
      assert.match(errorOf('sum(w.slice(k))', 'js').message, /\.slice\(\) takes whole numbers/);
    });
    it('a number sliced', () => {
      const result = derive('np.sum(w[1:])', { wrt: ['w'], at: { w: 2 } });
      assert.ok(!result.ok);
      assert.equal(result.error.message, 'a number cannot be sliced');
    });
  });
});
