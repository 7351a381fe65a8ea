import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSession, datasetFromRows, tutorialConfig, type TrainConfig } from '../../../src/train';

// A loss expression with F.binary_cross_entropy trains as PyTorch's BCELoss does: from a start where two
// of four samples saturate the wrong way, PyTorch goes on (each costs 100 or its -log p, finite), and so
// does the session, epoch for epoch, where the textbook formula's log(0) stops it before the first step.
// Expected values: PyTorch 1.13's own run (test/fixtures/torch/bce.py, `training`).

interface TorchRun {
  x: number[];
  y: number[];
  start: { w: number; b: number };
  lr: number;
  epochs: { loss: number; w: number; b: number }[];
}
const torch = JSON.parse(readFileSync(join(__dirname, '../../fixtures/torch/bce.json'), 'utf8')) as Record<
  'float32' | 'float64',
  { training: TorchRun }
>;

function config(run: TorchRun, dtype: 'float32' | 'float64', lossExpr: string): TrainConfig {
  const base = tutorialConfig({
    data: datasetFromRows(
      run.x.map((v) => [v]),
      run.y,
    ),
    dtype,
    epochs: run.epochs.length,
    optimizer: { kind: 'sgd', lr: run.lr },
    batchSize: null,
  });
  return { ...base, modelExpr: 'torch.sigmoid(w*x + b)', lossExpr, initialParams: { ...run.start } };
}

const close = (a: number, b: number, rtol: number) => a === b || Math.abs(a - b) <= rtol * Math.abs(b);

describe('a loss expression with binary_cross_entropy trains as PyTorch’s BCELoss', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`${dtype}: goes on past samples saturated at p = 1 and p = 1e-26, each epoch’s loss, w and b PyTorch’s`, () => {
      const run = torch[dtype].training;
      const session = createSession(config(run, dtype, 'F.binary_cross_entropy(y_pred, y)'));
      const events = session.run();
      assert.equal(session.state.kind, 'done');
      const rtol = dtype === 'float32' ? 1e-6 : 1e-12;
      run.epochs.forEach((expected, k) => {
        const event = events[k];
        assert.ok(close(event.loss, expected.loss, rtol), `loss at epoch ${k}: ${event.loss} vs ${expected.loss}`);
        assert.ok(close(event.params.w[0], expected.w, rtol), `w at epoch ${k}: ${event.params.w[0]} vs ${expected.w}`);
        assert.ok(close(event.params.b!, expected.b, rtol), `b at epoch ${k}: ${event.params.b} vs ${expected.b}`);
      });
      // by hand at the start: z = 20x = -60, -20, 10, 40; the last is exactly 1 in either precision, so 100
      const sig = (z: number) => 1 / (1 + Math.exp(-z));
      const byHand = (-Math.log(sig(-60)) - Math.log(1 - sig(-20)) - Math.log(sig(10)) + 100) / 4;
      assert.ok(close(events[0].loss, byHand, 1e-6), `${events[0].loss} vs ${byHand}`);
    });
  }

  it('the textbook formula of the same loss stops before the first step: log(1 - 1) is -Infinity', () => {
    const run = torch.float32.training;
    const session = createSession(
      config(run, 'float32', '(-(y*torch.log(y_pred) + (1 - y)*torch.log(1 - y_pred))).mean()'),
    );
    session.run();
    assert.equal(session.state.kind, 'diverged');
    assert.match((session.state as { reason: string }).reason, /the loss is Infinity at the starting parameters/);
  });
});
