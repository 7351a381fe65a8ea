// Optimizers follow PyTorch's update formulas: each expectation below is the formula from the
// torch.optim docs computed by hand in plain JS arithmetic, for the first three steps.
import assert from 'node:assert/strict';
import { Adam, SGD, tensor, type Optimizer, type Tensor } from '../../../src/autograd';

const target = [0.5, -1.5, 3];
const start = [1, -2, 0.25];

/** The gradient of L(p) = sum((p - target)^2) is 2 (p - target). */
const gradAt = (p: number[]) => p.map((x, i) => 2 * (x - target[i]));

/** Three steps of `make` on L(p), computed by the engine's backward. */
function engineSteps(make: (params: Tensor[]) => Optimizer): number[][] {
  const p = tensor(start, { dtype: 'float64', requiresGrad: true });
  const opt = make([p]);
  const history: number[][] = [];
  for (let step = 0; step < 3; step++) {
    opt.zeroGrad();
    p.sub(tensor(target, { dtype: 'float64' }))
      .pow(2)
      .sum()
      .backward();
    opt.step();
    history.push([...p.data]);
  }
  return history;
}

function assertClose(actual: number[][], expected: number[][]): void {
  actual.forEach((row, s) =>
    row.forEach((x, i) => {
      assert.ok(
        Math.abs(x - expected[s][i]) <= 1e-12 * Math.max(1, Math.abs(expected[s][i])),
        `step ${s + 1}, element ${i}: ${x} vs ${expected[s][i]}`,
      );
    }),
  );
}

/** torch.optim.SGD's documented algorithm, element by element. */
function sgdByHand(lr: number, mu: number, dampening: number, nesterov: boolean, wd: number): number[][] {
  const p = [...start];
  const v = [0, 0, 0];
  const history: number[][] = [];
  for (let t = 1; t <= 3; t++) {
    const g0 = gradAt(p);
    for (let i = 0; i < p.length; i++) {
      let g = g0[i] + wd * p[i];
      if (mu !== 0) {
        v[i] = t === 1 ? g : mu * v[i] + (1 - dampening) * g;
        g = nesterov ? g + mu * v[i] : v[i];
      }
      p[i] = p[i] - lr * g;
    }
    history.push([...p]);
  }
  return history;
}

describe('SGD', () => {
  it('plain: p <- p - lr g', () => {
    assertClose(
      engineSteps((ps) => new SGD(ps, { lr: 0.1 })),
      sgdByHand(0.1, 0, 0, false, 0),
    );
    // and the first step by inspection: p1 = p0 - 0.1 * 2 (p0 - target)
    assert.deepEqual(
      engineSteps((ps) => new SGD(ps, { lr: 0.1 }))[0].map((x) => +x.toFixed(12)),
      [0.9, -1.9, 0.8],
    );
  });

  it("momentum (PyTorch convention v = mu v + g, first v = g, not Sutskever's)", () => {
    assertClose(
      engineSteps((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9 })),
      sgdByHand(0.1, 0.9, 0, false, 0),
    );
  });

  it('momentum with dampening: v = mu v + (1 - dampening) g after the first step', () => {
    assertClose(
      engineSteps((ps) => new SGD(ps, { lr: 0.05, momentum: 0.8, dampening: 0.5 })),
      sgdByHand(0.05, 0.8, 0.5, false, 0),
    );
  });

  it('nesterov: the step uses g + mu v', () => {
    assertClose(
      engineSteps((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, nesterov: true })),
      sgdByHand(0.1, 0.9, 0, true, 0),
    );
  });

  it('weight decay adds weightDecay * p to the gradient, with and without momentum', () => {
    assertClose(
      engineSteps((ps) => new SGD(ps, { lr: 0.1, weightDecay: 0.01 })),
      sgdByHand(0.1, 0, 0, false, 0.01),
    );
    assertClose(
      engineSteps((ps) => new SGD(ps, { lr: 0.1, momentum: 0.5, weightDecay: 0.2 })),
      sgdByHand(0.1, 0.5, 0, false, 0.2),
    );
  });

  it('refuses nesterov without momentum, a negative learning rate and a non-leaf parameter', () => {
    const p = tensor([1], { requiresGrad: true });
    assert.throws(() => new SGD([p], { lr: 0.1, nesterov: true }), /nesterov/);
    assert.throws(() => new SGD([p], { lr: -1 }), /learning rate/);
    assert.throws(() => new SGD([p.mul(2)], { lr: 0.1 }), /leaf/);
  });

  it('skips parameters without a gradient and zeroGrad sets gradients to null', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([1], { requiresGrad: true });
    const opt = new SGD([a, b], { lr: 0.5 });
    a.mul(4).sum().backward();
    opt.step();
    assert.deepEqual([a.item(), b.item()], [1 - 0.5 * 4, 1]);
    opt.zeroGrad();
    assert.deepEqual([a.grad, b.grad], [null, null]);
  });
});

describe('Adam', () => {
  /** torch.optim.Adam's documented algorithm (L2 weight decay, bias correction), element by element. */
  function adamByHand(lr: number, beta1: number, beta2: number, eps: number, wd: number): number[][] {
    const p = [...start];
    const m = [0, 0, 0];
    const v = [0, 0, 0];
    const history: number[][] = [];
    for (let t = 1; t <= 3; t++) {
      const g0 = gradAt(p);
      for (let i = 0; i < p.length; i++) {
        const g = g0[i] + wd * p[i];
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        const mHat = m[i] / (1 - beta1 ** t);
        const vHat = v[i] / (1 - beta2 ** t);
        p[i] = p[i] - (lr * mHat) / (Math.sqrt(vHat) + eps);
      }
      history.push([...p]);
    }
    return history;
  }

  it('with the default betas and eps: the first step moves each element by lr against its gradient sign', () => {
    const steps = engineSteps((ps) => new Adam(ps, { lr: 0.1 }));
    assertClose(steps, adamByHand(0.1, 0.9, 0.999, 1e-8, 0));
    // m_hat / sqrt(v_hat) = g / |g| on step 1, so each element moves by almost exactly lr
    steps[0].forEach((x, i) => assert.ok(Math.abs(Math.abs(x - start[i]) - 0.1) < 1e-6));
  });

  it('with other betas, a large eps and weight decay', () => {
    assertClose(
      engineSteps((ps) => new Adam(ps, { lr: 0.01, betas: [0.5, 0.9], eps: 0.1, weightDecay: 0.3 })),
      adamByHand(0.01, 0.5, 0.9, 0.1, 0.3),
    );
  });

  it('refuses betas outside [0, 1)', () => {
    assert.throws(() => new Adam([tensor([1], { requiresGrad: true })], { betas: [1, 0.9] }), /betas/);
  });
});
