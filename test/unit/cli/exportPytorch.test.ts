// `train --export-pytorch FILE.py`: the script's text. There is no torch where these tests run, so they check
// what the script is made of against values written here (the data, a --params file, the flags), and that the
// table `train` prints is the same with and without the export.
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { pyFloat } from '../../../src/train';
import { captureIo } from './captureIo';

async function run(argv: string[], files: Record<string, string> = {}) {
  const io = captureIo(files);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err, script: io.written['run.py'] ?? '' };
}

const csv = 'a,b,label\n0.5,1.2,1\n-1.1,0.4,0\n0.3,-0.8,0\n1.7,0.9,1\n';
const start = {
  W1: [
    [0.3, -0.5],
    [-0.2, 0.6],
  ],
  b1: [0.1, -0.2],
  w2: [0.7, -0.4],
  b2: 0.1,
};
const files = { 'xor.csv': csv, 'start.json': JSON.stringify(start) };
const mlp = ['train', '--data', 'xor.csv', '--target', 'label', '--model', 'mlp:2', '--loss', 'bce'];
const exported = ['--export-pytorch', 'run.py'];

describe('autograd-lab train --export-pytorch', () => {
  it('writes the data, the start from --params, the model, the loss and Adam, and prints the same table', async () => {
    const flags = [...mlp, '--params', 'start.json', '--optimizer', 'adam', '--lr', '0.05', '--dtype', 'float64'];
    const plain = await run([...flags, '--epochs', '4'], files);
    const { code, out, err, script } = await run([...flags, '--epochs', '4', ...exported], files);
    assert.equal(code, 0, err);
    assert.equal(out, plain.out);
    assert.match(err, /^wrote run\.py: /);
    const lines = script.split('\n');
    for (const line of [
      'torch.set_default_dtype(torch.float64)',
      'x = torch.tensor([[0.5, 1.2], [-1.1, 0.4], [0.3, -0.8], [1.7, 0.9]])',
      'y = torch.tensor([1.0, 0.0, 0.0, 1.0])',
      'N, D = 4, 2',
      '    "W1": torch.tensor([[0.3, -0.5], [-0.2, 0.6]], requires_grad=True),',
      '    "b1": torch.tensor([0.1, -0.2], requires_grad=True),',
      '    "w2": torch.tensor([0.7, -0.4], requires_grad=True),',
      '    "b2": torch.tensor(0.1, requires_grad=True),',
      'def model(x, W1, b1, w2, b2):',
      '    return torch.sigmoid(torch.tanh(x @ W1 + b1) @ w2 + b2)',
      '    return (-(yb * torch.clamp(torch.log(pred), min=-100.0) + (1 - yb) * torch.clamp(torch.log(1 - pred), min=-100.0))).mean()',
      'optimizer = torch.optim.Adam(P.values(), lr=0.05, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)',
      'EPOCHS, EVERY = 4, 1',
      'BATCH_SIZE, SHUFFLE = None, True',
      'print("model: torch.sigmoid(torch.tanh(x @ W1 + b1) @ w2 + b2) (mlp:2)")',
      '        correct += ((pred > 0.5) == (yb > 0)).sum().item()',
      "print(f'after 4 epochs: {describe()}, loss = {final:.8f}')",
    ])
      assert.ok(lines.includes(line), `missing line: ${line}`);
    assert.match(script, /^# Exported by: autograd-lab train --data xor\.csv .* --export-pytorch run\.py\n/);
  });

  it('maps numpy spellings to torch: np.maximum(u, 0), .T, np.exp, np.dot, np.where', async () => {
    const cases: [string, string][] = [
      ['np.maximum(x @ W1 + b1, 0) @ w2 + b2', 'torch.clamp(x @ W1 + b1, min=0.0) @ w2 + b2'],
      ['np.tanh(x @ V.T) @ w', 'torch.tanh(x @ torch.t(V)) @ w'],
      ['1/(1 + np.exp(-(np.dot(x, w) + b)))', '1/(1 + torch.exp(-(torch.matmul(x, w) + b)))'],
      // Python's * and @ bind alike, left to right: 0.1*x @ w is (0.1*x) @ w, the same product
      ['np.where(x @ w > 0, x @ w, 0.1*(x @ w)) + b', 'torch.where(x @ w > 0, x @ w, 0.1*x @ w) + b'],
    ];
    for (const [model, torch] of cases) {
      const shapes = model.includes('V') ? ['--shape', 'V=3x2'] : model.includes('W1') ? ['--hidden', '3'] : [];
      const { code, err, script } = await run(
        ['train', '--data', 'xor.csv', '--target', 'label', '--model', model, ...shapes, '--epochs', '1', ...exported],
        files,
      );
      assert.equal(code, 0, `${model}: ${err}`);
      assert.ok(script.includes(`\n    return ${torch}\n`), `${model} should become ${torch}:\n${script}`);
    }
  });

  it('refuses what torch cannot say the same way, at its column, and a hand-written gradient', async () => {
    const huber = await run(
      ['train', '--x', '1,2,3', '--y', '2,4,6', '--loss', 'huber(y_pred - y, 1.0).mean()', ...exported],
      files,
    );
    assert.equal(huber.code, 1);
    assert.match(
      huber.err,
      /--export-pytorch: the --loss expression cannot be written for PyTorch: huber\(d, delta\) has no PyTorch spelling here; use --loss huber \(column 1\)/,
    );
    assert.equal(huber.script, '');
    const hand = await run(
      ['train', '--x', '1,2,3', '--y', '2,4,6', '--gradient', 'np.dot(2*x, y_pred-y).mean()', ...exported],
      files,
    );
    assert.equal(hand.code, 1);
    assert.match(hand.err, /a hand-written --gradient replaces autograd.*leave out --gradient to export/);
    assert.equal(hand.out, '', 'nothing is trained when the export is refused');
  });

  it('writes SGD with momentum and the batches in row order for --no-shuffle, the linear model as train prints it', async () => {
    const { code, err, script } = await run(
      [
        ...['train', '--example', 'tutorial', '--optimizer', 'momentum', '--nesterov', '--weight-decay', '0.01'],
        ...['--batch-size', '2', '--no-shuffle', '--epochs', '20', ...exported],
      ],
      files,
    );
    assert.equal(code, 0, err);
    const lines = script.split('\n');
    for (const line of [
      'torch.set_default_dtype(torch.float32)',
      'x = torch.tensor([[1.0], [2.0], [3.0], [4.0]])',
      '    "w": torch.tensor([0.0], requires_grad=True),',
      'def model(x, w):',
      '    return x @ w',
      '    return F.mse_loss(pred, yb, reduction="mean")',
      'optimizer = torch.optim.SGD(P.values(), lr=0.01, momentum=0.9, dampening=0.0, nesterov=True, weight_decay=0.01)',
      'EPOCHS, EVERY = 20, 2',
      'BATCH_SIZE, SHUFFLE = 2, False',
      '    batches = [order[k:k + BATCH_SIZE] for k in range(0, N, BATCH_SIZE)]',
      "    print(f'Prediction before training: f(5) = {predict(torch.tensor([[5.0]])).item():.3f}')",
      "    print(f'Prediction after training: f(5) = {predict(torch.tensor([[5.0]])).item():.3f}')",
    ])
      assert.ok(lines.includes(line), `missing line: ${line}`);
    assert.match(script, /# In float32 a sum may round differently/);
  });

  it('has a CSV over the embedding limit read by the script from its file, by its absolute path', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i % 7},${(i % 5) / 4},${i % 3},${i % 2}`);
    const big = `p,q,r,t\n${rows.join('\n')}\n`;
    const { code, err, script } = await run(
      ['train', '--data', 'big.csv', '--target', 't', '--epochs', '1', ...exported],
      { 'big.csv': big },
    );
    assert.equal(code, 0, err);
    assert.ok(script.includes(`with open("/work/big.csv", newline='', encoding='utf-8-sig') as f:`));
    assert.ok(script.includes('target = header.index("t")'));
    assert.ok(
      script.includes(`assert x.shape == (30000, 3), f'expected 30000 rows of 3 features, read {tuple(x.shape)}'`),
    );
    assert.ok(!script.includes('x = torch.tensor([[0'), 'the rows are not written into the script');
  });

  it('says why the script cannot be written, in one line, and trains nothing', async () => {
    const io = captureIo(files);
    io.writeFile = () => {
      throw Object.assign(new Error("ENOENT: no such file or directory, open 'out/run.py'"), { code: 'ENOENT' });
    };
    const code = await main(['train', '--example', 'tutorial', '--export-pytorch', 'out/run.py'], io);
    assert.equal(code, 1);
    assert.equal(io.err, 'autograd-lab train: --export-pytorch: cannot write out/run.py: no such directory\n');
    assert.equal(io.out, '');
  });

  it('writes numbers as Python floats that read back as the same doubles', () => {
    assert.deepEqual([1, -0, 0.1, 1e-7, 1e21, -2.5, 0.30000000000000004, Infinity].map(pyFloat), [
      '1.0',
      '-0.0',
      '0.1',
      '1e-7',
      '1e+21',
      '-2.5',
      '0.30000000000000004',
      "float('inf')",
    ]);
  });
});
