// The training session against PyTorch itself: test/fixtures/torch/network_traces.json holds the traces
// that test/fixtures/torch/network_traces.py printed with torch.optim (PyTorch 1.13.1), for logistic
// regression and MLPs (tanh, ReLU; MSE, BCE, cross-entropy, hinge; SGD, momentum, Adam; full batch and
// sequential mini-batches of 3; a given start), in float64 and float32. Every epoch's loss and every
// parameter must agree: to 1e-8 relative in float64, 1e-4 in float32.
//
// Two float32 runs round differently (each sums in its own order), and training amplifies those
// differences: PyTorch's own float32 run is up to 2e-4 away from its float64 run on these cases. So a
// float32 tensor passes when it is within 1e-4 of PyTorch's float32 tensor or of the exact run that both
// round away from, PyTorch's float64 run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  createSession,
  datasetFromRows,
  type DType,
  type LossKind,
  type OptimizerConfig,
  type ParameterValue,
} from '../../../src/train';

interface TorchCase {
  title: string;
  model: string;
  loss: LossKind;
  start: Record<string, ParameterValue>;
  y: number[];
  optimizer: string;
  optimizerConfig: OptimizerConfig;
  batchSize: number | null;
  dtype: DType;
  epochs: { loss: number; params: Record<string, number[]> }[];
}

const fixture = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'torch', 'network_traces.json'), 'utf8'),
) as { torch: string; rows: number[][]; cases: TorchCase[] };

/**
 * float64: each number to 1e-8 of PyTorch's, relative. float32: each tensor to 1e-4 relative to its largest
 * entry (normwise, as float32 rounding errors scale with the tensor, not with its smallest entry). A floor
 * keeps a value that is 0 on one side and a rounding error on the other from failing.
 */
function close(actual: readonly number[], expected: readonly number[], dtype: DType): boolean {
  const relative = dtype === 'float64' ? 1e-8 : 1e-4;
  const floor = dtype === 'float64' ? 1e-12 : 1e-6;
  const largest = Math.max(...expected.map(Math.abs), ...actual.map(Math.abs));
  return actual.every((a, i) => {
    const gap = Math.abs(a - expected[i]);
    const scale = dtype === 'float64' ? Math.max(Math.abs(a), Math.abs(expected[i])) : largest;
    return gap <= relative * scale || gap <= floor;
  });
}

/** `exact` is PyTorch's float64 run, for a float32 case; `expected` PyTorch's numbers in the case's dtype. */
function assertClose(actual: number[], expected: number[], exact: number[], dtype: DType, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: its size`);
  assert.ok(
    close(actual, expected, dtype) || (dtype === 'float32' && close(actual, exact, dtype)),
    `${label}: PyTorch [${expected.join(', ')}] (float64 [${exact.join(', ')}]), ours [${actual.join(', ')}]`,
  );
}

/** The float64 case of the same model, optimizer and batches: the exact run a float32 one rounds away from. */
function exactCase(c: TorchCase): TorchCase {
  const same = fixture.cases.find(
    (o) => o.dtype === 'float64' && o.title === c.title && o.optimizer === c.optimizer && o.batchSize === c.batchSize,
  );
  assert.ok(same, `the fixture has the float64 run of ${c.title}`);
  return same;
}

describe(`training matches PyTorch ${fixture.torch}'s own traces at every epoch (test/fixtures/torch)`, () => {
  it('has the whole grid: 6 models x 3 optimizers x 2 batchings x 2 dtypes', () => {
    assert.equal(fixture.cases.length, 72);
  });

  for (const c of fixture.cases) {
    const batches = c.batchSize === null ? 'full batch' : `mini-batches of ${c.batchSize} in row order`;
    const within = c.dtype === 'float64' ? 'to 1e-8' : 'to 1e-4 of its largest entry';
    it(`${c.title}, ${c.optimizer}, ${batches}, ${c.dtype}: loss and every parameter ${within}`, () => {
      const events = createSession({
        data: datasetFromRows(fixture.rows, c.y),
        bias: false,
        init: 'zeros',
        loss: c.loss,
        reduction: 'mean',
        optimizer: c.optimizerConfig,
        epochs: c.epochs.length,
        batchSize: c.batchSize,
        seed: 0,
        dtype: c.dtype,
        modelExpr: c.model,
        initialParams: c.start,
        shuffle: false,
      }).run();
      assert.equal(events.length, c.epochs.length);
      const exact = exactCase(c).epochs;
      events.forEach((event, k) => {
        const expected = c.epochs[k];
        assertClose([event.loss], [expected.loss], [exact[k].loss], c.dtype, `loss at epoch ${k}`);
        const named = event.params.named;
        assert.ok(named, 'a model with its own parameters reports them by name');
        assert.deepEqual(Object.keys(named), Object.keys(expected.params));
        for (const [name, values] of Object.entries(expected.params))
          assertClose(named[name].values, values, exact[k].params[name], c.dtype, `${name} at epoch ${k}`);
      });
    });
  }
});
