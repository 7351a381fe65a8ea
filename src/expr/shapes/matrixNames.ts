// Which names are matrices, and where a written transpose means nothing. A name is a matrix when its
// value is rows of numbers; without a value, only in the one reading that is sound: an uppercase data
// name multiplied with a vector parameter (X @ w, np.dot(X, w), w @ X.T) is the design matrix of a linear
// model. A lowercase x @ w stays an inner product of vectors, as everywhere else in src/expr.
import { notAMatrix } from '../evaluate/numeric';
import { ExprFailure } from '../tree/errors';
import type { Numeric } from '../types';
import { children, mapChildren, type Node } from '../tree/ast';
import type { Matrix } from '../evaluate/matrixValues';
import { isMatrixValued, SAMPLE_COUNTS, type Shapes } from './arrayShapes';

interface MatrixNames {
  /** Every name that is a matrix: given as rows, or assumed. */
  names: Set<string>;
  /** Those read from their use alone, each with the vector parameter it multiplies (for the warning). */
  assumed: { name: string; parameter: string }[];
  /** Whether the tree has a transpose at all (most do not: withoutVectorTransposes has nothing to do). */
  transposes: boolean;
}

const UPPERCASE = /^[A-Z]/;

/** The name an operand is, seen through a transpose (X, X.T); else null. */
function nameThroughTranspose(node: Node): string | null {
  if (node.kind === 'name') return node.name;
  return node.kind === 'transpose' && node.arg.kind === 'name' ? node.arg.name : null;
}

export function matrixNames(
  tree: Node,
  parameters: string[],
  values: Record<string, Numeric>,
  matrices: Record<string, Matrix>,
): MatrixNames {
  const names = new Set(Object.keys(matrices));
  const assumed: MatrixNames['assumed'] = [];
  let transposes = false;
  const stack = [tree];
  while (stack.length) {
    const node = stack.pop() as Node;
    stack.push(...children(node));
    if (node.kind === 'transpose') transposes = true;
    // X[:, k] (read as X.T[k]): a name with columns is a matrix
    if (node.kind === 'index' && node.arg.kind === 'transpose' && node.arg.arg.kind === 'name') {
      const id = node.arg.arg.name;
      if (values[id] === undefined) names.add(id);
    }
    if (node.kind !== 'dot') continue;
    for (const [operand, other] of [
      [node.left, node.right],
      [node.right, node.left],
    ]) {
      const id = nameThroughTranspose(operand);
      const parameter =
        other.kind === 'name' && parameters.includes(other.name) && typeof values[other.name] !== 'number'
          ? other.name
          : null;
      if (
        !id ||
        !parameter ||
        !UPPERCASE.test(id) ||
        names.has(id) ||
        parameters.includes(id) ||
        values[id] !== undefined
      )
        continue;
      names.add(id);
      assumed.push({ name: id, parameter });
    }
  }
  return { names, assumed, transposes };
}

/** The warning for names read as matrices from their use: what was assumed, and how to check it. */
export function assumedMatricesWarning(assumed: MatrixNames['assumed']): string | null {
  if (!assumed.length) return null;
  const list = assumed.map((a) => a.name).join(', ');
  const one = assumed.length === 1;
  return `${list} ${one ? 'is' : 'are'} taken to be ${one ? 'a matrix' : 'matrices'} (one row per sample), as an uppercase name multiplying the vector ${assumed[0].parameter}: give ${one ? 'it a value' : 'them values'} to check`;
}

/** 0, 1 or 2 dimensions, or null when no value or use tells. */
type Rank = 0 | 1 | 2 | null;

function rankOf(node: Node, rankOfName: (id: string) => Rank): Rank {
  switch (node.kind) {
    case 'num':
    case 'len':
    case 'reduce':
      return 0;
    case 'name':
      return rankOfName(node.name);
    case 'apply':
      return null;
    case 'array':
      return node.items.some((item) => item.kind === 'array') ? 2 : 1;
    case 'index': {
      const r = rankOf(node.arg, rankOfName);
      return r === null ? null : r === 2 ? 1 : 0;
    }
    case 'dot': {
      const a = rankOf(node.left, rankOfName);
      const b = rankOf(node.right, rankOfName);
      if (a === null || b === null) return null;
      if (a === 0 || b === 0) return a === 0 ? b : a;
      return (a + b - 2) as Rank; // vector·vector 0, matrix·vector 1, matrix·matrix 2
    }
    default: {
      let rank: Rank = 0;
      for (const child of children(node)) {
        const r = rankOf(child, rankOfName);
        if (r === 2) return 2;
        if (r === null) rank = null;
        else if (rank !== null && r > rank) rank = r;
      }
      return rank;
    }
  }
}

/**
 * The tree with the transposes of known vectors and numbers removed: NumPy's v.T is v itself, and the
 * derivative should not carry a .T that means nothing. A transpose of something whose shape no value
 * tells stays (it evaluates as NumPy does either way).
 */
export function withoutVectorTransposes(
  tree: Node,
  parameters: string[],
  values: Record<string, Numeric>,
  matrixNames: ReadonlySet<string>,
): Node {
  const rankOfName = (id: string): Rank => {
    if (matrixNames.has(id)) return 2;
    if (values[id] !== undefined) return Array.isArray(values[id]) ? 1 : 0;
    if (SAMPLE_COUNTS.test(id)) return 0;
    return parameters.includes(id) && !UPPERCASE.test(id) ? 1 : null; // w and b are numbers or vectors; W may be a matrix
  };
  const visit = (node: Node): Node => {
    const inner = mapChildren(node, visit);
    if (inner.kind !== 'transpose') return inner;
    if (inner.arg.kind === 'transpose') return inner.arg.arg; // (Aᵀ)ᵀ = A
    const rank = rankOf(inner.arg, rankOfName);
    if (inner.column && rank !== null && rank < 2) {
      // v[:, 0] of a 1-D v is NumPy's IndexError, not v[0]
      throw new ExprFailure(notAMatrix(inner, rank === 0 ? 'a number' : '1-D'), inner.span?.start ?? 0, inner.span);
    }
    return rank !== null && rank < 2 ? inner.arg : inner;
  };
  return visit(tree);
}

/**
 * Products with a matrix in the form math notation writes them, by juxtaposition (X w), whatever function
 * the code called: np.dot(X, w) is a matrix product, and ⟨X, w⟩ would read as an inner product. For the
 * Unicode and LaTeX forms only; the source form keeps the user's spelling.
 */
export function matrixProductsAsMatmul(tree: Node, shapes: Shapes): Node {
  const visit = (node: Node): Node => {
    const inner = mapChildren(node, visit);
    if (inner.kind !== 'dot' || inner.form !== 'dot') return inner;
    return isMatrixValued(inner.left, shapes) || isMatrixValued(inner.right, shapes)
      ? { ...inner, form: 'matmul' }
      : inner;
  };
  return visit(tree);
}
