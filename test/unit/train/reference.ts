// Independent plain-JS computations the session tests compare against: no engine, no src/train code.

const f = Math.fround;

/**
 * The tutorial's PyTorch loop in float32, op by op as PyTorch rounds it (every elementwise result and
 * every partial sum to float32, sums in order): loss = ((w*x - y)**2).mean(); w -= lr * w.grad.
 * Stops at the first epoch whose loss is not finite.
 */
export function pytorchTutorialFloat32(lr: number, epochs: number): { loss: number; w: number }[] {
  const x = [1, 2, 3, 4];
  const y = [2, 4, 6, 8];
  const rate = f(lr);
  let w = 0;
  const rows: { loss: number; w: number }[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const d = x.map((xi, i) => f(f(w * xi) - y[i]));
    let sum = 0;
    for (const di of d) sum = f(sum + f(di * di));
    const loss = f(sum / 4);
    if (!Number.isFinite(loss)) break;
    // d/dw mean((w x - y)^2): the mean's 1/4 times pow's 2 d, times x, summed over the samples.
    let grad = 0;
    for (let i = 0; i < 4; i++) grad = f(grad + f(f(0.5 * d[i]) * x[i]));
    w = f(w - f(rate * grad));
    rows.push({ loss, w });
  }
  return rows;
}

export interface Problem {
  rows: number[][];
  y: number[];
  bias: boolean;
}

/** MSE (mean) and its gradient for y = X.w + b, in float64: dL/dw_j = (2/N) sum_i r_i x_ij, dL/db = (2/N) sum_i r_i. */
export function mseAndGradient(problem: Problem, params: number[]): { loss: number; grad: number[] } {
  const { rows, y, bias } = problem;
  const d = rows[0].length;
  const grad = new Array<number>(params.length).fill(0);
  let loss = 0;
  rows.forEach((row, i) => {
    let prediction = bias ? params[d] : 0;
    for (let j = 0; j < d; j++) prediction += row[j] * params[j];
    const r = prediction - y[i];
    loss += r * r;
    for (let j = 0; j < d; j++) grad[j] += (2 * r * row[j]) / rows.length;
    if (bias) grad[d] += (2 * r) / rows.length;
  });
  return { loss: loss / rows.length, grad };
}

/** PyTorch's SGD with momentum: v = g (first step), then v = mu v + g; p -= lr v (or lr (g + mu v) with Nesterov). */
export function momentumRun(
  problem: Problem,
  lr: number,
  mu: number,
  nesterov: boolean,
  epochs: number,
): { loss: number; params: number[] }[] {
  const params = new Array<number>(problem.rows[0].length + (problem.bias ? 1 : 0)).fill(0);
  let v: number[] | null = null;
  const out: { loss: number; params: number[] }[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const { loss, grad } = mseAndGradient(problem, params);
    v = v === null ? [...grad] : v.map((vk, k) => mu * vk + grad[k]);
    const velocity = v;
    params.forEach((_, k) => {
      params[k] -= lr * (nesterov ? grad[k] + mu * velocity[k] : velocity[k]);
    });
    out.push({ loss, params: [...params] });
  }
  return out;
}

/** Adam (Kingma and Ba, as torch.optim.Adam): m, v moving averages with bias correction. */
export function adamRun(
  problem: Problem,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  epochs: number,
): { loss: number; params: number[] }[] {
  const size = problem.rows[0].length + (problem.bias ? 1 : 0);
  const params = new Array<number>(size).fill(0);
  const m = new Array<number>(size).fill(0);
  const v = new Array<number>(size).fill(0);
  const out: { loss: number; params: number[] }[] = [];
  for (let t = 1; t <= epochs; t++) {
    const { loss, grad } = mseAndGradient(problem, params);
    for (let k = 0; k < size; k++) {
      m[k] = beta1 * m[k] + (1 - beta1) * grad[k];
      v[k] = beta2 * v[k] + (1 - beta2) * grad[k] * grad[k];
      const mHat = m[k] / (1 - beta1 ** t);
      const vHat = v[k] / (1 - beta2 ** t);
      params[k] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
    }
    out.push({ loss, params: [...params] });
  }
  return out;
}

export function assertClose(actual: number, expected: number, relative = 1e-12, label = ''): void {
  const scale = Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= relative * scale)) {
    throw new Error(`${label} expected ${expected}, got ${actual} (relative tolerance ${relative})`);
  }
}

/** Mini-batch SGD in float64 over the given per-epoch orders; the epoch's loss is the size-weighted mean of its batch losses. */
export function miniBatchRun(
  problem: Problem,
  lr: number,
  batchSize: number,
  orders: number[][],
): { loss: number; params: number[] }[] {
  const params = new Array<number>(problem.rows[0].length + (problem.bias ? 1 : 0)).fill(0);
  return orders.map((order) => {
    let weighted = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const picked = order.slice(start, start + batchSize);
      const batch = {
        rows: picked.map((i) => problem.rows[i]),
        y: picked.map((i) => problem.y[i]),
        bias: problem.bias,
      };
      const { loss, grad } = mseAndGradient(batch, params);
      weighted += loss * picked.length;
      params.forEach((_, k) => {
        params[k] -= lr * grad[k];
      });
    }
    return { loss: weighted / order.length, params: [...params] };
  });
}
