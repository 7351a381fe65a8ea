import assert from 'node:assert/strict';
import { tensor } from '../../../src/autograd';
import { compileExpression, derive, type DeriveOptions, type GradientValue } from '../../../src/expr';

/**
 * A matrix parameter W: autograd's gradient comes back as W's rows, and the formula a teacher writes,
 * 2 Xᵀ(XW − Y)/N or 2W, where the rules reach. Every number is checked against central differences of the
 * loss written as a plain JS function of W's elements beside it (loops over rows and columns).
 */
const X = [
  [1, 2],
  [3, 4],
  [5, 6],
];
const Y = [
  [1, 0],
  [0, 1],
  [1, 1],
];
const W = [
  [0.1, -0.2],
  [0.3, 0.4],
];
const A = [
  [2, -1],
  [0.5, 3],
];

type Matrix = number[][];
const matMul = (a: Matrix, b: Matrix): Matrix =>
  a.map((row) => b[0].map((_, k) => row.reduce((s, aij, j) => s + aij * b[j][k], 0)));
const total = (m: Matrix, f: (v: number, i: number, j: number) => number = (v) => v) =>
  m.reduce((s, row, i) => s + row.reduce((t, v, j) => t + f(v, i, j), 0), 0);
const squaredError = (w: Matrix) => total(matMul(X, w), (z, i, j) => (z - Y[i][j]) ** 2);

/** ∂f/∂W_ij ≈ (f(W + h e_ij) - f(W - h e_ij)) / 2h, for every element. */
function centralDifferences(f: (w: Matrix) => number, at: Matrix, h = 1e-6): Matrix {
  const moved = (i: number, j: number, by: number) =>
    at.map((row, r) => row.map((v, c) => (r === i && c === j ? v + by : v)));
  return at.map((row, i) => row.map((_, j) => (f(moved(i, j, h)) - f(moved(i, j, -h))) / (2 * h)));
}

function assertRowsClose(actual: GradientValue | undefined, expected: Matrix, what: string): void {
  assert.ok(
    Array.isArray(actual) && actual.every(Array.isArray),
    `${what}: expected rows, got ${JSON.stringify(actual)}`,
  );
  const rows = actual as Matrix;
  assert.equal(rows.length, expected.length, `${what}: rows`);
  rows.forEach((row, i) => {
    assert.equal(row.length, expected[i].length, `${what}: row ${i}`);
    row.forEach((v, j) =>
      assert.ok(
        Math.abs(v - expected[i][j]) <= 1e-6 * (1 + Math.abs(expected[i][j])),
        `${what}[${i}][${j}]: ${v} vs ${expected[i][j]}`,
      ),
    );
  });
}

/** A printed formula parsed back and evaluated on the engine, as rows. */
function formulaRows(source: string, values: Record<string, number | Matrix>): Matrix {
  const compiled = compileExpression(source, { syntax: 'python' });
  if (!compiled.ok) throw new Error(`${source} does not parse back: ${compiled.error.message}`);
  const bindings = Object.fromEntries(
    compiled.value.freeNames.map((n) => [n, tensor(values[n], { dtype: 'float64' })]),
  );
  const value = compiled.value.evaluateTensor(bindings);
  const flat = Array.from(value.data);
  if (value.ndim === 0) return W.map((row) => row.map(() => flat[0])); // one number for every element
  const width = value.shape[1];
  return Array.from({ length: value.shape[0] }, (_, i) => flat.slice(i * width, (i + 1) * width));
}

function derived(text: string, options: DeriveOptions) {
  const result = derive(text, options);
  assert.ok(result.ok, `${text}: ${!result.ok && result.error.message}`);
  return result.value;
}

const withFormula: { loss: string; source: string; f: (w: Matrix) => number; at?: Record<string, number> }[] = [
  { loss: 'np.sum(W * W)', source: '2*W', f: (w) => total(w, (v) => v * v) },
  { loss: '0.5*np.sum(W**2)', source: 'W', f: (w) => 0.5 * total(w, (v) => v * v) },
  { loss: 'np.mean(W**2)', source: '2*W/(len(W)*len(W.T))', f: (w) => total(w, (v) => v * v) / 4 },
  { loss: 'np.square(X @ W - Y).sum()', source: '2*X.T @ (X @ W - Y)', f: squaredError },
  { loss: 'np.sum((X @ W - Y)**2)/N', source: '2*X.T @ (X @ W - Y)/N', f: (w) => squaredError(w) / 3, at: { N: 3 } },
  {
    loss: 'np.mean((X @ W - Y)**2)',
    source: '2*X.T @ (X @ W - Y)/(len(X)*len(W.T))',
    f: (w) => squaredError(w) / 6,
  },
  {
    loss: 'np.mean((X @ W - Y)**2) + lam*np.sum(W*W)',
    source: '2*X.T @ (X @ W - Y)/(len(X)*len(W.T)) + 2*lam*W',
    f: (w) => squaredError(w) / 6 + 0.1 * total(w, (v) => v * v),
    at: { lam: 0.1 },
  },
  { loss: 'np.sum(np.tanh(X @ W))', source: 'X.T @ (1 - np.tanh(X @ W)**2)', f: (w) => total(matMul(X, w), Math.tanh) },
];

describe('derive: a matrix parameter', () => {
  for (const c of withFormula) {
    it(`${c.loss}: ∂L/∂W = ${c.source}, rows equal to central differences in autograd's value and in the formula's`, () => {
      const result = derived(c.loss, { wrt: ['W'], at: c.at, matrices: { X, Y, W } });
      const d = result.derivatives.W;
      assert.equal(d.unsupported, undefined);
      assert.equal(d.source, c.source);
      const expected = centralDifferences(c.f, W);
      assertRowsClose(result.values?.grad.W, expected, `autograd's ∂/∂W ${c.loss}`);
      assertRowsClose(formulaRows(d.source, { X, Y, W, ...c.at }), expected, `∂/∂W = ${d.source}`);
      assert.ok(!result.warnings.some((w) => w.includes('disagree')), result.warnings.join('\n'));
      assert.ok(result.warnings.includes('W is a matrix: so is ∂L/∂W, element (i, j) of the formula is ∂L/∂W[i, j]'));
    });
  }

  it('reads W, X and Y from a Python file and names the mean 2 Xᵀ(XW − Y)/(len(X)·len(Wᵀ)) in math notation', () => {
    const text = [
      'import numpy as np',
      'X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])',
      'Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])',
      'W = np.array([[0.1, -0.2], [0.3, 0.4]])',
      'y_pred = X @ W',
      'loss = np.mean((y_pred - Y)**2)',
    ].join('\n');
    const result = derived('np.mean((y_pred - Y)**2)', {
      context: { text, languageId: 'python', offset: text.indexOf('np.mean') },
    });
    assert.deepEqual(result.parameters, ['W']);
    assert.equal(result.derivatives.W.unicode, '∂L/∂W = 2·Xᵀ(X W − Y)/(len(X)·len(Wᵀ))');
    assert.ok(Math.abs((result.values?.loss as number) - squaredError(W) / 6) < 1e-12);
    assertRowsClose(
      result.values?.grad.W,
      centralDifferences((w) => squaredError(w) / 6, W),
      'autograd from the file',
    );
  });

  const valueOnly: { loss: string; why: string; f: (w: Matrix) => number }[] = [
    { loss: 'np.sum(W @ A)', why: 'W on the left of a product', f: (w) => total(matMul(w, A)) },
    { loss: 'np.sum(W * A)', why: 'W times a data matrix elementwise', f: (w) => total(w, (v, i, j) => v * A[i][j]) },
    { loss: 'np.sum(X @ W)', why: 'Xᵀ times ones has no short form here', f: (w) => total(matMul(X, w)) },
  ];
  for (const c of valueOnly) {
    it(`${c.loss} (${c.why}): no formula, said in words, and autograd's rows`, () => {
      const result = derived(c.loss, { wrt: ['W'], matrices: { X, W, A } });
      const d = result.derivatives.W;
      assert.equal(d.source, '');
      assert.equal(
        d.unsupported,
        'symbolic gradient for a matrix parameter used this way is not supported yet: W is a matrix',
      );
      assert.ok(
        result.warnings.includes(
          "symbolic gradient for a matrix parameter used this way is not supported yet (W): the values shown are autograd's gradient",
        ),
        result.warnings.join('\n'),
      );
      assertRowsClose(result.values?.grad.W, centralDifferences(c.f, W), `autograd's ∂/∂W ${c.loss}`);
    });
  }

  it('a vector parameter beside a matrix one keeps its list: b in X @ W + b', () => {
    const b = [0.5, -0.5];
    const f = (w: Matrix, bias: number[]) => total(matMul(X, w), (z, i, j) => (z + bias[j] - Y[i][j]) ** 2);
    const result = derived('np.sum((X @ W + b - Y)**2)', { wrt: ['W', 'b'], at: { b }, matrices: { X, Y, W } });
    assertRowsClose(
      result.values?.grad.W,
      centralDifferences((w) => f(w, b), W),
      '∂/∂W',
    );
    const db = b.map((_, k) => {
      const moved = (by: number) => b.map((v, j) => (j === k ? v + by : v));
      return (f(W, moved(1e-6)) - f(W, moved(-1e-6))) / 2e-6;
    });
    const grad = result.values?.grad.b as number[];
    grad.forEach((g, k) => assert.ok(Math.abs(g - db[k]) < 1e-6, `∂/∂b[${k}]: ${g} vs ${db[k]}`));
  });
});

describe('matrices written in the loss: np.array([[...]]), np.ones((2, 3)), np.zeros((2, 2))', () => {
  it('np.sum(W * np.array([[2, -1], [0.5, 3]])) is Σ W_ij A_ij, with gradient A, row by row (not the rows added up)', () => {
    const result = derived('np.sum(W * np.array([[2, -1], [0.5, 3]]))', { wrt: ['W'], matrices: { W } });
    assert.equal(result.expression, 'np.sum(W*np.array([[2, -1], [0.5, 3]]))');
    assert.ok(Math.abs((result.values?.loss as number) - total(W, (v, i, j) => v * A[i][j])) < 1e-12);
    assertRowsClose(result.values?.grad.W, A, '∂/∂W');
  });

  it('np.ones((2, 3)) is 2 rows of 3 ones: np.sum(w*np.ones((2, 3))) = 6w, d/dw = 6', () => {
    const result = derived('np.sum(w*np.ones((2, 3)))', { wrt: ['w'], at: { w: 0.5 } });
    assert.equal(result.values?.loss, 3);
    assert.equal(result.values?.grad.w, 6);
  });

  it('np.zeros((2, 2)) and np.ones((3,)): np.sum((W - np.zeros((2, 2)))**2) is Σ W², gradient 2W', () => {
    const result = derived('np.sum((W - np.zeros((2, 2)))**2)', { wrt: ['W'], matrices: { W } });
    assertRowsClose(
      result.values?.grad.W,
      W.map((row) => row.map((v) => 2 * v)),
      '∂/∂W',
    );
    assert.equal(derived('np.sum(w*np.ones((3,)))', { wrt: ['w'], at: { w: 2 } }).values?.loss, 6);
  });

  it('a shape of three numbers is refused at the shape', () => {
    const result = derive('np.sum(w*np.ones((2, 3, 4)))', { wrt: ['w'] });
    assert.ok(!result.ok);
    assert.equal(
      result.error.message,
      'np.ones: the shape must be one or two whole numbers, (3) or (2, 3), at most 10000 values',
    );
    assert.equal(result.error.column, 18);
  });
});
