// The binary cross-entropy of logits as one op, like torch.nn.functional.binary_cross_entropy_with_logits:
//   loss = reduce(softplus(z) - y z) = reduce(max(z, 0) - y z + ln(1 + e^-|z|)),   d loss / dz = sigmoid(z) - y
// (over n for the mean). Logistic regression's loss: one pass forward, and backward reads no data. When z is
// a deferred X w + b (fusion.ts), the pass also computes X^T g and sum(g), so X is read once per step.
import { AutogradError, formatShape } from '../errors';
import { DEFER_MIN_ROWS } from '../fusion';
import { record, type GradientTable, type Reduction } from '../graph';
import { isGradEnabled } from '../nograd';
import { sameShape } from '../shape';
import { allocate, reuseOrAllocate, type DType, type Storage } from '../storage';
import { rememberProduct, rememberSum } from '../summation';
import { Tensor } from '../tensor';
import { affineBce32, affineBce64, bceSum, combine } from './bceKernels';

export const bceGradients = {
  // d/dz = (sigmoid(z) - y) g / d,  d/dy = -z g / d  (d = n for the mean, 1 for the sum)
  bceWithLogitsLoss: ({ inputs: [z, y], attrs, needs }, g) => {
    const seed = g.data;
    const { reduction, gradient } = attrs;
    const d = reduction === 'mean' ? z.size : 1;
    const each = reduction === 'none';
    let gz: Storage | null = null;
    if (needs[0]) {
      if (gradient !== null && seed[0] === 1 && !each)
        gz = gradient; // the forward pass wrote it
      else {
        gz = reuseOrAllocate(z.dtype, z.size);
        const zs = z.data;
        const ys = y.data;
        for (let i = 0; i < zs.length; i++) {
          const v = zs[i];
          const e = Math.exp(-Math.abs(v));
          gz[i] = (((v >= 0 ? 1 / (1 + e) : e / (1 + e)) - ys[i]) * (each ? seed[i] : seed[0])) / d;
        }
      }
    }
    let gy: Storage | null = null;
    if (needs[1]) {
      gy = allocate(y.dtype, y.size);
      const zs = z.data;
      for (let i = 0; i < zs.length; i++) gy[i] = (-zs[i] * (each ? seed[i] : seed[0])) / d;
    }
    return [gz && new Tensor(gz, z.shape), gy && new Tensor(gy, y.shape)];
  },
} satisfies GradientTable<'bceWithLogitsLoss'>;

/**
 * The binary cross-entropy of the logits z against labels y (0 or 1, or probabilities in between), reduced
 * by mean (PyTorch's default), sum, or none (one term per element).
 */
export function bceWithLogitsLoss(z: Tensor, y: Tensor, reduction: Reduction = 'mean'): Tensor {
  if (!(z instanceof Tensor) || !(y instanceof Tensor))
    throw new AutogradError('bceWithLogitsLoss: logits and labels must be tensors');
  if (!sameShape(z.shape, y.shape)) {
    throw new AutogradError(
      `bceWithLogitsLoss: logits have shape ${formatShape(z.shape)} but labels have shape ${formatShape(y.shape)}; they must match (reshape one, e.g. y.reshape([-1]))`,
    );
  }
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none')
    throw new AutogradError(`bceWithLogitsLoss: unknown reduction '${String(reduction)}' (mean, sum or none)`);
  const dtype: DType = z.dtype === 'float64' || y.dtype === 'float64' ? 'float64' : 'float32';
  const f32 = dtype === 'float32';
  if (reduction === 'none') {
    const terms = allocate(dtype, z.size);
    const zs = z.data;
    const ys = y.data;
    for (let i = 0; i < zs.length; i++) {
      const v = zs[i];
      terms[i] = (v > 0 ? v : 0) - ys[i] * v + Math.log1p(Math.exp(-Math.abs(v)));
    }
    return record(
      new Tensor(terms, [...z.shape]),
      'bceWithLogitsLoss',
      [z, y],
      { reduction, gradient: null },
      bceGradients.bceWithLogitsLoss,
    );
  }
  const n = z.size;
  const d = reduction === 'mean' ? n : 1;
  const gradient = isGradEnabled() && z.requiresGrad && z.dtype === dtype ? reuseOrAllocate(dtype, n) : null;
  const total =
    z.affine !== null && z.dtype === dtype && n >= DEFER_MIN_ROWS
      ? affineBceSum(z, y.data, gradient, d, f32)
      : bceSum(z.data, y.data, gradient, d, f32).loss;
  const out = allocate(dtype, 1);
  out[0] = reduction === 'mean' ? total / n : total;
  return record(
    new Tensor(out, []),
    'bceWithLogitsLoss',
    [z, y],
    { reduction, gradient },
    bceGradients.bceWithLogitsLoss,
  );
}

/** Rows per kernel call: a multiple of 4 (see affineKernels.ts on why the rows go in chunks). */
const CHUNK = 4096;

/** The loss's sum over a deferred X w (+ b), with sum(g) and X^T g remembered for the backward pass. */
function affineBceSum(z: Tensor, y: Storage, grad: Storage | null, d: number, f32: boolean): number {
  const a = z.affine!;
  // X^T g is remembered only for k > 1: one feature's gradient is a long dot product, summed in four lanes (dotOf)
  const gw =
    grad !== null && a.weightGradient && a.k > 1
      ? allocate(a.v instanceof Float32Array ? 'float32' : 'float64', a.k)
      : null;
  const lanes = new Float64Array(8);
  const rows = new Float64Array(4);
  const main = a.m - (a.m % 4);
  for (let start = 0; start < a.m; start += CHUNK) {
    const end = Math.min(main, start + CHUNK);
    if (f32) affineBce32(a.box.data, a.v, a.k, a.bias, y, grad, d, gw, start, end, lanes, rows);
    else affineBce64(a.box.data, a.v, a.k, a.bias, y, grad, d, gw, start, end, lanes, rows);
  }
  // the last m % 4 rows, into lane 0 (the kernel's one-row loop)
  if (f32) affineBce32(a.box.data, a.v, a.k, a.bias, y, grad, d, gw, main, a.m, lanes, rows);
  else affineBce64(a.box.data, a.v, a.k, a.bias, y, grad, d, gw, main, a.m, lanes, rows);
  if (grad !== null) rememberSum(grad, combine(lanes, 4, f32));
  if (gw !== null) rememberProduct(grad as Storage, a.box.data, gw);
  return combine(lanes, 0, f32);
}
