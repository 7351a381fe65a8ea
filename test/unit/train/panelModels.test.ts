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
    const grid = boundaryOf(session, plane, boundaryScale(settings));
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

  it('reads a score’s sign as the class under hinge and cross-entropy, and a plain value under MSE', () => {
    const s = defaultSettings();
    assert.deepEqual(
      [boundaryScale({ ...s, loss: 'hinge' }), boundaryScale({ ...s, loss: 'cross-entropy' }), boundaryScale(s)],
      ['score', 'score', 'value'],
    );
  });

  it('reads a loss expression’s outputs as its classification loss says: a probability, a score, or a value', () => {
    const s = defaultSettings();
    const scale = (lossExpr: string) => boundaryScale({ ...s, loss: 'mse', lossExpr });
    assert.deepEqual(
      [
        scale('F.binary_cross_entropy(y_pred, y)'),
        scale('F.binary_cross_entropy_with_logits(y_pred, y)'),
        scale('np.maximum(0, 1 - y*y_pred).mean()'),
        scale('((y_pred - y)**2).mean()'),
        scale('F.binary_cross_entropy(y_pred, y'), // does not parse: no reading is guessed
      ],
      ['probability', 'score', 'score', 'value', 'value'],
    );
  });
});
