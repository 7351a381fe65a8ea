// Selections in real losses: np.where / torch.where, `a if c else b`, `c ? a : b`, == and !=. Each value and
// derivative is checked against the same formula written in plain JS beside it, differentiated by central
// differences; printed forms are pinned where they were written by hand.
import assert from 'node:assert/strict';
import { derive, type DeriveResult, type GradientValue } from '../../../src/expr';
import { evaluate } from '../../../src/expr/evaluate/numeric';
import { parseExpression } from '../../../src/expr/syntax/parse';
import { assertComponentsClose, centralDifferences, mean, sum } from './numeric';

const close = (actual: GradientValue | undefined, expected: number, what: string) =>
  assert.ok(
    typeof actual === 'number' && Math.abs(actual - expected) <= 1e-6 * (1 + Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );

function derived(text: string, options: Parameters<typeof derive>[1]): DeriveResult {
  const result = derive(text, options);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

describe('selections: np.where, torch.where, a if c else b, c ? a : b', () => {
  it('Huber written by hand with np.where, r = w*x - y read from the document: value, dL/dw and the printed derivative', () => {
    const text = [
      'import numpy as np',
      'x = np.array([0.5, 1.0, 2.0, 3.0])',
      'y = np.array([1.0, 0.2, 5.0, 2.9])',
      'd = 1.0',
      'r = w*x - y',
      'L = np.mean(np.where(np.abs(r) <= d, 0.5*r**2, d*(np.abs(r) - 0.5*d)))',
    ].join('\n');
    const x = [0.5, 1.0, 2.0, 3.0];
    const y = [1.0, 0.2, 5.0, 2.9];
    // at w = 1.5 the residuals are [-0.25, 1.3, -2, 1.6]: both branches are taken
    const huber = (w: number) =>
      mean(
        x.map((xi, i) => {
          const r = w * xi - y[i];
          return Math.abs(r) <= 1 ? 0.5 * r * r : Math.abs(r) - 0.5;
        }),
      );
    const result = derived('np.mean(np.where(np.abs(r) <= d, 0.5*r**2, d*(np.abs(r) - 0.5*d)))', {
      context: { text, languageId: 'python', offset: text.indexOf('np.mean') },
      wrt: ['w'],
      at: { w: 1.5 },
    });
    close(result.values?.loss, huber(1.5), 'loss');
    close(result.values?.grad.w, centralDifferences(([w]) => huber(w), [1.5])[0], 'dL/dw');
    assert.equal(
      result.derivatives.w.source,
      'np.mean(np.where(np.abs(w*x - y) <= d, x*(w*x - y), d*x*np.sign(w*x - y)))',
    );
    assert.deepEqual(result.warnings, []);
  });

  it('np.where(x*w > 0, np.log(x*w), 0) over x with -1 and 0: value and gradient finite and right, no warning', () => {
    const x = [-1, 0, 2, 3];
    const loss = (w: number) => sum(x.map((xi) => (xi * w > 0 ? Math.log(xi * w) : 0)));
    const result = derived('np.sum(np.where(x*w > 0, np.log(x*w), 0))', { wrt: ['w'], at: { x, w: 1.5 } });
    close(result.values?.loss, loss(1.5), 'loss');
    close(result.values?.grad.w, centralDifferences(([w]) => loss(w), [1.5])[0], 'dL/dw');
    // the log of -1.5 and of 0 is computed and dropped: not a warning about this loss
    assert.deepEqual(result.warnings, []);
  });

  it('np.where(p > 0, np.log(p), 0) for a vector p = [-1, 0, 2]: the gradient [0, 0, 1/2], no NaN from log(0)', () => {
    const at = [-1, 0, 2];
    const loss = (p: number[]) => sum(p.map((v) => (v > 0 ? Math.log(v) : 0)));
    const result = derived('np.sum(np.where(p > 0, np.log(p), 0))', { wrt: ['p'], at: { p: at } });
    close(result.values?.loss, loss(at), 'loss');
    // central differences at p = 0 would step into log(1e-6): the one-sided slope at the tie is the false branch's, 0
    assertComponentsClose(result.values?.grad.p, [0, 0, centralDifferences(loss, at)[2]], 'dL/dp');
  });

  it('JS `d > 0 ? d*d : -d`: both branches, derivative and printed form', () => {
    const loss = (d: number) => (d > 0 ? d * d : -d);
    for (const d of [-2, 3]) {
      const result = derived('d > 0 ? d*d : -d', { wrt: ['d'], at: { d }, syntax: 'js' });
      close(result.values?.loss, loss(d), `loss at ${d}`);
      close(result.values?.grad.d, centralDifferences(([v]) => loss(v), [d])[0], `dl/dd at ${d}`);
    }
  });

  it('Python `a*a if a > 0 else -a`, its derivative printed by hand: 2*a if a > 0 else -1', () => {
    const result = derived('a*a if a > 0 else -a', { wrt: ['a'], at: { a: 0.75 } });
    assert.equal(result.derivatives.a.source, '2*a if a > 0 else -1');
    assert.equal(result.derivatives.a.unicode, '∂L/∂a = {2·a if a > 0; −1 otherwise}');
    assert.equal(
      result.derivatives.a.latex,
      '\\frac{\\partial L}{\\partial a} = \\begin{cases} 2 a & \\text{if } a > 0 \\\\ -1 & \\text{otherwise} \\end{cases}',
    );
    close(result.values?.grad.a, 1.5, 'dl/da at 0.75');
  });

  it('torch.where(y == 1, -torch.log(p), -torch.log(1 - p)) averaged over labels: binary cross-entropy by hand', () => {
    const y = [1, 0, 1, 0, 0];
    const bce = (p: number) => mean(y.map((t) => (t === 1 ? -Math.log(p) : -Math.log(1 - p))));
    const result = derived('torch.mean(torch.where(y == 1, -torch.log(p), -torch.log(1 - p)))', {
      wrt: ['p'],
      at: { y, p: 0.3 },
    });
    close(result.values?.loss, bce(0.3), 'loss');
    close(result.values?.grad.p, centralDifferences(([p]) => bce(p), [0.3])[0], 'dL/dp');
    assert.match(result.derivatives.p.source, /^torch\.mean\(torch\.where\(y == 1, /);
  });

  it('!= and == compare floats exactly: 0.1 + 0.2 != 0.3 holds, 0.3 != 0.3 does not', () => {
    const x = [0.1 + 0.2, 0.3, 0.5];
    const differs = (w: number) => sum(x.map((v) => (v !== 0.3 ? w * v : 0)));
    const result = derived('np.sum(np.where(x != 0.3, w*x, 0))', { wrt: ['w'], at: { x, w: 2 } });
    close(result.values?.loss, differs(2), 'loss with !=');
    close(result.values?.grad.w, centralDifferences(([w]) => differs(w), [2])[0], 'dL/dw with !=');
    // a bare == is a 0/1 mask: mean((x == 0.3)*w*x) counts only the exact 0.3
    const equals = (w: number) => mean(x.map((v) => (v === 0.3 ? 1 : 0) * w * v));
    const masked = derived('np.mean((x == 0.3)*w*x)', { wrt: ['w'], at: { x, w: 2 } });
    close(masked.values?.loss, equals(2), 'loss with ==');
    close(masked.values?.grad.w, centralDifferences(([w]) => equals(w), [2])[0], 'dL/dw with ==');
    assert.equal(masked.derivatives.w.source, 'np.mean(x*(x == 0.3))');
  });

  it('a tie counts as true for >= and <= (and for ==): where(w >= 1, 2*w, 0) is 2 at w = 1', () => {
    close(derived('np.where(w >= 1, 2*w, 0)', { wrt: ['w'], at: { w: 1 } }).values?.loss, 2, '>= at the tie');
    close(derived('np.where(w <= 1, 2*w, 0)', { wrt: ['w'], at: { w: 1 } }).values?.loss, 2, '<= at the tie');
    close(derived('np.where(w > 1, 2*w, 0)', { wrt: ['w'], at: { w: 1 } }).values?.loss, 0, '> at the tie');
  });

  it('evaluates in emulated float32: the branches and the comparison see float32 values', () => {
    const tree = parseExpression('np.where(x > 0.1, x*3, x - 1)', 'python');
    const f = Math.fround;
    // fround(0.1) > fround(0.1) is false: the first element takes x - 1
    const expected = [0.1, 0.2].map((v) => (f(v) > f(0.1) ? f(f(v) * f(3)) : f(f(v) - f(1))));
    assert.deepEqual(evaluate(tree, { x: [0.1, 0.2] }, { float32: true }), expected);
  });

  it('refuses one-argument np.where (it gives indices, not values) at its position', () => {
    const result = derive('1 + np.where(x > 0)', { wrt: ['x'] });
    assert.ok(!result.ok);
    assert.deepEqual(result.error, {
      message:
        'np.where(condition) with one argument gives the indices where the condition holds, not a value: write np.where(condition, a, b)',
      column: 5,
      span: { start: 4, end: 19 },
    });
  });

  it("refuses JS's ternary in Python at its ?, saying how Python writes it", () => {
    const result = derive('w*(x > 0 ? x : 0)', { wrt: ['w'], syntax: 'python' });
    assert.ok(!result.ok);
    assert.deepEqual(result.error, {
      message: "'?': c ? a : b is JavaScript's conditional; in Python write a if c else b",
      column: 10,
    });
  });

  it('np.where(p > 0, p*np.log(p), 0) and 1/p at p = 0: autograd gives 0 there, as the formula does, not NaN', () => {
    const p = [0, 0.5, 2];
    const entropyLike = derived('np.sum(np.where(p > 0, p*np.log(p), 0))', { wrt: ['p'], at: { p } });
    // d(p log p) = log p + 1 where p > 0, 0 elsewhere
    assertComponentsClose(entropyLike.values?.grad.p, [0, Math.log(0.5) + 1, Math.log(2) + 1], 'p log p');
    const reciprocal = derived('np.sum(np.where(p > 0, 1/p, 0))', { wrt: ['p'], at: { p } });
    assertComponentsClose(reciprocal.values?.grad.p, [0, -1 / 0.25, -1 / 4], '1/p'); // -1/p²
    for (const r of [entropyLike, reciprocal])
      assert.ok(!r.warnings.some((w) => w.includes('disagree')), r.warnings.join('\n'));
  });
});
