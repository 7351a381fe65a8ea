// The data a file binds for the trainer: its inputs and targets as literal arrays (`x = np.array([1, 2, 3, 4])`,
// `X = torch.tensor([[1, 2], [3, 4]])`, `const y = [2, 4, 6, 8];`). One reader for "Use the arrays in the
// editor" and for "Train with this loss", on the values src/expr reads from the file: nothing is run.
import { failure, ok, type Result } from '../../common/result';
import type { BoundValues, Numeric } from '../../expr';

/** Names of the inputs and of the targets, in the order they are looked for. */
const INPUT_NAMES = ['x', 'X', 'inputs', 'features', 'x_train', 'X_train'];
const TARGET_NAMES = ['y', 'Y', 'y_true', 'targets', 'labels', 'y_train'];

/** One row of features per sample, and the targets. */
export interface BoundData {
  x: number[][];
  y: number[];
}

/** The first of `names` bound to an array: rows for a matrix, the numbers for a 1-D array. */
function firstArray(bound: BoundValues, names: string[]): number[] | number[][] | null {
  for (const name of names) {
    const matrix = bound.matrices[name];
    if (matrix) return matrix;
    const value: Numeric | undefined = bound.values[name];
    if (Array.isArray(value)) return value;
  }
  return null;
}

export function boundData(bound: BoundValues, fileName: string): Result<BoundData> {
  const x = firstArray(bound, INPUT_NAMES);
  const y = firstArray(bound, TARGET_NAMES);
  if (!x || !y) {
    const missing = [x ? null : 'x', y ? null : 'y'].filter(Boolean).join(' and ');
    return failure({
      message: `${fileName} does not bind ${missing} to a literal array of numbers (e.g. x = np.array([1, 2, 3, 4]))`,
    });
  }
  if (y.some((v) => Array.isArray(v))) return failure({ message: `${fileName}: y must be a flat list of numbers` });
  const rows = x.map((v) => (Array.isArray(v) ? v : [v]));
  if (rows.length !== y.length)
    return failure({ message: `${fileName}: x has ${rows.length} rows but y has ${y.length}` });
  if (rows.length === 0) return failure({ message: `${fileName}: x and y are empty` });
  const d = rows[0].length;
  if (d === 0 || rows.some((r) => r.length !== d))
    return failure({ message: `${fileName}: the rows of x do not all have the same length` });
  return ok({ x: rows, y: y as number[] });
}
