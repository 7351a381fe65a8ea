// Independent float64 references for logistic regression and one-hidden-layer networks: plain JS loops with
// gradients derived by hand, and PyTorch's optimizers as its documentation writes them. No engine, no src/ code.

export type Values = Record<string, number[]>; // every parameter flattened row-major (W1[j][k] at j*H + k)

export interface Net {
  /** The loss of one batch and its gradient with respect to every parameter. */
  lossAndGradient(params: Values, rows: number[][], y: number[]): { loss: number; grad: Values };
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** BCE of probabilities p (mean): -(y log p + (1 - y) log(1 - p)). */
function bce(p: number[], y: number[]): number {
  return -p.reduce((sum, pi, i) => sum + y[i] * Math.log(pi) + (1 - y[i]) * Math.log(1 - pi), 0) / p.length;
}

/** p = sigmoid(X w + b), mean BCE: dL/dw = X^T (p - y) / N, dL/db = sum(p - y) / N. */
export const logisticRegression: Net = {
  lossAndGradient({ w, b }, rows, y) {
    const n = rows.length;
    const p = rows.map((row) => sigmoid(row.reduce((s, xj, j) => s + xj * w[j], b[0])));
    const gw = w.map((_, j) => rows.reduce((s, row, i) => s + (p[i] - y[i]) * row[j], 0) / n);
    const gb = p.reduce((s, pi, i) => s + pi - y[i], 0) / n;
    return { loss: bce(p, y), grad: { w: gw, b: [gb] } };
  },
};

/**
 * out = act(x W1 + b1) . w2 + b2, with W1 D x H. The output is the prediction under MSE (mean), or its
 * sigmoid under BCE (mean). Backpropagation by hand:
 *   dL/dout_i = 2 (out_i - y_i) / N (MSE), (sigmoid(out_i) - y_i) / N (BCE of a sigmoid)
 *   dL/dw2_k = sum_i dout_i h_ik, dL/db2 = sum_i dout_i
 *   dL/dz_ik = dout_i w2_k act'(z_ik), act' = 1 - h^2 (tanh), [z > 0] (relu, 0 at 0 as PyTorch)
 *   dL/dW1_jk = sum_i x_ij dz_ik, dL/db1_k = sum_i dz_ik
 */
export function oneHiddenLayer(activation: 'tanh' | 'relu', loss: 'mse' | 'bce'): Net {
  return {
    lossAndGradient({ W1, b1, w2, b2 }, rows, y) {
      const n = rows.length;
      const h1 = b1.length;
      const d = rows[0].length;
      const z = rows.map((row) =>
        Array.from({ length: h1 }, (_, k) => row.reduce((s, xj, j) => s + xj * W1[j * h1 + k], b1[k])),
      );
      const h = z.map((zi) => zi.map((v) => (activation === 'tanh' ? Math.tanh(v) : Math.max(0, v))));
      const out = h.map((hi) => hi.reduce((s, v, k) => s + v * w2[k], b2[0]));
      let value: number;
      let dout: number[];
      if (loss === 'mse') {
        value = out.reduce((s, o, i) => s + (o - y[i]) ** 2, 0) / n;
        dout = out.map((o, i) => (2 * (o - y[i])) / n);
      } else {
        const p = out.map(sigmoid);
        value = bce(p, y);
        dout = p.map((pi, i) => (pi - y[i]) / n);
      }
      const gw2 = w2.map((_, k) => dout.reduce((s, g, i) => s + g * h[i][k], 0));
      const gb2 = dout.reduce((s, g) => s + g, 0);
      const dz = h.map((hi, i) =>
        hi.map((v, k) => dout[i] * w2[k] * (activation === 'tanh' ? 1 - v * v : z[i][k] > 0 ? 1 : 0)),
      );
      const gW1 = new Array<number>(d * h1).fill(0);
      const gb1 = new Array<number>(h1).fill(0);
      rows.forEach((row, i) => {
        for (let k = 0; k < h1; k++) {
          gb1[k] += dz[i][k];
          for (let j = 0; j < d; j++) gW1[j * h1 + k] += row[j] * dz[i][k];
        }
      });
      return { loss: value, grad: { W1: gW1, b1: gb1, w2: gw2, b2: [gb2] } };
    },
  };
}

export type Optimizer =
  | { kind: 'sgd'; lr: number }
  | { kind: 'momentum'; lr: number; momentum: number }
  | { kind: 'adam'; lr: number; betas: [number, number]; eps: number };

/**
 * The update of every parameter, as torch.optim documents it:
 *   SGD:           p -= lr g
 *   SGD momentum:  buf = g on the first step, then buf = momentum buf + g (dampening 0); p -= lr buf
 *   Adam:          m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; m^ = m / (1 - b1^t); v^ = v / (1 - b2^t);
 *                  p -= lr m^ / (sqrt(v^) + eps)
 */
function stepper(optimizer: Optimizer): (params: Values, grad: Values) => void {
  const first: Values = {};
  const second: Values = {};
  let t = 0;
  return (params, grad) => {
    t++;
    for (const name of Object.keys(params)) {
      const p = params[name];
      const g = grad[name];
      if (optimizer.kind === 'sgd') {
        p.forEach((_, k) => (p[k] -= optimizer.lr * g[k]));
      } else if (optimizer.kind === 'momentum') {
        const buf = (first[name] ??= [...g]);
        if (t > 1) buf.forEach((_, k) => (buf[k] = optimizer.momentum * buf[k] + g[k]));
        p.forEach((_, k) => (p[k] -= optimizer.lr * buf[k]));
      } else {
        const [b1, b2] = optimizer.betas;
        const m = (first[name] ??= new Array<number>(p.length).fill(0));
        const v = (second[name] ??= new Array<number>(p.length).fill(0));
        p.forEach((_, k) => {
          m[k] = b1 * m[k] + (1 - b1) * g[k];
          v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
          const mHat = m[k] / (1 - b1 ** t);
          const vHat = v[k] / (1 - b2 ** t);
          p[k] -= (optimizer.lr * mHat) / (Math.sqrt(vHat) + optimizer.eps);
        });
      }
    }
  };
}

export interface Epoch {
  loss: number;
  params: Values;
}

/**
 * Training in row order (DataLoader(shuffle=False)): batches of `batchSize` rows (null: all of them), one
 * update each. An epoch's loss is its batch losses weighted by their sizes, over N (each before its update).
 */
export function trainReference(
  net: Net,
  start: Values,
  rows: number[][],
  y: number[],
  optimizer: Optimizer,
  epochs: number,
  batchSize: number | null,
): Epoch[] {
  const params: Values = Object.fromEntries(Object.entries(start).map(([name, v]) => [name, [...v]]));
  const step = stepper(optimizer);
  const size = batchSize ?? rows.length;
  const history: Epoch[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    let total = 0;
    for (let from = 0; from < rows.length; from += size) {
      const batchRows = rows.slice(from, from + size);
      const { loss, grad } = net.lossAndGradient(params, batchRows, y.slice(from, from + size));
      total += loss * batchRows.length;
      step(params, grad);
    }
    history.push({
      loss: total / rows.length,
      params: Object.fromEntries(Object.entries(params).map(([name, v]) => [name, [...v]])),
    });
  }
  return history;
}
