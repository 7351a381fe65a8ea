import assert from 'node:assert/strict';
import { datasetFromRows, syntheticDataset, tutorialDataset } from '../../../src/train/data/dataset';
import { seededRandom, shuffledIndices } from '../../../src/train/random';

describe('data sets', () => {
  it('hold the tutorial data x = 1..4, y = 2x', () => {
    const data = tutorialDataset();
    assert.deepEqual([data.n, data.d], [4, 1]);
    assert.deepEqual(Array.from(data.x), [1, 2, 3, 4]);
    assert.deepEqual(Array.from(data.y), [2, 4, 6, 8]);
  });

  it('store rows of several features row-major', () => {
    const data = datasetFromRows(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [7, 8, 9],
    );
    assert.deepEqual(Array.from(data.x), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(data.featureNames, ['x1', 'x2']);
  });

  it('refuse rows of different lengths and a y of the wrong length', () => {
    assert.throws(() => datasetFromRows([[1, 2], [3]], [1, 2]), /row 2 of x has 1 features but row 1 has 2/);
    assert.throws(() => datasetFromRows([[1], [2]], [1]), /x has 2 rows but y has 1 values/);
  });

  it('generate the same synthetic data from the same seed, and other data from another seed', () => {
    const a = syntheticDataset({ n: 20, d: 3, noise: 0.1, seed: 42 });
    const b = syntheticDataset({ n: 20, d: 3, noise: 0.1, seed: 42 });
    const c = syntheticDataset({ n: 20, d: 3, noise: 0.1, seed: 43 });
    assert.deepEqual(Array.from(a.x), Array.from(b.x));
    assert.deepEqual(Array.from(a.y), Array.from(b.y));
    assert.notDeepEqual(Array.from(a.x), Array.from(c.x));
  });

  it('generate y = X.w + b exactly when there is no noise', () => {
    const data = syntheticDataset({ n: 10, d: 2, noise: 0, weights: [3, -1], bias: 0.5, seed: 1 });
    for (let i = 0; i < data.n; i++) {
      const expected = 3 * data.x[2 * i] - data.x[2 * i + 1] + 0.5;
      assert.ok(Math.abs(data.y[i] - expected) < 1e-12);
    }
  });

  it('draw features with mean near 0 and variance near 1', () => {
    const x = Array.from(syntheticDataset({ n: 4000, d: 1, seed: 3 }).x);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
    assert.ok(Math.abs(mean) < 0.1, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 0.1, `variance ${variance}`);
  });
});

describe('seeded shuffles', () => {
  it('are permutations of 0..n-1', () => {
    const order = shuffledIndices(100, seededRandom(5));
    assert.deepEqual(
      Array.from(order).sort((a, b) => a - b),
      Array.from({ length: 100 }, (_, i) => i),
    );
  });

  it('repeat for the same seed and differ for another', () => {
    assert.deepEqual(shuffledIndices(50, seededRandom(9)), shuffledIndices(50, seededRandom(9)));
    assert.notDeepEqual(shuffledIndices(50, seededRandom(9)), shuffledIndices(50, seededRandom(10)));
  });
});
