import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { captureIo } from './captureIo';
import { oneHiddenLayer, trainReference } from '../train/networkReference';

async function run(argv: string[], files: Record<string, string> = {}) {
  const io = captureIo(files);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

// XOR-like data with two features, in a CSV file.
const csv = 'a,b,label\n0.5,1.2,1\n-1.1,0.4,0\n0.3,-0.8,0\n1.7,0.9,1\n-0.6,-1.3,0\n0.9,-0.2,1\n-1.4,1.1,0\n';
const rows = [
  [0.5, 1.2],
  [-1.1, 0.4],
  [0.3, -0.8],
  [1.7, 0.9],
  [-0.6, -1.3],
  [0.9, -0.2],
  [-1.4, 1.1],
];
const labels = [1, 0, 0, 1, 0, 1, 0];
const start = {
  W1: [
    [0.3, -0.5, 0.8],
    [-0.2, 0.6, 0.4],
  ],
  b1: [0.1, -0.2, 0.05],
  w2: [0.7, -0.4, 0.3],
  b2: 0.1,
};
const files = { 'xor.csv': csv, 'start.json': JSON.stringify(start) };
const data = ['train', '--data', 'xor.csv', '--target', 'label'];

describe('autograd-lab train with models of their own parameters', () => {
  it('trains --model mlp:3 with --loss bce exactly as the hand-derived reference, and writes it as JSON', async () => {
    const { code, out, err } = await run(
      [
        ...data,
        '--model',
        'mlp:3',
        '--loss',
        'bce',
        '--params',
        'start.json',
        '--optimizer',
        'adam',
        '--lr',
        '0.05',
      ].concat(['--dtype', 'float64', '--batch-size', '3', '--no-shuffle', '--epochs', '6', '--json']),
      files,
    );
    assert.equal(code, 0, err);
    const report = JSON.parse(out);
    assert.equal(report.config.modelExpr, 'torch.sigmoid(torch.tanh(x @ W1 + b1) @ w2 + b2)');
    assert.equal(report.config.preset, 'mlp:3');
    assert.equal(report.config.shuffle, false);
    assert.deepEqual(report.shapes, { W1: [2, 3], b1: [3], w2: [3], b2: [] });
    const expected = trainReference(
      oneHiddenLayer('tanh', 'bce'),
      { W1: start.W1.flat(), b1: start.b1, w2: start.w2, b2: [start.b2] },
      rows,
      labels,
      { kind: 'adam', lr: 0.05, betas: [0.9, 0.999], eps: 1e-8 },
      6,
      3,
    );
    report.history.forEach(
      (entry: { epoch: number; loss: number; accuracy: number; params: typeof start }, k: number) => {
        assert.deepEqual(Object.keys(entry), ['epoch', 'loss', 'accuracy', 'params']);
        assert.ok(Math.abs(entry.loss - expected[k].loss) <= 1e-8 * expected[k].loss, `loss at epoch ${k}`);
        // nested lists: W1 as 2 rows of 3
        assert.equal(entry.params.W1.length, 2);
        entry.params.W1.flat().forEach((v, j) => {
          const e = expected[k].params.W1[j];
          assert.ok(Math.abs(v - e) <= 1e-8 * Math.abs(e), `W1 flat[${j}] at epoch ${k}`);
        });
        assert.equal(typeof entry.params.b2, 'number');
      },
    );
    assert.deepEqual(Object.keys(report.final.params), ['W1', 'b1', 'w2', 'b2']);
  });

  it('prints the preset as its expression, then scalars and short vectors, and summarises matrices', async () => {
    const { code, out } = await run(
      [...data, '--model', 'mlp:3', '--params', 'start.json', '--epochs', '1', '--dtype', 'float64'],
      files,
    );
    assert.equal(code, 0);
    const [model, epoch] = out.split('\n');
    assert.equal(model, 'model: torch.tanh(x @ W1 + b1) @ w2 + b2 (mlp:3)');
    assert.match(
      epoch,
      /^epoch 0: W1 = 2x3 \|W1\| = \d\.\d{3}, b1 = \[-?\d\.\d{3}, -?\d\.\d{3}, -?\d\.\d{3}\], w2 = \[.+\], b2 = -?\d\.\d{3}, loss = \d+\.\d{8}$/,
    );
  });

  it('says which width is open and the flags that give it', async () => {
    const { code, err } = await run([...data, '--model', 'np.tanh(x @ W1 + b1) @ w2 + b2'], files);
    assert.equal(code, 1);
    assert.equal(
      err,
      'autograd-lab train: --model: the data do not fix the width marked ? in W1 (2 x ?), b1 (?), w2 (?); give it with --hidden H, --shape W1=2xH or --params FILE\n',
    );
    const sized = await run([...data, '--model', 'np.tanh(x @ W1 + b1) @ w2 + b2', '--hidden', '4', '--json'], files);
    assert.deepEqual(JSON.parse(sized.out).shapes, { W1: [2, 4], b1: [4], w2: [4], b2: [] });
    const shaped = await run(
      [...data, '--model', 'np.tanh(x @ W1 + b1) @ w2 + b2', '--shape', 'W1=2x5', '--json'],
      files,
    );
    assert.deepEqual(JSON.parse(shaped.out).shapes, { W1: [2, 5], b1: [5], w2: [5], b2: [] });
  });

  it('points at the product whose shapes do not fit', async () => {
    const { code, err } = await run([...data, '--model', 'np.tanh(x @ W1 + b1) @ w2', '--shape', 'W1=3x4'], files);
    assert.equal(code, 1);
    assert.equal(
      err,
      'autograd-lab train: --model: x is N x 2 but W1 is 3 x 4: the inner dimensions of @ differ (column 9)\n' +
        '  np.tanh(x @ W1 + b1) @ w2\n          ^\n',
    );
  });

  it('refuses a --params file that is not an object of values, or a value of the wrong shape', async () => {
    const cases: [string, string][] = [
      ['{"W1": [[1, 2]', '--params p.json: not JSON'],
      ['[1, 2]', '--params p.json: expected an object of values by name, such as {"w": [0.5], "b": 0.1}'],
      ['{"W1": [[1, 2, 3]]}', 'initial value of W1: expected 2 x 3, got 1 x 3'],
      ['{"b1": [1, 2]}', 'initial value of b1: expected 3, got 2'],
      ['{"w2": [1, "x", 3]}', 'w2[1]: expected a number or a list of numbers, got "x"'],
    ];
    for (const [text, message] of cases) {
      const { code, err } = await run([...data, '--model', 'mlp:3', '--params', 'p.json'], {
        ...files,
        'p.json': text,
      });
      assert.equal(code, 1, text);
      assert.ok(err.startsWith(`autograd-lab train: ${message}`), `${text}: ${err}`);
    }
    const missing = await run([...data, '--model', 'mlp:3', '--params', 'nope.json'], files);
    assert.equal(missing.err, 'autograd-lab train: cannot read nope.json: no such file\n');
  });

  it('refuses malformed presets and --hidden next to an mlp preset', async () => {
    const bad = await run([...data, '--model', 'mlp:16:gelu'], files);
    assert.equal(
      bad.err,
      'autograd-lab train: --model "mlp:16:gelu": the activation of mlp is tanh or relu (got "gelu")\n',
    );
    const both = await run([...data, '--model', 'mlp:16', '--hidden', '8'], files);
    assert.equal(
      both.err,
      'autograd-lab train: --hidden goes with a --model expression; mlp:16 gives the hidden sizes itself\n',
    );
  });

  it('trains logistic regression with its default loss bce and reports accuracy in the table', async () => {
    const { code, out } = await run([...data, '--model', 'logistic', '--epochs', '1'], files);
    assert.equal(code, 0);
    // At w = 0, b = 0 every p is 0.5: BCE = log 2, and p > 0.5 never holds, so the 4 rows labelled 0 of 7 are
    // right. The step: w -= 0.01 X^T (p - y) / N, b -= 0.01 mean(p - y).
    const residual = labels.map((y) => 0.5 - y);
    const w = [0, 1].map((j) => (-0.01 * rows.reduce((s, row, i) => s + residual[i] * row[j], 0)) / 7);
    const b = (-0.01 * residual.reduce((s, r) => s + r, 0)) / 7;
    const shown = (v: number) => v.toFixed(3);
    assert.equal(
      out.split('\n')[1],
      `epoch 0: w = [${w.map(shown).join(', ')}], b = ${shown(b)}, loss = ${Math.LN2.toFixed(8)}, accuracy = 0.571`,
    );
  });
});
