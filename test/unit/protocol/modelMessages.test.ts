// The messages the panel's models add: a model with parameters of its own, accuracy per epoch, the
// decision boundary's grid, the fitted curve, and the two-class data sets in the settings.
import assert from 'node:assert/strict';
import { defaultSettings, readSettings } from '../../../src/protocol/trainerSettings';
import { checked } from '../../../src/protocol/validate';
import { transferablesOf, validateFromWorker, type Boundary } from '../../../src/protocol/workerMessages';

const settings = checked((v) => readSettings(v));

function boundary(cols: number, rows: number): Boundary {
  return {
    type: 'boundary',
    xMin: -1.5,
    xMax: 2.5,
    yMin: -1,
    yMax: 1.5,
    cols,
    rows,
    values: new Float32Array(cols * rows),
    scale: 'score',
  };
}

const summary = {
  n: 2,
  d: 2,
  label: 'moons',
  featureNames: ['x1', 'x2'],
  targetName: 'class',
  previewX: Float64Array.of(0, 1),
  previewY: Float64Array.of(0, 1),
  previewX2: Float64Array.of(1, -0.5),
};

describe('messages of the panel’s models', () => {
  it('carry a network’s parameters by name with their shapes, and the model it trains', () => {
    const message = {
      type: 'configured',
      data: summary,
      params: {
        w: [],
        b: null,
        named: { W1: { shape: [2, 2], values: [1, 2, 3, 4] }, b1: { shape: [], values: [0] } },
      },
      criticalLr: null,
      modelExpr: 'torch.tanh(x @ W1 + b1)',
    };
    assert.deepEqual(validateFromWorker(message), { ok: true, value: message });
  });

  it('refuse a named parameter whose values do not fill its shape, naming it', () => {
    const result = validateFromWorker({
      type: 'configured',
      data: summary,
      params: { w: [], b: null, named: { W1: { shape: [2, 3], values: [1, 2, 3, 4] } } },
      criticalLr: null,
      modelExpr: null,
    });
    assert.equal(
      result.ok ? '' : result.error.message,
      'message.params.named.W1.values: expected 6 values for the shape [2,3]',
    );
  });

  it('accept epochs with one accuracy each and refuse a batch whose accuracies are one short', () => {
    const epochs = {
      type: 'epochs',
      epoch: Int32Array.of(0, 1),
      loss: new Float64Array(2),
      gradNorm: new Float64Array(2),
      params: new Float64Array(2),
      stride: 1,
      accuracy: Float64Array.of(0.5, 1),
    };
    assert.equal(validateFromWorker(epochs).ok, true);
    const short = validateFromWorker({ ...epochs, accuracy: Float64Array.of(0.5) });
    assert.equal(short.ok ? '' : short.error.message, 'message.accuracy: expected 2 values');
  });

  it('accept a boundary whose grid has rows x cols values, as a Float32Array', () => {
    const message = boundary(3, 2);
    assert.deepEqual(validateFromWorker(message), { ok: true, value: message });
  });

  it('refuse a boundary with a value missing, one in float64, or an empty plane', () => {
    const missing = validateFromWorker({ ...boundary(3, 2), values: new Float32Array(5) });
    assert.equal(missing.ok ? '' : missing.error.message, 'message.values: expected 6 values (2 rows of 3)');
    const wide = validateFromWorker({ ...boundary(3, 2), values: new Float64Array(6) });
    assert.equal(wide.ok ? '' : wide.error.message, 'message.values: expected a Float32Array, got object');
    const flat = validateFromWorker({ ...boundary(3, 2), yMax: -1 });
    assert.equal(flat.ok ? '' : flat.error.message, 'message: expected xMin < xMax and yMin < yMax');
  });

  it('refuse a curve with more x than y', () => {
    const result = validateFromWorker({ type: 'curve', x: new Float64Array(3), y: new Float64Array(2) });
    assert.equal(result.ok ? '' : result.error.message, 'message.y: expected 3 values, one per x');
  });

  it('transfer the boundary’s grid, the curve’s arrays and the accuracies instead of copying them', () => {
    const b = boundary(2, 2);
    assert.deepEqual(transferablesOf(b), [b.values.buffer]);
    const curve = { type: 'curve' as const, x: new Float64Array(2), y: new Float64Array(2) };
    assert.deepEqual(transferablesOf(curve), [curve.x.buffer, curve.y.buffer]);
  });

  it('take a two-class data set, a preset model and a classification loss in the settings', () => {
    const s = {
      ...defaultSettings(),
      source: { kind: 'shape', shape: 'spirals', n: 200, noise: 0.05, seed: 3 },
      modelExpr: 'mlp:16,16:relu',
      loss: 'cross-entropy',
    };
    assert.deepEqual(settings(s), { ok: true, value: s });
  });

  it('refuse an unknown shape and a single point, naming the field', () => {
    const base = { ...defaultSettings(), source: { kind: 'shape', shape: 'moons', n: 100, noise: 0.1, seed: 1 } };
    const unknown = settings({ ...base, source: { ...base.source, shape: 'donut' } });
    assert.match(unknown.ok ? '' : unknown.error.message, /^settings\.source\.shape: expected 'moons' \| 'circles'/);
    const one = settings({ ...base, source: { ...base.source, n: 1 } });
    assert.equal(one.ok ? '' : one.error.message, 'settings.source.n: must be at least 2, got 1');
  });
});
