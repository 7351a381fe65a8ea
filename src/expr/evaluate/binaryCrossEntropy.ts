// bce(p, t): PyTorch's binary cross-entropy (torch.nn.BCELoss, F.binary_cross_entropy) of a probability p
// against a target t, elementwise, with PyTorch's numbers in both directions (ATen's Loss.cpp, 1.13):
//   value   (t - 1) max(log(1 - p), -100) - t max(log p, -100)      finite where p is exactly 0 or 1
//   ∂/∂p    (p - t) / max((1 - p) p, EPSILON)                        binary_cross_entropy_backward
//   ∂/∂t    log(1 - p) - log p  (not floored: ±inf at p = 0 or 1)    binary_cross_entropy_target_backward
// EPSILON is 1e-12 held as a C++ float, in float64 too. So where p(1 - p) < 1e-12 (a float32 sigmoid
// saturated at exactly 1, or sigmoid(-30) in either precision) PyTorch's gradient is not the textbook
// (p - t)/(p(1 - p)), and the symbolic derivative (calculus/differentiate.ts) keeps the textbook one.
// The engine computes both (bceLoss, and bceOfProbability for plain numbers).
// test/fixtures/torch/bce.py prints PyTorch's own numbers for the tests.
import { bceLoss, zeros, type Tensor } from '../../autograd';

/**
 * bce(p, t) on the engine: its bceLoss op, PyTorch's BCELoss in both directions, one node in the computation
 * graph. A literal target (bce(p, 1)) is a number against p's elements: it is broadcast to p's shape first.
 */
export function bceOnEngine(p: Tensor, t: Tensor): Tensor {
  if (t.size === 1 && p.size !== 1) return bceLoss(p, t.add(zeros(p.shape, { dtype: t.dtype })), 'none');
  if (p.size === 1 && t.size !== 1) return bceLoss(p.add(zeros(t.shape, { dtype: p.dtype })), t, 'none');
  return bceLoss(p, t, 'none');
}
