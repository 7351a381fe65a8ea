// The critical learning rate of a quadratic loss. For MSE on a linear model the Hessian is constant:
//   mean reduction: H = (2/N) X~^T X~,  sum reduction: H = 2 X~^T X~,
// where X~ is X with a column of ones appended when the model has a bias. Gradient descent
// p <- p - lr * H (p - p*) converges iff |1 - lr * lambda| < 1 for every eigenvalue, i.e. lr < 2 / lambda_max.
import type { Dataset, OptimizerConfig, LossReduction } from '../types';

/** The loss Hessian of MSE for a linear model, as a dense row-major k x k matrix (k = D, or D + 1 with a bias). */
export function mseHessian(
  data: Dataset,
  bias: boolean,
  reduction: LossReduction,
): { size: number; values: Float64Array } {
  const { n, d, x } = data;
  const size = bias ? d + 1 : d;
  const values = new Float64Array(size * size);
  const row = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x[i * d + j];
    if (bias) row[d] = 1;
    for (let a = 0; a < size; a++) {
      const ra = row[a];
      for (let b = a; b < size; b++) values[a * size + b] += ra * row[b];
    }
  }
  const scale = reduction === 'mean' ? 2 / n : 2;
  for (let a = 0; a < size; a++) {
    for (let b = a; b < size; b++) {
      values[a * size + b] *= scale;
      values[b * size + a] = values[a * size + b];
    }
  }
  return { size, values };
}

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations (robust, and k is small here). */
export function symmetricEigenvalues(size: number, matrix: Float64Array): number[] {
  const a = Float64Array.from(matrix);
  const at = (i: number, j: number): number => a[i * size + j];
  for (let sweep = 0; sweep < 100; sweep++) {
    let offDiagonal = 0;
    let diagonal = 0;
    for (let i = 0; i < size; i++) {
      diagonal += at(i, i) ** 2;
      for (let j = i + 1; j < size; j++) offDiagonal += at(i, j) ** 2;
    }
    if (offDiagonal <= 1e-30 * diagonal || offDiagonal === 0) break;
    for (let p = 0; p < size; p++) {
      for (let q = p + 1; q < size; q++) {
        const apq = at(p, q);
        if (apq === 0) continue;
        // Rotation angle that zeroes a[p][q]: tan(2 theta) = 2 a_pq / (a_qq - a_pp).
        const theta = (at(q, q) - at(p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < size; k++) {
          const akp = at(k, p);
          const akq = at(k, q);
          a[k * size + p] = c * akp - s * akq;
          a[k * size + q] = s * akp + c * akq;
        }
        for (let k = 0; k < size; k++) {
          const apk = at(p, k);
          const aqk = at(q, k);
          a[p * size + k] = c * apk - s * aqk;
          a[q * size + k] = s * apk + c * aqk;
        }
      }
    }
  }
  return Array.from({ length: size }, (_, i) => at(i, i));
}

/** 2 / lambda_max of the MSE Hessian; null when the Hessian is zero (e.g. all-zero data). */
export function criticalLearningRate(data: Dataset, bias: boolean, reduction: LossReduction): number | null {
  const { size, values } = mseHessian(data, bias, reduction);
  const lambdaMax = Math.max(...symmetricEigenvalues(size, values));
  return lambdaMax > 0 && Number.isFinite(lambdaMax) ? 2 / lambdaMax : null;
}

/**
 * The largest stable learning rate of an optimizer on that quadratic, given 2 / lambda_max:
 * heavy ball (PyTorch's v = mu v + g, p -= lr v) is stable for lr * lambda < 2 (1 + mu),
 * its Nesterov form for lr * lambda < 2 (1 + mu) / (1 + 2 mu); weight decay adds wd to every eigenvalue.
 * null for Adam, whose step size does not scale with the gradient.
 */
export function stableLearningRateLimit(critical: number, optimizer: OptimizerConfig): number | null {
  if (optimizer.kind !== 'sgd') return null;
  const mu = optimizer.momentum ?? 0;
  const lambdaMax = 2 / critical + (optimizer.weightDecay ?? 0);
  const factor = optimizer.nesterov ? (1 + mu) / (1 + 2 * mu) : 1 + mu;
  // Dampening scales the gradient in the velocity after the first step: v = mu v + (1 - dampening) g.
  const gradientScale = mu > 0 ? 1 - (optimizer.dampening ?? 0) : 1;
  return gradientScale > 0 ? (2 * factor) / (lambdaMax * gradientScale) : null;
}
