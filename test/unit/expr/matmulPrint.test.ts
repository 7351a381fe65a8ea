import assert from 'node:assert/strict';
import { tensor } from '../../../src/autograd';
import { compileExpression, derive, type Syntax } from '../../../src/expr';
import { parseExpression } from '../../../src/expr/syntax/parse';
import { printLatex } from '../../../src/expr/print/latex';
import { printUnicode } from '../../../src/expr/print/unicode';

// x is a 2x2 matrix: x @ w is a matrix product, which np.dot happens to compute but torch.dot refuses
const X = [
  [1, 2],
  [3, 4],
];
const W = [0.5, -1];
const Y = [1, 2];
/** mean((X w - y)^2) by hand: X w = [0.5 - 2, 1.5 - 4] = [-1.5, -2.5]; minus y: [-2.5, -4.5]; squares 6.25, 20.25. */
const MSE_BY_HAND = (6.25 + 20.25) / 2;

function valueOnMatrix(text: string, syntax: Syntax): number {
  const compiled = compileExpression(text, { syntax });
  if (!compiled.ok) throw new Error(`"${text}" does not parse: ${compiled.error.message}`);
  const f64 = { dtype: 'float64' as const };
  return compiled.value.evaluateTensor({ x: tensor(X, f64), w: tensor(W, f64), y: tensor(Y, f64) }).item();
}

function echo(text: string): string {
  const result = derive(text, { wrt: ['w'] });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.expression;
}

describe('a product written with @ or matmul is printed the way it was written', () => {
  it('the echo of np.mean((x @ w - y)**2) keeps the @ operator', () => {
    assert.match(echo('np.mean((x @ w - y)**2)'), /\(x @ w - y\)\*\*2/);
  });

  it('PyTorch keeps @ rather than torch.dot, which takes only vectors', () => {
    const text = echo('torch.mean((x @ w - y)**2)');
    assert.match(text, /x @ w/);
    assert.doesNotMatch(text, /dot/);
  });

  it('matmul stays matmul and dot stays dot', () => {
    assert.match(echo('np.matmul(x, w).sum()'), /np\.matmul\(x, w\)/);
    assert.match(echo('np.dot(x, w)'), /^np\.dot\(x, w\)$/);
  });

  it('an operand that is a product keeps its parentheses: (2*x) @ w', () => {
    assert.equal(echo('(2*x) @ w'), '(2*x) @ w');
  });

  for (const [syntax, text] of [
    ['python', 'np.mean((x @ w - y)**2)'],
    ['python', 'torch.mean((x @ w - y)**2)'],
    ['python', '((2*x) @ w - y).sum()'],
    ['python', 'np.mean((np.matmul(x, w) - y)**2)'],
    ['js', 'mean((matmul(x, w) - y) ** 2)'],
    ['math', 'mean((x @ w - y)^2)'],
  ] as [Syntax, string][]) {
    it(`${syntax}: ${text} printed and parsed again has the same value with a 2x2 x`, () => {
      const scale = text.includes('2*x') ? null : MSE_BY_HAND;
      const original = valueOnMatrix(text, syntax);
      if (scale !== null) assert.equal(original, scale);
      assert.equal(valueOnMatrix(echo(text), syntax), original);
    });
  }

  it('Unicode and LaTeX write a matrix product by juxtaposition, as a textbook does', () => {
    const tree = parseExpression('np.mean((x @ w - y)**2)', 'python');
    assert.equal(printUnicode(tree), 'mean((x w − y)²)');
    assert.equal(printLatex(tree), '\\operatorname{mean}\\left(\\left(x w - y\\right)^{2}\\right)');
  });

  it('an inner product written np.dot stays ⟨a, b⟩ in Unicode', () => {
    assert.equal(printUnicode(parseExpression('np.dot(2*x, y)', 'python')), '⟨2·x, y⟩');
  });
});

describe('len() in Unicode and LaTeX', () => {
  it('prints len(p) as written, not an undefined n', () => {
    const result = derive('-mean(y*log(p))', { wrt: ['p'], at: { p: [0.2, 0.9], y: [0, 1] } });
    assert.ok(result.ok);
    assert.equal(result.value.derivatives.p.unicode, '∂L/∂p = −y/(p·len(p))');
    assert.match(result.value.derivatives.p.latex, /\\operatorname\{len\}\\left\(p\\right\)/);
  });
});

describe('names that are also JavaScript property names', () => {
  it('print as themselves in Unicode and LaTeX (constructor is not a Greek letter)', () => {
    const tree = parseExpression('constructor*x + toString', 'python');
    assert.equal(printUnicode(tree), 'constructor·x + toString');
    assert.equal(printLatex(tree), '\\mathrm{constructor} x + \\mathrm{toString}');
  });
});
