// The tutorial's PyTorch half, written with our engine, prints the table PyTorch printed
// (test/fixtures/notebook.ts).
import assert from 'node:assert/strict';
import { mseLoss, noGrad, SGD, tensor, zeros } from '../../../src/autograd';
import { PYTORCH_TABLE } from '../../fixtures/notebook';

const expectedTable = PYTORCH_TABLE.join('\n');

describe('the tutorial (PyTorch half) on our engine', () => {
  it('reproduces the PyTorch float32 table byte for byte', () => {
    const x = tensor([1, 2, 3, 4]);
    const y = tensor([2, 4, 6, 8]);
    const w = tensor(0, { requiresGrad: true });
    const forward = (input: number | typeof x) => w.mul(input);
    const lines = [`Prediction before training: f(5) = ${forward(5).item().toFixed(3)}`];
    for (let epoch = 0; epoch < 100; epoch++) {
      const l = forward(x).sub(y).pow(2).mean();
      l.backward();
      const grad = w.grad;
      assert.ok(grad);
      noGrad(() => w.sub_(grad.mul(0.01)));
      w.grad = null;
      if (epoch % 10 === 0) lines.push(`epoch ${epoch}: w = ${w.item().toFixed(3)}, loss = ${l.item().toFixed(8)}`);
    }
    lines.push(`Prediction after training: f(5) = ${forward(5).item().toFixed(3)}`);
    assert.equal(lines.join('\n'), expectedTable);
  });

  it('reproduces it too as a linear model: X [4, 1] matmul w [1], the fused mseLoss and SGD', () => {
    const X = tensor([[1], [2], [3], [4]]);
    const y = tensor([2, 4, 6, 8]);
    const w = zeros([1], { requiresGrad: true });
    const opt = new SGD([w], { lr: 0.01 });
    const predict = (x: number) =>
      noGrad(() => tensor([[x]]).matmul(w))
        .item()
        .toFixed(3);
    const lines = [`Prediction before training: f(5) = ${predict(5)}`];
    for (let epoch = 0; epoch < 100; epoch++) {
      const loss = mseLoss(X.matmul(w), y);
      loss.backward();
      opt.step();
      opt.zeroGrad();
      if (epoch % 10 === 0) lines.push(`epoch ${epoch}: w = ${w.item().toFixed(3)}, loss = ${loss.item().toFixed(8)}`);
    }
    lines.push(`Prediction after training: f(5) = ${predict(5)}`);
    assert.equal(lines.join('\n'), expectedTable);
  });

  it('takes the first step from the gradient dL/dw = 15 (w - 2) = -30 at w = 0', () => {
    const w = tensor(0, { requiresGrad: true });
    w.mul(tensor([1, 2, 3, 4]))
      .sub(tensor([2, 4, 6, 8]))
      .pow(2)
      .mean()
      .backward();
    assert.equal(w.grad?.item(), -30);
  });
});
