// The trainer panel's "PyTorch script", asked of the worker's driver as the page asks it: the run the panel
// trains (its model, first values, loss, optimizer, batches), or why there is none, in words. That such a
// script prints the panel's table under PyTorch is torchParity.test.ts's part.
import assert from 'node:assert/strict';
import { defaultSettings, type TrainerSettings } from '../../../src/protocol/trainerSettings';
import type { FromWorker } from '../../../src/protocol/workerMessages';
import { shapeDataset } from '../../../src/train';
import { moonsDemoSettings } from '../../../src/webview/page/moonsDemo';
import { TrainerDriver } from '../../../src/webview/worker/trainerDriver';

/** A driver configured with `settings`, trained `epochs` epochs, then asked for the script. */
function exported(settings: TrainerSettings, epochs = 0, later?: TrainerSettings) {
  const received: FromWorker[] = [];
  const driver = new TrainerDriver(
    { post: (m) => received.push(m) },
    { now: () => 0, later: () => 0, cancel: () => undefined },
  );
  driver.handle({ type: 'configure', settings: { ...settings, speed: null } });
  for (let k = 0; k < epochs; k++) driver.handle({ type: 'step' });
  if (later) driver.handle({ type: 'settings', settings: { ...later, speed: null } });
  driver.handle({ type: 'pytorchScript', title: 'the run in words' });
  const answer = received.at(-1);
  const configured = received.find((m) => m.type === 'configured');
  assert.ok(answer?.type === 'pytorchScript' || answer?.type === 'exportRefused', `answered ${answer?.type}`);
  assert.ok(configured?.type === 'configured');
  return { answer, configured };
}

function scriptOf(answer: ReturnType<typeof exported>['answer']): string {
  assert.equal(answer.type, 'pytorchScript', answer.type === 'exportRefused' ? answer.message : '');
  return answer.type === 'pytorchScript' ? answer.text : '';
}

const tutorial = defaultSettings();

describe("the trainer panel's PyTorch script (the worker writes it)", () => {
  it("writes the moons demo's 2-16-16-1 ReLU MLP from the first values the panel shows, the hinge loss and Adam", () => {
    const demo = moonsDemoSettings(tutorial);
    const { answer, configured } = exported(demo);
    const lines = scriptOf(answer).split('\n');
    const moons = shapeDataset('moons', { n: 100, noise: 0.1, seed: 1 });
    const named = configured.params.named!;
    assert.deepEqual(Object.keys(named), ['W1', 'b1', 'W2', 'b2', 'w3', 'b3']);
    const row = (k: number) => `[${moons.x[2 * k]}, ${moons.x[2 * k + 1]}]`;
    for (const line of [
      "# Exported from Autograd Lab's trainer: the run in words.",
      'torch.set_default_dtype(torch.float32)',
      `x = torch.tensor([${row(0)}, ${row(1)}, `,
      'N, D = 100, 2',
      `    "W1": torch.tensor([[${named.W1.values.slice(0, 16).join(', ')}], [${named.W1.values.slice(16).join(', ')}]], requires_grad=True),`,
      `    "b3": torch.tensor(${named.b3.values[0]}, requires_grad=True),`,
      'def model(x, W1, b1, W2, b2, w3, b3):',
      '    return torch.relu(torch.relu(x @ W1 + b1) @ W2 + b2) @ w3 + b3',
      '    return torch.relu(1 - torch.where(yb == 0, -1.0, yb) * pred).mean()',
      'optimizer = torch.optim.Adam(P.values(), lr=0.05, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)',
      'EPOCHS, EVERY = 200, 20',
      'BATCH_SIZE, SHUFFLE = None, True',
      "        print(f'epoch {epoch}: {describe()}, loss = {epoch_loss:.8f}{accuracy}')",
    ])
      assert.ok(
        lines.some((l) => (line.endsWith(', ') ? l.startsWith(line) : l === line)),
        `missing line: ${line}`,
      );
    assert.ok(
      lines.includes(
        '# In float32 a sum may round differently in torch than in autograd-lab: the last digits can differ,',
      ),
    );
    assert.ok(!lines.some((l) => l.startsWith("print(f'after")), "the panel's log has no `after N epochs` line");
    // the demo runs in float32, where torch's sums part from ours within a few dozen epochs: the page says so
    assert.equal(answer.type === 'pytorchScript' && answer.notes.length, 1);
    assert.match(
      answer.type === 'pytorchScript' ? answer.notes[0] : '',
      /^The run computes in float32, .* Choose dtype float64 for the same table digit for digit\.$/,
    );
  });

  it('writes the start of the run, not the values it has reached', () => {
    const start = exported({ ...tutorial, bias: true, init: 'uniform', seed: 3 });
    const later = exported({ ...tutorial, bias: true, init: 'uniform', seed: 3 }, 10);
    assert.equal(scriptOf(later.answer), scriptOf(start.answer));
    const { w, b } = start.configured.params;
    assert.ok(
      scriptOf(start.answer).includes(
        `    "w": torch.tensor([${w[0]}], requires_grad=True),\n    "b": torch.tensor(${b}, requires_grad=True),\n`,
      ),
    );
    assert.ok(
      scriptOf(start.answer).includes(
        "    print(f'Prediction before training: f(5) = {predict(torch.tensor([[5.0]])).item():.3f}')",
      ),
    );
  });

  it('trains the settings the panel holds now, and says so when the run changed them after its first epoch', () => {
    const tutorial64: TrainerSettings = { ...tutorial, dtype: 'float64' };
    const { answer } = exported(tutorial64, 5, { ...tutorial64, lr: 0.05 });
    assert.ok(scriptOf(answer).includes('optimizer = torch.optim.SGD(P.values(), lr=0.05, '));
    assert.equal(answer.type === 'pytorchScript' && answer.notes.length, 1);
    const note = answer.type === 'pytorchScript' ? answer.notes[0] : '';
    assert.match(
      note,
      /^The run changed its settings at epoch 5; the script trains with the settings the panel holds now/,
    );
    const comments = scriptOf(answer)
      .split('\n')
      .filter((l) => l.startsWith('# '))
      .map((l) => l.slice(2));
    assert.ok(comments.join(' ').includes(note), 'the script says it too, in its opening comments');
    assert.ok(
      comments.every((l) => l.length <= 110),
      'in lines an editor shows whole',
    );
    const before = exported(tutorial64, 0, { ...tutorial64, lr: 0.05 }).answer;
    assert.deepEqual(before.type === 'pytorchScript' && before.notes, [], 'a change before the first epoch is the run');
  });

  it('refuses in words a hand-written gradient, a function torch cannot say, and data too many to write out', () => {
    const refusal = (settings: TrainerSettings) => {
      const { answer } = exported(settings);
      assert.equal(answer.type, 'exportRefused');
      return answer.type === 'exportRefused' ? answer.message : '';
    };
    assert.match(
      refusal({ ...tutorial, gradient: 'tutorial-numpy' }),
      /^No PyTorch script: this run's gradient is hand-written \(the tutorial's numpy gradient\) and replaces autograd.*export the numpy script, which writes that gradient\.$/,
    );
    assert.equal(
      refusal({ ...tutorial, lossExpr: 'huber(y_pred - y, 1.0).mean()' }),
      'No PyTorch script: the loss expression cannot be written for PyTorch: huber(d, delta) has no PyTorch spelling here; choose the built-in loss Huber (column 1 of huber(y_pred - y, 1.0).mean()).',
    );
    const big: TrainerSettings['source'] = {
      kind: 'synthetic',
      n: 40_000,
      d: 2,
      noise: 0.1,
      weights: [1, 2],
      bias: 0,
      seed: 0,
    };
    assert.match(
      refusal({ ...tutorial, source: big }),
      /^No PyTorch script: the data hold 120,000 numbers \(40,000 rows of 2 features and the target\), more than the 100,000 a script holds written out\./,
    );
  });

  it('has no script when the data could not be read', () => {
    const received: FromWorker[] = [];
    const driver = new TrainerDriver(
      { post: (m) => received.push(m) },
      { now: () => 0, later: () => 0, cancel: () => undefined },
    );
    const bad = { kind: 'file', label: 'd.csv', format: 'csv', text: 'x,y\n1,oops\n', target: 'y' } as const;
    driver.handle({ type: 'configure', settings: { ...tutorial, source: bad } });
    driver.handle({ type: 'pytorchScript', title: 'the run' });
    assert.deepEqual(received.at(-1), {
      type: 'exportRefused',
      message: 'No PyTorch script: there is no run to export (see the log).',
    });
  });
});
