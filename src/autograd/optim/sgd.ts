// SGD with PyTorch's formulas (torch.optim.SGD):
//   g = grad + weightDecay * p
//   v = g on the first step, then v = momentum * v + (1 - dampening) * g
//   g = nesterov ? g + momentum * v : v      (when momentum != 0)
//   p = p - lr * g
import { AutogradError } from '../errors';
import { allocate, type Storage } from '../storage';
import type { Tensor } from '../tensor';
import { Optimizer } from './optimizer';
import { beforeWrite } from '../fusion';

interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
}

export class SGD extends Optimizer {
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
  private readonly velocity = new Map<Tensor, Storage>();

  constructor(params: Tensor[], { lr, momentum = 0, dampening = 0, nesterov = false, weightDecay = 0 }: SGDOptions) {
    super(params, lr, 'SGD');
    if (momentum < 0 || weightDecay < 0)
      throw new AutogradError(`SGD: momentum and weightDecay must be >= 0 (got ${momentum}, ${weightDecay})`);
    if (nesterov && (momentum <= 0 || dampening !== 0))
      throw new AutogradError('SGD: nesterov needs momentum > 0 and dampening 0 (as in PyTorch)');
    this.momentum = momentum;
    this.dampening = dampening;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
  }

  step(): void {
    const { lr, momentum: mu, dampening, nesterov, weightDecay } = this;
    for (const p of this.params) {
      if (p.grad === null) continue;
      const x = p.data;
      const grad = p.grad.data;
      beforeWrite(x);
      if (mu === 0 && weightDecay === 0) {
        // The plain step, the tutorial's w -= lr * grad: lr rounds to the parameter's dtype first, like a PyTorch scalar.
        if (x instanceof Float32Array) {
          const rate = Math.fround(lr);
          for (let i = 0; i < x.length; i++) x[i] -= Math.fround(rate * grad[i]);
        } else {
          for (let i = 0; i < x.length; i++) x[i] -= lr * grad[i];
        }
        continue;
      }
      let v = this.velocity.get(p);
      const first = v === undefined;
      if (v === undefined && mu !== 0) {
        v = allocate(p.dtype, p.size);
        this.velocity.set(p, v);
      }
      for (let i = 0; i < x.length; i++) {
        let g = grad[i] + weightDecay * x[i];
        if (v !== undefined) {
          v[i] = first ? g : mu * v[i] + (1 - dampening) * g;
          g = nesterov ? g + mu * v[i] : v[i];
        }
        x[i] -= lr * g;
      }
    }
  }
}
