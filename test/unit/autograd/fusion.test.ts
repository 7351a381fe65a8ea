// The fused linear-regression path (fusion.ts) computes what the eager ops would, bit for bit, and keeps
// eager semantics when tensors are updated in place. Sizes are above DEFER_MIN_ROWS so fusion engages.
import assert from 'node:assert/strict';
import { mseLoss, noGrad, SGD, tensor, zeros, type DType } from '../../../src/autograd';

const n = 2000;
const d = 3;

function data(dtype: DType) {
  const x = Float64Array.from({ length: n * d }, (_, i) => Math.sin(i * 0.37) * 2);
  const y = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.11) + 0.5);
  return {
    X: tensor(x, { shape: [n, d], dtype }),
    y: tensor(y, { dtype }),
    x: dtype === 'float32' ? Float64Array.from(Float32Array.from(x)) : x,
    yv: dtype === 'float32' ? Float64Array.from(Float32Array.from(y)) : y,
  };
}

/**
 * Row i of X w + b in float32: the dot product summed in float64 (a product of two float32 values is exact
 * there) and rounded once, then the bias added as its own float32 addition.
 */
function rowByHand(x: Float64Array, w: number[], b: number, i: number): number {
  let acc = 0;
  for (let k = 0; k < d; k++) acc += x[i * d + k] * Math.fround(w[k]);
  return Math.fround(Math.fround(acc) + Math.fround(b));
}

describe('the fused X.matmul(w).add(b) -> mseLoss path', () => {
  it('gives the float32 values of the eager ops, row by row', () => {
    const { X, x } = data('float32');
    const w = tensor([0.3, -1.2, 2.5]);
    const pred = X.matmul(w).add(tensor(0.7));
    for (const i of [0, 1, 2, 3, 4, 999, 1998, 1999])
      assert.equal(pred.data[i], rowByHand(x, [0.3, -1.2, 2.5], 0.7, i), `row ${i}`);
  });

  it('gives the same loss as mseLoss of the same predictions stored in a tensor, bit for bit', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const { X, y } = data(dtype);
      const w = tensor([0.3, -1.2, 2.5], { dtype, requiresGrad: true });
      const fused = mseLoss(X.matmul(w).add(0.7), y).item();
      const stored = noGrad(() => tensor(X.matmul(w).add(0.7).data.slice(), { dtype }));
      assert.equal(fused, mseLoss(stored, y).item(), dtype);
    }
  });

  it('trains exactly like the textbook float64 gradient descent for three steps', () => {
    const { X, y, x, yv } = data('float64');
    const w = zeros([d], { dtype: 'float64', requiresGrad: true });
    const b = zeros([], { dtype: 'float64', requiresGrad: true });
    const opt = new SGD([w, b], { lr: 0.1 });
    const wHand = [0, 0, 0];
    let bHand = 0;
    for (let step = 0; step < 3; step++) {
      const loss = mseLoss(X.matmul(w).add(b), y);
      loss.backward();
      opt.step();
      opt.zeroGrad();
      // by hand: p = X w + b, L = mean((p - y)^2), dL/dw = (2/n) X^T (p - y), dL/db = (2/n) sum(p - y)
      const gw = [0, 0, 0];
      let gb = 0;
      let lossHand = 0;
      for (let i = 0; i < n; i++) {
        let p = bHand;
        for (let k = 0; k < d; k++) p += x[i * d + k] * wHand[k];
        const r = p - yv[i];
        lossHand += r * r;
        gb += (2 / n) * r;
        for (let k = 0; k < d; k++) gw[k] += (2 / n) * r * x[i * d + k];
      }
      assert.ok(Math.abs(loss.item() - lossHand / n) < 1e-12 * lossHand, `loss at step ${step}`);
      for (let k = 0; k < d; k++) wHand[k] -= 0.1 * gw[k];
      bHand -= 0.1 * gb;
      [...w.data].forEach((v, k) =>
        assert.ok(Math.abs(v - wHand[k]) < 1e-12, `w[${k}] at step ${step}: ${v} vs ${wHand[k]}`),
      );
      assert.ok(Math.abs(b.item() - bHand) < 1e-12, `b at step ${step}`);
    }
  });

  it('gives bit for bit the loss and gradients of the unfused ops (w as a [d, 1] matrix is not fused), odd row counts included', () => {
    const cases = [
      ['float32', 1, 2000],
      ['float32', 3, 2003],
      ['float32', 17, 1030],
      ['float32', 16, 1026],
      ['float64', 1, 2003],
      ['float64', 3, 2000],
      ['float64', 17, 1029],
    ] as const;
    for (const [dtype, features, rows] of cases) {
      const X = tensor(
        Float64Array.from({ length: rows * features }, (_, i) => Math.sin(i * 0.37) * 2),
        { shape: [rows, features], dtype },
      );
      const y = tensor(
        Float64Array.from({ length: rows }, (_, i) => Math.cos(i * 0.11)),
        { dtype },
      );
      const run = (fused: boolean, withBias: boolean) => {
        const w = tensor(
          Float64Array.from({ length: features }, (_, k) => 0.5 - k),
          { dtype, requiresGrad: true },
        );
        const b = tensor(0.25, { dtype, requiresGrad: true });
        const product = fused ? X.matmul(w) : X.matmul(w.reshape([features, 1])).reshape([-1]);
        const loss = mseLoss(withBias ? product.add(b) : product, y);
        loss.backward();
        return [loss.item(), b.grad?.item(), ...(w.grad?.data ?? [])];
      };
      assert.deepEqual(run(true, true), run(false, true), `${dtype}, ${rows} x ${features}, with a bias`);
      assert.deepEqual(run(true, false), run(false, false), `${dtype}, ${rows} x ${features}, without a bias`);
    }
  });

  it('keeps the values it was computed from when X or w change in place afterwards', () => {
    const { X, x } = data('float32');
    const w = tensor([1, 2, 3]);
    const product = X.matmul(w);
    noGrad(() => {
      X.mul_(0);
      w.copy_(tensor([9, 9, 9]));
    });
    assert.equal(product.data[5], rowByHand(x, [1, 2, 3], -0, 5));
    assert.equal(X.matmul(w).data[5], 0);
  });

  it('recovers the gradient through a second backward with retainGraph', () => {
    const { X, y } = data('float64');
    const w = tensor([0.1, 0.2, 0.3], { dtype: 'float64', requiresGrad: true });
    const loss = mseLoss(X.matmul(w), y);
    loss.backward(undefined, { retainGraph: true });
    const gradOf = () => [...(w.grad?.data ?? [])];
    const first = gradOf();
    w.grad = null;
    loss.backward();
    assert.deepEqual(gradOf(), first);
  });
});
