// Matrix-matrix products and their two gradients, element for element against sums written here: each
// output element adds its products in index order in float64, and a float32 output is that sum rounded
// once to float32 (each product of two float32 values is exact in a double). Shapes exercise the kernels'
// blocks of four and the columns or rows left over.
import assert from 'node:assert/strict';
import { tensor, type DType } from '../../../src/autograd';

function values(count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 4294967296) * 4 - 2;
  });
}

/** sum over t in order of left(t) * right(t) in float64, rounded once to the dtype. */
function orderedSum(count: number, left: (t: number) => number, right: (t: number) => number, dtype: DType): number {
  let acc = 0;
  for (let t = 0; t < count; t++) acc += left(t) * right(t);
  return dtype === 'float32' ? Math.fround(acc) : acc;
}

function sameBits(actual: ArrayLike<number>, expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < expected.length; i++)
    assert.ok(Object.is(actual[i], expected[i]), `${what}[${i}]: ${actual[i]} !== ${expected[i]}`);
}

describe('matmul of two matrices, forward and backward, bit for bit', () => {
  const shapes: [number, number, number][] = [
    [9, 5, 6],
    [10, 16, 16],
    [7, 2, 3],
    [3, 4, 4],
    [5, 1, 9],
  ];
  for (const dtype of ['float32', 'float64'] as const) {
    for (const [m, k, n] of shapes) {
      it(`${m}x${k} @ ${k}x${n} in ${dtype}`, () => {
        const round = dtype === 'float32' ? Math.fround : (v: number) => v;
        const A = values(m * k, 1 + m).map(round);
        const B = values(k * n, 2 + k).map(round);
        const G = values(m * n, 3 + n).map(round);
        const a = tensor(A, { shape: [m, k], dtype, requiresGrad: true });
        const b = tensor(B, { shape: [k, n], dtype, requiresGrad: true });
        const c = a.matmul(b);
        // d/dC of sum(C * G) is G exactly, so the gradients are G B^T and A^T G
        c.mul(tensor(G, { shape: [m, n], dtype }))
          .sum()
          .backward();
        const C: number[] = [];
        for (let i = 0; i < m; i++)
          for (let j = 0; j < n; j++)
            C.push(
              orderedSum(
                k,
                (p) => A[i * k + p],
                (p) => B[p * n + j],
                dtype,
              ),
            );
        const dA: number[] = [];
        for (let i = 0; i < m; i++)
          for (let p = 0; p < k; p++)
            dA.push(
              orderedSum(
                n,
                (j) => G[i * n + j],
                (j) => B[p * n + j],
                dtype,
              ),
            );
        const dB: number[] = [];
        for (let p = 0; p < k; p++)
          for (let j = 0; j < n; j++)
            dB.push(
              orderedSum(
                m,
                (i) => A[i * k + p],
                (i) => G[i * n + j],
                dtype,
              ),
            );
        sameBits(c.data, C, 'C');
        sameBits(a.grad?.data ?? [], dA, 'dA');
        sameBits(b.grad?.data ?? [], dB, 'dB');
      });
    }
  }
});

describe('a float32 matrix product rounds each output once', () => {
  it('adds 1 + 2^-24 + 2^-24 to 1 + 2^-23, where rounding after each addition would give 1', () => {
    const tiny = 2 ** -24;
    for (const [m, n] of [
      [1, 2],
      [2, 4],
    ]) {
      const a = tensor(Array.from({ length: m }, () => [1, tiny, tiny]).flat(), { shape: [m, 3], dtype: 'float32' });
      const ones = tensor(new Array(3 * n).fill(1), { shape: [3, n], dtype: 'float32' });
      assert.deepEqual(Array.from(a.matmul(ones).data), new Array(m * n).fill(1 + 2 ** -23), `${m}x3 @ 3x${n}`);
    }
  });
});
