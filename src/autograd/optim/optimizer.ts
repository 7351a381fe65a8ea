// The optimizer base: a list of parameters, a learning rate, step() and zeroGrad().
import { AutogradError, formatShape } from '../errors';
import type { Tensor } from '../tensor';

export abstract class Optimizer {
  params: Tensor[];
  lr: number;

  constructor(params: Tensor[], lr: number, name: string) {
    if (!(lr >= 0) || !Number.isFinite(lr))
      throw new AutogradError(`${name}: the learning rate must be a finite number >= 0, got ${lr}`);
    for (const p of params) {
      if (!p.isLeaf || !p.requiresGrad)
        throw new AutogradError(
          `${name}: parameters must be leaf tensors with requiresGrad (got one of shape ${formatShape(p.shape)})`,
        );
    }
    this.params = [...params];
    this.lr = lr;
  }

  /** Updates every parameter that has a gradient; parameters without one are skipped (as in PyTorch). */
  abstract step(): void;

  /** Sets every gradient to null (PyTorch's default, set_to_none=True). */
  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }
}
