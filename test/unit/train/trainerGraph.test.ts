// The trainer's Graph view: the computation graph of the run's model and loss at its current parameters.
// Expected numbers from the math: the tutorial's L(w) = 7.5 (w - 2)^2, so dL/dw = 15 (w - 2), and the other
// losses written in plain JS with central differences.
import assert from 'node:assert/strict';
import { defaultSettings, type TrainerSettings } from '../../../src/protocol/trainerSettings';
import { tutorialDataset } from '../../../src/train/data/dataset';
import { trainerGraph } from '../../../src/train/trainer/trainerGraph';
import type { Dataset } from '../../../src/train/types';
import { createSession } from '../../../src/train';
import { shapeDataset } from '../../../src/train/data/shapes';
import { trainConfig } from '../../../src/train/trainer/sessionConfig';
import type { ComputationGraph } from '../../../src/expr';

function gradOf(graph: ComputationGraph, name: string): number {
  const node = graph.nodes.find((n) => n.role === 'parameter' && n.label === name);
  assert.ok(node?.grad, `no grad on ${name}: ${JSON.stringify(graph.nodes.map((n) => n.label))}`);
  return node.grad.values[0];
}

function lossOf(graph: ComputationGraph): number {
  return (graph.nodes.find((n) => n.id === graph.output) as ComputationGraph['nodes'][number]).data.values[0];
}

function central(f: (v: number) => number, v: number, h = 1e-6): number {
  return (f(v + h) - f(v - h)) / (2 * h);
}

const close = (actual: number, expected: number, tol = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} vs ${expected}`);

describe("the trainer's Graph view", () => {
  it('draws the tutorial at epoch 0: w, x → mul → sub y → pow 2 → mean, L = 30, ∂L/∂w = -30', () => {
    const graph = trainerGraph(tutorialDataset(), defaultSettings(), { w: [0], b: null });
    assert.ok(graph.ok, JSON.stringify(graph));
    const ops = graph.value.nodes.filter((n) => n.role === 'op').map((n) => n.op);
    assert.deepEqual(ops, ['mul', 'sub', 'powScalar', 'mean']);
    assert.equal(lossOf(graph.value), 30);
    assert.equal(gradOf(graph.value, 'w'), -30);
    // the prediction is the named node y_pred, as in the tutorial's code
    assert.ok(graph.value.nodes.some((n) => n.label === 'w*x'));
    assert.ok(
      graph.value.backward.some((s) => s.text.includes('∂L/∂y_pred')),
      'the chain rule names y_pred',
    );
  });
  it('moves with w: after the first update (w = 0.3), ∂L/∂w = 15 (0.3 - 2) = -25.5', () => {
    const graph = trainerGraph(tutorialDataset(), defaultSettings(), { w: [0.3], b: null });
    assert.ok(graph.ok);
    close(gradOf(graph.value, 'w'), -25.5, 1e-12);
    close(lossOf(graph.value), 7.5 * 1.7 ** 2, 1e-12);
  });
  it('has b when the model has a bias: ∂L/∂b = mean(2 (w x + b - y))', () => {
    const settings: TrainerSettings = { ...defaultSettings(), bias: true };
    const graph = trainerGraph(tutorialDataset(), settings, { w: [0.5], b: 1 });
    assert.ok(graph.ok);
    const x = [1, 2, 3, 4];
    const y = [2, 4, 6, 8];
    const expected = x.reduce((s, xi, i) => s + 2 * (0.5 * xi + 1 - y[i]), 0) / 4;
    close(gradOf(graph.value, 'b'), expected, 1e-12);
  });
  it('writes each built-in loss as the session computes it (Huber and hinge against plain JS)', () => {
    const data: Dataset = { n: 3, d: 1, x: new Float64Array([-1, 0.5, 2]), y: new Float64Array([1, 0, 1]) };
    const huber = (w: number) =>
      [0, 1, 2]
        .map((i) => {
          const r = w * data.x[i] - data.y[i];
          return Math.abs(r) <= 0.5 ? 0.5 * r * r : 0.5 * (Math.abs(r) - 0.25);
        })
        .reduce((a, b) => a + b) / 3;
    const hinge = (w: number) =>
      [0, 1, 2]
        .map((i) => Math.max(0, 1 - (data.y[i] === 0 ? -1 : data.y[i]) * w * data.x[i]))
        .reduce((a, b) => a + b) / 3;
    for (const [loss, f] of [
      ['huber', huber],
      ['hinge', hinge],
    ] as const) {
      const settings: TrainerSettings = { ...defaultSettings(), loss, huberDelta: 0.5 };
      const graph = trainerGraph(data, settings, { w: [0.7], b: null });
      assert.ok(graph.ok, `${loss}: ${JSON.stringify(graph)}`);
      close(lossOf(graph.value), f(0.7), 1e-12);
      close(gradOf(graph.value, 'w'), central(f, 0.7), 1e-6);
    }
  });
  it('writes BCE on a probability and cross-entropy on a logit as the same number for p = σ(w x)', () => {
    const data: Dataset = { n: 3, d: 1, x: new Float64Array([-1, 0.5, 2]), y: new Float64Array([1, 0, 1]) };
    const ce = (w: number) =>
      [0, 1, 2].map((i) => Math.log1p(Math.exp(w * data.x[i])) - data.y[i] * w * data.x[i]).reduce((a, b) => a + b) / 3;
    const bce = { ...defaultSettings(), loss: 'bce' as const, modelExpr: '1/(1 + np.exp(-w*x))' };
    const logits = { ...defaultSettings(), loss: 'cross-entropy' as const, modelExpr: 'w*x' };
    for (const settings of [bce, logits]) {
      const graph = trainerGraph(data, settings, { w: [0.7], b: null });
      assert.ok(graph.ok, JSON.stringify(graph));
      close(lossOf(graph.value), ce(0.7), 1e-12);
      close(gradOf(graph.value, 'w'), central(ce, 0.7), 1e-6);
    }
  });
  it("draws the moons MLP (2-16-16-1, ReLU, hinge) with matrix nodes, W1's gradient as central differences give it", () => {
    const data = shapeDataset('moons', { n: 20, noise: 0.1, seed: 1 });
    const settings: TrainerSettings = {
      ...defaultSettings(),
      modelExpr: 'mlp:16,16:relu',
      loss: 'hinge',
      init: 'uniform',
    };
    const params = createSession(trainConfig(settings, data)).params;
    const graph = trainerGraph(data, settings, params);
    assert.ok(graph.ok, JSON.stringify(graph));
    const named = params.named as Record<string, { shape: number[]; values: number[] }>;
    const W1 = graph.value.nodes.find((n) => n.label === 'W1');
    assert.deepEqual(W1?.data.shape, [2, 16]);
    // the same network and loss in plain JS: relu(relu(x W1 + b1) W2 + b2) · w3 + b3, hinge on labels ±1
    const loss = (w1: number[]): number => {
      const v = (name: string) => (name === 'W1' ? w1 : named[name].values);
      let total = 0;
      for (let i = 0; i < data.n; i++) {
        const layer = (input: number[], W: number[], b: number[], width: number) =>
          Array.from({ length: width }, (_, j) =>
            Math.max(
              0,
              input.reduce((acc, xk, k) => acc + xk * W[k * width + j], b[j]),
            ),
          );
        const h1 = layer([data.x[2 * i], data.x[2 * i + 1]], v('W1'), v('b1'), 16);
        const h2 = layer(h1, v('W2'), v('b2'), 16);
        const f = h2.reduce((acc, h, j) => acc + h * v('w3')[j], v('b3')[0]);
        total += Math.max(0, 1 - (data.y[i] === 0 ? -1 : data.y[i]) * f);
      }
      return total / data.n;
    };
    const w1 = named.W1.values;
    close(W1?.data.values[0] ?? NaN, w1[0], 0);
    const shifted = (h: number) => loss(w1.map((v, k) => (k === 0 ? v + h : v)));
    close(graph.value.nodes.find((n) => n.id === graph.value.output)?.data.values[0] ?? NaN, loss(w1), 1e-12);
    close(W1?.grad?.values[0] ?? NaN, (shifted(1e-6) - shifted(-1e-6)) / 2e-6, 1e-5);
  });
  it('refuses a run too big to draw in full, saying how many rows it has', () => {
    const n = 100_001;
    const data: Dataset = { n, d: 1, x: new Float64Array(n), y: new Float64Array(n) };
    const graph = trainerGraph(data, defaultSettings(), { w: [0], b: null });
    assert.ok(!graph.ok);
    assert.match(graph.error.message, /up to 100,000 rows; this one has 100,001/);
  });
});
