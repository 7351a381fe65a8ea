// Data sets: the tutorial's four points, seeded synthetic regression data, and arrays given inline.
import { seededRandom } from '../random';
import type { Dataset } from '../types';

/** The tutorial notebook's data: x = [1, 2, 3, 4], y = 2x. */
export function tutorialDataset(): Dataset {
  return datasetFromRows([[1], [2], [3], [4]], [2, 4, 6, 8], ['x'], 'y');
}

/** Builds a data set from N rows of D features and N targets; throws a plain message when the shapes disagree. */
export function datasetFromRows(
  rows: readonly (readonly number[])[],
  y: readonly number[],
  featureNames?: string[],
  targetName?: string,
): Dataset {
  if (rows.length === 0) throw new Error('the data set has no rows');
  if (rows.length !== y.length) throw new Error(`x has ${rows.length} rows but y has ${y.length} values`);
  const d = rows[0].length;
  if (d === 0) throw new Error('the rows of x have no features');
  const x = new Float64Array(rows.length * d);
  rows.forEach((row, i) => {
    if (row.length !== d) throw new Error(`row ${i + 1} of x has ${row.length} features but row 1 has ${d}`);
    x.set(row, i * d);
  });
  return {
    n: rows.length,
    d,
    x,
    y: Float64Array.from(y),
    featureNames: featureNames ?? defaultFeatureNames(d),
    targetName: targetName ?? 'y',
  };
}

function defaultFeatureNames(d: number): string[] {
  return d === 1 ? ['x'] : Array.from({ length: d }, (_, j) => `x${j + 1}`);
}

interface SyntheticOptions {
  n: number;
  d: number;
  /** Standard deviation of the Gaussian noise added to y (default 0.1). */
  noise?: number;
  /** True weights (default: drawn from N(0, 1) with the seed). */
  weights?: readonly number[];
  /** True bias (default 0). */
  bias?: number;
  seed: number;
}

/** y = X.w + b + noise * N(0, 1), features drawn from N(0, 1): a regression problem with a known answer. */
export function syntheticDataset({ n, d, noise = 0.1, weights, bias = 0, seed }: SyntheticOptions): Dataset {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(d) || d < 1)
    throw new Error(`synthetic data needs integer n >= 1 and d >= 1 (got n = ${n}, d = ${d})`);
  if (weights && weights.length !== d) throw new Error(`synthetic data has d = ${d} but ${weights.length} weights`);
  const random = seededRandom(seed);
  const w = weights ? [...weights] : Array.from({ length: d }, () => random.normal());
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let dot = bias;
    for (let j = 0; j < d; j++) {
      const v = random.normal();
      x[i * d + j] = v;
      dot += v * w[j];
    }
    y[i] = dot + noise * random.normal();
  }
  return { n, d, x, y, featureNames: defaultFeatureNames(d), targetName: 'y' };
}
