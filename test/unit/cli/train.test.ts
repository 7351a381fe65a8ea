import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureIo } from './captureIo';
import { PYTORCH_TABLE } from '../../fixtures/notebook';

// The PyTorch half of the tutorial notebook, as it printed (test/fixtures/notebook.ts).
const tutorialTable = `${PYTORCH_TABLE.join('\n')}\n`;

async function run(
  argv: string,
  files: Record<string, string> = {},
  sizes: Record<string, number> = {},
): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(files, sizes);
  const code = await main(argv.split(' ').filter(Boolean), io);
  return { code, out: io.out, err: io.err };
}

describe('autograd-lab train', () => {
  it('prints the tutorial table byte for byte', async () => {
    assert.deepEqual(await run('train --example tutorial'), { code: 0, out: tutorialTable, err: '' });
  });

  it('prints the same table from inline data with the same settings', async () => {
    const { code, out } = await run('train --x 1,2,3,4 --y 2,4,6,8 --predict 5');
    assert.equal(code, 0);
    assert.equal(out, tutorialTable);
  });

  it('prints every K-th epoch and a final line when there is no point to predict', async () => {
    const { code, out } = await run('train --x 1,2,3,4 --y 2,4,6,8 --epochs 5 --every 2');
    assert.equal(code, 0);
    assert.deepEqual(
      out.split('\n').map((l) => l.replace(/:.*/, '')),
      ['epoch 0', 'epoch 2', 'epoch 4', 'after 5 epochs', ''],
    );
  });

  it('writes one JSON object with every epoch in history', async () => {
    const { code, out, err } = await run('train --example tutorial --epochs 3 --json');
    assert.equal(code, 0);
    assert.equal(err, '');
    assert.equal(out.trim().split('\n').length, 1);
    const report = JSON.parse(out);
    assert.deepEqual(Object.keys(report), ['config', 'shapes', 'history', 'final', 'diverged']);
    assert.deepEqual(report.shapes, { w: [1] });
    assert.deepEqual(report.config, {
      data: { source: 'tutorial', n: 4, d: 1, features: ['x'], target: 'y' },
      bias: false,
      init: 'zeros',
      loss: 'mse',
      reduction: 'mean',
      optimizer: { kind: 'sgd', lr: 0.01 },
      epochs: 3,
      batchSize: null,
      seed: 0,
      dtype: 'float32',
    });
    assert.deepEqual(
      report.history.map((h: object) => Object.keys(h)),
      [
        ['epoch', 'loss', 'params'],
        ['epoch', 'loss', 'params'],
        ['epoch', 'loss', 'params'],
      ],
    );
    assert.deepEqual(report.history[0], {
      epoch: 0,
      loss: 30,
      params: { w: [Math.fround(Math.fround(0.01) * 30)], b: null },
    });
    assert.deepEqual(report.final.params, report.history[2].params);
    // The final loss is at the final w: 7.5 (w - 2)^2, to float32 precision.
    assert.ok(Math.abs(report.final.loss - 7.5 * (report.final.params.w[0] - 2) ** 2) < 1e-5);
    assert.equal(report.diverged, null);
  });

  it('reports divergence in JSON, on stderr with advice, and exits 3', async () => {
    const { code, out, err } = await run('train --example tutorial --lr 0.2 --json');
    assert.equal(code, 3);
    const report = JSON.parse(out);
    assert.deepEqual(report.diverged, { epoch: 61, cause: 'diverged', reason: 'the loss became Infinity' });
    assert.equal(report.history.length, 61);
    assert.equal(
      err,
      'warning: lr 0.2 is above the critical learning rate 2/λmax = 0.1333 for this loss and data: expect this run to diverge\n' +
        'autograd-lab train: training diverged at epoch 61: the loss became Infinity; ' +
        'try a learning rate below 0.1333 (the critical rate 2/lambda_max of this loss on this data)\n',
    );
  });

  it('says training stopped, not diverged, when bce is given an output that is not a probability, and exits 3', async () => {
    // w starts at 0, so every output of w*x - 0.5 is -0.5: outside [0, 1] before any step.
    const { code, out, err } = await run('train --x 1,2,3,4 --y 0,0,1,1 --loss bce --model w*x-0.5 --json');
    assert.equal(code, 3);
    assert.deepEqual(JSON.parse(out).diverged, {
      epoch: 0,
      cause: 'invalid',
      reason: "the model's output -0.5 is not a probability, and the bce loss takes values in [0, 1]",
    });
    assert.equal(
      err,
      "autograd-lab train: training stopped at epoch 0: the model's output -0.5 is not a probability, and the bce loss takes values in [0, 1]; " +
        'end the model with torch.sigmoid(...), or train its logit with the cross-entropy loss\n',
    );
  });

  it('says training stopped, with no learning rate to try, when the loss is not finite at the start', async () => {
    // The tutorial's w starts at 0: y_pred = 0 and -log(0) = Infinity before the first update.
    const { code, out, err } = await run('train --example tutorial --loss (-np.log(y_pred)).mean()');
    assert.equal(code, 3);
    assert.equal(out, 'Prediction before training: f(5) = 0.000\n');
    assert.equal(
      err,
      'autograd-lab train: training stopped at epoch 0: the loss is Infinity at the starting parameters, before any step; ' +
        'the learning rate is not the cause: look at the loss and the model at the start, for a logarithm of 0 or of a negative number, or a division by 0\n',
    );
    assert.doesNotMatch(err, /diverged|smaller learning rate/);
  });

  it('warns on stderr, before the first epoch, when lr is above the critical rate 2/15 of the tutorial', async () => {
    // L(w) = 7.5 (w - 2)^2: L'' = 15, and w <- w - lr 15 (w - 2) grows when lr > 2/15.
    const io = captureIo();
    const order: string[] = [];
    io.stdout = (text) => {
      order.push(`out:${text}`);
    };
    io.stderr = (text) => {
      order.push(`err:${text}`);
    };
    assert.equal(await main(['train', '--example', 'tutorial', '--lr', '0.5'], io), 3);
    assert.equal(
      order[0],
      'err:warning: lr 0.5 is above the critical learning rate 2/λmax = 0.1333 for this loss and data: expect this run to diverge\n',
    );
    assert.equal(order[1], 'out:Prediction before training: f(5) = 0.000\n');
    assert.match(order.at(-1)!, /^err:autograd-lab train: training diverged at epoch 23: the loss became Infinity;/);
  });

  it('does not warn at a stable rate, even one that needs a few epochs more', async () => {
    const { code, err } = await run('train --example tutorial --lr 0.13');
    assert.equal(code, 0);
    assert.equal(err, '');
  });

  it("pairs, in each JSON history entry, the loss before the epoch's update with the parameters after it, as --help says", async () => {
    const { out } = await run('train --example tutorial --epochs 2 --json --dtype float64');
    const [first, second] = JSON.parse(out).history;
    // Epoch 0: the loss at w = 0 is mean(y^2) = (4 + 16 + 36 + 64) / 4 = 30; the update gives w = 0.01 * 30 = 0.3.
    assert.deepEqual(first, { epoch: 0, loss: 30, params: { w: [0.3], b: null } });
    // Epoch 1: the loss at w = 0.3 is 7.5 (0.3 - 2)^2 = 21.675, then w = 0.3 + 0.01 * 15 * 1.7 = 0.555.
    assert.ok(Math.abs(second.loss - 21.675) < 1e-12);
    assert.ok(Math.abs(second.params.w[0] - 0.555) < 1e-12);
    const help = (await run('train --help')).out.replace(/\s+/g, ' ');
    assert.match(
      help,
      /"loss" is computed in epoch k's forward pass, at the parameters BEFORE epoch k's update, and "params" are the parameters AFTER it/,
    );
    assert.match(help, /the tutorial's epoch 0: loss 30 at w = 0, then w = 0\.3/);
  });

  it('stops the table at divergence without a prediction after it', async () => {
    const { code, out } = await run('train --example tutorial --lr 0.2');
    assert.equal(code, 3);
    // |w - 2| doubles each epoch: w = 2^62 (to float32) at epoch 60, the last finite one, and the loss 7.5 (2^62)^2 ~ 3.99e37.
    const last = out.trimEnd().split('\n').at(-1)!;
    assert.match(last, /^epoch 60: w = 4611686018427387904\.000, loss = 398768398735474\d{23}\.00000000$/);
    assert.doesNotMatch(out, /after training/);
  });

  it('trains on a CSV file, the target column apart from the features', async () => {
    const csv = 'size,rooms,price\n1,0,3\n2,1,6\n3,0,7\n4,1,10\n';
    const { code, out } = await run(
      'train --data house.csv --target price --bias --lr 0.05 --epochs 2000 --every 1000 --dtype float64',
      { 'house.csv': csv },
    );
    assert.equal(code, 0);
    // price = 2 size + 1 rooms + 1 exactly.
    assert.equal(out.split('\n').at(-2), 'after 2000 epochs: w = [2.000, 1.000], b = 1.000, loss = 0.00000000');
  });
});

describe('autograd-lab train with expressions', () => {
  it("trains with a hand-written gradient, showing the numpy half's w = 1.200 after one epoch", async () => {
    const io = captureIo();
    const code = await main(
      [
        'train',
        '--x',
        '1,2,3,4',
        '--y',
        '2,4,6,8',
        '--model',
        'w*x',
        '--loss',
        '((y_pred-y)**2).mean()',
        '--gradient',
        'np.dot(2*x, y_pred-y).mean()',
        '--epochs',
        '3',
        '--every',
        '2',
      ],
      io,
    );
    assert.equal(code, 0);
    // The notebook's numpy table: epoch 0: w = 1.200, epoch 2: w = 1.872, loss = 0.76800019.
    assert.deepEqual(io.out.split('\n').slice(0, 2), [
      'epoch 0: w = 1.200, loss = 30.00000000',
      'epoch 2: w = 1.872, loss = 0.76800019',
    ]);
  });

  it("warns, after the table, when the hand-written gradient is not the loss's gradient", async () => {
    const io = captureIo();
    assert.equal(
      await main(['train', '--example', 'tutorial', '--gradient', 'np.dot(2*x, y_pred-y).mean()', '--epochs', '2'], io),
      0,
    );
    // At w = 0: np.dot(2x, -y) = -2 * 60 = -120, and the mean gradient is -120 / 4 = -30.
    assert.match(
      io.out,
      /\n\nwarning: the --gradient expression is not the loss's gradient\. Your gradient is exactly 4x autograd's: -120 vs -30 at w = 0\./,
    );
  });

  it('says nothing when the hand-written gradient is right', async () => {
    const io = captureIo();
    assert.equal(
      await main(['train', '--example', 'tutorial', '--gradient', '(2*x*(y_pred-y)).mean()', '--epochs', '2'], io),
      0,
    );
    assert.doesNotMatch(io.out + io.err, /warning/);
  });

  it('refuses a broken expression with its parse error and a caret, before reading any data', async () => {
    const io = captureIo();
    assert.equal(
      await main(['train', '--data', 'missing.csv', '--target', 'y', '--loss', '(y_pred-y)**2).mean()'], io),
      1,
    );
    assert.equal(
      io.err,
      "autograd-lab train: --loss: unbalanced parenthesis: ')' without a matching '(' (column 14)\n" +
        '  (y_pred-y)**2).mean()\n' +
        '               ^\n',
    );
    assert.equal(io.out, '');
  });

  it('documents which --loss wins: a keyword is the built-in loss, anything else an expression', async () => {
    const help = (await run('train --help')).out.replace(/\s+/g, ' ');
    assert.match(
      help,
      /--loss mse\|mae\|huber\|bce\|hinge\|cross-entropy\|EXPR .+ Exactly one of these names \(lower case\) is always the built-in loss; any other text is parsed as an expression/,
    );
  });

  it('names a bad flag value rather than the missing data', async () => {
    assert.deepEqual(await run('train --epochs abc'), {
      code: 1,
      out: '',
      err: 'autograd-lab train: --epochs must be a number (got "abc")\n',
    });
  });
});

describe('autograd-lab train refuses bad input with one line and exit 1', () => {
  const cases: [string, string, Record<string, string>, string][] = [
    [
      'a non-numeric cell',
      'train --data d.csv --target y',
      { 'd.csv': 'x,y\n1,2\n3,abc\n' },
      'autograd-lab train: d.csv:3:3: "abc" is not a number (column "y")\n',
    ],
    [
      'a ragged row',
      'train --data d.csv --target y',
      { 'd.csv': 'x,y\n1,2\n3,4,5\n' },
      'autograd-lab train: d.csv:3:5: row has 3 cells but the header has 2\n',
    ],
    [
      'a file separated by semicolons',
      'train --data d.csv --target y',
      { 'd.csv': 'x;y\n1;2\n' },
      "autograd-lab train: d.csv:1:2: this file seems to use ';' as separator; autograd-lab reads comma-separated values\n",
    ],
    [
      'an empty file',
      'train --data d.csv --target y',
      { 'd.csv': '' },
      'autograd-lab train: d.csv:1:1: the file is empty: expected a header row such as x,y\n',
    ],
    [
      'a missing target column',
      'train --data d.csv --target z',
      { 'd.csv': 'x,y\n1,2\n' },
      'autograd-lab train: d.csv:1:1: no column named "z"; the columns are x, y\n',
    ],
    [
      'a missing file',
      'train --data nope.csv --target y',
      {},
      'autograd-lab train: cannot read nope.csv: no such file\n',
    ],
    [
      'a bad number',
      'train --example tutorial --lr abc',
      {},
      'autograd-lab train: --lr must be a number (got "abc")\n',
    ],
    ['an unknown flag', 'train --example tutorial --speed 3', {}, "autograd-lab train: Unknown option '--speed'\n"],
    [
      'a point of the wrong size',
      'train --example tutorial --predict 1,2',
      {},
      'autograd-lab train: --predict has 2 values but the model has 1 feature\n',
    ],
  ];
  for (const [what, argv, files, message] of cases) {
    it(`names ${what}`, async () => {
      assert.deepEqual(await run(argv, files), { code: 1, out: '', err: message });
    });
  }

  it("reads a file over the panel's 20 MB limit: the CLI streams it, whatever its size", async () => {
    const { code, out, err } = await run(
      'train --data big.csv --target y --epochs 1 --lr 0.1',
      { 'big.csv': 'x,y\n1,2\n2,4\n' },
      { 'big.csv': 25 * 1024 * 1024 },
    );
    assert.equal(err, '');
    assert.equal(code, 0);
    // one step from w = 0: dL/dw = mean(2 (w x - y) x) = -10, so w = 1, and the loss at w = 0 is mean(y^2) = 10
    assert.match(out, /^epoch 0: w = 1\.000, loss = 10\.00000000$/m);
  });

  it('turns an unexpected failure into one line, not a stack trace', async () => {
    const io = captureIo();
    io.fileSize = () => {
      throw new Error('disk on fire\n    at somewhere (file.js:1:1)');
    };
    const code = await main(['train', '--data', 'd.csv', '--target', 'y'], io);
    assert.equal(code, 1);
    assert.equal(io.err, 'autograd-lab train: cannot read d.csv: disk on fire\n');
  });
});

describe('autograd-lab', () => {
  it('prints its version', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    assert.deepEqual(await run('--version'), { code: 0, out: `autograd-lab ${version}\n`, err: '' });
  });

  it('documents every train flag in train --help', async () => {
    const { code, out } = await run('train --help');
    assert.equal(code, 0);
    for (const flag of [
      '--example',
      '--x',
      '--y',
      '--data',
      '--target',
      '--bias',
      '--loss',
      '--optimizer',
      '--lr',
      '--momentum',
      '--betas',
      '--epochs',
      '--batch-size',
      '--dtype',
      '--seed',
      '--every',
      '--json',
      '--init',
      '--predict',
      '--reduction',
      '--huber-delta',
      '--weight-decay',
    ]) {
      assert.ok(out.includes(flag), `train --help mentions ${flag}`);
    }
  });

  it('prints its help, and refuses an unknown command', async () => {
    assert.equal((await run('--help')).code, 0);
    const { code, err } = await run('fly');
    assert.equal(code, 1);
    assert.equal(
      err,
      'autograd-lab: unknown command "fly"; the commands are train, derive, check, graph (autograd-lab --help)\n',
    );
  });

  it('dispatches the numpy half of the tutorial to its own table', async () => {
    const { code, out } = await run('train --example tutorial-numpy');
    assert.equal(code, 0);
    // The notebook's numpy output starts so: the 4x gradient makes the first step reach 1.200.
    assert.ok(
      out.startsWith(
        'Prediction before training: f(5) = 0.000\nepoch 0: w = 1.200, loss = 30.00000000\nepoch 2: w = 1.872, loss = 0.76800019\n',
      ),
      out,
    );
  });

  it('dispatches derive and check', async () => {
    const io = captureIo();
    assert.equal(await main(['derive', '((w*x - y)**2).mean()', '--wrt', 'w'], io), 0);
    assert.match(io.out, /∂L\/∂w/);
    const checked = captureIo();
    await main(
      [
        'check',
        '--loss',
        '((w*x - y)**2).mean()',
        '--gradient',
        'np.dot(2*x, w*x - y).mean()',
        '--wrt',
        'w',
        '--at',
        'w=0,x=[1,2,3,4],y=[2,4,6,8]',
      ],
      checked,
    );
    assert.match(checked.out + checked.err, /4x/);
  });
});
