// The worker's driver in Node, with a clock the test advances: what the page would receive.
import assert from 'node:assert/strict';
import { defaultSettings, type TrainerSettings } from '../../../src/protocol/trainerSettings';
import type { FromWorker } from '../../../src/protocol/workerMessages';
import { epochLines } from '../../../src/webview/page/views/logView';
import { TrainerDriver } from '../../../src/webview/worker/trainerDriver';
import { NUMPY_TABLE } from '../../fixtures/notebook';

/** A driver whose timers run when the test says, on a clock that only moves when they run. */
function harness() {
  const received: FromWorker[] = [];
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  const driver = new TrainerDriver(
    { post: (m) => received.push(m) },
    {
      now: () => now,
      later: (fn, ms) => {
        timers.push({ at: now + ms, fn, id: ++nextId });
        return nextId;
      },
      cancel: (id) => {
        timers = timers.filter((t) => t.id !== id);
      },
    },
  );
  /** Runs timers in time order until none are left or `limit` ms have passed. */
  const runFor = (limit = Infinity) => {
    const end = now + limit;
    while (timers.length) {
      timers.sort((a, b) => a.at - b.at);
      if (timers[0].at > end) break;
      const t = timers.shift()!;
      now = Math.max(now, t.at);
      t.fn();
    }
    if (Number.isFinite(end)) now = Math.max(now, end);
  };
  const epochs = () =>
    received.flatMap((m) =>
      m.type === 'epochs'
        ? Array.from(m.epoch, (e, i) => ({ epoch: e, loss: m.loss[i], w: m.params[i * m.stride] }))
        : [],
    );
  const states = () => received.flatMap((m) => (m.type === 'state' ? [m.state] : []));
  return { driver, received, runFor, epochs, states };
}

const fast = (overrides: Partial<TrainerSettings> = {}): TrainerSettings => ({
  ...defaultSettings(),
  speed: null,
  ...overrides,
});

// The notebook (test/fixtures/notebook.ts): the numpy program's epochs (hand-written gradient, lr 0.01, every 2nd of 20).
const NOTEBOOK_NUMPY_EPOCHS = NUMPY_TABLE.slice(1, -1);

describe('trainer driver (the worker side)', () => {
  it('trains the tutorial to w = 2 and predicts f(5) before (0) and after (10)', () => {
    const h = harness();
    h.driver.handle({ type: 'configure', settings: fast() });
    h.driver.handle({ type: 'play' });
    h.runFor();
    const epochs = h.epochs();
    assert.equal(epochs.length, 100);
    assert.deepEqual(
      epochs.map((e) => e.epoch),
      Array.from({ length: 100 }, (_, i) => i),
    );
    // Closed form of SGD on L(w) = 7.5 (w - 2)^2 with lr 0.01 from w = 0: w_k = 2 (1 - 0.85^k).
    epochs.forEach((e, k) => assert.ok(Math.abs(e.w - 2 * (1 - 0.85 ** (k + 1))) < 1e-5));
    assert.equal(epochs[0].loss, 30);
    const predictions = h.received.filter((m) => m.type === 'prediction');
    assert.deepEqual(
      predictions.map((p) => [p.purpose, Math.round(p.y * 1000) / 1000]),
      [
        ['before', 0],
        ['after', 10],
      ],
    );
    assert.deepEqual(h.states().at(-1), { kind: 'done', epoch: 100 });
  });

  it('paces epochs to the chosen speed: 10 epochs a second gives about 10 in one second', () => {
    const h = harness();
    h.driver.handle({ type: 'configure', settings: { ...defaultSettings(), speed: 10 } });
    h.driver.handle({ type: 'play' });
    h.runFor(1000);
    const done = h.epochs().length + 1; // the last slice's epochs may still wait for the next flush
    assert.ok(done >= 10 && done <= 12, `${done} epochs in 1 s`);
  });

  it('posts epochs in batches, not one message per epoch', () => {
    const h = harness();
    h.driver.handle({ type: 'configure', settings: fast({ epochs: 2000 }) });
    h.driver.handle({ type: 'play' });
    h.runFor();
    const batches = h.received.filter((m) => m.type === 'epochs').length;
    assert.equal(h.epochs().length, 2000);
    assert.ok(batches < 200, `${batches} messages for 2000 epochs`);
  });

  it('stops at the pause and runs exactly one epoch per step', () => {
    const h = harness();
    h.driver.handle({ type: 'configure', settings: { ...defaultSettings(), speed: 10 } });
    h.driver.handle({ type: 'play' });
    h.runFor(450);
    h.driver.handle({ type: 'pause' });
    const paused = h.epochs().length;
    h.runFor(5000);
    assert.equal(h.epochs().length, paused);
    h.driver.handle({ type: 'step' });
    assert.equal(h.epochs().length, paused + 1);
    assert.deepEqual(h.states().at(-1), { kind: 'paused', epoch: paused + 1 });
  });

  it('applies a new learning rate from the next epoch and records where, so a replay matches', () => {
    const h = harness();
    h.driver.handle({ type: 'configure', settings: fast() });
    for (let i = 0; i < 5; i++) h.driver.handle({ type: 'step' });
    h.driver.handle({ type: 'settings', settings: fast({ lr: 0.05 }) });
    h.driver.handle({ type: 'play' });
    h.runFor();
    let w = 0;
    h.epochs().forEach((e, k) => {
      w -= (k < 5 ? 0.01 : 0.05) * 15 * (w - 2);
      assert.ok(Math.abs(e.w - w) < 1e-5, `epoch ${k}`);
    });
    const checkpoint = h.received.filter((m) => m.type === 'checkpoint').at(-1);
    assert.ok(checkpoint && checkpoint.type === 'checkpoint');
    assert.deepEqual(
      checkpoint.changes.map((c) => [c.epoch, c.settings.lr]),
      [[5, 0.05]],
    );

    // A new worker resuming at epoch 7 with those changes continues with the same numbers.
    const again = harness();
    again.driver.handle({ type: 'configure', settings: fast(), resume: { changes: checkpoint.changes, epoch: 7 } });
    assert.deepEqual(again.states().at(-1), { kind: 'paused', epoch: 7 });
    again.driver.handle({ type: 'play' });
    again.runFor();
    assert.deepEqual(
      again.epochs().map((e) => e.w),
      h
        .epochs()
        .slice(7)
        .map((e) => e.w),
    );
  });

  it('records a live change without the data file’s text, and replays it on the run’s own file', () => {
    const file = () => ({
      kind: 'file' as const,
      label: 'tutorial.csv',
      format: 'csv' as const,
      // built afresh each time, as each message brings its own copy of the text
      text: ['x,y', '1,2', '2,4', '3,6', '4,8', ''].join('\n'),
      target: 'y',
    });
    const h = harness();
    h.driver.handle({ type: 'configure', settings: fast({ source: file() }) });
    for (let i = 0; i < 5; i++) h.driver.handle({ type: 'step' });
    h.driver.handle({ type: 'settings', settings: fast({ source: file(), lr: 0.05 }) });
    h.driver.handle({ type: 'play' });
    h.runFor();
    const checkpoint = h.received.filter((m) => m.type === 'checkpoint').at(-1);
    assert.ok(checkpoint && checkpoint.type === 'checkpoint');
    assert.deepEqual(
      checkpoint.changes.map((c) => [c.epoch, c.settings.lr, 'source' in c.settings]),
      [[5, 0.05, false]],
    );

    const again = harness();
    again.driver.handle({
      type: 'configure',
      settings: fast({ source: file() }),
      resume: { changes: checkpoint.changes, epoch: 7 },
    });
    // the same file with a new learning rate is a live change of the resumed run, not a new run
    again.driver.handle({ type: 'settings', settings: fast({ source: file(), lr: 0.05, epochs: 120 }) });
    assert.equal(again.received.filter((m) => m.type === 'configured').length, 1);
    again.driver.handle({ type: 'play' });
    again.runFor();
    // From epoch 7 on, w follows the tutorial's w <- w - 0.05 * 15 (w - 2), as in the first run.
    const resumed = again.epochs();
    assert.equal(resumed.length, 120 - 7);
    assert.deepEqual(
      resumed.slice(0, 100 - 7).map((e) => e.w),
      h
        .epochs()
        .slice(7)
        .map((e) => e.w),
    );
  });

  it('stops a run whose loss overflows and says at which epoch', () => {
    const h = harness();
    h.driver.handle({ type: 'configure', settings: fast({ lr: 0.5, epochs: 1000 }) });
    h.driver.handle({ type: 'play' });
    h.runFor();
    const last = h.states().at(-1);
    assert.equal(last?.kind, 'diverged');
    // |1 - 0.5 * 15| = 6.5 per step: the float32 loss overflows within a few dozen epochs.
    assert.ok(last?.kind === 'diverged' && last.epoch > 10 && last.epoch < 60 && last.epoch === h.epochs().length);
    const configured = h.received.find((m) => m.type === 'configured');
    assert.ok(configured?.type === 'configured' && Math.abs(configured.criticalLr! - 2 / 15) < 1e-9);
  });

  it('warns at configuration, before any epoch, when the learning rate is above 2/λmax = 2/15', () => {
    const warnings = (h: ReturnType<typeof harness>) =>
      h.received.flatMap((m) => (m.type === 'lrWarning' ? [m.warning] : []));
    const h = harness();
    h.driver.handle({ type: 'configure', settings: fast({ lr: 0.2 }) });
    const [first] = warnings(h);
    // L(w) = 7.5 (w - 2)^2 has Hessian 15: SGD diverges when lr > 2/15.
    assert.ok(first && Math.abs(first.critical - 2 / 15) < 1e-9 && first.limit === first.critical && first.lr === 0.2);
    assert.equal(h.epochs().length, 0);
    h.driver.handle({ type: 'settings', settings: fast({ lr: 0.1 }) });
    assert.equal(warnings(h).at(-1), null);
    h.driver.handle({ type: 'settings', settings: fast({ lr: 0.2, batchSize: 2 }) });
    assert.equal(warnings(h).at(-1), null, 'mini-batches have no full-batch limit');
    h.driver.handle({ type: 'settings', settings: fast({ lr: 0.2 }) });
    assert.ok(warnings(h).at(-1));
  });

  it('reports a CSV error with its line and column instead of starting a run', () => {
    const h = harness();
    h.driver.handle({
      type: 'configure',
      settings: fast({
        source: { kind: 'file', label: 'bad.csv', format: 'csv', text: 'x,y\n1,2\n3,abc\n', target: '' },
      }),
    });
    const error = h.received.find((m) => m.type === 'dataError');
    assert.ok(error?.type === 'dataError');
    assert.equal(error.line, 3);
    assert.equal(error.column, 3);
    assert.match(error.message, /^bad\.csv:3:3: /);
    assert.equal(
      h.received.some((m) => m.type === 'configured'),
      false,
    );
  });

  it('sends the scatter plot at most 1000 evenly spaced points of a large data set', () => {
    // every 100th row of 100,000; every 2nd of 1,500; all of 1,000 or fewer
    for (const [n, shown] of [
      [100_000, 1000],
      [1_500, 750],
      [1_000, 1000],
      [999, 999],
    ]) {
      const h = harness();
      h.driver.handle({
        type: 'configure',
        settings: fast({ source: { kind: 'synthetic', n, d: 1, noise: 0.1, weights: [3], bias: 0, seed: 1 } }),
      });
      const configured = h.received.find((m) => m.type === 'configured');
      assert.ok(configured?.type === 'configured');
      assert.equal(configured.data.n, n);
      assert.equal(configured.data.previewX.length, shown, `n = ${n}`);
    }
  });

  it('trains a learning-rate sweep to compare: lr/4, lr/2, 2lr, 4lr, each to the end', () => {
    const h = harness();
    h.driver.handle({ type: 'configure', settings: fast({ compare: 'lr-sweep' }) });
    const overlays = h.received.find((m) => m.type === 'overlays');
    assert.ok(overlays?.type === 'overlays');
    assert.deepEqual(
      overlays.runs.map((r) => r.label),
      ['lr 0.0025', 'lr 0.005', 'lr 0.02', 'lr 0.04'],
    );
    // After one step from w = 0 each run is at lr * 30 (the gradient is -30 there).
    overlays.runs.forEach((r, k) => assert.ok(Math.abs(r.params[0] - [0.0025, 0.005, 0.02, 0.04][k] * 30) < 1e-6));
    assert.ok(overlays.runs.every((r) => r.epoch.length === 100));
  });

  it("runs the tutorial's hand-written numpy gradient to the notebook's numpy table, byte for byte", () => {
    const h = harness();
    h.driver.handle({ type: 'configure', settings: fast({ gradient: 'tutorial-numpy', epochs: 20, logEvery: 2 }) });
    h.driver.handle({ type: 'play' });
    h.runFor();
    const lines = h.received.flatMap((m) => (m.type === 'epochs' ? epochLines(m, fast({ logEvery: 2 }), null) : []));
    assert.deepEqual(lines, NOTEBOOK_NUMPY_EPOCHS);
  });

  it("gives the page the hand-written gradient's own critical rate 2/60 when it is chosen before training", () => {
    const h = harness();
    h.driver.handle({ type: 'configure', settings: fast() });
    h.driver.handle({ type: 'settings', settings: fast({ gradient: 'tutorial-numpy' }) });
    const critical = h.received.flatMap((m) => (m.type === 'configured' ? [m.criticalLr] : []));
    // L(w) = 7.5 (w - 2)^2 has L'' = 15; the gradient np.dot(2x, wx - y) = 60 (w - 2) has slope 60.
    assert.deepEqual(critical, [2 / 15, 2 / 60]);
  });

  it('tells the page the new critical rate when the gradient changes in the middle of a run, and back', () => {
    const h = harness();
    h.driver.handle({ type: 'configure', settings: fast() });
    for (let i = 0; i < 3; i++) h.driver.handle({ type: 'step' });
    h.driver.handle({ type: 'settings', settings: fast({ gradient: 'tutorial-numpy' }) });
    h.driver.handle({ type: 'settings', settings: fast({ gradient: 'tutorial-numpy', lr: 0.02 }) }); // same limit: nothing new
    h.driver.handle({ type: 'settings', settings: fast({ lr: 0.02 }) });
    const updates = h.received.flatMap((m) => (m.type === 'critical' ? [[m.criticalLr, m.handWritten]] : []));
    // slope 60 for np.dot(2x, wx - y) = 60 (w - 2), curvature 15 for L(w) = 7.5 (w - 2)^2
    assert.deepEqual(updates, [
      [2 / 60, true],
      [2 / 15, false],
    ]);
    assert.equal(h.received.filter((m) => m.type === 'configured').length, 1, 'the run went on: no restart');
  });

  describe('the parameters and their gradients (the Parameters card)', () => {
    const snapshots = (received: FromWorker[]) => received.flatMap((m) => (m.type === 'gradients' ? [m] : []));

    it('sends them at the start, at most four times a second while playing, and at the end', () => {
      const h = harness();
      // 100 epochs at 25 a second: 4 s of training on the test's clock
      h.driver.handle({ type: 'configure', settings: { ...defaultSettings(), speed: 25 } });
      assert.deepEqual(
        snapshots(h.received).map((m) => m.epochs),
        [0],
        'the initial parameters, before any epoch',
      );
      h.driver.handle({ type: 'play' });
      h.runFor();
      const sent = snapshots(h.received);
      assert.equal(sent.at(-1)!.epochs, 100, 'the last one is at the end of the run');
      assert.ok(sent.length >= 10 && sent.length <= 1 + 4 * 4 + 2, `${sent.length} snapshots in 4 s`);
      const epochs = sent.map((m) => m.epochs);
      assert.deepEqual(
        epochs,
        [...new Set(epochs)].sort((a, b) => a - b),
        'each later than the one before',
      );
    });

    it('gives dL/dw = 15 (w - 2), the tutorial loss 7.5 (w - 2)^2 differentiated, at the w the epochs reported', () => {
      const h = harness();
      h.driver.handle({ type: 'configure', settings: { ...defaultSettings(), speed: 25 } });
      h.driver.handle({ type: 'play' });
      h.runFor();
      const reported = new Map(h.epochs().map((e) => [e.epoch + 1, e.w]));
      reported.set(0, 0);
      for (const m of snapshots(h.received)) {
        assert.deepEqual(m.parameters, [{ name: 'w', shape: [1] }]);
        const w = m.values[0];
        assert.equal(w, reported.get(m.epochs), `w after ${m.epochs} epochs, as the epochs said`);
        assert.ok(Math.abs(m.gradients[0] - 15 * (w - 2)) < 1e-4, `dL/dw at w = ${w}: ${m.gradients[0]}`);
        assert.ok(Math.abs(m.loss - 7.5 * (w - 2) ** 2) < 1e-4, `L at w = ${w}: ${m.loss}`);
      }
    });

    it('sends one after every step and at a pause, where the run stands', () => {
      const h = harness();
      h.driver.handle({ type: 'configure', settings: { ...defaultSettings(), speed: 10 } });
      h.driver.handle({ type: 'step' });
      h.driver.handle({ type: 'step' });
      assert.deepEqual(
        snapshots(h.received).map((m) => m.epochs),
        [0, 1, 2],
      );
      h.driver.handle({ type: 'play' });
      h.runFor(450);
      h.driver.handle({ type: 'pause' });
      const paused = (h.states().at(-1) as { epoch: number }).epoch;
      assert.equal(snapshots(h.received).at(-1)!.epochs, paused);
    });

    it('sends a new one when the loss changes in the middle of a run: a new gradient at the same parameters', () => {
      const h = harness();
      h.driver.handle({ type: 'configure', settings: fast() });
      h.driver.handle({ type: 'step' });
      h.driver.handle({ type: 'settings', settings: fast({ loss: 'mae' }) });
      const [, mse, mae] = snapshots(h.received);
      assert.deepEqual([mse.epochs, mae.epochs], [1, 1]);
      assert.equal(mae.values[0], mse.values[0]);
      // w = 0.3 < 2 everywhere: MAE = mean|wx - 2x|, dL/dw = mean(-x) = -2.5
      assert.ok(Math.abs(mae.gradients[0] + 2.5) < 1e-6, `MAE's dL/dw: ${mae.gradients[0]}`);
      assert.match(mae.basis, /the MAE loss \(mean\) over all 4 rows/);
    });
  });
});
