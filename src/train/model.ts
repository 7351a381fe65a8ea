// The linear model y = X.w + b on the autograd engine: w has shape [D], b is a 0-d tensor or absent.
import { noGrad, tensor, type Tensor } from '../autograd';
import { seededRandom } from './random';
import type { DType, Params, TrainConfig } from './types';

export interface LinearModel {
  readonly w: Tensor;
  readonly b: Tensor | null;
  readonly parameters: Tensor[];
  /** X of shape [N, D] -> predictions of shape [N]. */
  forward(x: Tensor): Tensor;
  /** The current values, copied out of the tensors. */
  params(): Params;
}

/**
 * Zeros (the tutorial), or PyTorch nn.Linear's default: weight and bias both U(-1/sqrt(D), 1/sqrt(D))
 * (kaiming_uniform with a = sqrt(5) reduces to that bound), drawn from `seed` weights first.
 */
function initialValues(d: number, bias: boolean, init: TrainConfig['init'], seed: number): { w: number[]; b: number } {
  if (init === 'zeros') return { w: new Array<number>(d).fill(0), b: 0 };
  const random = seededRandom(seed);
  const bound = 1 / Math.sqrt(d);
  const w = Array.from({ length: d }, () => random.uniform(-bound, bound));
  return { w, b: bias ? random.uniform(-bound, bound) : 0 };
}

export function createLinearModel(
  config: Pick<TrainConfig, 'bias' | 'init' | 'seed' | 'dtype'> & { d: number },
): LinearModel {
  const { w: w0, b: b0 } = initialValues(config.d, config.bias, config.init, config.seed);
  const dtype: DType = config.dtype;
  const w = tensor(w0, { dtype, requiresGrad: true });
  const b = config.bias ? tensor(b0, { dtype, requiresGrad: true }) : null;
  return {
    w,
    b,
    parameters: b ? [w, b] : [w],
    forward: (x) => (b ? x.matmul(w).add(b) : x.matmul(w)),
    params: () => ({ w: Array.from(w.data), b: b ? b.data[0] : null }),
  };
}

/** The model's prediction at one point, in the model's dtype, without recording a graph. */
export function predictPoint(model: LinearModel, features: readonly number[]): number {
  if (features.length !== model.w.size) {
    throw new Error(`the model has ${model.w.size} features but the point has ${features.length}`);
  }
  return noGrad(() =>
    model.forward(tensor([...features], { dtype: model.w.dtype, shape: [1, features.length] })).item(),
  );
}
