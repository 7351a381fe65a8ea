// bce(p, t): PyTorch's binary cross-entropy (torch.nn.BCELoss, F.binary_cross_entropy) of a probability p
// against a target t, elementwise, with PyTorch's numbers in both directions (ATen's Loss.cpp, 1.13):
//   value   (t - 1) max(log(1 - p), -100) - t max(log p, -100)      finite where p is exactly 0 or 1
//   ∂/∂p    (p - t) / max((1 - p) p, EPSILON)                        binary_cross_entropy_backward
//   ∂/∂t    log(1 - p) - log p  (not floored: ±inf at p = 0 or 1)    binary_cross_entropy_target_backward
// EPSILON is 1e-12 held as a C++ float, in float64 too. So where p(1 - p) < 1e-12 (a float32 sigmoid
// saturated at exactly 1, or sigmoid(-30) in either precision) PyTorch's gradient is not the textbook
// (p - t)/(p(1 - p)), and the symbolic derivative (calculus/differentiate.ts) keeps the textbook one.
// test/fixtures/torch/bce.py prints PyTorch's own numbers for the tests.
import { noGrad, tensor, type Tensor } from '../../autograd';

/** PyTorch clamps each logarithm of BCELoss at -100. */
export const LOG_FLOOR = -100;
/** The floor of PyTorch's backward denominator: 1e-12 rounded to a float, as ATen declares it. */
export const BACKWARD_EPSILON = Math.fround(1e-12);

/** The value at one element, each step rounded by `r` (Math.fround emulates float32). */
export function bceValue(p: number, t: number, r: (x: number) => number): number {
  const logP = Math.max(r(Math.log(p)), LOG_FLOOR);
  const logNotP = Math.max(r(Math.log(r(1 - p))), LOG_FLOOR);
  return r(r(r(t - 1) * logNotP) - r(t * logP));
}

/**
 * bce(p, t) on the engine. The engine has no BCE op, and composing its log and clamp ops would give the
 * textbook gradient (and 0 * inf = NaN at a saturated p). So the value and both partial derivatives are
 * computed outside the graph, and the graph gets value + (p - p̄) ∂/∂p + (t - t̄) ∂/∂t, where p̄ and t̄ are
 * p and t detached: p - p̄ is exactly 0, so the value is exactly PyTorch's, and backward sends each input
 * exactly its partial derivative times the gradient that arrives.
 */
export function bceOnEngine(p: Tensor, t: Tensor): Tensor {
  const detachedP = p.detach();
  const detachedT = t.detach();
  const { value, byP, byT } = noGrad(() => {
    const logP = detachedP.log();
    const notP = detachedP.neg().add(1);
    const logNotP = notP.log();
    return {
      value: detachedT
        .sub(1)
        .mul(logNotP.clamp(LOG_FLOOR, null))
        .sub(detachedT.mul(logP.clamp(LOG_FLOOR, null))),
      byP: detachedP.sub(detachedT).div(notP.mul(detachedP).clamp(BACKWARD_EPSILON, null)),
      byT: logNotP.sub(logP),
    };
  });
  let out = value;
  if (p.requiresGrad) out = out.add(p.sub(detachedP).mul(byP));
  if (t.requiresGrad) out = out.add(targetTerm(t.sub(detachedT), byT));
  return out;
}

/**
 * 0 with the gradient ∂/∂t. Where p is exactly 0 or 1, ∂/∂t is ±inf, and 0 * inf is NaN: there the term is
 * ±sqrt(t - t̄) instead, also exactly 0, whose backward 1/(2 sqrt(0)) is +inf (and the engine's elementwise
 * backward gives 0, not NaN, where no gradient arrives). A swapped call, binary_cross_entropy(y, y_pred),
 * so has PyTorch's finite loss and infinite gradient.
 */
function targetTerm(shift: Tensor, byT: Tensor): Tensor {
  const finite = Array.from(byT.data, (v) => (v === Infinity || v === -Infinity ? 0 : v));
  const infinite = Array.from(byT.data, (v) => (v === Infinity ? 1 : v === -Infinity ? -1 : 0));
  const options = { dtype: byT.dtype, shape: byT.shape };
  const term = shift.mul(tensor(finite, options));
  return infinite.some((s) => s !== 0) ? term.add(shift.sqrt().mul(tensor(infinite, options))) : term;
}
