// The panel's models on the core session (no page): the micrograd demo's settings reach 100 % train
// accuracy, and the boundary and curve the worker sends are the model's outputs, checked against the
// closed form of a model with known parameters.
import assert from 'node:assert/strict';
import { defaultSettings, type TrainerSettings } from '../../../src/protocol/trainerSettings';
import { createSession, datasetFromRows } from '../../../src/train';
import { shapeDataset } from '../../../src/train/data/shapes';
import { boundaryOf, boundaryScale, curveOf, GRID_CELLS, planeOf } from '../../../src/train/trainer/modelView';
import { trainConfig } from '../../../src/train/trainer/sessionConfig';
import { moonsDemoSettings } from '../../../src/webview/page/moonsDemo';

describe('the panel’s models on the core session', () => {
  it('trains the moons demo (100 points, noise 0.1, a 2-16-16-1 ReLU MLP) to 100 % train accuracy', () => {
    const settings = moonsDemoSettings(defaultSettings());
    assert.deepEqual(settings.source, { kind: 'shape', shape: 'moons', n: 100, noise: 0.1, seed: 1 });
    const data = shapeDataset('moons', { n: 100, noise: 0.1, seed: 1 });
    const session = createSession(trainConfig(settings, data));
    assert.deepEqual(
      Object.entries(session.params.named ?? {}).map(([name, p]) => [name, p.shape]),
      [
        ['W1', [2, 16]],
        ['b1', [16]],
        ['W2', [16, 16]],
        ['b2', [16]],
        ['w3', [16]],
        ['b3', []],
      ],
    );
    const events = session.run();
    assert.equal(session.state.kind, 'done');
    assert.equal(events.at(-1)?.accuracy, 1);
    // Counted independently of the session's accuracy: the sign of each final score against its label.
    const x = new Float64Array(data.x);
    const scores = session.predictRows(x, data.n);
    const right = Array.from(scores).filter((f, i) => (f > 0 ? 1 : 0) === data.y[i]).length;
    assert.equal(right, 100);
  });

  it('draws a logistic model’s boundary as sigmoid(w·x + b) at the centre of each cell, row 0 at the bottom', () => {
    const data = datasetFromRows(
      [
        [0, 0],
        [1, 2],
        [-1, 1],
      ],
      [0, 1, 1],
    );
    const settings: TrainerSettings = { ...defaultSettings(), modelExpr: 'logistic', loss: 'bce' };
    const session = createSession({
      ...trainConfig(settings, data),
      dtype: 'float64',
      initialParams: { w: [1, -2], b: 0.5 },
    });
    const plane = planeOf(data);
    // The data span [-1, 1] x [0, 2]; a tenth of 2 is under the 0.5 floor, so 0.5 on every side.
    assert.deepEqual(plane, { xMin: -1.5, xMax: 1.5, yMin: -0.5, yMax: 2.5 });
    const grid = boundaryOf(session, plane, boundaryScale(session));
    assert.equal(grid.scale, 'probability');
    assert.equal(grid.values.length, GRID_CELLS * GRID_CELLS);
    const step = 3 / GRID_CELLS;
    for (const [i, j] of [
      [0, 0],
      [0, 59],
      [30, 17],
      [59, 59],
    ]) {
      const x1 = -1.5 + (j + 0.5) * step;
      const x2 = -0.5 + (i + 0.5) * step;
      const expected = 1 / (1 + Math.exp(-(x1 - 2 * x2 + 0.5)));
      assert.ok(Math.abs(grid.values[i * GRID_CELLS + j] - expected) < 1e-6, `cell (${i}, ${j})`);
    }
  });

  it('draws a cubic’s curve as w1 x + w2 x^2 + w3 x^3 + b over the data’s range', () => {
    const data = datasetFromRows([[0], [1], [2], [3]], [1, 2, 0, 5]);
    const settings: TrainerSettings = { ...defaultSettings(), modelExpr: 'poly:3' };
    const session = createSession({
      ...trainConfig(settings, data),
      dtype: 'float64',
      initialParams: { w1: 0.5, w2: -1, w3: 0.25, b: 2 },
    });
    const curve = curveOf(session, data);
    // [0, 3] widened by 0.5 (a tenth of 3 is under the floor) on each side.
    assert.deepEqual([curve.x[0], curve.x.at(-1)], [-0.5, 3.5]);
    curve.x.forEach((x, k) => {
      const expected = 0.5 * x - x ** 2 + 0.25 * x ** 3 + 2;
      assert.ok(Math.abs(curve.y[k] - expected) < 1e-9, `x = ${x}`);
    });
  });

  // Two points in the plane with the labels 0 and 1 (or -1 and 1 for a hinge expression, which takes those).
  const scaleOf = (settings: Partial<TrainerSettings>, labels = [0, 1]) => {
    const data = datasetFromRows(
      [
        [0, 1],
        [1, 0],
      ],
      labels,
    );
    return boundaryScale(createSession(trainConfig({ ...defaultSettings(), modelExpr: 'linear', ...settings }, data)));
  };

  it('reads a score’s sign as the class under hinge and cross-entropy, and a plain value under MSE', () => {
    assert.deepEqual(
      [scaleOf({ loss: 'hinge' }), scaleOf({ loss: 'cross-entropy' }), scaleOf({ loss: 'mse' })],
      ['score', 'score', 'value'],
    );
  });

  it('reads a loss expression’s outputs by the rule its accuracy follows: a probability, a score, or a value', () => {
    const scale = (lossExpr: string, labels?: number[]) => scaleOf({ loss: 'mse', lossExpr }, labels);
    const probability = { modelExpr: 'torch.sigmoid(x @ w + b)', loss: 'mse' as const };
    assert.deepEqual(
      [
        scaleOf({ ...probability, lossExpr: 'F.binary_cross_entropy(y_pred, y)' }),
        scale('F.binary_cross_entropy(torch.sigmoid(y_pred), y)'),
        scale('F.binary_cross_entropy_with_logits(y_pred, y)'),
        scale('np.maximum(0, 1 - y*y_pred).mean()', [-1, 1]),
        scale('((y_pred - y)**2).mean()'),
        // the hinge form on the labels 0 and 1 counts no accuracy, so its outputs are not read as classes
        scale('np.maximum(0, 1 - y*y_pred).mean()'),
      ],
      ['probability', 'score', 'score', 'score', 'value', 'value'],
    );
  });
});
