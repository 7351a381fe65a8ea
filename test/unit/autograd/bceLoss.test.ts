// bceWithLogitsLoss(z, y): the binary cross-entropy of logits as one op (torch's
// binary_cross_entropy_with_logits), its value against the closed form ln(1 + e^z) - y z, its gradient
// against central differences and against sigmoid(z) - y, and its fused pass over a deferred X w + b
// against the same loss of the materialized logits, bit for bit.
// bceLoss(p, y): the binary cross-entropy of probabilities (torch's BCELoss) against PyTorch's own output
// (test/fixtures/torch/bce_probabilities.py) and central differences.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bceLoss, bceWithLogitsLoss, tensor, type DType, type Tensor } from '../../../src/autograd';

function values(count: number, seed: number, scale: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return ((state / 4294967296) * 2 - 1) * scale;
  });
}

/** A float64 tensor (tensor() of a plain array is float32, as in PyTorch). */
const f64 = (v: number[] | number, requiresGrad = false) => tensor(v, { dtype: 'float64', requiresGrad });
const labels = (count: number, seed: number) => values(count, seed, 1).map((v) => (v > 0 ? 1 : 0));
const closeTo = (actual: number, expected: number, relative: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) <= relative * Math.max(Math.abs(expected), 1e-300),
    `${what}: ${actual} vs ${expected}`,
  );

describe('bceWithLogitsLoss', () => {
  it('is the mean of ln(1 + e^z) - y z, and of the sum for reduction sum', () => {
    const z = values(200, 1, 6);
    const y = labels(200, 2);
    const terms = z.map((v, i) => Math.log1p(Math.exp(v)) - y[i] * v); // e^z stays far from overflow here
    const sum = terms.reduce((a, b) => a + b, 0);
    closeTo(bceWithLogitsLoss(f64(z), f64(y)).item(), sum / 200, 1e-13, 'mean');
    closeTo(bceWithLogitsLoss(f64(z), f64(y), 'sum').item(), sum, 1e-13, 'sum');
    const each = bceWithLogitsLoss(f64(z), f64(y), 'none');
    assert.deepEqual(each.shape, [200]);
    // the closed form cancels (ln(1 + e^z) - z for y = 1, z > 0): its error is relative to |z|, not to the term
    Array.from(each.data).forEach((v, i) =>
      assert.ok(Math.abs(v - terms[i]) <= 1e-14 * (1 + Math.abs(z[i])), `term ${i}: ${v} vs ${terms[i]}`),
    );
  });

  it('stays finite for logits far out, where e^z overflows: 1000 for z = 1000 and the label 0', () => {
    const loss = bceWithLogitsLoss(f64([1000, -1000, 1000, -1000]), f64([0, 1, 1, 0]), 'none');
    assert.deepEqual(Array.from(loss.data), [1000, 1000, 0, 0]);
  });

  it('has the gradient (sigmoid(z) - y)/n, and -z/n for the labels, matching central differences', () => {
    const zs = values(40, 3, 4);
    const ys = values(40, 4, 0.5).map((v) => v + 0.5); // probabilities as targets: y needs a gradient too
    const z = f64(zs, true);
    const y = f64(ys, true);
    bceWithLogitsLoss(z, y).backward();
    const f = (a: number[], b: number[]) => bceWithLogitsLoss(f64(a), f64(b)).item();
    const h = 1e-6;
    zs.forEach((v, i) => {
      closeTo(z.grad!.data[i], (1 / (1 + Math.exp(-v)) - ys[i]) / 40, 1e-13, `dz[${i}] closed form`);
      const up = zs.map((w, j) => (j === i ? w + h : w));
      const down = zs.map((w, j) => (j === i ? w - h : w));
      assert.ok(Math.abs(z.grad!.data[i] - (f(up, ys) - f(down, ys)) / (2 * h)) < 1e-8, `dz[${i}] differences`);
      closeTo(y.grad!.data[i], -v / 40, 1e-15, `dy[${i}]`);
    });
  });

  it('scales its gradient by a seed, element by element for reduction none', () => {
    const zs = [-2, 0.5, 3];
    const z = f64(zs, true);
    bceWithLogitsLoss(z, f64([1, 0, 1]), 'none').backward(f64([1, 2, 3]));
    const expected = [1 / (1 + Math.exp(2)) - 1, 2 / (1 + Math.exp(-0.5)), 3 * (1 / (1 + Math.exp(-3)) - 1)];
    Array.from(z.grad!.data).forEach((v, i) => closeTo(v, expected[i], 1e-15, `dz[${i}]`));
  });

  it('refuses logits and labels of different shapes, saying both', () => {
    assert.throws(
      () => bceWithLogitsLoss(tensor([1, 2, 3]), tensor([[1, 0, 1]])),
      /logits have shape \[3\] but labels have shape \[1, 3\]/,
    );
  });

  for (const dtype of ['float64', 'float32'] as DType[]) {
    for (const k of [1, 16]) {
      it(`over X w + b (1027 x ${k}, ${dtype}) gives the loss and gradients of the materialized logits, bit for bit`, () => {
        const m = 1027; // over the deferral threshold, and not a multiple of 4
        const X = tensor(values(m * k, 5, 2), { shape: [m, k], dtype });
        const y = tensor(labels(m, 6), { dtype });
        const run = (materialize: boolean) => {
          const w = tensor(values(k, 7, 0.5), { dtype, requiresGrad: true });
          const b = tensor(0.1, { dtype, requiresGrad: true });
          const z: Tensor = X.matmul(w).add(b);
          if (materialize) void z.data; // the eager values: the loss then takes its plain path
          assert.equal(z.affine === null, materialize, 'the fused run sees the deferred product');
          const loss = bceWithLogitsLoss(z, y);
          loss.backward();
          return { loss: loss.item(), w: Array.from(w.grad!.data), b: b.grad!.item() };
        };
        const fused = run(false);
        const eager = run(true);
        assert.ok(Object.is(fused.loss, eager.loss), `loss ${fused.loss} vs ${eager.loss}`);
        assert.deepEqual(fused.w, eager.w);
        assert.ok(Object.is(fused.b, eager.b), `b ${fused.b} vs ${eager.b}`);
      });
    }
  }

  it('agrees with softplus(z) - y z composed from ops, value and gradient (to 1e-15 of 1/n), in float64', () => {
    const zs = values(3000, 8, 10);
    const ys = labels(3000, 9);
    const z1 = f64(zs, true);
    const z2 = f64(zs, true);
    const y = f64(ys);
    const fused = bceWithLogitsLoss(z1, y);
    const composed = z2.softplus().sub(y.mul(z2)).mean();
    fused.backward();
    composed.backward();
    closeTo(fused.item(), composed.item(), 1e-14, 'loss');
    zs.forEach((_, i) => assert.ok(Math.abs(z1.grad!.data[i] - z2.grad!.data[i]) < 1e-15 / 3000, `dz[${i}]`));
  });
});

interface TorchBce {
  p: number[];
  y: number[];
  terms: number[];
  grad: number[];
  mean: number;
}
const torchBce = JSON.parse(
  readFileSync(path.join(__dirname, '../../fixtures/torch/bce_probabilities.json'), 'utf8'),
) as { cases: Record<'float64' | 'float32', TorchBce> };

describe('bceLoss (of probabilities)', () => {
  for (const [dtype, relative] of [
    ['float64', 1e-15],
    ['float32', 1e-6],
  ] as const) {
    it(`gives PyTorch's BCELoss terms, mean and gradient in ${dtype}, saturated probabilities included (a log of 0 costs 100)`, () => {
      const c = torchBce.cases[dtype];
      const p = tensor(c.p, { dtype, requiresGrad: true });
      const y = tensor(c.y, { dtype });
      const terms = bceLoss(p, y, 'none');
      Array.from(terms.data).forEach((v, i) => closeTo(v, c.terms[i], relative, `term ${i} (p = ${c.p[i]})`));
      closeTo(bceLoss(p, y).item(), c.mean, relative, 'mean');
      bceLoss(p, y, 'sum').backward();
      Array.from(p.grad!.data).forEach((v, i) => closeTo(v, c.grad[i], relative, `grad ${i} (p = ${c.p[i]})`));
    });
  }

  it('matches central differences inside (0, 1), for the probabilities and the labels', () => {
    const ps = values(30, 11, 0.45).map((v) => v + 0.5);
    const ys = values(30, 12, 0.5).map((v) => v + 0.5);
    const p = f64(ps, true);
    const y = f64(ys, true);
    bceLoss(p, y).backward();
    const f = (a: number[], b: number[]) => bceLoss(f64(a), f64(b)).item();
    const h = 1e-6;
    const nudge = (v: number[], i: number, by: number) => v.map((w, j) => (j === i ? w + by : w));
    ps.forEach((_, i) => {
      const dp = (f(nudge(ps, i, h), ys) - f(nudge(ps, i, -h), ys)) / (2 * h);
      const dy = (f(ps, nudge(ys, i, h)) - f(ps, nudge(ys, i, -h))) / (2 * h);
      assert.ok(Math.abs(p.grad!.data[i] - dp) < 1e-8, `dp[${i}]`);
      assert.ok(Math.abs(y.grad!.data[i] - dy) < 1e-8, `dy[${i}]`);
    });
  });

  it('gives NaN, not a clamped number, for a value outside [0, 1] or NaN (PyTorch raises)', () => {
    for (const bad of [1.25, 1 + 2 ** -52, -1e-300, NaN]) {
      const p = f64([0.5, bad], true);
      const loss = bceLoss(p, f64([1, 0]));
      assert.ok(Number.isNaN(loss.item()), `p = ${bad}`);
      loss.backward();
      assert.ok(Number.isNaN(p.grad!.data[1]), `gradient at p = ${bad}`);
    }
  });
});
