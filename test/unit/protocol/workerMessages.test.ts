import assert from 'node:assert/strict';
import { defaultSettings, trainingChoices } from '../../../src/protocol/trainerSettings';
import {
  transferablesOf,
  validateFromWorker,
  validateToWorker,
  type EpochBatch,
} from '../../../src/protocol/workerMessages';

function batch(epochs: number, stride: number): EpochBatch {
  return {
    type: 'epochs',
    epoch: Int32Array.from({ length: epochs }, (_, i) => i),
    loss: new Float64Array(epochs),
    gradNorm: new Float64Array(epochs),
    params: new Float64Array(epochs * stride),
    stride,
  };
}

describe('page -> worker messages', () => {
  it('accept a configure message with the tutorial settings', () => {
    const message = { type: 'configure', settings: defaultSettings() };
    assert.deepEqual(validateToWorker(message), { ok: true, value: message });
  });

  it('accept a resume that replays the live changes (without the data, which they never change) up to a checkpoint', () => {
    const changed = trainingChoices({ ...defaultSettings(), lr: 0.05 });
    const message = {
      type: 'configure',
      settings: defaultSettings(),
      resume: { epoch: 40, changes: [{ epoch: 12, settings: changed }] },
    };
    assert.deepEqual(validateToWorker(message), { ok: true, value: message });
  });

  it('refuse an unknown message type, listing the known ones', () => {
    const result = validateToWorker({ type: 'eval', code: '1+1' });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error.message, /^message\.type: expected 'configure' \| 'settings' \| 'play'/);
  });

  it('refuse a message that is not an object', () => {
    assert.deepEqual(validateToWorker('play'), {
      ok: false,
      error: { message: 'message: expected an object, got string', field: 'message' },
    });
    assert.deepEqual(validateToWorker(null), {
      ok: false,
      error: { message: 'message: expected an object, got null', field: 'message' },
    });
  });

  it('ask for the PyTorch script with the run in words, and refuse the request without them', () => {
    const message = { type: 'pytorchScript', title: 'MSE (mean), SGD lr=0.01, 100 epochs' };
    assert.deepEqual(validateToWorker(message), { ok: true, value: message });
    assert.deepEqual(validateToWorker({ type: 'pytorchScript', title: 3 }), {
      ok: false,
      error: { message: 'message.title: expected a string, got number', field: 'message.title' },
    });
  });

  it('refuse a prediction request with a non-numeric x', () => {
    const result = validateToWorker({ type: 'predict', x: ['5'], purpose: 'query' });
    assert.deepEqual(result, {
      ok: false,
      error: { message: 'message.x[0]: expected a number, got string', field: 'message.x[0]' },
    });
  });
});

describe('worker -> page messages', () => {
  it('carry the PyTorch script with its notes, or the refusal in words, and refuse a script without notes', () => {
    const script = {
      type: 'pytorchScript',
      text: 'import torch\n',
      notes: ['The run changed its settings at epoch 5.'],
    };
    assert.deepEqual(validateFromWorker(script), { ok: true, value: script });
    const refused = { type: 'exportRefused', message: 'No PyTorch script: the data hold 120,000 numbers.' };
    assert.deepEqual(validateFromWorker(refused), { ok: true, value: refused });
    assert.deepEqual(validateFromWorker({ type: 'pytorchScript', text: 'import torch\n' }), {
      ok: false,
      error: { message: 'message.notes: expected an array, got undefined', field: 'message.notes' },
    });
  });

  it('accept a batch of epochs whose arrays agree in length', () => {
    const message = batch(3, 2);
    assert.deepEqual(validateFromWorker(message), { ok: true, value: message });
  });

  it('refuse a batch whose params do not hold stride values per epoch', () => {
    const message = { ...batch(3, 2), params: new Float64Array(5) };
    assert.deepEqual(validateFromWorker(message), {
      ok: false,
      error: { message: 'message: expected arrays of 3 epochs (params: 3x2)', field: 'message' },
    });
  });

  it('refuse plain arrays where typed arrays are expected', () => {
    const message = { ...batch(1, 1), loss: [30] };
    assert.deepEqual(validateFromWorker(message), {
      ok: false,
      error: { message: 'message.loss: expected a Float64Array, got an array', field: 'message.loss' },
    });
  });

  it('carry a diverged state with its reason and advice', () => {
    const state = {
      kind: 'diverged',
      cause: 'diverged',
      epoch: 37,
      reason: 'loss became Infinity',
      advice: 'lower the learning rate below 0.1333',
    };
    assert.deepEqual(validateFromWorker({ type: 'state', state }), { ok: true, value: { type: 'state', state } });
  });

  it('carry a run stopped on values the loss cannot take, and refuse an early end without its cause', () => {
    const state = {
      kind: 'diverged',
      cause: 'invalid',
      epoch: 0,
      reason: 'the loss is NaN at the starting parameters, before any step',
      advice: 'the learning rate is not the cause',
    };
    assert.deepEqual(validateFromWorker({ type: 'state', state }), { ok: true, value: { type: 'state', state } });
    const { cause, ...withoutCause } = state;
    void cause;
    for (const bad of [withoutCause, { ...state, cause: 'overflow' }]) {
      const checked = validateFromWorker({ type: 'state', state: bad });
      assert.equal(checked.ok, false);
      assert.equal(!checked.ok && checked.error.field, 'message.state.cause');
      assert.match(
        !checked.ok ? checked.error.message : '',
        /^message\.state\.cause: expected 'diverged' \| 'invalid'/,
      );
    }
  });

  it('report a non-finite prediction rather than refusing it (a diverged model predicts NaN)', () => {
    const message = { type: 'prediction', x: [5], y: Number.NaN, purpose: 'after' };
    assert.deepEqual(validateFromWorker(message), { ok: true, value: message });
  });

  it('accept comparison runs and refuse one whose arrays disagree', () => {
    const run = {
      label: 'tutorial numpy gradient',
      epoch: Int32Array.of(0, 1),
      loss: Float64Array.of(30, 0.768),
      params: Float64Array.of(1.2, 1.68),
      stride: 1,
      diverged: null,
    };
    assert.equal(validateFromWorker({ type: 'overlays', runs: [run], note: '' }).ok, true);
    const bad = validateFromWorker({ type: 'overlays', runs: [{ ...run, loss: Float64Array.of(30) }], note: '' });
    assert.deepEqual(bad, {
      ok: false,
      error: { message: 'message.runs[0]: arrays of different lengths', field: 'message.runs[0]' },
    });
  });

  it('carry the phases of an epoch with their numbers', () => {
    const message = {
      type: 'phases',
      epoch: 0,
      names: ['w'],
      before: [0],
      rows: [{ x: [1], yPred: 0, y: 2 }],
      n: 4,
      loss: 30,
      grad: [-30],
      note: '',
    };
    assert.deepEqual(validateFromWorker(message), { ok: true, value: message });
  });

  it('refuse a landscape whose grid does not match its axes', () => {
    const result = validateFromWorker({
      type: 'landscape',
      w: new Float64Array(3),
      b: new Float64Array(2),
      loss: new Float64Array(5),
    });
    assert.deepEqual(result, {
      ok: false,
      error: { message: 'message.loss: expected 6 values', field: 'message.loss' },
    });
  });

  it('carry a learning-rate warning, or null when there is none', () => {
    const warning = {
      lr: 0.2,
      critical: 2 / 15,
      limit: 2 / 15,
      message: 'lr 0.2 is above the critical learning rate 2/λmax = 0.1333',
    };
    assert.deepEqual(validateFromWorker({ type: 'lrWarning', warning }), {
      ok: true,
      value: { type: 'lrWarning', warning },
    });
    assert.deepEqual(validateFromWorker({ type: 'lrWarning', warning: null }), {
      ok: true,
      value: { type: 'lrWarning', warning: null },
    });
    assert.deepEqual(validateFromWorker({ type: 'lrWarning', warning: { ...warning, critical: '0.13' } }), {
      ok: false,
      error: { message: 'message.warning.critical: expected a number, got string', field: 'message.warning.critical' },
    });
  });

  it('transfer every buffer of an epoch batch instead of copying it', () => {
    const message = batch(2, 1);
    const buffers = transferablesOf(message);
    assert.deepEqual(buffers, [
      message.epoch.buffer,
      message.loss.buffer,
      message.gradNorm.buffer,
      message.params.buffer,
    ]);
  });

  describe('the parameters with their gradients (the Parameters card)', () => {
    const snapshot = () => ({
      type: 'gradients' as const,
      epochs: 3,
      parameters: [
        { name: 'W1', shape: [2, 3] },
        { name: 'b', shape: [] },
      ],
      values: Float64Array.from([1, 2, 3, 4, 5, 6, 7]),
      gradients: Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]),
      loss: 0.25,
      basis: 'Gradients: autograd’s ∂L/∂θ of the MSE loss (mean) over all 4 rows at these parameters.',
    });

    it('carry every entry of every parameter, a diverged run’s NaN included, and transfer their buffers', () => {
      const message = { ...snapshot(), loss: Number.NaN };
      message.gradients[0] = Number.NaN;
      assert.deepEqual(validateFromWorker(message), { ok: true, value: message });
      assert.deepEqual(transferablesOf(message), [message.values.buffer, message.gradients.buffer]);
    });

    it('refuse gradients that do not cover the parameters’ 7 entries', () => {
      assert.deepEqual(validateFromWorker({ ...snapshot(), gradients: new Float64Array(6) }), {
        ok: false,
        error: {
          message: 'message.gradients: expected 7 values, one per entry of the parameters',
          field: 'message.gradients',
        },
      });
    });

    it('refuse a shape with a zero or fractional size', () => {
      const message = { ...snapshot(), parameters: [{ name: 'W1', shape: [2, 0] }] };
      assert.deepEqual(validateFromWorker(message), {
        ok: false,
        error: {
          message: 'message.parameters[0].shape[1]: must be at least 1, got 0',
          field: 'message.parameters[0].shape[1]',
        },
      });
    });
  });
});
