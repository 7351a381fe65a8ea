// Which subexpressions are arrays. Data names (x, y) may be 1-D arrays; parameters and reductions are
// scalars. It matters in one place: d/dw sum(f) where df/dw no longer mentions an array (sum(w + x)
// gives len(x), not 1), so the derivative keeps a len(...) factor and stays exact for any data.
// Names known to be matrices (matrixNames.ts) make X @ w a vector, and Xᵀ a matrix.
import { assertNever, children, type Node } from '../tree/ast';

/** Sample counts (Ng's 1/(2m)): numbers, never parameters. */
export const SAMPLE_COUNTS = /^(m|n|N)$/;

export interface Shapes {
  isArray(name: string): boolean;
  /** 2-D: given as rows, or read as a matrix from how it is used (matrixNames.ts); absent = no matrices. */
  isMatrix?(name: string): boolean;
  /** Whether a value (or being a scalar parameter, a sample count, a matrix) says the name's shape; absent = never. */
  isKnown?(name: string): boolean;
}

/** Names bound to arrays are arrays; parameters and names bound to numbers are scalars; other names may be arrays. */
export function shapesFrom(
  values: Record<string, unknown>,
  parameters: string[],
  matrices: ReadonlySet<string> = new Set(),
): Shapes {
  return {
    isArray: (id) => (id in values ? Array.isArray(values[id]) : !parameters.includes(id) && !SAMPLE_COUNTS.test(id)),
    isMatrix: (id) => matrices.has(id),
    isKnown: (id) => id in values || matrices.has(id) || parameters.includes(id) || SAMPLE_COUNTS.test(id),
  };
}

export function isArrayValued(node: Node, shapes: Shapes): boolean {
  switch (node.kind) {
    case 'num':
    case 'len':
    case 'reduce':
      return false;
    // an element of a vector is a number; a row of a matrix (X.T[k], X[:, k]) is a vector
    case 'index':
      return isMatrixValued(node.arg, shapes);
    // an inner product is a number; a product with a matrix (X @ w) is not
    case 'dot':
      return isMatrixValued(node.left, shapes) || isMatrixValued(node.right, shapes);
    case 'name':
      return shapes.isArray(node.name);
    case 'array':
    case 'slice': // a slice is an array even of one element; a number cannot be sliced
      return true;
    case 'neg':
    case 'call':
    case 'transpose':
      return isArrayValued(node.arg, shapes);
    case 'add':
      return node.terms.some((t) => isArrayValued(t, shapes));
    case 'mul':
      return node.factors.some((f) => isArrayValued(f, shapes));
    case 'pow':
      return isArrayValued(node.base, shapes) || isArrayValued(node.exponent, shapes);
    case 'call2':
      return isArrayValued(node.left, shapes) || isArrayValued(node.right, shapes);
    case 'clamp':
      return isArrayValued(node.arg, shapes);
    case 'apply':
      return node.args.some((a) => isArrayValued(a, shapes));
    // elementwise over the condition's sides and both branches (NumPy broadcasts all three)
    case 'select':
      return children(node).some((child) => isArrayValued(child, shapes));
    default:
      return assertNever(node);
  }
}

/** Whether `node` is 2-D: a matrix name, its transpose, a product of two, or elementwise arithmetic on one. */
export function isMatrixValued(node: Node, shapes: Shapes): boolean {
  switch (node.kind) {
    case 'name':
      return shapes.isMatrix?.(node.name) ?? false;
    case 'dot':
      return isMatrixValued(node.left, shapes) && isMatrixValued(node.right, shapes);
    case 'array':
      return node.items.some((item) => item.kind === 'array');
    case 'num':
    case 'len':
    case 'reduce':
    case 'index':
    case 'apply':
      return false;
    default:
      return children(node).some((child) => isMatrixValued(child, shapes));
  }
}

/** An array-valued name inside `node` (outside reductions), to write len(x). */
export function arrayWitness(node: Node, shapes: Shapes): Node | null {
  if (node.kind === 'name') return shapes.isArray(node.name) ? node : null;
  if (node.kind === 'array') return node;
  // len(x[1:]) is the slice's length, not x's; len(X[:, 0]) the column's
  if (node.kind === 'slice') return node;
  if (node.kind === 'index') return isMatrixValued(node.arg, shapes) ? node : null;
  if (node.kind === 'reduce' || node.kind === 'dot' || node.kind === 'len' || node.kind === 'transpose') return null;
  const kids =
    node.kind === 'add'
      ? node.terms
      : node.kind === 'mul'
        ? node.factors
        : node.kind === 'pow'
          ? [node.base, node.exponent]
          : node.kind === 'call2'
            ? [node.left, node.right]
            : node.kind === 'apply' || node.kind === 'select'
              ? children(node)
              : 'arg' in node
                ? [node.arg]
                : [];
  for (const kid of kids) {
    const found = arrayWitness(kid, shapes);
    if (found) return found;
  }
  return null;
}

/**
 * Parameters that are vectors: bound to an array, indexed (`z[0]`), or a direct operand of a dot or `@`
 * (`x @ w`). Their gradient is a vector, which the scalar chain rule of calculus/differentiate.ts does not give:
 * d/dz sum(f(z)) along every component at once is the sum of the gradient's components, not the gradient.
 */
export function vectorParameters(root: Node, parameters: string[], values: Record<string, unknown>): Set<string> {
  const found = new Set(parameters.filter((p) => Array.isArray(values[p])));
  const direct = (n: Node): string | null => (n.kind === 'name' ? n.name : n.kind === 'neg' ? direct(n.arg) : null);
  const stack = [root];
  while (stack.length) {
    const node = stack.pop() as Node;
    const operands =
      node.kind === 'index' || node.kind === 'slice' ? [node.arg] : node.kind === 'dot' ? [node.left, node.right] : [];
    for (const operand of operands) {
      const id = direct(operand);
      if (id !== null && parameters.includes(id)) found.add(id);
    }
    stack.push(...children(node));
  }
  return found;
}
