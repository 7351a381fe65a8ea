// `train` against PyTorch running the script `train --export-pytorch` wrote: for each run of
// test/fixtures/torch/exported/runs.json, NAME.py is the exported script and NAME.txt what PyTorch 1.13.1
// printed running it (regenerate.mjs there remakes both). The CLI must print that table, digit for digit:
// logistic regression and MLPs; BCE, cross-entropy, hinge; SGD with momentum, Adam; full batch, mini-batches
// in row order and shuffled (the script ports our shuffle); float64, and the tutorial in float32.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { captureIo } from './captureIo';

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'torch', 'exported');
const read = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');
const runs = JSON.parse(read('runs.json')) as Record<string, string>;

describe('autograd-lab train prints what PyTorch printed running the exported script', () => {
  for (const [name, args] of Object.entries(runs)) {
    it(`${name}: train ${args}`, async () => {
      const io = captureIo({ 'points.csv': read('points.csv') });
      assert.equal(await main(['train', ...args.split(' ')], io), 0, io.err);
      assert.equal(io.out, read(`${name}.txt`));
    });
  }

  it('keeps the script PyTorch ran next to its output, exported from the same arguments', () => {
    for (const [name, args] of Object.entries(runs))
      assert.ok(
        read(`${name}.py`).startsWith(`# Exported by: autograd-lab train ${args} --export-pytorch ${name}.py\n`),
      );
  });
});
