// Two models beyond the linear one, milliseconds per full-batch step, ours against TensorFlow.js (WASM
// backend) from the same data and the same first values, for the same number of steps:
//   logistic-100000x16-DTYPE   logistic regression, BCE of the logit (bceWithLogitsLoss), SGD lr 0.5;
//                              also a hand-fused loop over typed arrays (hand_ms)
//   mlp-10000x2-16-16-1-tanh-adam-DTYPE
//                              tanh(tanh(X W1 + b1) W2 + b2) w3 + b3 under MSE, Adam lr 0.01 (no hand loop)
// losses_match: the final losses agree within 1e-3 relative with tfjs (float32 only, its own summation order)
// and, for the hand loop, within 1e-9 in float64 and 1e-3 in float32.
//
// Run: node --import tsx --expose-gc bench/models.ts [--json] [--steps N] [--only mlp]
import * as tf from '@tensorflow/tfjs';
import { Adam, bceWithLogitsLoss, mseLoss, SGD, tensor, type DType, type Tensor } from '../src/autograd';
import { fmt, interleaved, lossGap, round, settle, useLocalWasm, type Run, type Step } from './harness';

const args = process.argv.slice(2);
const json = args.includes('--json');
const steps = Number(args[args.indexOf('--steps') + 1]) || 100;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const dtypes: DType[] = ['float32', 'float64'];

/** A fixed-seed uniform stream in [-1, 1) (an LCG: the bench's data and first values, the same every run). */
function uniformStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1;
}

type Values = Float32Array | Float64Array;
const arrayOf = (dtype: DType, values: ArrayLike<number>): Values =>
  dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);

interface Problem {
  n: number;
  d: number;
  dtype: DType;
  x: Values;
  y: Values;
  /** First values by name, with their shapes (a [H] vector, a [D, H] matrix, [] a number). */
  start: { name: string; shape: number[]; values: Values }[];
}

/** Labels from a noisy linear rule on unit-variance features; w and b start at zero. */
function logisticProblem(n: number, d: number, dtype: DType): Problem {
  const u = uniformStream(12345);
  const wTrue = Array.from({ length: d }, (_, k) => ((k % 5) - 2) * 0.5);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0.3 + u();
    for (let k = 0; k < d; k++) z += (x[i * d + k] = u() * Math.sqrt(3)) * wTrue[k];
    y[i] = z > 0 ? 1 : 0;
  }
  return {
    n,
    d,
    dtype,
    x: arrayOf(dtype, x),
    y: arrayOf(dtype, y),
    start: [
      { name: 'w', shape: [d], values: arrayOf(dtype, new Float64Array(d)) },
      { name: 'b', shape: [], values: arrayOf(dtype, [0]) },
    ],
  };
}

/** y = sin(2 x1) cos(x2) on [-1, 1)^2; the weights from nn.Linear's U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
function mlpProblem(n: number, dtype: DType): Problem {
  const u = uniformStream(777);
  const x = Float64Array.from({ length: 2 * n }, () => u());
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(2 * x[2 * i]) * Math.cos(x[2 * i + 1]));
  const layer = (name: string, shape: number[], fanIn: number) => ({
    name,
    shape,
    values: arrayOf(
      dtype,
      Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => u() / Math.sqrt(fanIn)),
    ),
  });
  return {
    n,
    d: 2,
    dtype,
    x: arrayOf(dtype, x),
    y: arrayOf(dtype, y),
    start: [
      layer('W1', [2, 16], 2),
      layer('b1', [16], 2),
      layer('W2', [16, 16], 16),
      layer('b2', [16], 16),
      layer('w3', [16], 16),
      layer('b3', [], 16),
    ],
  };
}

const LOGISTIC_LR = 0.5;
const MLP_LR = 0.01;

/** Our engine, as a user writes the loop: the parameters from the start, the loss, backward, the step. */
function ours(problem: Problem, kind: 'logistic' | 'mlp'): Step {
  const { n, d, dtype } = problem;
  const X = tensor(problem.x, { shape: [n, d], dtype, copy: false });
  const y = tensor(problem.y, { dtype, copy: false });
  const p: Record<string, Tensor> = {};
  for (const { name, shape, values } of problem.start) p[name] = tensor(values, { shape, dtype, requiresGrad: true });
  const parameters = Object.values(p);
  const opt = kind === 'logistic' ? new SGD(parameters, { lr: LOGISTIC_LR }) : new Adam(parameters, { lr: MLP_LR });
  const loss =
    kind === 'logistic'
      ? () => bceWithLogitsLoss(X.matmul(p.w).add(p.b), y) // as tfjs's sigmoidCrossEntropy below, one op
      : () => {
          const h1 = X.matmul(p.W1).add(p.b1).tanh();
          const h2 = h1.matmul(p.W2).add(p.b2).tanh();
          return mseLoss(h2.matmul(p.w3).add(p.b3), y);
        };
  return () => {
    const l = loss();
    l.backward();
    opt.step();
    opt.zeroGrad();
    return l.item();
  };
}

/** Logistic regression's step in one pass over the rows: z, the loss term, and both gradients. */
function handLogistic(problem: Problem): Step {
  const { n, d, x, y, dtype } = problem;
  const Arr = dtype === 'float32' ? Float32Array : Float64Array;
  const w = new Arr(d);
  const gw = new Float64Array(d);
  const b = new Arr(1);
  return () => {
    gw.fill(0);
    let gb = 0;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const row = i * d;
      let z = b[0];
      for (let k = 0; k < d; k++) z += x[row + k] * w[k];
      // softplus as the engine computes it: linear above 20
      loss += (z > 20 ? z : Math.log1p(Math.exp(z))) - y[i] * z;
      const g = 1 / (1 + Math.exp(-z)) - y[i];
      gb += g;
      for (let k = 0; k < d; k++) gw[k] += x[row + k] * g;
    }
    for (let k = 0; k < d; k++) w[k] -= (LOGISTIC_LR * gw[k]) / n;
    b[0] -= (LOGISTIC_LR * gb) / n;
    return loss / n;
  };
}

/** TensorFlow.js on its current backend, float32, from the same start. */
function tfjs(problem: Problem, kind: 'logistic' | 'mlp'): { step: Step; dispose: () => void } {
  const X = tf.tensor2d(Float32Array.from(problem.x), [problem.n, problem.d]);
  const y = tf.tensor1d(Float32Array.from(problem.y));
  const p: Record<string, tf.Variable> = {};
  for (const { name, shape, values } of problem.start) {
    // a weight vector as a [H, 1] matrix: tfjs's matMul takes matrices only
    const tfShape = name === 'w' || name === 'w3' ? [shape[0], 1] : shape;
    p[name] = tf.variable(tf.tensor(Float32Array.from(values), tfShape));
  }
  const opt = kind === 'logistic' ? tf.train.sgd(LOGISTIC_LR) : tf.train.adam(MLP_LR, 0.9, 0.999, 1e-8);
  const loss =
    kind === 'logistic'
      ? () => tf.losses.sigmoidCrossEntropy(y, X.matMul(p.w).reshape([-1]).add(p.b))
      : () => {
          const h1 = X.matMul(p.W1).add(p.b1).tanh();
          const h2 = h1.matMul(p.W2).add(p.b2).tanh();
          return tf.losses.meanSquaredError(y, h2.matMul(p.w3).reshape([-1]).add(p.b3));
        };
  const step = () => {
    const cost = opt.minimize(() => loss() as tf.Scalar, true, Object.values(p));
    const value = cost?.dataSync()[0] ?? NaN;
    cost?.dispose();
    return value;
  };
  return {
    step,
    dispose: () => {
      tf.dispose([X, y, ...Object.values(p)]);
      opt.dispose();
    },
  };
}

async function main(): Promise<void> {
  useLocalWasm();
  await tf.setBackend('wasm');
  const workloads = dtypes
    .flatMap((dtype) => [
      {
        bench: `logistic-100000x16-${dtype}`,
        make: () => logisticProblem(100_000, 16, dtype),
        kind: 'logistic' as const,
      },
      { bench: `mlp-10000x2-16-16-1-tanh-adam-${dtype}`, make: () => mlpProblem(10_000, dtype), kind: 'mlp' as const },
    ])
    .filter((w) => only === null || w.bench.includes(only));
  if (!json) {
    console.log(`models bench: ${steps} full-batch steps, ms/step; ours, hand and tfjs-wasm interleaved in rounds.`);
    console.log(
      'workload                                    ours   hand  tfjs-wasm | ours/wasm | final loss ours / hand / wasm',
    );
  }
  let failed = false;
  for (const { bench, make, kind } of workloads) {
    await settle();
    const problem = make();
    const dtype = problem.dtype;
    const model = tfjs(problem, kind);
    const steppers = [ours(problem, kind), model.step, ...(kind === 'logistic' ? [handLogistic(problem)] : [])];
    const [a, wasm, h] = interleaved(steppers, steps) as [Run, Run, Run | undefined];
    model.dispose();
    const gaps = { wasm: lossGap(a, wasm), ...(h ? { hand: lossGap(a, h) } : {}) };
    const lossesMatch = gaps.wasm <= 1e-3 && (!h || lossGap(a, h) <= (dtype === 'float64' ? 1e-9 : 1e-3));
    failed ||= !lossesMatch;
    const last = (r: Run) => r.losses[r.losses.length - 1];
    if (json) {
      console.log(
        JSON.stringify({
          bench,
          ours_ms: round(a.msPerStep),
          tfjs_wasm_ms: round(wasm.msPerStep),
          ...(h ? { hand_ms: round(h.msPerStep) } : {}),
          ours_over_tfjs_wasm: round(a.msPerStep / wasm.msPerStep),
          steps,
          final_loss: last(a),
          losses_match: lossesMatch,
        }),
      );
    } else {
      console.log(
        `${bench.padEnd(42)} ${fmt(a.msPerStep, 6)} ${h ? fmt(h.msPerStep, 6) : '     -'} ${fmt(wasm.msPerStep, 10)} | ${fmt(a.msPerStep / wasm.msPerStep, 8)}x | ${last(a).toPrecision(6)} / ${h ? last(h).toPrecision(6) : '-'} / ${last(wasm).toPrecision(6)}${lossesMatch ? '' : `  LOSS MISMATCH ${JSON.stringify(gaps)}`}`,
      );
    }
  }
  if (failed) {
    console.error('models bench: some runs did not reach the same loss');
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
