import assert from 'node:assert/strict';
import { tensor } from '../../../src/autograd';
import {
  checkGradient,
  compileExpression,
  derive,
  type DeriveOptions,
  type Syntax,
  type Numeric,
} from '../../../src/expr';
import { parseExpression } from '../../../src/expr/syntax/parse';
import { assertComponentsClose as assertClose, centralDifferences, mean, sum } from './numeric';

/**
 * A vector parameter used through a matrix product, z = X @ w, gets the formula a teacher writes:
 * ∂/∂w mean((Xw - y)²) = 2 Xᵀ(Xw - y)/n. Every number here is checked against central differences of
 * the loss written as a plain JS function next to it (loops over the arrays), never against src/expr.
 */
const X = [
  [1, 2],
  [3, 4],
  [5, 6],
];
const W = [0.5, -1];
const Y = [1, 2, 3];
const LABELS = [1, 0, 1];

const matVec = (m: number[][], v: number[]) => m.map((row) => row.reduce((s, mij, j) => s + mij * v[j], 0));
const softplus = (t: number) => Math.log1p(Math.exp(t));

/** A printed formula parsed back in its syntax and evaluated on the engine with X as a matrix. */
function formulaValue(source: string, syntax: Syntax, values: Record<string, Numeric | number[][]>): number[] {
  const compiled = compileExpression(source, { syntax });
  if (!compiled.ok) throw new Error(`${source} does not parse back: ${compiled.error.message}`);
  const bindings = Object.fromEntries(
    compiled.value.freeNames.map((n) => [n, tensor(values[n], { dtype: 'float64' })]),
  );
  return Array.from(compiled.value.evaluateTensor(bindings).data);
}

function derived(text: string, options: DeriveOptions) {
  const result = derive(text, options);
  assert.ok(result.ok, `${text}: ${!result.ok && result.error.message}`);
  return result.value;
}

interface Case {
  loss: string;
  f: (w: number[]) => number;
  source: string;
  wrt?: string[];
  at?: Record<string, Numeric>;
}
const cases: Case[] = [
  {
    loss: 'np.mean((X @ w - y)**2)',
    source: '2*X.T @ (X @ w - y)/len(X)',
    f: (w) => mean(matVec(X, w).map((z, i) => (z - Y[i]) ** 2)),
  },
  {
    loss: 'np.sum((X @ w - y)**2)',
    source: '2*X.T @ (X @ w - y)',
    f: (w) => sum(matVec(X, w).map((z, i) => (z - Y[i]) ** 2)),
  },
  {
    loss: 'np.mean(np.abs(X @ w - y))',
    source: 'X.T @ np.sign(X @ w - y)/len(X)',
    f: (w) => mean(matVec(X, w).map((z, i) => Math.abs(z - Y[i]))),
  },
  {
    loss: 'F.huber_loss(X @ w, y, delta=2.0)',
    source: 'X.T @ torch.clamp(X @ w - y, min=-2, max=2)/len(X)',
    f: (w) =>
      mean(
        matVec(X, w).map((z, i) => {
          const d = Math.abs(z - Y[i]);
          return d < 2 ? 0.5 * d * d : 2 * (d - 1);
        }),
      ),
  },
  {
    loss: 'F.binary_cross_entropy_with_logits(X @ w + b, y)',
    wrt: ['w', 'b'],
    at: { b: 0.25, y: LABELS },
    source: 'X.T @ (torch.sigmoid(X @ w + b) - y)/len(X)',
    f: (w) => mean(matVec(X, w).map((z, i) => softplus(z + 0.25) - LABELS[i] * (z + 0.25))),
  },
  {
    loss: 'np.mean((X @ w - y)**2) + lam*np.sum(w**2)',
    wrt: ['w'],
    at: { lam: 0.1 },
    source: '2*X.T @ (X @ w - y)/len(X) + 2*lam*w',
    f: (w) => mean(matVec(X, w).map((z, i) => (z - Y[i]) ** 2)) + 0.1 * sum(w.map((v) => v * v)),
  },
  {
    loss: 'np.mean((X.dot(w) - y)**2)',
    source: '2*X.T @ (np.dot(X, w) - y)/len(X)',
    f: (w) => mean(matVec(X, w).map((z, i) => (z - Y[i]) ** 2)),
  },
  {
    loss: 'np.mean((np.dot(X, w) - y)**2)',
    source: '2*X.T @ (np.dot(X, w) - y)/len(X)',
    f: (w) => mean(matVec(X, w).map((z, i) => (z - Y[i]) ** 2)),
  },
  {
    loss: 'torch.mean((torch.matmul(X, w) - y)**2)',
    source: '2*X.T @ (torch.matmul(X, w) - y)/len(X)',
    f: (w) => mean(matVec(X, w).map((z, i) => (z - Y[i]) ** 2)),
  },
  {
    loss: 'np.mean((w @ X.T - y)**2)',
    source: '2*X.T @ (w @ X.T - y)/len(X)',
    f: (w) => mean(matVec(X, w).map((z, i) => (z - Y[i]) ** 2)),
  },
  {
    loss: 'np.mean((X @ w + 0.5 - y)**2)',
    source: '2*X.T @ (X @ w + 0.5 - y)/len(X)',
    f: (w) => mean(matVec(X, w).map((z, i) => (z + 0.5 - Y[i]) ** 2)),
  },
  // inner products of two vectors that both depend on w: r @ r is sum(r**2), w @ w the L2 penalty
  {
    loss: '(X @ w - y) @ (X @ w - y)/len(y)',
    source: '2*X.T @ (X @ w - y)/len(y)',
    f: (w) => mean(matVec(X, w).map((z, i) => (z - Y[i]) ** 2)),
  },
  {
    loss: 'np.mean((X @ w - y)**2) + lam*np.dot(w, w)',
    wrt: ['w'],
    at: { lam: 0.1 },
    source: '2*X.T @ (X @ w - y)/len(X) + 2*lam*w',
    f: (w) => mean(matVec(X, w).map((z, i) => (z - Y[i]) ** 2)) + 0.1 * sum(w.map((v) => v * v)),
  },
  {
    loss: '(X @ w - y) @ (X @ w + y)',
    source: '2*X.T @ (X @ w)',
    f: (w) => sum(matVec(X, w).map((z, i) => (z - Y[i]) * (z + Y[i]))),
  },
];

describe('derive: a vector parameter inside a matrix product', () => {
  for (const c of cases) {
    it(`${c.loss}: ∂L/∂w = ${c.source}, equal to central differences in its value and in autograd's`, () => {
      const at = { w: W, y: Y, ...c.at };
      const result = derived(c.loss, { wrt: c.wrt ?? ['w'], at, matrices: { X } });
      const d = result.derivatives.w;
      assert.equal(d.unsupported, undefined);
      assert.equal(d.source, c.source);
      const expected = centralDifferences(c.f, W);
      assertClose(result.values?.grad.w, expected, `autograd's ∂/∂w ${c.loss}`);
      assertClose(formulaValue(d.source, 'python', { ...at, X }), expected, `∂/∂w = ${d.source}`);
      assert.ok(!result.warnings.some((m) => m.includes('disagree')), result.warnings.join('\n'));
      assert.ok(
        result.warnings.includes('w is a vector: so is ∂L/∂w, element i of the formula is ∂L/∂w[i]'),
        result.warnings.join('\n'),
      );
      assert.deepEqual(d.steps, [], 'no scalar chain-rule steps for a vector parameter');
    });
  }

  it('BCE with logits: the bias b keeps its scalar formula mean(σ(Xw + b) - y), equal to the difference quotient', () => {
    const result = derived('F.binary_cross_entropy_with_logits(X @ w + b, y)', {
      wrt: ['w', 'b'],
      at: { w: W, b: 0.25, y: LABELS },
      matrices: { X },
    });
    assert.equal(result.derivatives.b.source, '(torch.sigmoid(X @ w + b) - y).mean()');
    const loss = (b: number) => mean(matVec(X, W).map((z, i) => softplus(z + b) - LABELS[i] * (z + b)));
    const h = 1e-6;
    const expected = (loss(0.25 + h) - loss(0.25 - h)) / (2 * h);
    assert.ok(Math.abs((result.values?.grad.b as number) - expected) < 1e-6, `${result.values?.grad.b} vs ${expected}`);
  });

  it('np.mean((X @ w - y)**2) on three rows: loss 22.9167 and ∂L/∂w = [-32.333, -41.333], worked by hand', () => {
    const result = derived('np.mean((X @ w - y)**2)', { at: { X, w: W, y: Y } as unknown as Record<string, Numeric> });
    // X w - y = [1.5 - 2, 0.5 - 2 ... ]: rows [0.5 - 2, 1.5 - 4, 2.5 - 6] - y = [-2.5, -4.5, -6.5]
    assert.ok(Math.abs((result.values?.loss as number) - (6.25 + 20.25 + 42.25) / 3) < 1e-12);
    // 2/3 Xᵀ r = 2/3 [-2.5 - 13.5 - 32.5, -5 - 18 - 39] = [-97/3, -124/3]
    assertClose(result.values?.grad.w, [-97 / 3, -124 / 3], '∂L/∂w');
    assert.equal(result.derivatives.w.source, '2*X.T @ (X @ w - y)/len(X)');
  });
});

describe('the formula for X @ w printed five ways', () => {
  const forms: [string, Syntax, string][] = [
    ['np.mean((X @ w - y)**2)', 'python', '2*X.T @ (X @ w - y)/len(X)'],
    ['((X @ w - y)**2).mean()', 'python', '2*X.T @ (X @ w - y)/len(X)'],
    ['mean((matmul(X, w) - y) ** 2)', 'js', '2*matmul(transpose(X), matmul(X, w) - y)/X.length'],
    ['mean((X @ w - y)^2)', 'math', '2*transpose(X) @ (X @ w - y)/len(X)'],
  ];
  for (const [loss, syntax, source] of forms) {
    it(`${syntax}: ${loss} -> ${source}, which parses back to the central differences`, () => {
      const result = derived(loss, { syntax, at: { w: W, y: Y }, matrices: { X } });
      assert.equal(result.derivatives.w.source, source);
      const expected = centralDifferences((w) => mean(matVec(X, w).map((z, i) => (z - Y[i]) ** 2)), W);
      assertClose(formulaValue(source, syntax, { X, w: W, y: Y }), expected, source);
    });
  }

  it('Unicode writes Xᵀ and the products by juxtaposition, LaTeX X^\\top in a fraction', () => {
    const result = derived('np.mean((X @ w - y)**2)', { at: { w: W, y: Y }, matrices: { X } });
    assert.equal(result.derivatives.w.unicode, '∂L/∂w = 2·Xᵀ(X w − y)/len(X)');
    assert.equal(
      result.derivatives.w.latex,
      '\\frac{\\partial L}{\\partial w} = \\frac{2 X^\\top \\left(X w - y\\right)}{\\operatorname{len}\\left(X\\right)}',
    );
  });

  it('np.dot(X, w) is a matrix product in math notation too: X w, not the inner product ⟨X, w⟩', () => {
    const result = derived('np.mean((np.dot(X, w) - y)**2)', { at: { w: W, y: Y }, matrices: { X } });
    assert.equal(result.derivatives.w.unicode, '∂L/∂w = 2·Xᵀ(X w − y)/len(X)');
  });
});

describe('which names are matrices', () => {
  it('an uppercase X in X @ w with no values is taken as a matrix, and the warning says so', () => {
    const result = derived('np.mean((X @ w - y)**2)', {});
    assert.equal(result.derivatives.w.source, '2*X.T @ (X @ w - y)/len(X)');
    assert.ok(
      result.warnings.includes(
        'X is taken to be a matrix (one row per sample), as an uppercase name multiplying the vector w: give it a value to check',
      ),
      result.warnings.join('\n'),
    );
    assert.equal(result.values, null);
  });

  it('a lowercase x with no value may be a matrix or a vector: no formula, as before', () => {
    const result = derived('np.mean((x @ w - y)**2)', {});
    assert.equal(result.derivatives.w.source, '');
    assert.ok(result.derivatives.w.unsupported);
  });

  it('a lowercase x whose rows are given is a matrix: 2xᵀ(xw - y)/len(x)', () => {
    const result = derived('np.mean((x @ w - y)**2)', { at: { w: W, y: Y }, matrices: { x: X } });
    assert.equal(result.derivatives.w.source, '2*x.T @ (x @ w - y)/len(x)');
  });

  it('a 1-D x makes x @ w an inner product (a number): ∂/∂w (x·w - 1)² = 2x(x·w - 1)', () => {
    const x = [1, 2, -0.5];
    const w = [0.5, -0.5, 2];
    const result = derived('(x @ w - 1.0)**2', { at: { x, w } });
    assert.equal(result.derivatives.w.source, '2*x*(x @ w - 1)');
    const expected = centralDifferences((v) => (sum(v.map((vi, i) => vi * x[i])) - 1) ** 2, w);
    assertClose(result.values?.grad.w, expected, '∂L/∂w');
    assertClose(formulaValue(result.derivatives.w.source, 'python', { x, w }), expected, result.derivatives.w.source);
  });

  it('a document with X = np.array([[...]]) and w = np.zeros(2): the formula, and its value at w = 0', () => {
    const file = [
      'import numpy as np',
      'X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])',
      'y = np.array([1.0, 2.0, 3.0])',
      'w = np.zeros(2)',
      'loss = np.mean((X @ w - y)**2)',
    ].join('\n');
    const loss = 'np.mean((X @ w - y)**2)';
    const result = derived(loss, { context: { text: file, languageId: 'python', offset: file.indexOf(loss) } });
    assert.deepEqual(result.parameters, ['w']);
    assert.equal(result.derivatives.w.source, '2*X.T @ (X @ w - y)/len(X)');
    assert.deepEqual(result.values?.at.w, [0, 0]);
    const expected = centralDifferences((w) => mean(matVec(X, w).map((z, i) => (z - Y[i]) ** 2)), [0, 0]);
    assertClose(result.values?.grad.w, expected, '∂L/∂w at w = 0');
    assert.ok(
      !result.warnings.some((m) => m.includes('taken to be a matrix') || m.includes('disagree')),
      result.warnings.join('\n'),
    );
  });
});

describe('transposes', () => {
  it('X.T, X.t(), X.transpose(), np.transpose(X) and torch.t(X) are one transpose', () => {
    for (const text of [
      'X.T',
      'X.t()',
      'X.transpose()',
      'np.transpose(X)',
      'torch.t(X)',
      'X.transpose(1, 0)',
      'torch.transpose(X, 0, 1)',
    ]) {
      const tree = parseExpression(text, 'python');
      assert.equal(tree.kind, 'transpose', text);
      assert.deepEqual(
        tree.kind === 'transpose' && tree.arg,
        { kind: 'name', name: 'X', span: { start: text.indexOf('X'), end: text.indexOf('X') + 1 } },
        text,
      );
    }
  });

  it("a vector's .T is the vector itself: it leaves the loss once its value says it is 1-D", () => {
    const result = derived('np.mean((w*x.T - y)**2)', { at: { w: 2, x: [1, 2], y: [1, 1] } });
    assert.equal(result.expression, 'np.mean((w*x - y)**2)');
  });

  it('evaluates as NumPy does: Xᵀ y sums the columns of X weighted by y', () => {
    const compiled = compileExpression('np.sum(X.T @ y)', { syntax: 'python' });
    assert.ok(compiled.ok);
    const value = compiled.value
      .evaluateTensor({ X: tensor(X, { dtype: 'float64' }), y: tensor(Y, { dtype: 'float64' }) })
      .item();
    assert.equal(value, 1 * 1 + 3 * 2 + 5 * 3 + (2 * 1 + 4 * 2 + 6 * 3));
  });

  it("axes other than a matrix's two are refused at their column; a bare t(x) is a user function", () => {
    const result = derive('np.sum(X.transpose(0, 2))', { syntax: 'python' });
    assert.ok(!result.ok);
    assert.match(result.error.message, /only the two axes of a matrix can be swapped/);
    assert.equal(result.error.column, 'np.sum(X.transpose(0, '.length - 2);
    const own = derive('t(x)*w', { syntax: 'python' });
    assert.ok(!own.ok && /unknown function t/.test(own.error.message));
  });
});

describe("outside the class: no formula, autograd's values still right", () => {
  const unsupported: [string, string, (w: number[]) => number][] = [
    [
      'w indexed as well',
      'np.mean((X @ w - y)**2) + w[0]**2',
      (w) => mean(matVec(X, w).map((z, i) => (z - Y[i]) ** 2)) + w[0] ** 2,
    ],
    [
      'w and X @ w in one reduction',
      'np.mean((X @ w - y)**2 * np.sum(w))',
      (w) => mean(matVec(X, w).map((z, i) => (z - Y[i]) ** 2 * sum(w))),
    ],
    [
      'a reduction nested in another',
      'np.mean((X @ w - np.mean(X @ w))**2)',
      (w) => {
        const z = matVec(X, w);
        return mean(z.map((v) => (v - mean(z)) ** 2));
      },
    ],
    [
      'w inside a sum inside the product',
      'np.mean((X @ (w + 1) - y)**2)',
      (w) =>
        mean(
          matVec(
            X,
            w.map((v) => v + 1),
          ).map((z, i) => (z - Y[i]) ** 2),
        ),
    ],
    ['X @ w reduced without an elementwise factor', 'np.mean(X @ w)', (w) => mean(matVec(X, w))],
  ];
  for (const [what, loss, f] of unsupported) {
    it(`${what}: ${loss}`, () => {
      const result = derived(loss, { wrt: ['w'], at: { w: W, y: Y }, matrices: { X } });
      assert.equal(result.derivatives.w.source, '');
      assert.ok(result.derivatives.w.unsupported);
      assertClose(result.values?.grad.w, centralDifferences(f, W), `autograd's ∂/∂w ${loss}`);
    });
  }
});

describe('check: a hand-written gradient through X', () => {
  const at = { w: W, y: Y };
  it('accepts X.T @ (X @ w - y) * 2 / len(y)', () => {
    const verdict = checkGradient('np.mean((X @ w - y)**2)', 'X.T @ (X @ w - y) * 2 / len(y)', { at, matrices: { X } });
    assert.ok(verdict.ok);
    assert.equal(verdict.value.kind, 'match');
  });

  it('finds X.T @ (X @ w - y) * 2 exactly n = 3 times too large, and says why', () => {
    const verdict = checkGradient('np.mean((X @ w - y)**2)', 'X.T @ (X @ w - y) * 2', { at, matrices: { X } });
    assert.ok(verdict.ok);
    assert.equal(verdict.value.kind, 'ratio');
    assert.ok(verdict.value.kind === 'ratio' && Math.abs(verdict.value.ratio - 3) < 1e-9);
    assert.match(verdict.value.message, /The data has 3 samples: did you sum where the loss takes the mean\?/);
    assert.match(verdict.value.message, /The derivative of the loss is 2\*X\.T @ \(X @ w - y\)\/len\(X\)\./);
  });

  it('with no values, on sample data of 4 rows: 4 times too large', () => {
    const verdict = checkGradient('np.mean((X @ w - y)**2)', 'X.T @ (X @ w - y) * 2', {});
    assert.ok(verdict.ok);
    assert.ok(verdict.value.kind === 'ratio' && Math.abs(verdict.value.ratio - 4) < 1e-9, verdict.value.message);
  });
});

describe('a matrix parameter', () => {
  it("X.mean(): 1/(rows·columns) at every element, not the scalar rule's sum of its elements (d mean(X)/dX is not 1)", () => {
    const result = derived('X.mean()', { matrices: { X } });
    assert.equal(result.derivatives.X.source, '1/(len(X)*len(X.T))');
    assert.deepEqual(
      result.values?.grad.X,
      X.map((row) => row.map(() => 1 / 6)),
    );
  });
});
