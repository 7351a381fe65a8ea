// Every op's gradient agrees with central finite differences (gradcheck), broadcasting included.
import assert from 'node:assert/strict';
import * as ag from '../../../src/autograd';
import { gradcheck, tensor, type Tensor } from '../../../src/autograd';

/** Deterministic values in [lo, hi), away from the kinks of abs, relu, clamp and maximum. */
function values(shape: number[], seed: number, lo = -2, hi = 2): Tensor {
  let state = seed;
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Float64Array.from({ length: n }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return lo + (state / 2147483648) * (hi - lo);
  });
  return tensor(data, { shape, dtype: 'float64', requiresGrad: true });
}

function assertGradients(fn: (...t: Tensor[]) => Tensor, inputs: Tensor[]): void {
  const result = gradcheck(fn, inputs);
  assert.ok(result.ok, `gradcheck failed: ${JSON.stringify(result.failures.slice(0, 3))}`);
}

describe('gradients match finite differences', () => {
  const binaryCases: [string, number[], number[]][] = [
    ['same shapes', [2, 3], [2, 3]],
    ['a scalar', [2, 3], []],
    ['a row vector', [2, 3], [3]],
    ['a column', [2, 3], [2, 1]],
    ['an outer broadcast', [3, 1], [1, 4]],
    ['a leading scalar', [], [4]],
  ];
  for (const [name, sa, sb] of binaryCases) {
    it(`add, sub, mul, div, maximum, minimum with ${name}: ${JSON.stringify(sa)} and ${JSON.stringify(sb)}`, () => {
      for (const op of ['add', 'sub', 'mul', 'maximum', 'minimum'] as const) {
        assertGradients((a, b) => a[op](b), [values(sa, 1), values(sb, 2)]);
      }
      assertGradients((a, b) => a.div(b), [values(sa, 3), values(sb, 4, 0.5, 2)]);
    });
  }

  it('pow with a number exponent (2, 3, 0.5, -1.5)', () => {
    for (const p of [2, 3, 0.5, -1.5]) assertGradients((a) => a.pow(p), [values([5], 5, 0.5, 2)]);
  });

  it('pow with a tensor exponent, differentiating base and exponent, broadcast', () => {
    assertGradients((a, b) => a.pow(b), [values([2, 3], 6, 0.5, 2), values([3], 7)]);
  });

  const unaryOps = ['neg', 'exp', 'sqrt', 'log', 'abs', 'relu', 'sigmoid', 'tanh', 'softplus', 'sin', 'cos'] as const;
  for (const op of unaryOps) {
    it(`${op}`, () => {
      const positive = op === 'sqrt' || op === 'log';
      assertGradients((a) => a[op](), [values([3, 4], 8, positive ? 0.3 : -2, 2)]);
    });
  }

  it('clamp with both bounds, and with one bound', () => {
    assertGradients((a) => a.clamp(-0.5, 0.7), [values([10], 9)]);
    assertGradients((a) => a.clamp(null, 0.3), [values([10], 10)]);
    assertGradients((a) => a.clamp(-0.3), [values([10], 11)]);
  });

  it('sum and mean over everything, one axis, several axes, negative axes, keepdims', () => {
    for (const reduce of ['sum', 'mean', 'logsumexp'] as const) {
      assertGradients((a) => a[reduce](), [values([2, 3, 4], 12)]);
      assertGradients((a) => a[reduce](1), [values([2, 3, 4], 13)]);
      assertGradients((a) => a[reduce]([0, 2], true), [values([2, 3, 4], 14)]);
      assertGradients((a) => a[reduce](-1), [values([2, 3, 4], 15)]);
    }
  });

  it('matmul: matrix-matrix, matrix-vector, vector-matrix', () => {
    assertGradients((a, b) => a.matmul(b), [values([3, 4], 16), values([4, 2], 17)]);
    assertGradients((a, b) => a.matmul(b), [values([3, 4], 18), values([4], 19)]);
    assertGradients((a, b) => a.matmul(b), [values([4], 20), values([4, 5], 21)]);
  });

  it('dot', () => {
    assertGradients((a, b) => a.dot(b), [values([5], 22), values([5], 23)]);
  });

  it('reshape (with -1) and transpose', () => {
    assertGradients((a) => a.reshape([3, -1]).mul(values([3, 4], 24)), [values([2, 6], 25)]);
    assertGradients((a) => a.transpose().mul(values([4, 3], 26)), [values([3, 4], 27)]);
    assertGradients((a) => a.transpose(0, 2).mul(values([4, 3, 2], 28)), [values([2, 3, 4], 29)]);
  });

  it('slice: rows of a vector and of a matrix, the rows left out get 0', () => {
    assertGradients((a) => a.slice(1).mul(values([4], 40)), [values([5], 41)]);
    assertGradients((a) => a.slice(null, -2).mul(values([1, 3], 42)), [values([3, 3], 43)]);
    const g = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    g.slice(1).pow(2).sum().backward();
    assert.deepEqual(Array.from(g.grad?.data ?? []), [0, 4, 6]); // d/dg sum(g[1:]²) = [0, 2g1, 2g2]
  });

  it('the fused losses, each reduction, and huber on both sides of delta', () => {
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      assertGradients((p, t) => ag.mseLoss(p, t, reduction), [values([6], 30), values([6], 31)]);
      assertGradients((p, t) => ag.l1Loss(p, t, reduction), [values([6], 32), values([6], 33)]);
      assertGradients((p, t) => ag.huberLoss(p, t, 0.8, reduction), [values([6], 34), values([6], 35)]);
    }
  });

  it('a composite: a linear model with bias under MSE, through the functional forms', () => {
    const X = values([5, 3], 36);
    X.requiresGrad = false;
    const y = values([5], 37);
    y.requiresGrad = false;
    assertGradients(
      (w, b) => ag.mean(ag.pow(ag.sub(ag.add(ag.matmul(X, w), b), y), 2)),
      [values([3], 38), values([], 39)],
    );
  });

  it('a tensor used twice gets the sum of both paths', () => {
    assertGradients((a) => a.mul(a).add(a.sin().mul(a)), [values([4], 40)]);
  });

  it('gradcheck itself reports a wrong rule with the failing element', () => {
    // A function whose gradient the engine cannot see (detach cuts it) must fail the check.
    const result = gradcheck((a) => a.mul(a.detach()), [values([3], 41)]);
    assert.equal(result.ok, false);
    assert.equal(result.failures.length, 3);
    assert.equal(result.failures[0].input, 0);
    assert.ok(Math.abs(result.failures[0].numerical - 2 * result.failures[0].analytical) < 1e-6);
  });
});
