// Seeded two-class data sets in the plane, for classifiers: two moons, circles, blobs, XOR and spirals.
// Labels are 0 and 1, half of the points each (the first class takes the smaller half, as sklearn does),
// class 0 first; the session shuffles mini-batches itself. `noise` is the standard deviation of Gaussian
// noise added to each coordinate (for blobs: the spread of each blob). The same seed gives the same points.
import { seededRandom, type Random } from '../random';
import type { Dataset, ShapeKind } from '../types';

export interface ShapeOptions {
  n: number;
  noise: number;
  seed: number;
}

/** The inner circle's radius relative to the outer one (sklearn's make_circles factor). */
export const CIRCLES_FACTOR = 0.5;
/** The centres of the two blobs. */
export const BLOB_CENTRES: readonly [readonly [number, number], readonly [number, number]] = [
  [-1, -1],
  [1, 1],
];
/** How many half turns each spiral makes from its centre to radius 1. */
export const SPIRAL_TURNS = 1.5;

/** `count` evenly spaced values from start to stop, both included (numpy's linspace). */
function linspace(start: number, stop: number, count: number): number[] {
  if (count === 1) return [start];
  return Array.from({ length: count }, (_, i) => start + ((stop - start) * i) / (count - 1));
}

type PointsOf = (count: number, label: 0 | 1, random: Random) => [number, number][];

/** sklearn's make_moons: the upper half circle around (0, 0) and the lower one around (1, 0.5). */
const moons: PointsOf = (count, label) =>
  linspace(0, Math.PI, count).map((t) =>
    label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 1 - Math.sin(t) - 0.5],
  );

/** sklearn's make_circles: a circle of radius 1 and one of radius CIRCLES_FACTOR, the end point left out. */
const circles: PointsOf = (count, label) => {
  const r = label === 0 ? 1 : CIRCLES_FACTOR;
  return Array.from({ length: count }, (_, i) => {
    const t = (2 * Math.PI * i) / count;
    return [r * Math.cos(t), r * Math.sin(t)];
  });
};

/** Every point at its blob's centre; the noise spreads them. */
const blobs: PointsOf = (count, label) =>
  Array.from({ length: count }, () => [BLOB_CENTRES[label][0], BLOB_CENTRES[label][1]]);

/** Uniform in the square [-1, 1]^2, in the quadrants where x1 * x2 > 0 (class 0) or < 0 (class 1). */
const xor: PointsOf = (count, label, random) =>
  Array.from({ length: count }, () => {
    const a = random.uniform(0.05, 1) * (random.next() < 0.5 ? -1 : 1);
    const b = random.uniform(0.05, 1) * Math.sign(a) * (label === 0 ? 1 : -1);
    return [a, b];
  });

/** Two interleaved arms: radius r from 0 to 1 at the angle r * SPIRAL_TURNS * pi, the second arm turned by pi. */
const spirals: PointsOf = (count, label) =>
  linspace(0, 1, count).map((r) => {
    const t = r * SPIRAL_TURNS * Math.PI + label * Math.PI;
    return [r * Math.cos(t), r * Math.sin(t)];
  });

const GENERATORS: Record<ShapeKind, PointsOf> = { moons, circles, blobs, xor, spirals };

/** N points of the named shape, with labels 0 and 1 and the noise drawn from `seed`. */
export function shapeDataset(kind: ShapeKind, { n, noise, seed }: ShapeOptions): Dataset {
  if (!Number.isInteger(n) || n < 2) throw new Error(`${kind} needs a whole number of at least 2 points (got ${n})`);
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new Error(`${kind}: the noise must be 0 or more (got ${noise})`);
  const random = seededRandom(seed);
  const first = Math.floor(n / 2);
  const points = [...GENERATORS[kind](first, 0, random), ...GENERATORS[kind](n - first, 1, random)];
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  points.forEach(([a, b], i) => {
    x[2 * i] = a + noise * random.normal();
    x[2 * i + 1] = b + noise * random.normal();
    y[i] = i < first ? 0 : 1;
  });
  return { n, d: 2, x, y, featureNames: ['x1', 'x2'], targetName: 'class' };
}
