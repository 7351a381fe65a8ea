// What backward() does with the graph: seeds, accumulation, retained graphs and gradients, no-grad mode.
import assert from 'node:assert/strict';
import { AutogradError, noGrad, isGradEnabled, ones, SGD, tensor, zeros, type Tensor } from '../../../src/autograd';

/** The gradient as the engine holds it now (a call, so TypeScript does not narrow it across backward()). */
const gradOf = (t: Tensor) => t.grad?.toArray() ?? null;

describe('backward', () => {
  it('seeds a scalar output with 1 and fills the leaves: d(sum(w*x))/dw = x', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    w.mul(tensor([4, 5, 6]))
      .sum()
      .backward();
    assert.deepEqual(w.grad?.toArray(), [4, 5, 6]);
  });

  it('refuses to seed a non-scalar output and names its shape', () => {
    const w = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    assert.throws(
      () => w.mul(2).backward(),
      (e: Error) => e instanceof AutogradError && /scalar/.test(e.message) && /\[2, 2\]/.test(e.message),
    );
  });

  it('accepts an explicit seed of the output shape (a vector-Jacobian product)', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    w.mul(w).backward(tensor([1, 10]));
    assert.deepEqual(w.grad?.toArray(), [2, 40]);
    assert.throws(
      () => w.mul(3).backward(tensor([1, 2, 3])),
      /gradient has shape \[3\] but the output has shape \[2\]/,
    );
  });

  it('refuses backward from a tensor that does not require grad', () => {
    assert.throws(() => tensor(3).mul(2).backward(), /does not require grad/);
  });

  it('accumulates gradients over two backward passes until they are cleared', () => {
    const w = tensor(2, { requiresGrad: true });
    w.mul(w).backward();
    w.mul(3).backward();
    assert.equal(w.grad?.item(), 4 + 3);
    const opt = new SGD([w], { lr: 0.1 });
    opt.zeroGrad();
    assert.equal(gradOf(w), null);
    w.mul(5).backward();
    assert.equal(gradOf(w), 5);
  });

  it('frees the graph after backward: a second pass is a clear error unless retainGraph was asked', () => {
    const w = tensor(3, { requiresGrad: true });
    const loss = w.mul(w);
    loss.backward();
    assert.throws(
      () => loss.backward(),
      (e: Error) => e instanceof AutogradError && /second time/.test(e.message) && /retainGraph/.test(e.message),
    );
    const kept = w.mul(w);
    w.grad = null;
    kept.backward(undefined, { retainGraph: true });
    kept.backward();
    assert.equal(gradOf(w), 12);
  });

  it('keeps gradients of leaves only, unless retainGrad() is called on an intermediate', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const h = w.mul(3);
    const k = w.mul(4);
    h.retainGrad();
    h.add(k).sum().backward();
    assert.deepEqual(h.grad?.toArray(), [1, 1]);
    assert.equal(k.grad, null);
    assert.deepEqual(w.grad?.toArray(), [7, 7]);
  });

  it('gives each leaf its own gradient storage, even when one gradient tensor feeds two leaves', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4], { requiresGrad: true });
    a.add(b).sum().backward();
    noGrad(() => a.grad?.zero_());
    assert.deepEqual(b.grad?.toArray(), [1, 1]);
  });

  it('names the op that made a tensor, PyTorch-style, and marks leaves', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    assert.equal(w.isLeaf, true);
    assert.equal(w.gradFn, null);
    assert.equal(w.mul(2).gradFn, 'MulBackward');
    assert.equal(w.pow(2).gradFn, 'PowBackward');
    assert.equal(w.sum().gradFn, 'SumBackward');
    assert.equal(w.mul(2).isLeaf, false);
    assert.equal(tensor([1]).mul(2).gradFn, null);
  });

  it('records nothing under noGrad, and restores grad mode afterwards, even after a throw', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => w.mul(2));
    assert.equal(y.requiresGrad, false);
    assert.equal(y.gradFn, null);
    assert.throws(
      () =>
        noGrad(() => {
          throw new Error('boom');
        }),
      /boom/,
    );
    assert.equal(isGradEnabled(), true);
  });

  it('detach() shares the values but cuts the graph', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const d = w.mul(2).detach();
    assert.equal(d.requiresGrad, false);
    assert.deepEqual(d.toArray(), [2, 4]);
  });

  it('allows in-place updates of a parameter only inside noGrad', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    assert.throws(() => w.sub_(1), /sub_.*requires grad.*noGrad/);
    noGrad(() =>
      w
        .sub_(tensor([0.5, 1]))
        .mul_(2)
        .add_(1),
    );
    assert.deepEqual(w.toArray(), [2, 3]);
    noGrad(() => w.copy_(tensor([7, 8])));
    assert.deepEqual(w.toArray(), [7, 8]);
    noGrad(() => w.zero_());
    assert.deepEqual(w.toArray(), [0, 0]);
    assert.throws(() => noGrad(() => w.add_(tensor([1, 2, 3]))), /add_.*\[2\].*\[3\]/);
  });

  it('backpropagates through a chain of 1,000,000 ops without overflowing the stack', function () {
    this.timeout(30000);
    const w = tensor(1, { requiresGrad: true, dtype: 'float64' });
    let h = w;
    // h_{k+1} = h_k * 1 + 0: each step is one op, so dh/dw = 1 at the end of the chain.
    for (let i = 0; i < 500_000; i++) h = h.mul(1).add(0);
    assert.equal(h.gradFn, 'AddBackward');
    h.backward();
    assert.equal(w.grad?.item(), 1);
  });

  it('sums the gradients of a tensor used by many ops (a diamond)', () => {
    const w = tensor(3, { requiresGrad: true });
    const a = w.mul(2);
    const b = w.mul(5);
    a.mul(b).backward(); // d(10 w^2)/dw = 20 w = 60
    assert.equal(w.grad?.item(), 60);
  });

  it('leaves a seed gradient of ones for the scalar case and float64 grads for float64 leaves', () => {
    const w = zeros([1], { dtype: 'float64', requiresGrad: true });
    w.add(ones([1], { dtype: 'float64' }))
      .sum()
      .backward();
    assert.equal(w.grad?.dtype, 'float64');
    assert.equal(w.grad?.item(), 1);
  });

  it('gives softplus the gradient sigmoid(x) from the slope its forward kept, through a retained graph and after the next step reuses the buffer', () => {
    const xs = [-30, -2, -0.5, 0, 0.5, 3, 19.5, 20, 25];
    const sigmoid = (v: number) => (v > 20 ? 1 : 1 / (1 + Math.exp(-v)));
    const close = (actual: number[], expected: number[]) =>
      actual.forEach((a, i) =>
        assert.ok(Math.abs(a - expected[i]) <= 1e-15 * Math.abs(expected[i]), `${a} vs ${expected[i]}`),
      );
    const x = tensor(xs, { dtype: 'float64', requiresGrad: true });
    const loss = x.softplus().sum();
    loss.backward(undefined, { retainGraph: true });
    loss.backward(); // the kept slope is still there for the second pass
    close(
      gradOf(x) as number[],
      xs.map((v) => 2 * sigmoid(v)),
    );
    // the freed buffer goes to the next step of the same size, which must not see the old values
    for (const shift of [1, -1]) {
      const z = tensor(
        xs.map((v) => v + shift),
        { dtype: 'float64', requiresGrad: true },
      );
      z.softplus().sum().backward();
      close(
        gradOf(z) as number[],
        xs.map((v) => sigmoid(v + shift)),
      );
    }
  });
});
