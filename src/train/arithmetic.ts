// Where the optimizer's parameters live, by the run's arithmetic (types.ts, Arithmetic).
//   pytorch: the model's own tensors, in the run's dtype; the optimizer steps them directly.
//   numpy:   float64 copies, as the tutorial's `w = 0.0` is a Python float. The model's tensors hold those
//            values rounded to the run's dtype (numpy casts w to float32 in `w * x`), the gradients computed
//            there are carried over to the copies, and the optimizer steps the copies in double.
import { noGrad, tensor, type Tensor } from '../autograd';
import type { LinearModel } from './model';
import type { NetworkModel } from './network';
import type { Arithmetic, Params, TrainConfig } from './types';

export function arithmeticOf(config: Pick<TrainConfig, 'arithmetic' | 'gradient'>): Arithmetic {
  return config.arithmetic ?? (config.gradient?.kind === 'expression' ? 'numpy' : 'pytorch');
}

export interface ParameterStore {
  readonly arithmetic: Arithmetic;
  /** What the optimizer steps. */
  readonly parameters: Tensor[];
  /** The model at the stored values (numpy: in float64, as Python computes `forward(5)`). */
  readonly exact: LinearModel | NetworkModel;
  /** The stored values, as the log prints them. */
  params(): Params;
  /** Before the step: the model's gradients, onto the stepped parameters. */
  takeGradients(): void;
  /** After the step: the model's tensors take the new values, rounded to their dtype. */
  publish(): void;
}

export function parameterStore(model: LinearModel | NetworkModel, arithmetic: Arithmetic): ParameterStore {
  // A model with its own parameters has no hand-written gradient, so numpy's arithmetic never applies to it.
  if (arithmetic === 'pytorch' || 'kind' in model || model.w.dtype === 'float64') {
    // A float64 run has nothing to round: numpy's float64 arithmetic is the model's own.
    return {
      arithmetic,
      parameters: model.parameters,
      exact: model,
      params: () => model.params(),
      takeGradients: () => undefined,
      publish: () => undefined,
    };
  }
  const copy = (p: Tensor): Tensor =>
    tensor(Float64Array.from(p.data), { dtype: 'float64', shape: p.shape, requiresGrad: true });
  const w = copy(model.w);
  const b = model.b ? copy(model.b) : null;
  const pairs: [Tensor, Tensor][] =
    b && model.b
      ? [
          [model.w, w],
          [model.b, b],
        ]
      : [[model.w, w]];
  return {
    arithmetic,
    parameters: pairs.map(([, stored]) => stored),
    exact: {
      w,
      b,
      parameters: b ? [w, b] : [w],
      forward: (x) => (b ? x.matmul(w).add(b) : x.matmul(w)),
      params: () => ({ w: Array.from(w.data), b: b ? b.data[0] : null }),
    },
    params: () => ({ w: Array.from(w.data), b: b ? b.data[0] : null }),
    takeGradients: () => {
      for (const [own, stored] of pairs)
        stored.grad = own.grad
          ? tensor(Float64Array.from(own.grad.data), { dtype: 'float64', shape: own.shape })
          : null;
    },
    publish: () =>
      noGrad(() => {
        for (const [own, stored] of pairs) own.copy_(stored);
      }),
  };
}
