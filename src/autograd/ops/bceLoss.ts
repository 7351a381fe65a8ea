// The binary cross-entropies as single ops, each one pass forward, with a backward that reads no data:
// - of logits, like torch.nn.functional.binary_cross_entropy_with_logits:
//     loss = reduce(softplus(z) - y z) = reduce(max(z, 0) - y z + ln(1 + e^-|z|)),   d loss / dz = sigmoid(z) - y
//   (over n for the mean). When z is a deferred X w + b (fusion.ts), the pass also computes X^T g and sum(g),
//   so X is read once per step: logistic regression's loss.
// - of probabilities, like torch.nn.functional.binary_cross_entropy (BCELoss), PyTorch's formulas exactly:
//     loss = reduce((y - 1) max(ln(1 - p), -100) - y max(ln p, -100)),   each step rounded as PyTorch's kernel,
//     d loss / dp = (p - y) / max((1 - p) p, 1e-12 as a float32),  d loss / dy = ln(1 - p) - ln p
//   The clamps keep a saturated sigmoid (p exactly 0 or 1) finite, as PyTorch does.
import { AutogradError, formatShape } from '../errors';
import { record, type GradientTable, type Reduction } from '../graph';
import { isGradEnabled } from '../nograd';
import { sameShape } from '../shape';
import { allocate, reuseOrAllocate, type DType, type Storage } from '../storage';
import { rememberProduct, rememberSum } from '../summation';
import { Tensor } from '../tensor';
import {
  affineBce32,
  affineBce64,
  affineBceTail,
  bceSum,
  combine,
  expOfMinusAbs,
  labelGradient,
  logitSlope,
  logitTerm,
  probabilityBceSum,
  probabilityGradient,
} from './bceKernels';

// one element's BCE of a probability, and the floor of its backward's denominator, for the expression
// language's evaluation on plain numbers
export { EPSILON as BCE_DENOMINATOR_FLOOR, probabilityTerm as bceOfProbability } from './bceKernels';

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
          gz[i] = (logitSlope(zs[i], ys[i], expOfMinusAbs(zs[i])) * (each ? seed[i] : seed[0])) / d;
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
  // d/dp = (p - y) g / max((1 - p) p, eps) / d,  d/dy = (ln(1 - p) - ln p) g / d
  bceLoss: ({ inputs: [p, y], attrs, needs }, g) => {
    const seed = g.data;
    const { reduction, gradient } = attrs;
    const d = reduction === 'mean' ? p.size : 1;
    const each = reduction === 'none';
    const ps = p.data;
    const ys = y.data;
    let gp: Storage | null = null;
    if (needs[0]) {
      if (gradient !== null && seed[0] === 1 && !each) gp = gradient;
      else {
        gp = reuseOrAllocate(p.dtype, p.size);
        for (let i = 0; i < ps.length; i++)
          gp[i] = (probabilityGradient(ps[i], ys[i], p.dtype === 'float32') * (each ? seed[i] : seed[0])) / d;
      }
    }
    let gy: Storage | null = null;
    if (needs[1]) {
      // not clamped (PyTorch's binary_cross_entropy_target_backward): ±inf at p = 0 or 1, where a gradient arrives
      gy = allocate(y.dtype, y.size);
      for (let i = 0; i < ps.length; i++) {
        const s = each ? seed[i] : seed[0];
        gy[i] = s === 0 ? 0 : (labelGradient(ps[i], y.dtype === 'float32') * s) / d;
      }
    }
    return [gp && new Tensor(gp, p.shape), gy && new Tensor(gy, y.shape)];
  },
} satisfies GradientTable<'bceWithLogitsLoss' | 'bceLoss'>;

function checkPair(op: string, a: Tensor, b: Tensor, what: [string, string], reduction: Reduction): void {
  if (!(a instanceof Tensor) || !(b instanceof Tensor))
    throw new AutogradError(`${op}: ${what[0]} and ${what[1]} must be tensors`);
  if (!sameShape(a.shape, b.shape)) {
    throw new AutogradError(
      `${op}: ${what[0]} have shape ${formatShape(a.shape)} but ${what[1]} have shape ${formatShape(b.shape)}; they must match (reshape one, e.g. y.reshape([-1]))`,
    );
  }
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none')
    throw new AutogradError(`${op}: unknown reduction '${String(reduction)}' (mean, sum or none)`);
}

/**
 * The binary cross-entropy of the logits z against labels y (0 or 1, or probabilities in between), reduced
 * by mean (PyTorch's default), sum, or none (one term per element).
 */
export function bceWithLogitsLoss(z: Tensor, y: Tensor, reduction: Reduction = 'mean'): Tensor {
  checkPair('bceWithLogitsLoss', z, y, ['logits', 'labels'], reduction);
  const dtype: DType = z.dtype === 'float64' || y.dtype === 'float64' ? 'float64' : 'float32';
  const f32 = dtype === 'float32';
  if (reduction === 'none') {
    const terms = allocate(dtype, z.size);
    const zs = z.data;
    const ys = y.data;
    for (let i = 0; i < zs.length; i++) {
      const v = zs[i];
      terms[i] = logitTerm(v, ys[i], expOfMinusAbs(v));
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
    z.affine !== null && z.dtype === dtype // X w + b deferred (fusion.ts): fused with this pass
      ? affineBceSum(z, y.data, gradient, d, f32)
      : bceSum(z.data, y.data, gradient, d, f32);
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

/**
 * The binary cross-entropy of probabilities p (each in [0, 1]) against labels y, reduced by mean, sum or
 * none. PyTorch raises for a p outside [0, 1]; here such an element's term and gradient are NaN, so the loss
 * is NaN and a caller that checks (the training session does, before the loss, to say why) stops. A
 * clamped logarithm of it would be a finite, wrong number.
 */
export function bceLoss(p: Tensor, y: Tensor, reduction: Reduction = 'mean'): Tensor {
  checkPair('bceLoss', p, y, ['probabilities', 'labels'], reduction);
  const ps = p.data;
  const dtype: DType = p.dtype === 'float64' || y.dtype === 'float64' ? 'float64' : 'float32';
  if (reduction === 'none') {
    const terms = allocate(dtype, p.size);
    probabilityBceSum(ps, y.data, terms, null, 1, dtype === 'float32');
    return record(
      new Tensor(terms, [...p.shape]),
      'bceLoss',
      [p, y],
      { reduction, gradient: null },
      bceGradients.bceLoss,
    );
  }
  const n = p.size;
  const gradient = isGradEnabled() && p.requiresGrad && p.dtype === dtype ? reuseOrAllocate(dtype, n) : null;
  const total = probabilityBceSum(ps, y.data, null, gradient, reduction === 'mean' ? n : 1, dtype === 'float32');
  const out = allocate(dtype, 1);
  out[0] = reduction === 'mean' ? total / n : total;
  return record(new Tensor(out, []), 'bceLoss', [p, y], { reduction, gradient }, bceGradients.bceLoss);
}

/** Rows per kernel call: a multiple of 4 (see affineKernels.ts on why the rows go in chunks). */
const CHUNK = 4096;

/** The loss's sum over a deferred X w (+ b), with sum(g) and X^T g remembered for the backward pass. */
function affineBceSum(z: Tensor, y: Storage, grad: Storage | null, d: number, f32: boolean): number {
  const a = z.affine!;
  // X^T g, summed in double for either dtype and rounded into the weight's dtype when backward copies it out;
  // only for k > 1: one feature's gradient is a long dot product, which backward sums in four lanes (dotOf)
  const gw = grad !== null && a.weightGradient && a.k > 1 ? new Float64Array(a.k) : null;
  const lanes = new Float64Array(8);
  const rows = new Float64Array(4);
  const main = a.m - (a.m % 4);
  for (let start = 0; start < a.m; start += CHUNK) {
    const end = Math.min(main, start + CHUNK);
    if (f32) affineBce32(a.box.data, a.v, a.k, a.bias, y, grad, d, gw, start, end, lanes, rows);
    else affineBce64(a.box.data, a.v, a.k, a.bias, y, grad, d, gw, start, end, lanes, rows);
  }
  affineBceTail(a.box.data, a.v, a.k, a.bias, y, grad, d, gw, main, a.m, lanes, f32);
  if (grad !== null) rememberSum(grad, combine(lanes, 4, f32));
  if (gw !== null) rememberProduct(grad as Storage, a.box.data, gw);
  return combine(lanes, 0, f32);
}
