// Adam with PyTorch's formulas (torch.optim.Adam, L2 weight decay, bias correction), step t = 1, 2, ...:
//   g = grad + weightDecay * p
//   m = beta1 m + (1 - beta1) g          v = beta2 v + (1 - beta2) g^2
//   p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
import { AutogradError } from '../errors';
import { allocate, type Storage } from '../storage';
import type { Tensor } from '../tensor';
import { Optimizer } from './optimizer';
import { beforeWrite } from '../fusion';

interface AdamOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  weightDecay?: number;
}

interface Moments {
  m: Storage;
  v: Storage;
  t: number;
}

export class Adam extends Optimizer {
  betas: [number, number];
  eps: number;
  weightDecay: number;
  private readonly moments = new Map<Tensor, Moments>();

  constructor(params: Tensor[], { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0 }: AdamOptions = {}) {
    super(params, lr, 'Adam');
    if (!betas.every((b) => b >= 0 && b < 1))
      throw new AutogradError(`Adam: betas must be in [0, 1), got [${betas.join(', ')}]`);
    if (!(eps >= 0) || !(weightDecay >= 0))
      throw new AutogradError(`Adam: eps and weightDecay must be >= 0 (got ${eps}, ${weightDecay})`);
    this.betas = [betas[0], betas[1]];
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  step(): void {
    const { lr, eps, weightDecay } = this;
    const [beta1, beta2] = this.betas;
    for (const p of this.params) {
      if (p.grad === null) continue;
      let state = this.moments.get(p);
      if (state === undefined) {
        state = { m: allocate(p.dtype, p.size), v: allocate(p.dtype, p.size), t: 0 };
        this.moments.set(p, state);
      }
      const t = ++state.t;
      const stepSize = lr / (1 - beta1 ** t);
      const sqrtCorrection2 = Math.sqrt(1 - beta2 ** t);
      const { m, v } = state;
      const x = p.data;
      const grad = p.grad.data;
      beforeWrite(x);
      for (let i = 0; i < x.length; i++) {
        const g = grad[i] + weightDecay * x[i];
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        x[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / sqrtCorrection2 + eps);
      }
    }
  }
}
