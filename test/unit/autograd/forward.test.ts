// Forward values: construction, broadcasting, reductions, products, losses, dtypes and error messages.
import assert from 'node:assert/strict';
import * as ag from '../../../src/autograd';
import { AutogradError, full, ones, tensor, zeros } from '../../../src/autograd';

describe('making tensors', () => {
  it('infers the shape of nested arrays, float32 by default, and copies typed arrays', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual([t.shape, t.dtype, t.size, t.ndim], [[2, 3], 'float32', 6, 2]);
    const source = new Float64Array([1, 2]);
    const u = tensor(source);
    source[0] = 9;
    assert.deepEqual([u.dtype, u.toArray()], ['float64', [1, 2]]);
    assert.deepEqual(tensor(new Float64Array(6), { shape: [3, 2] }).shape, [3, 2]);
    assert.deepEqual(tensor(5).shape, []);
  });

  it('rejects ragged nested arrays and non-numbers with the position', () => {
    assert.throws(
      () => tensor([[1, 2], [3]]),
      (e: Error) => e instanceof AutogradError && /ragged.*\[1\]/.test(e.message),
    );
    assert.throws(() => tensor([1, 'x' as unknown as number]), /expected a number at \[1\]/);
  });

  it('fills zeros, ones and full in either dtype', () => {
    assert.deepEqual(zeros([2]).toArray(), [0, 0]);
    assert.deepEqual(ones([1, 2], { dtype: 'float64' }).toArray(), [[1, 1]]);
    assert.deepEqual(full([2], 0.1).toArray(), [Math.fround(0.1), Math.fround(0.1)]);
  });

  it('item() needs exactly one element', () => {
    assert.equal(tensor([[7]]).item(), 7);
    assert.throws(() => tensor([1, 2]).item(), /item.*\[2\]/);
  });
});

describe('float32 arithmetic', () => {
  it('rounds every result to float32 (0.1 + 0.2 as PyTorch float32 computes it)', () => {
    const sum = tensor(0.1).add(0.2).item();
    assert.equal(sum, Math.fround(Math.fround(0.1) + Math.fround(0.2)));
    assert.notEqual(tensor(0.1, { dtype: 'float64' }).add(0.2).item(), sum);
  });

  it('rounds each partial sum in order for short sums: 1 + 2^-24 + 2^-24 stays 1 in float32', () => {
    const tiny = 2 ** -24;
    assert.equal(tensor([1, tiny, tiny]).sum().item(), 1);
    assert.equal(tensor([1, tiny, tiny], { dtype: 'float64' }).sum().item(), 1 + 2 * tiny);
  });

  it('adds longer sums (over 64 terms) in four interleaved float32 partial sums, (s0 + s1) + (s2 + s3)', () => {
    const values = Array.from({ length: 103 }, (_, i) => Math.fround(1 / (i + 1)));
    const lanes = [0, 0, 0, 0];
    for (let i = 0; i < 100; i++) lanes[i % 4] = Math.fround(lanes[i % 4] + values[i]);
    for (let i = 100; i < 103; i++) lanes[0] = Math.fround(lanes[0] + values[i]);
    const expected = Math.fround(Math.fround(lanes[0] + lanes[1]) + Math.fround(lanes[2] + lanes[3]));
    assert.equal(tensor(values).sum().item(), expected);
    assert.ok(Math.abs(expected - values.reduce((a, b) => a + b, 0)) < 1e-6);
  });

  it('promotes float32 with float64 to float64, but a 0-d operand does not change the dtype of a bigger one', () => {
    assert.equal(tensor([1], { dtype: 'float32' }).add(tensor([1], { dtype: 'float64' })).dtype, 'float64');
    assert.equal(tensor([1, 2]).mul(tensor(2, { dtype: 'float64' })).dtype, 'float32');
  });
});

describe('broadcasting', () => {
  it('adds a row to every row and a column to every column', () => {
    const m = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(m.add(tensor([10, 20, 30])).toArray(), [
      [11, 22, 33],
      [14, 25, 36],
    ]);
    assert.deepEqual(m.sub(tensor([[1], [4]])).toArray(), [
      [0, 1, 2],
      [0, 1, 2],
    ]);
  });

  it('makes an outer product from a column and a row', () => {
    assert.deepEqual(
      tensor([[1], [2]])
        .mul(tensor([3, 4, 5]))
        .toArray(),
      [
        [3, 4, 5],
        [6, 8, 10],
      ],
    );
  });

  it('refuses incompatible shapes, naming the op and both shapes', () => {
    assert.throws(
      () => tensor([1, 2, 3]).add(tensor([1, 2])),
      (e: Error) => e instanceof AutogradError && e.message.startsWith('add: shapes [3] and [2] cannot be broadcast'),
    );
  });
});

describe('elementwise functions', () => {
  it('match Math on a few points', () => {
    const x = tensor([-1, 0.5, 2], { dtype: 'float64' });
    assert.deepEqual(x.exp().toArray(), [Math.exp(-1), Math.exp(0.5), Math.exp(2)]);
    assert.deepEqual(x.abs().toArray(), [1, 0.5, 2]);
    assert.deepEqual(x.relu().toArray(), [0, 0.5, 2]);
    assert.deepEqual(x.sigmoid().toArray(), [1 / (1 + Math.E), 1 / (1 + Math.exp(-0.5)), 1 / (1 + Math.exp(-2))]);
    assert.deepEqual(x.clamp(0, 1).toArray(), [0, 0.5, 1]);
    assert.deepEqual(x.maximum(0).toArray(), [0, 0.5, 2]);
    assert.deepEqual(x.minimum(tensor([0, 0, 3], { dtype: 'float64' })).toArray(), [-1, 0, 2]);
    assert.deepEqual(x.softplus().toArray(), [
      Math.log1p(Math.exp(-1)),
      Math.log1p(Math.exp(0.5)),
      Math.log1p(Math.exp(2)),
    ]);
    assert.deepEqual(
      tensor([2, 3], { dtype: 'float64' })
        .pow(tensor([3, 2], { dtype: 'float64' }))
        .toArray(),
      [8, 9],
    );
  });
});

describe('reductions', () => {
  it('sums each column down the rows in row order, every partial sum rounded in float32 (bit for bit)', () => {
    for (const [rows, cols] of [
      [37, 5],
      [2000, 16],
      [9, 33],
    ]) {
      let state = rows * cols;
      const values = Array.from({ length: rows * cols }, () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return Math.fround((state / 2 ** 32) * 8 - 4);
      });
      for (const dtype of ['float32', 'float64'] as const) {
        const sums = tensor(values, { shape: [rows, cols], dtype }).sum(0).data;
        for (let j = 0; j < cols; j++) {
          let expected = 0;
          for (let i = 0; i < rows; i++) {
            expected =
              dtype === 'float32' ? Math.fround(expected + values[i * cols + j]) : expected + values[i * cols + j];
          }
          assert.ok(Object.is(sums[j], expected), `${dtype} [${rows}, ${cols}] column ${j}: ${sums[j]} vs ${expected}`);
        }
      }
    }
  });

  const t = tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    { dtype: 'float64' },
  );

  it('sum and mean over everything, an axis, a negative axis, with keepdims', () => {
    assert.equal(t.sum().item(), 21);
    assert.deepEqual(t.sum(0).toArray(), [5, 7, 9]);
    assert.deepEqual(t.sum(-1, true).toArray(), [[6], [15]]);
    assert.deepEqual(t.mean(1).toArray(), [2, 5]);
    assert.deepEqual(t.mean([0, 1], true).shape, [1, 1]);
  });

  it('logsumexp is stable for large values: logsumexp([1000, 1000]) = 1000 + ln 2', () => {
    assert.equal(tensor([1000, 1000], { dtype: 'float64' }).logsumexp().item(), 1000 + Math.LN2);
    const expected = [
      Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)),
      Math.log(Math.exp(4) + Math.exp(5) + Math.exp(6)),
    ];
    (t.logsumexp(1).toArray() as number[]).forEach((x, i) => assert.ok(Math.abs(x - expected[i]) < 1e-14));
  });

  it('refuses an axis out of range, naming the shape', () => {
    assert.throws(() => t.sum(2), /sum: axis 2 is out of range for a tensor of shape \[2, 3\]/);
  });
});

describe('products and shapes', () => {
  const a = tensor(
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    { dtype: 'float64' },
  );

  it('matmul: matrix-matrix, matrix-vector and vector-matrix, checked by hand', () => {
    assert.deepEqual(
      a
        .matmul(
          tensor(
            [
              [1, 0, 2],
              [0, 1, 3],
            ],
            { dtype: 'float64' },
          ),
        )
        .toArray(),
      [
        [1, 2, 8],
        [3, 4, 18],
        [5, 6, 28],
      ],
    );
    assert.deepEqual(a.matmul(tensor([1, -1], { dtype: 'float64' })).toArray(), [-1, -1, -1]);
    assert.deepEqual(tensor([1, 1, 1], { dtype: 'float64' }).matmul(a).toArray(), [9, 12]);
    assert.equal(
      tensor([1, 2, 3])
        .dot(tensor([4, 5, 6]))
        .item(),
      32,
    );
  });

  it('refuses mismatched inner dimensions, naming both shapes', () => {
    assert.throws(() => a.matmul(a), /matmul: shapes \[3, 2\] and \[3, 2\] cannot be multiplied/);
    assert.throws(() => tensor([1, 2]).dot(tensor([1, 2, 3])), /dot: .*\[2\] and \[3\]/);
  });

  it("slice takes rows as NumPy's a[start:stop] does: negative bounds from the end, past the ends clamped", () => {
    const v = tensor([10, 20, 30, 40]);
    assert.deepEqual(v.slice(1).toArray(), [20, 30, 40]); // v[1:]
    assert.deepEqual(v.slice(null, -1).toArray(), [10, 20, 30]); // v[:-1]
    assert.deepEqual(v.slice(-2).toArray(), [30, 40]); // v[-2:]
    assert.deepEqual(v.slice(1, 99).toArray(), [20, 30, 40]); // v[1:99]
    assert.deepEqual(v.slice(3, 1).toArray(), []); // v[3:1]
    assert.deepEqual(a.slice(1).toArray(), [
      [3, 4],
      [5, 6],
    ]); // a matrix's rows
    assert.throws(() => tensor(2).slice(1), /slice: a 0-d tensor has no elements to slice/);
  });

  it('transpose swaps axes; reshape infers -1 and refuses a wrong size', () => {
    assert.deepEqual(a.transpose().toArray(), [
      [1, 3, 5],
      [2, 4, 6],
    ]);
    assert.deepEqual(a.reshape([-1]).toArray(), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(a.reshape([2, -1]).shape, [2, 3]);
    assert.throws(
      () => a.reshape([4, -1]),
      /reshape: cannot view a tensor of shape \[3, 2\] \(6 values\) as \[4, -1\]/,
    );
  });
});

describe('fused losses', () => {
  const pred = tensor([1, 2, 5], { dtype: 'float64' });
  const target = tensor([1, 4, 2], { dtype: 'float64' });

  it('mse, l1 and huber equal their definitions on d = [0, -2, 3]', () => {
    assert.equal(ag.mseLoss(pred, target).item(), (0 + 4 + 9) / 3);
    assert.equal(ag.mseLoss(pred, target, 'sum').item(), 13);
    assert.deepEqual(ag.mseLoss(pred, target, 'none').toArray(), [0, 4, 9]);
    assert.equal(ag.l1Loss(pred, target).item(), 5 / 3);
    // huber with delta 1: 0, 1 * (2 - 0.5), 1 * (3 - 0.5)
    assert.equal(ag.huberLoss(pred, target).item(), (0 + 1.5 + 2.5) / 3);
    assert.equal(ag.huberLoss(pred, target, 2.5, 'sum').item(), 0 + 0.5 * 4 + 2.5 * (3 - 1.25));
  });

  it('the mse gradient is 2 (pred - target) / n', () => {
    const p = tensor([1, 2, 5], { dtype: 'float64', requiresGrad: true });
    ag.mseLoss(p, target).backward();
    assert.deepEqual(p.grad?.toArray(), [0, (2 * -2) / 3, (2 * 3) / 3]);
  });

  it('a long float32 mse agrees with the float64 value to float32 precision', () => {
    const n = 10_000;
    const p = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const t = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const exact = p.reduce((s, x, i) => s + (x - t[i]) ** 2, 0) / n;
    const f32 = ag.mseLoss(tensor(p), tensor(t)).item();
    assert.ok(Math.abs(f32 - exact) / exact < 1e-5, `${f32} vs ${exact}`);
  });

  it('refuses pred and target of different shapes instead of broadcasting them', () => {
    assert.throws(
      () => ag.mseLoss(tensor([[1], [2]]), tensor([1, 2])),
      /mseLoss: pred has shape \[2, 1\] but target has shape \[2\]/,
    );
  });
});
