import assert from 'node:assert/strict';
import { validatePanelState, type PanelState } from '../../../src/protocol/panelState';
import { defaultSettings, trainingChoices } from '../../../src/protocol/trainerSettings';

function saved(overrides: Partial<PanelState> = {}): PanelState {
  return {
    version: 1,
    settings: defaultSettings(),
    changes: [{ epoch: 12, settings: trainingChoices({ ...defaultSettings(), lr: 0.05 }) }],
    history: { epoch: [0, 1], loss: [30, 19.5], gradNorm: [30, 25.5], params: [0.3, 0.555], stride: 1 },
    paramNames: ['w'],
    initialParams: [0],
    log: ['Prediction before training: f(5) = 0.000', 'epoch 0: w = 0.300, loss = 30.00000000'],
    status: { kind: 'paused', epoch: 2 },
    ...overrides,
  };
}

describe('saved panel state', () => {
  it('comes back unchanged through JSON, as VS Code stores it', () => {
    const state = saved();
    assert.deepEqual(validatePanelState(JSON.parse(JSON.stringify(state))), { ok: true, value: state });
  });

  it('reads the nulls JSON makes of NaN and Infinity back as NaN (a diverged run)', () => {
    const state = saved({
      history: { epoch: [0, 1], loss: [30, Infinity], gradNorm: [30, NaN], params: [15, NaN], stride: 1 },
    });
    const back = validatePanelState(JSON.parse(JSON.stringify(state)));
    assert.ok(back.ok);
    assert.deepEqual(back.value.history?.loss, [30, NaN]);
    assert.deepEqual(back.value.history?.params, [15, NaN]);
  });

  it('refuses a history whose arrays disagree, so a corrupt state starts the tutorial afresh', () => {
    const state = saved({
      history: { epoch: [0, 1], loss: [30], gradNorm: [30, 25.5], params: [0.3, 0.555], stride: 1 },
    });
    assert.deepEqual(validatePanelState(state), {
      ok: false,
      error: { message: 'state.history: arrays of different lengths', field: 'state.history' },
    });
  });

  it('reads a state saved when each live change carried the data too, leaving that copy of the data out', () => {
    const file = { kind: 'file', label: 'big.csv', format: 'csv', text: 'x,y\n1,2\n', target: 'y' } as const;
    const older = { ...saved(), changes: [{ epoch: 12, settings: { ...defaultSettings(), source: file, lr: 0.05 } }] };
    const back = validatePanelState(JSON.parse(JSON.stringify(older)));
    assert.ok(back.ok);
    assert.deepEqual(back.value.changes, saved().changes);
  });

  it('reads a stopped run saved before a stop carried its cause as a divergence, keeping the run', () => {
    const older = {
      ...saved(),
      status: { kind: 'diverged', epoch: 3, reason: 'the loss became NaN', advice: 'try lr = 0.01' },
    };
    const back = validatePanelState(JSON.parse(JSON.stringify(older)));
    assert.ok(back.ok);
    assert.deepEqual(back.value.status, { ...older.status, cause: 'diverged' });
    assert.deepEqual(back.value.history, saved().history);
  });

  it('refuses a state from another version', () => {
    assert.deepEqual(validatePanelState({ ...saved(), version: 2 }), {
      ok: false,
      error: { message: 'state.version: must be at most 1, got 2', field: 'state.version' },
    });
    assert.deepEqual(validatePanelState(undefined), {
      ok: false,
      error: { message: 'state: expected an object, got undefined', field: 'state' },
    });
  });
});
