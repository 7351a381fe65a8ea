// The engine hands a backward pass's gradients (and a freed graph's saved values) to the next step for
// reuse (storage.ts's pool). Nothing anyone can still see may change when it does: the tensors a caller
// keeps from a step, the caller's own seed, the leaves' gradients, a kept graph's saved values.
// Sizes are above the pool's minimum, and each check runs steps after the kept values were made.
import assert from 'node:assert/strict';
import { mseLoss, tensor, type Tensor } from '../../../src/autograd';

const N = 4096;
const ramp = (scale: number, shift = 0) => Float64Array.from({ length: N }, (_, i) => Math.sin(i * scale + shift));
const copy = (t: Tensor | null) => Float64Array.from((t as Tensor).data);

/** One step of a small model that uses add, mul, sub, softplus, tanh, reshape, a matmul and two losses. */
function step(w: Tensor, x: Tensor, y: Tensor) {
  const z = x.mul(w).add(0.5);
  const h = z.tanh().reshape([N / 2, 2]);
  const p = h.matmul(tensor([1.5, -0.5], { dtype: 'float64' }));
  const loss = z
    .softplus()
    .sub(y.mul(z))
    .mean()
    .add(mseLoss(p, y.slice(0, N / 2)));
  loss.backward();
  return { z, h, loss };
}

describe('reused buffers', () => {
  it('leave what a caller keeps from a step (its tensors, the loss, the leaf gradients) unchanged by later steps', () => {
    const x = tensor(ramp(0.01), { dtype: 'float64' });
    const y = tensor(ramp(0.03, 1), { dtype: 'float64' });
    const w = tensor(ramp(0.02, 2), { dtype: 'float64', requiresGrad: true });
    const first = step(w, x, y);
    const kept = { z: copy(first.z), h: copy(first.h), loss: first.loss.item(), grad: copy(w.grad) };
    const firstGrad = w.grad as Tensor;
    for (let k = 0; k < 3; k++) {
      w.grad = null;
      step(w, x, y);
    }
    assert.deepEqual(copy(first.z), kept.z);
    assert.deepEqual(copy(first.h), kept.h);
    assert.equal(first.loss.item(), kept.loss);
    assert.deepEqual(copy(firstGrad), kept.grad);
    // and each later step computed the same gradient again, from buffers the first steps used
    assert.deepEqual(copy(w.grad), kept.grad);
  });

  it('never reuses the seed a caller passes to backward', () => {
    const x = tensor(ramp(0.01), { dtype: 'float64', requiresGrad: true });
    const seed = tensor(ramp(0.05), { dtype: 'float64' });
    const before = copy(seed);
    for (let k = 0; k < 3; k++) {
      x.grad = null;
      x.mul(2).add(x).backward(seed); // the seed itself goes down both branches of the add
      assert.deepEqual(
        copy(x.grad),
        before.map((g) => 3 * g),
      );
    }
    assert.deepEqual(copy(seed), before);
  });

  it('keeps a retained graph backward-able with its saved values, while other steps run in between', () => {
    const x = tensor(ramp(0.01), { dtype: 'float64', requiresGrad: true });
    const y = tensor(ramp(0.02), { dtype: 'float64' });
    const loss = mseLoss(x.softplus(), y);
    loss.backward(undefined, { retainGraph: true });
    const once = copy(x.grad);
    for (let k = 0; k < 2; k++)
      mseLoss(tensor(ramp(0.04, k), { dtype: 'float64', requiresGrad: true }).softplus(), y).backward();
    x.grad = null;
    loss.backward();
    assert.deepEqual(copy(x.grad), once);
  });
});
