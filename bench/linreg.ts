// Full-batch linear regression, y = X w + b under MSE with plain SGD: milliseconds per step of
//   (a) our engine through its autograd API (X.matmul(w).add(b), mseLoss, backward, SGD.step),
//   (b) a hand-fused loop over typed arrays computing the same step in one pass (plain JS's limit),
//   (c) TensorFlow.js with its WASM backend, (d) TensorFlow.js with its CPU backend,
// each checked to reach the same loss, plus the peak memory of our engine's run.
//
// The machine is shared, so (a), (b) and (c) run interleaved: rounds of a few steps each, in turn, so a
// burst of load from elsewhere slows all three alike and the ratios stay meaningful. (d) is 10-25x slower
// and runs fewer steps afterwards (its loss is compared with ours after the same number of steps).
//
// Run: node --import tsx --expose-gc bench/linreg.ts [--json] [--steps N] [--only 100000x16]
// (`npm run bench [-- --json]` spawns it.)
import * as tf from '@tensorflow/tfjs';
import { mseLoss, SGD, tensor, zeros, type DType } from '../src/autograd';
import { fmt, gc, interleaved, lossGap, round, settle, useLocalWasm, type Run, type Step } from './harness';

const args = process.argv.slice(2);
const json = args.includes('--json');
const steps = Number(args[args.indexOf('--steps') + 1]) || 100;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const warmup = 3; // untimed steps first (harness.ts interleaved)
const cpuSteps = Math.min(steps, 15);
const lr = 0.1;
const workloads: [number, number][] = [
  [1_000_000, 1],
  [100_000, 16],
  [10_000, 100],
];
const dtypes: DType[] = ['float32', 'float64'];

interface Data {
  n: number;
  d: number;
  dtype: DType;
  x: Float32Array | Float64Array;
  y: Float32Array | Float64Array;
}
/** X with unit-variance uniform features, y = X w* + 0.5 + noise, from a fixed seed. */
function makeData(n: number, d: number, dtype: DType): Data {
  let state = 12345;
  const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1;
  const Arr = dtype === 'float32' ? Float32Array : Float64Array;
  const x = new Arr(n * d);
  const y = new Arr(n);
  const wTrue = Array.from({ length: d }, (_, k) => 1 + (k % 5) * 0.5);
  for (let i = 0; i < n; i++) {
    let t = 0.5 + 0.1 * uniform();
    for (let k = 0; k < d; k++) {
      const v = uniform() * Math.sqrt(3);
      x[i * d + k] = v;
      t += v * wTrue[k];
    }
    y[i] = t;
  }
  return { n, d, dtype, x, y };
}

/** (a) The engine, exactly as a user writes the training loop. */
function ours(data: Data, sampleMemory?: () => void): Step {
  const { n, d, dtype } = data;
  const X = tensor(data.x, { shape: [n, d], dtype, copy: false }); // shares the data, like torch.from_numpy
  const y = tensor(data.y, { dtype, copy: false });
  const w = zeros([d], { dtype, requiresGrad: true });
  const b = zeros([], { dtype, requiresGrad: true });
  const opt = new SGD([w, b], { lr });
  return () => {
    const loss = mseLoss(X.matmul(w).add(b), y);
    sampleMemory?.();
    loss.backward();
    sampleMemory?.();
    opt.step();
    opt.zeroGrad();
    return loss.item();
  };
}

/**
 * (b) One pass over the rows per step: prediction, residual, loss and both gradients together, four rows
 * at a time with four partial sums, so the CPU overlaps four chains of additions (what the engine's
 * kernels do too; a plain one-row loop waits on each addition and is ~2x slower).
 */
function hand(data: Data): Step {
  const { n, d, x, y } = data;
  const f32 = data.dtype === 'float32';
  const Arr = f32 ? Float32Array : Float64Array;
  const w = new Arr(d);
  const gw = new Arr(d);
  const b = new Arr(1);
  const scale = f32 ? Math.fround(2 / n) : 2 / n;
  const rate = f32 ? Math.fround(lr) : lr;
  const stepF32 = () => {
    gw.fill(0);
    let l0 = 0,
      l1 = 0,
      l2 = 0,
      l3 = 0;
    let b0 = 0,
      b1 = 0,
      b2 = 0,
      b3 = 0;
    const bias = b[0];
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const r0 = i * d,
        r1 = r0 + d,
        r2 = r1 + d,
        r3 = r2 + d;
      let p0 = 0,
        p1 = 0,
        p2 = 0,
        p3 = 0;
      for (let k = 0; k < d; k++) {
        const wk = w[k];
        p0 = Math.fround(p0 + Math.fround(x[r0 + k] * wk));
        p1 = Math.fround(p1 + Math.fround(x[r1 + k] * wk));
        p2 = Math.fround(p2 + Math.fround(x[r2 + k] * wk));
        p3 = Math.fround(p3 + Math.fround(x[r3 + k] * wk));
      }
      const e0 = Math.fround(Math.fround(Math.fround(p0 + bias) - y[i]));
      const e1 = Math.fround(Math.fround(Math.fround(p1 + bias) - y[i + 1]));
      const e2 = Math.fround(Math.fround(Math.fround(p2 + bias) - y[i + 2]));
      const e3 = Math.fround(Math.fround(Math.fround(p3 + bias) - y[i + 3]));
      l0 = Math.fround(l0 + Math.fround(e0 * e0));
      l1 = Math.fround(l1 + Math.fround(e1 * e1));
      l2 = Math.fround(l2 + Math.fround(e2 * e2));
      l3 = Math.fround(l3 + Math.fround(e3 * e3));
      const g0 = Math.fround(e0 * scale),
        g1 = Math.fround(e1 * scale),
        g2 = Math.fround(e2 * scale),
        g3 = Math.fround(e3 * scale);
      b0 = Math.fround(b0 + g0);
      b1 = Math.fround(b1 + g1);
      b2 = Math.fround(b2 + g2);
      b3 = Math.fround(b3 + g3);
      for (let k = 0; k < d; k++) {
        gw[k] = Math.fround(
          Math.fround(
            Math.fround(Math.fround(gw[k] + Math.fround(x[r0 + k] * g0)) + Math.fround(x[r1 + k] * g1)) +
              Math.fround(x[r2 + k] * g2),
          ) + Math.fround(x[r3 + k] * g3),
        );
      }
    }
    for (; i < n; i++) {
      let p = 0;
      for (let k = 0; k < d; k++) p = Math.fround(p + Math.fround(x[i * d + k] * w[k]));
      const e = Math.fround(Math.fround(p + bias) - y[i]);
      l0 = Math.fround(l0 + Math.fround(e * e));
      const g = Math.fround(e * scale);
      b0 = Math.fround(b0 + g);
      for (let k = 0; k < d; k++) gw[k] = Math.fround(gw[k] + Math.fround(x[i * d + k] * g));
    }
    for (let k = 0; k < d; k++) w[k] -= Math.fround(rate * gw[k]);
    b[0] -= Math.fround(rate * Math.fround(Math.fround(b0 + b1) + Math.fround(b2 + b3)));
    return Math.fround(Math.fround(Math.fround(l0 + l1) + Math.fround(l2 + l3)) / n);
  };
  const stepF64 = () => {
    gw.fill(0);
    let l0 = 0,
      l1 = 0,
      l2 = 0,
      l3 = 0;
    let b0 = 0,
      b1 = 0,
      b2 = 0,
      b3 = 0;
    const bias = b[0];
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const r0 = i * d,
        r1 = r0 + d,
        r2 = r1 + d,
        r3 = r2 + d;
      let p0 = bias,
        p1 = bias,
        p2 = bias,
        p3 = bias;
      for (let k = 0; k < d; k++) {
        const wk = w[k];
        p0 += x[r0 + k] * wk;
        p1 += x[r1 + k] * wk;
        p2 += x[r2 + k] * wk;
        p3 += x[r3 + k] * wk;
      }
      const e0 = p0 - y[i],
        e1 = p1 - y[i + 1],
        e2 = p2 - y[i + 2],
        e3 = p3 - y[i + 3];
      l0 += e0 * e0;
      l1 += e1 * e1;
      l2 += e2 * e2;
      l3 += e3 * e3;
      b0 += e0;
      b1 += e1;
      b2 += e2;
      b3 += e3;
      for (let k = 0; k < d; k++) gw[k] += x[r0 + k] * e0 + x[r1 + k] * e1 + x[r2 + k] * e2 + x[r3 + k] * e3;
    }
    for (; i < n; i++) {
      let p = bias;
      for (let k = 0; k < d; k++) p += x[i * d + k] * w[k];
      const e = p - y[i];
      l0 += e * e;
      b0 += e;
      for (let k = 0; k < d; k++) gw[k] += x[i * d + k] * e;
    }
    for (let k = 0; k < d; k++) w[k] -= rate * scale * gw[k];
    b[0] -= rate * scale * (b0 + b1 + b2 + b3);
    return (l0 + l1 + l2 + l3) / n;
  };
  return f32 ? stepF32 : stepF64;
}

/** (c, d) TensorFlow.js on the current backend: tf.variable and its SGD optimizer (tfjs is float32 only). */
function tfjs(data: Data): { step: Step; dispose: () => void } {
  const X = tf.tensor2d(Float32Array.from(data.x), [data.n, data.d]);
  const y = tf.tensor1d(Float32Array.from(data.y));
  const w = tf.variable(tf.zeros([data.d, 1]));
  const b = tf.variable(tf.scalar(0));
  const opt = tf.train.sgd(lr);
  const step = () => {
    const cost = opt.minimize(() => tf.losses.meanSquaredError(y, X.matMul(w).reshape([-1]).add(b)), true, [w, b]);
    const value = cost?.dataSync()[0] ?? NaN;
    cost?.dispose();
    return value;
  };
  return {
    step,
    dispose: () => {
      tf.dispose([X, y, w, b]);
      opt.dispose();
    },
  };
}

/**
 * Peak ArrayBuffer memory of 10 steps of our engine, data included, in MB. Synchronous on purpose: a
 * suspended async caller would keep its stale temporaries (the previous workload's data) alive.
 */
function peakMemory(n: number, d: number, dtype: DType): number {
  gc();
  const baseline = process.memoryUsage().arrayBuffers;
  let peak = 0;
  const step = ours(makeData(n, d, dtype), () => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
  });
  for (let s = 0; s < 10; s++) step();
  return peak / 1e6;
}

async function main(): Promise<void> {
  useLocalWasm();
  const selected = workloads
    .flatMap(([n, d]) => dtypes.map((dtype) => ({ n, d, dtype, bench: `linreg-${n}x${d}-${dtype}` })))
    .filter((w) => only === null || w.bench.includes(only));
  if (!json) {
    console.log(
      `linreg bench: full-batch SGD lr ${lr}, ${steps} steps (tfjs-cpu ${cpuSteps}), ms/step after ${warmup} warm-up steps;`,
    );
    console.log('ours, hand and tfjs-wasm interleaved in rounds. tfjs computes in float32 for every workload.');
    console.log(
      'workload                      ours   hand  tfjs-wasm  tfjs-cpu | ours/hand  ours/wasm | peak MB (x data) | final loss ours / hand / wasm',
    );
  }
  // Memory first, for every workload, before tfjs holds any memory of its own.
  const peaks = new Map<string, number>();
  for (const { n, d, dtype, bench } of selected) {
    await settle();
    peaks.set(bench, peakMemory(n, d, dtype));
  }
  let failed = false;
  for (const { n, d, dtype, bench } of selected) {
    await settle();
    const data = makeData(n, d, dtype);
    const dataMb = (data.x.byteLength + data.y.byteLength) / 1e6;
    const peakMb = peaks.get(bench) ?? NaN;
    await tf.setBackend('wasm');
    const wasmModel = tfjs(data);
    const [a, h, wasm] = interleaved([ours(data), hand(data), wasmModel.step], steps);
    wasmModel.dispose();
    await tf.setBackend('cpu');
    const cpuModel = tfjs(data);
    const [cpu] = interleaved([cpuModel.step], cpuSteps);
    cpuModel.dispose();
    // float64 runs must agree closely; tfjs is float32 and sums in its own order, so 1e-3 relative.
    const gaps = { hand: lossGap(a, h), wasm: lossGap(a, wasm), cpu: lossGap(a, cpu) };
    const lossesMatch = gaps.hand <= (dtype === 'float64' ? 1e-9 : 1e-3) && gaps.wasm <= 1e-3 && gaps.cpu <= 1e-3;
    failed ||= !lossesMatch;
    const last = (r: Run) => r.losses[r.losses.length - 1];
    if (json) {
      console.log(
        JSON.stringify({
          bench,
          ours_ms: round(a.msPerStep),
          hand_ms: round(h.msPerStep),
          tfjs_wasm_ms: round(wasm.msPerStep),
          tfjs_cpu_ms: round(cpu.msPerStep),
          ours_peak_mb: round(peakMb),
          data_mb: round(dataMb),
          ours_over_hand: round(a.msPerStep / h.msPerStep),
          ours_over_tfjs_wasm: round(a.msPerStep / wasm.msPerStep),
          steps,
          tfjs_cpu_steps: cpuSteps,
          final_loss: last(a),
          losses_match: lossesMatch,
        }),
      );
    } else {
      console.log(
        `${bench.padEnd(28)} ${fmt(a.msPerStep, 6)} ${fmt(h.msPerStep, 6)} ${fmt(wasm.msPerStep, 10)} ${fmt(cpu.msPerStep, 9)} | ${fmt(a.msPerStep / h.msPerStep, 8)}x ${fmt(a.msPerStep / wasm.msPerStep, 9)}x | ${fmt(peakMb, 6)} (${(peakMb / dataMb).toFixed(1)}x) | ${last(a).toPrecision(6)} / ${last(h).toPrecision(6)} / ${last(wasm).toPrecision(6)}${lossesMatch ? '' : `  LOSS MISMATCH ${JSON.stringify(gaps)}`}`,
      );
    }
  }
  if (failed) {
    console.error('linreg bench: some runs did not reach the same loss');
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
