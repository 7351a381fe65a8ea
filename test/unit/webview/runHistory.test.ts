// The page's record of a run, and the copy of it the panel saves twice a second while epochs stream in.
// The copy is bounded (a long run or a large network would otherwise take the main thread for tens of
// milliseconds per save, growing with every epoch); what it keeps must still be exactly the run's numbers.
import assert from 'node:assert/strict';
import { validatePanelState } from '../../../src/protocol/panelState';
import { defaultSettings } from '../../../src/protocol/trainerSettings';
import { keptRows, RunHistory, SAVED_NUMBERS } from '../../../src/webview/page/runHistory';

/** A made-up run whose numbers are known in closed form: after epoch e, parameter k is e + k / 1000. */
function runOf(epochs: number, stride: number, accuracy = false): RunHistory {
  const history = new RunHistory(
    stride,
    Array.from({ length: stride }, (_, k) => `p${k}`),
    new Array(stride).fill(-1),
  );
  const epoch = Int32Array.from({ length: epochs }, (_, e) => e);
  history.append({
    epoch,
    loss: Float64Array.from(epoch, (e) => 1 / (e + 1)),
    gradNorm: Float64Array.from(epoch, (e) => 2 * e),
    params: Float64Array.from({ length: epochs * stride }, (_, j) => Math.floor(j / stride) + (j % stride) / 1000),
    accuracy: accuracy ? Float64Array.from(epoch, (e) => e / epochs) : undefined,
  });
  return history;
}

const numbersIn = (saved: ReturnType<RunHistory['savedCopy']>) =>
  saved.epoch.length + saved.loss.length + saved.gradNorm.length + saved.params.length + (saved.accuracy?.length ?? 0);

describe('the run history the panel saves', () => {
  it('keeps every epoch of the tutorial run (100 epochs of w and b), and reads back the same numbers', () => {
    const saved = runOf(100, 2).savedCopy();
    assert.deepEqual(
      saved.epoch,
      Array.from({ length: 100 }, (_, e) => e),
    );
    const restored = RunHistory.from(saved, ['w', 'b'], [-1, -1]);
    assert.equal(restored.hasGaps, false);
    assert.equal(restored.param(41, 1), 41.001);
    assert.equal(restored.before(0, 0), -1, 'epoch 0 starts from the initial values');
    assert.equal(restored.before(42, 1), 41.001, 'epoch 42 starts where epoch 41 ended');
  });

  it(`saves at most ${SAVED_NUMBERS} numbers of a 337-parameter network's 200 epochs, the first and the last among them`, () => {
    const saved = runOf(200, 337, true).savedCopy();
    assert.ok(numbersIn(saved) <= SAVED_NUMBERS, `${numbersIn(saved)} numbers`);
    assert.equal(saved.epoch[0], 0);
    assert.equal(saved.epoch.at(-1), 199);
    assert.ok(validatePanelState({ ...minimalState(), history: saved }).ok, 'the validator reads the thinned copy');
  });

  it('exports every epoch as JSON all the same: the bound is the saved copy’s only', () => {
    const whole = runOf(200, 337, true).toJSON();
    assert.deepEqual(
      whole.epoch,
      Array.from({ length: 200 }, (_, e) => e),
    );
    assert.equal(whole.params.length, 200 * 337);
    assert.equal(whole.params[199 * 337 + 336], 199.336);
  });

  it('saves at most its budget of a million-epoch line, evenly spread over the run', () => {
    const saved = runOf(1_000_000, 2).savedCopy();
    assert.ok(numbersIn(saved) <= SAVED_NUMBERS);
    const anchors = saved.epoch.filter((_, i) => i % 2 === 0);
    const gaps = anchors.slice(1).map((e, i) => e - anchors[i]);
    assert.ok(Math.max(...gaps) - Math.min(...gaps) <= 1, 'the kept epochs are evenly spaced');
  });

  it('restores a thinned copy with the exact numbers of the epochs it kept, and says it has gaps', () => {
    const restored = RunHistory.from(runOf(5000, 3, true).savedCopy(1000), ['a', 'b', 'c'], [-1, -1, -1]);
    assert.equal(restored.hasGaps, true);
    for (let i = 0; i < restored.length; i++) {
      const e = restored.epoch[i];
      assert.equal(restored.loss[i], 1 / (e + 1));
      assert.equal(restored.gradNorm[i], 2 * e);
      assert.equal(restored.param(i, 2), e + 0.002);
      assert.equal(restored.accuracy?.[i], e / 5000);
    }
  });

  it('knows where a kept epoch started only when the epoch before it was kept too; else NaN, never a neighbour’s value', () => {
    const restored = RunHistory.from(runOf(5000, 1).savedCopy(400), ['w'], [-1]);
    let known = 0;
    for (let i = 0; i < restored.length; i++) {
      const e = restored.epoch[i];
      const start = restored.before(i, 0);
      if (Number.isNaN(start)) continue;
      known++;
      assert.equal(start, e === 0 ? -1 : e - 1, `epoch ${e}`);
    }
    assert.ok(known >= restored.length / 2, `${known} of ${restored.length} kept epochs know their start`);
  });
});

describe('keptRows', () => {
  it('keeps all rows that fit, and otherwise pairs of neighbours with the first and the last', () => {
    assert.deepEqual(keptRows(6, 10), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(keptRows(100, 7), [0, 49, 50, 98, 99]);
  });
});

function minimalState() {
  return {
    version: 1,
    settings: defaultSettings(),
    changes: [],
    history: null,
    paramNames: [],
    initialParams: [],
    log: [],
    status: { kind: 'idle' },
  };
}
