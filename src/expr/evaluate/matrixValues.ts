// 2-D values (x = np.array([[1.0, 2.0], [3.0, 4.0]])): read from the document or given by the caller,
// carried beside the 1-D `Numeric`s (which the public contract keeps as number | number[]) and evaluated
// only on the autograd engine, whose tensors are n-dimensional.
import type { Node } from '../tree/ast';
import { evaluate } from './numeric';

/** Rows of equal, non-zero length. */
export type Matrix = number[][];

export function isMatrix(value: unknown): value is Matrix {
  if (!Array.isArray(value) || value.length === 0 || !value.every(Array.isArray)) return false;
  const width = (value[0] as unknown[]).length;
  return width > 0 && value.every((row: unknown[]) => row.length === width && row.every((v) => typeof v === 'number'));
}

/** A literal of rows of numbers (`[[1, 2], [3, 4]]`, np.array/torch.tensor already unwrapped by the parser); else null. */
export function matrixLiteral(node: Node): Matrix | null {
  if (node.kind !== 'array') return null;
  const rows: unknown[] = [];
  for (const item of node.items) {
    if (item.kind !== 'array') return null;
    try {
      rows.push(evaluate(item, {}));
    } catch {
      return null; // a row that is not numbers (a name, a deeper nesting)
    }
  }
  return isMatrix(rows) ? rows : null;
}
