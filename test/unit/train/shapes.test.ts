// The two-class data sets, checked against their geometry from the math (sklearn's make_moons and
// make_circles formulas): without noise every point lies on its curve; with noise, near it.
import assert from 'node:assert/strict';
import { BLOB_CENTRES, CIRCLES_FACTOR, shapeDataset, SPIRAL_TURNS } from '../../../src/train/data/shapes';
import type { Dataset, ShapeKind } from '../../../src/train/types';

const point = (data: Dataset, i: number): [number, number] => [data.x[2 * i], data.x[2 * i + 1]];
const indices = (data: Dataset, label: number) =>
  Array.from({ length: data.n }, (_, i) => i).filter((i) => data.y[i] === label);

describe('two-class data sets', () => {
  it('put the moons on their half circles: the upper around (0, 0), the lower around (1, 0.5)', () => {
    const data = shapeDataset('moons', { n: 101, noise: 0, seed: 1 });
    for (const i of indices(data, 0)) {
      const [a, b] = point(data, i);
      assert.ok(Math.abs(Math.hypot(a, b) - 1) < 1e-12 && b >= -1e-12, `class 0 point ${i} (${a}, ${b})`);
    }
    for (const i of indices(data, 1)) {
      const [a, b] = point(data, i);
      assert.ok(
        Math.abs(Math.hypot(a - 1, b - 0.5) - 1) < 1e-12 && b <= 0.5 + 1e-12,
        `class 1 point ${i} (${a}, ${b})`,
      );
    }
    // linspace(0, pi, 50): the ends of the upper moon are (1, 0) and (-1, 0), its first point (1, 0).
    assert.deepEqual(point(data, 0), [1, 0]);
    assert.ok(Math.abs(point(data, 49)[0] + 1) < 1e-12);
  });

  it('keep noisy moons near their half circles: the distance from the circle has the noise’s spread', () => {
    const noise = 0.1;
    const data = shapeDataset('moons', { n: 2000, noise, seed: 7 });
    const offsets = Array.from({ length: data.n }, (_, i) => {
      const [a, b] = point(data, i);
      return data.y[i] === 0 ? Math.hypot(a, b) - 1 : Math.hypot(a - 1, b - 0.5) - 1;
    });
    const rms = Math.sqrt(offsets.reduce((s, v) => s + v * v, 0) / offsets.length);
    // The radial part of 2-D Gaussian noise of sigma 0.1 has sigma 0.1.
    assert.ok(Math.abs(rms - noise) < 0.015, `rms distance from the circle ${rms}`);
  });

  it('put the circles at radius 1 and CIRCLES_FACTOR, evenly spaced', () => {
    const data = shapeDataset('circles', { n: 40, noise: 0, seed: 1 });
    for (let i = 0; i < data.n; i++) {
      const r = Math.hypot(...point(data, i));
      assert.ok(Math.abs(r - (data.y[i] === 0 ? 1 : CIRCLES_FACTOR)) < 1e-12);
    }
    // 20 points on a circle: 18 degrees apart.
    const [a, b] = point(data, 1);
    assert.ok(Math.abs(Math.atan2(b, a) - Math.PI / 10) < 1e-12);
  });

  it('centre the blobs on their centres, spread by the noise', () => {
    const data = shapeDataset('blobs', { n: 4000, noise: 0.3, seed: 2 });
    for (const label of [0, 1]) {
      const rows = indices(data, label);
      const mean = [0, 1].map((k) => rows.reduce((s, i) => s + point(data, i)[k], 0) / rows.length);
      const spread = Math.sqrt(rows.reduce((s, i) => s + (point(data, i)[0] - mean[0]) ** 2, 0) / rows.length);
      assert.ok(Math.hypot(mean[0] - BLOB_CENTRES[label][0], mean[1] - BLOB_CENTRES[label][1]) < 0.03);
      assert.ok(Math.abs(spread - 0.3) < 0.02, `spread ${spread}`);
    }
  });

  it('label XOR by the quadrant: class 0 where x1 x2 > 0, class 1 where x1 x2 < 0, inside the unit square', () => {
    const data = shapeDataset('xor', { n: 500, noise: 0, seed: 4 });
    for (let i = 0; i < data.n; i++) {
      const [a, b] = point(data, i);
      assert.ok(Math.max(Math.abs(a), Math.abs(b)) <= 1);
      assert.equal(a * b > 0 ? 0 : 1, data.y[i], `point ${i} (${a}, ${b})`);
    }
  });

  it('wind the spirals: radius r at the angle r SPIRAL_TURNS pi, the second arm half a turn on', () => {
    const data = shapeDataset('spirals', { n: 60, noise: 0, seed: 1 });
    for (let i = 0; i < data.n; i++) {
      const [a, b] = point(data, i);
      const r = Math.hypot(a, b);
      const angle = r * SPIRAL_TURNS * Math.PI + data.y[i] * Math.PI;
      assert.ok(Math.abs(a - r * Math.cos(angle)) < 1e-12 && Math.abs(b - r * Math.sin(angle)) < 1e-12);
    }
  });

  it('split every shape into the two classes, the first taking the smaller half', () => {
    for (const kind of ['moons', 'circles', 'blobs', 'xor', 'spirals'] as ShapeKind[]) {
      const data = shapeDataset(kind, { n: 7, noise: 0.1, seed: 1 });
      assert.deepEqual([data.n, data.d, indices(data, 0).length, indices(data, 1).length], [7, 2, 3, 4], kind);
    }
  });

  it('give the same points for the same seed and other noise for another', () => {
    const a = shapeDataset('moons', { n: 50, noise: 0.1, seed: 9 });
    const b = shapeDataset('moons', { n: 50, noise: 0.1, seed: 9 });
    const c = shapeDataset('moons', { n: 50, noise: 0.1, seed: 10 });
    assert.deepEqual(Array.from(a.x), Array.from(b.x));
    assert.notDeepEqual(Array.from(a.x), Array.from(c.x));
  });

  it('refuse fewer than two points and negative noise in words', () => {
    assert.throws(
      () => shapeDataset('moons', { n: 1, noise: 0, seed: 0 }),
      /moons needs a whole number of at least 2 points \(got 1\)/,
    );
    assert.throws(
      () => shapeDataset('circles', { n: 10, noise: -1, seed: 0 }),
      /circles: the noise must be 0 or more \(got -1\)/,
    );
  });
});
