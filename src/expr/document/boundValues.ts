// The numbers a document binds to names by literal assignments (`x = np.array([1, 2, 3, 4])`, `w = 0.0`,
// `const X: number[][] = [[1, 2], [3, 4]];`), each as the document's last assignment to it leaves it: what
// the trainer reads as a file's data, through the same scan and parser derive reads its values with.
// Nothing is run.
import type { Numeric, Syntax } from '../types';
import type { Matrix } from '../evaluate/matrixValues';
import { constantValue, isConstant, parseDefinition } from './inline';
import { definitionOf, scanDocument } from './scan';

export interface BoundValues {
  values: Record<string, Numeric>;
  /** 2-D values (rows of numbers), kept apart from `values` as everywhere in src/expr. */
  matrices: Record<string, Matrix>;
}

export function boundValues(documentText: string, syntax: Syntax): BoundValues {
  const scan = scanDocument(documentText, syntax);
  const bound: BoundValues = { values: {}, matrices: {} };
  const names = new Set(scan.definitions.filter((d) => d.kind === 'assignment').map((d) => d.name));
  for (const name of names) {
    const last = definitionOf(scan, name, documentText.length, 'assignment');
    const rhs = last && parseDefinition(last, syntax);
    const constant = rhs && isConstant(rhs) ? constantValue(rhs) : null;
    if (!constant) continue;
    if ('matrix' in constant) bound.matrices[name] = constant.matrix;
    else bound.values[name] = constant.numeric;
  }
  return bound;
}
