import assert from 'node:assert/strict';
import { shuffleStream } from '../../../src/train/data/batches';
import { shuffledIndices } from '../../../src/train/random';
import { createSession, datasetFromRows, syntheticDataset, tutorialConfig, type EpochEvent } from '../../../src/train';
import { assertClose, miniBatchRun, type Problem } from './reference';

describe('session control', () => {
  it('starts idle, single-steps into paused, and counts finished epochs', () => {
    const session = createSession(tutorialConfig());
    assert.deepEqual(session.state, { kind: 'idle' });
    session.step();
    assert.deepEqual(session.state, { kind: 'paused', epoch: 1 });
    session.step();
    assert.deepEqual(session.state, { kind: 'paused', epoch: 2 });
    assert.deepEqual(
      session.history.map((e) => e.epoch),
      [0, 1],
    );
  });

  it('runs slices of at most maxEpochs while running, and pauses on request', () => {
    const session = createSession(tutorialConfig());
    assert.equal(session.runSlice(7, 10_000).length, 7);
    assert.deepEqual(session.state, { kind: 'running', epoch: 7 });
    session.pause();
    assert.deepEqual(session.state, { kind: 'paused', epoch: 7 });
    session.step();
    assert.deepEqual(session.state, { kind: 'paused', epoch: 8 }, 'stepping while paused stays paused');
    session.runSlice(1, 10_000);
    assert.deepEqual(session.state, { kind: 'running', epoch: 9 }, 'a slice resumes');
  });

  it('ends done at the configured epoch count, and runs nothing more', () => {
    const session = createSession(tutorialConfig({ epochs: 5 }));
    assert.equal(session.runSlice(100, 10_000).length, 5);
    assert.deepEqual(session.state, { kind: 'done', epoch: 5 });
    assert.equal(session.step(), null);
    assert.deepEqual(session.run(), []);
  });

  it('runs a given number of epochs, then waits paused', () => {
    const session = createSession(tutorialConfig());
    assert.equal(session.run(3).length, 3);
    assert.deepEqual(session.state, { kind: 'paused', epoch: 3 });
    assert.equal(session.run().length, 97);
    assert.deepEqual(session.state, { kind: 'done', epoch: 100 });
  });

  it('makes progress within a zero budget, one batch at a time, and slices change nothing in the result', () => {
    const data = syntheticDataset({ n: 40, d: 2, seed: 4 });
    const config = tutorialConfig({ data, bias: true, batchSize: 8, epochs: 3, seed: 11 });
    const sliced = createSession(config);
    let calls = 0;
    while (sliced.state.kind !== 'done') {
      const finished = sliced.runSlice(1, 0);
      assert.ok(finished.length <= 1);
      calls++;
    }
    assert.equal(calls, 15, 'each zero-budget slice runs one of the 5 batches of each of 3 epochs');
    assert.deepEqual(sliced.history, createSession(config).run());
  });

  it('resets to the initial parameters and replays the same history', () => {
    const config = tutorialConfig({
      data: syntheticDataset({ n: 30, d: 2, seed: 1 }),
      batchSize: 4,
      init: 'uniform',
      seed: 3,
    });
    const session = createSession(config);
    const initial = session.params;
    const first = session.run(10);
    session.reset();
    assert.deepEqual(session.state, { kind: 'idle' });
    assert.deepEqual(session.history, []);
    assert.deepEqual(session.params, initial);
    assert.deepEqual(session.run(10), first);
  });

  it('applies a new learning rate from the next step on', () => {
    const session = createSession(tutorialConfig({ dtype: 'float64' }));
    session.step(); // w = 0.01 * 30 = 0.3
    session.update({ optimizer: { kind: 'sgd', lr: 0.05 } });
    const event = session.step()!;
    // At w = 0.3 the gradient is 15 (0.3 - 2) = -25.5, so w = 0.3 + 0.05 * 25.5.
    assertClose(event.params.w[0], 0.3 + 0.05 * 25.5, 1e-14);
    assert.equal(session.config.optimizer.lr, 0.05);
  });

  it('keeps momentum buffers when only the learning rate changes', () => {
    const session = createSession(
      tutorialConfig({ dtype: 'float64', optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 } }),
    );
    session.step(); // v = g0 = -30, w = 0.3
    session.update({ optimizer: { kind: 'sgd', lr: 0.02, momentum: 0.9 } });
    const event = session.step()!;
    // g1 = 15 (0.3 - 2) = -25.5; v = 0.9 (-30) - 25.5 = -52.5; w = 0.3 + 0.02 * 52.5.
    assertClose(event.params.w[0], 0.3 + 0.02 * 52.5, 1e-14);
  });

  it('holds a change made inside an epoch until that epoch ends, so a run replays exactly from epoch boundaries', () => {
    const config = tutorialConfig({
      data: syntheticDataset({ n: 40, d: 2, seed: 4 }),
      batchSize: 8,
      epochs: 3,
      dtype: 'float64',
    });
    const live = createSession(config);
    live.runSlice(1, 0); // one batch of epoch 0
    live.update({ optimizer: { kind: 'sgd', lr: 0.05 } });
    assert.equal(live.config.optimizer.lr, 0.01, 'not yet: epoch 0 is unfinished');
    live.run();
    assert.equal(live.config.optimizer.lr, 0.05);
    const replay = createSession(config);
    replay.step();
    replay.update({ optimizer: { kind: 'sgd', lr: 0.05 } });
    replay.run();
    assert.deepEqual(live.history, replay.history);
  });

  it('reopens a finished run when the epoch count grows, and finishes a run when it shrinks', () => {
    const session = createSession(tutorialConfig({ epochs: 3 }));
    session.run();
    assert.deepEqual(session.state, { kind: 'done', epoch: 3 });
    session.update({ epochs: 5 });
    assert.deepEqual(session.state, { kind: 'paused', epoch: 3 });
    assert.equal(session.run().length, 2);
    session.update({ epochs: 10 });
    session.runSlice(1, 1000);
    session.update({ epochs: 4 });
    assert.deepEqual(session.state, { kind: 'done', epoch: 6 });
  });

  it('switches the loss between steps', () => {
    const session = createSession(tutorialConfig());
    session.step();
    session.update({ loss: 'mae' });
    assert.equal(session.criticalLearningRate(), null);
    const w = Math.fround(Math.fround(0.01) * 30);
    // MAE at w: mean |w x - 2x| = (2 - w) * 2.5 (rounded to float32 by the engine's ops).
    assertClose(session.step()!.loss, (2 - w) * 2.5, 1e-6);
  });

  it('refuses an update that would make the configuration invalid, and keeps the old one', () => {
    const session = createSession(tutorialConfig());
    assert.throws(() => session.update({ batchSize: -3 }), /batch size/);
    assert.equal(session.config.batchSize, null);
  });

  it('tells listeners about every epoch until they unsubscribe', () => {
    const session = createSession(tutorialConfig());
    const seen: EpochEvent[] = [];
    const stop = session.on((e) => seen.push(e));
    session.run(3);
    stop();
    session.run(2);
    assert.deepEqual(
      seen.map((e) => e.epoch),
      [0, 1, 2],
    );
  });
});

describe('mini-batches', () => {
  const problem: Problem = {
    rows: Array.from({ length: 10 }, (_, i) => [i / 3, Math.cos(i)]),
    y: Array.from({ length: 10 }, (_, i) => 2 * (i / 3) - Math.cos(i) + 0.5),
    bias: true,
  };
  const config = tutorialConfig({
    data: datasetFromRows(problem.rows, problem.y),
    bias: true,
    dtype: 'float64',
    batchSize: 4,
    epochs: 3,
    seed: 21,
    optimizer: { kind: 'sgd', lr: 0.05 },
  });

  it('update once per batch, in the seeded order, and report the size-weighted mean loss', () => {
    const stream = shuffleStream(21);
    const orders = [0, 1, 2].map(() => Array.from(shuffledIndices(10, stream)));
    const expected = miniBatchRun(problem, 0.05, 4, orders);
    createSession(config)
      .run()
      .forEach((event, k) => {
        assertClose(event.loss, expected[k].loss, 1e-12, `loss ${k}`);
        [...event.params.w, event.params.b!].forEach((p, j) =>
          assertClose(p, expected[k].params[j], 1e-12, `param ${j} epoch ${k}`),
        );
      });
  });

  it('repeat exactly for the same seed and differ for another', () => {
    assert.deepEqual(createSession(config).run(), createSession(config).run());
    assert.notDeepEqual(createSession(config).run(), createSession({ ...config, seed: 22 }).run());
  });

  it('equal full-batch training when the batch holds every row', () => {
    assert.deepEqual(
      createSession({ ...config, batchSize: 10 }).run(),
      createSession({ ...config, batchSize: null }).run(),
    );
  });
});
