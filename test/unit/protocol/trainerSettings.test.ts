import assert from 'node:assert/strict';
import { defaultSettings, needsRestart, readSettings } from '../../../src/protocol/trainerSettings';
import { checked } from '../../../src/protocol/validate';

const validate = checked((v) => readSettings(v));

describe('trainer settings', () => {
  it('default to the tutorial: SGD lr 0.01, 100 epochs, float32, no bias, w from 0, f(5) predicted', () => {
    const s = defaultSettings();
    assert.deepEqual(
      [
        s.source,
        s.optimizer,
        s.lr,
        s.epochs,
        s.dtype,
        s.bias,
        s.init,
        s.loss,
        s.reduction,
        s.batchSize,
        s.predictAt,
        s.logEvery,
      ],
      [{ kind: 'tutorial' }, 'sgd', 0.01, 100, 'float32', false, 'zeros', 'mse', 'mean', null, 5, 10],
    );
  });

  it('survive a JSON round trip unchanged (they are saved with the webview state)', () => {
    const s = defaultSettings();
    assert.deepEqual(validate(JSON.parse(JSON.stringify(s))), { ok: true, value: s });
  });

  it('refuse a learning rate that is not a finite number, naming the field', () => {
    const result = validate({ ...defaultSettings(), lr: Number.NaN });
    assert.deepEqual(result, {
      ok: false,
      error: { message: 'settings.lr: expected a finite number, got NaN', field: 'settings.lr' },
    });
  });

  it('refuse a string where a number belongs', () => {
    const result = validate({ ...defaultSettings(), epochs: '100' });
    assert.deepEqual(result, {
      ok: false,
      error: { message: 'settings.epochs: expected a number, got string', field: 'settings.epochs' },
    });
  });

  it('refuse an unknown optimizer, listing the known ones', () => {
    const result = validate({ ...defaultSettings(), optimizer: 'rmsprop' });
    assert.deepEqual(result, {
      ok: false,
      error: {
        message: "settings.optimizer: expected 'sgd' | 'momentum' | 'adam', got string",
        field: 'settings.optimizer',
      },
    });
  });

  it('check a synthetic source field by field', () => {
    const source = { kind: 'synthetic', n: 0, d: 1, noise: 0.1, weights: [2], bias: 0, seed: 1 };
    const result = validate({ ...defaultSettings(), source });
    assert.deepEqual(result, {
      ok: false,
      error: { message: 'settings.source.n: must be at least 1, got 0', field: 'settings.source.n' },
    });
  });

  it('check inline data down to each number', () => {
    const source = { kind: 'inline', label: 'a.py', x: [[1], [2, 'x']], y: [1, 2] };
    const result = validate({ ...defaultSettings(), source });
    assert.deepEqual(result, {
      ok: false,
      error: { message: 'settings.source.x[1][1]: expected a number, got string', field: 'settings.source.x[1][1]' },
    });
  });

  it('restart the run when the data or the model changes, not when the learning rate does', () => {
    const s = defaultSettings();
    assert.equal(needsRestart(s, { ...s, lr: 0.1, epochs: 200, optimizer: 'adam', speed: null }), false);
    assert.equal(needsRestart(s, { ...s, bias: true }), true);
    assert.equal(needsRestart(s, { ...s, dtype: 'float64' }), true);
    assert.equal(needsRestart(s, { ...s, source: { kind: 'inline', label: 'x', x: [[1]], y: [2] } }), true);
  });
});
