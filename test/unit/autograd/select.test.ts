// where(condition, a, b) and the comparisons that make its conditions: values checked by hand, gradients
// against central differences (gradcheck), and the untaken branch's NaN kept out of the gradient.
import assert from 'node:assert/strict';
import { AutogradError, compare, gradcheck, tensor, where, type Tensor } from '../../../src/autograd';

const f64 = (values: number[] | number[][], requiresGrad = false) => tensor(values, { dtype: 'float64', requiresGrad });
/** A gradient's numbers; -0 (0 times a negative slope) is written 0, the same gradient. */
const gradOf = (t: Tensor) => Array.from(t.grad?.data ?? [], (v) => v + 0);

describe('where(condition, a, b)', () => {
  it('takes a where the condition is nonzero and b elsewhere, broadcasting all three', () => {
    // condition [[1], [0]] (a column), a a row [10, 20, 30], b the number -1
    const picked = where(f64([[1], [0]]), f64([10, 20, 30]), -1);
    assert.deepEqual(picked.shape, [2, 3]);
    assert.deepEqual(picked.toArray(), [
      [10, 20, 30],
      [-1, -1, -1],
    ]);
    // any nonzero value is true, as NumPy reads a float mask
    assert.deepEqual(where(f64([0.5, 0, -2]), 1, f64([7, 8, 9])).toArray(), [1, 8, 1]);
  });

  it('keeps float32 branches in float32', () => {
    const picked = where(f64([1, 0]), tensor([0.1, 0.2]), tensor([0.3, 0.4]));
    assert.equal(picked.dtype, 'float32');
    assert.deepEqual(Array.from(picked.data), [Math.fround(0.1), Math.fround(0.4)]);
  });

  it('sends the gradient to the taken branch and 0 to the other: where(c, a, b) against central differences', () => {
    const condition = f64([
      [1, 0, 1],
      [0, 0, 1],
    ]);
    const check = (a: Tensor, b: Tensor) => {
      const result = gradcheck((x, y) => where(condition, x.mul(x), y.sin()), [a, b]);
      assert.ok(result.ok, JSON.stringify(result.failures.slice(0, 3)));
    };
    check(
      f64(
        [
          [0.3, -1.2, 0.7],
          [2, 0.4, -0.5],
        ],
        true,
      ),
      f64(
        [
          [1.1, -0.2, 0.9],
          [0.6, -1.4, 0.25],
        ],
        true,
      ),
    );
    // b a row broadcast over the rows: its gradient sums the rows where b was taken
    check(
      f64(
        [
          [0.3, -1.2, 0.7],
          [2, 0.4, -0.5],
        ],
        true,
      ),
      f64([0.8, -0.6, 1.3], true),
    );
  });

  it('where(x > 0, log(x), 0) at x = [-1, 2]: value [0, ln 2], gradient [0, 1/2], no NaN from log(-1)', () => {
    const x = f64([-1, 2], true);
    const y = where(compare('gt', x, 0), x.log(), 0);
    assert.deepEqual(y.toArray(), [0, Math.log(2)]);
    y.sum().backward();
    assert.deepEqual(gradOf(x), [0, 0.5]);
  });

  it('where(x > 0, log(x), 0) at x = 0: log(0) = -inf and its slope 1/0 do not reach the gradient', () => {
    const x = f64([0, 4], true);
    const y = where(compare('gt', x, 0), x.log(), 0);
    assert.deepEqual(y.toArray(), [0, Math.log(4)]);
    y.sum().backward();
    assert.deepEqual(gradOf(x), [0, 0.25]);
  });

  it('at x = 0 in the untaken branch, x*log(x), 1/x, x**-1, x**0.5 and x**x send 0 back, not 0·∞ = NaN', () => {
    // the taken element x = 2 gets the branch's derivative, by hand: log 2 + 1, -1/4, -1/4, 0.5/sqrt 2, 4(log 2 + 1)
    const cases: [string, (x: Tensor) => Tensor, number][] = [
      ['x*log(x)', (x) => x.mul(x.log()), Math.log(2) + 1],
      ['1/x', (x) => tensor(1, { dtype: 'float64' }).div(x), -0.25],
      ['x**-1', (x) => x.pow(-1), -0.25],
      ['x**0.5', (x) => x.pow(0.5), 0.5 / Math.sqrt(2)],
      ['x**x', (x) => x.pow(x), 4 * (Math.log(2) + 1)],
    ];
    for (const [text, branch, slope] of cases) {
      const x = f64([0, 2], true);
      where(compare('gt', x, 0), branch(x), 0)
        .sum()
        .backward();
      const [atZero, atTwo] = gradOf(x);
      assert.equal(atZero, 0, `${text}: the untaken branch at 0`);
      assert.ok(Math.abs(atTwo - slope) < 1e-12, `${text}: ${atTwo} vs ${slope}`);
    }
  });

  it('a gradient that does arrive keeps its infinity: d(x*log(x)) = log(x) + 1 and d(1/x) = -1/x² are -∞ at 0', () => {
    const x = f64([0], true);
    x.mul(x.log()).sum().backward();
    assert.equal(gradOf(x)[0], -Infinity);
    const y = f64([0], true);
    tensor(1, { dtype: 'float64' }).div(y).sum().backward();
    assert.equal(gradOf(y)[0], -Infinity);
  });

  it('gives the condition no gradient: it is data, as PyTorch bool tensors are', () => {
    const x = f64([1, -3], true);
    const y = where(compare('ge', x, 0), x, x.mul(-2));
    y.sum().backward();
    // d/dx: 1 where x >= 0, -2 elsewhere
    assert.deepEqual(gradOf(x), [1, -2]);
  });

  it('refuses shapes that do not broadcast, naming where and both shapes', () => {
    assert.throws(
      () => where(f64([1, 0, 1]), f64([1, 2]), 0),
      (e: Error) => e instanceof AutogradError && e.message.startsWith('where: shapes [3] and [2] cannot be broadcast'),
    );
  });
});

describe('comparisons (0/1 tensors, outside the graph)', () => {
  it('gt, ge, lt, le: a tie is true for ge and le only', () => {
    const x = f64([1, 2, 3]);
    assert.deepEqual(compare('gt', x, 2).toArray(), [0, 0, 1]);
    assert.deepEqual(compare('ge', x, 2).toArray(), [0, 1, 1]);
    assert.deepEqual(compare('lt', x, 2).toArray(), [1, 0, 0]);
    assert.deepEqual(compare('le', x, 2).toArray(), [1, 1, 0]);
  });

  it('eq and ne compare floats exactly: 0.1 + 0.2 is not 0.3 in float64', () => {
    const sums = f64([0.1 + 0.2, 0.5 + 0.25]);
    const targets = f64([0.3, 0.75]);
    assert.deepEqual(compare('eq', sums, targets).toArray(), [0, 1]);
    assert.deepEqual(compare('ne', sums, targets).toArray(), [1, 0]);
    assert.equal(compare('eq', f64([1, 2]).mul(f64([1, 2], true)), 1).requiresGrad, false);
  });
});
