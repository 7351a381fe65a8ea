// The gradient with respect to a vector parameter p that enters the loss through products z = M @ p
// (np.dot(M, p), M.dot(p), torch.matmul(M, p), p @ Mᵀ) and otherwise only elementwise inside reductions
// of its own (an L2 term). With z a placeholder name, the loss is L(z, p), elementwise in z inside one
// mean or sum, and the chain rule through z_i = Σ_j M_ij p_j gives
//   ∂L/∂p_j = Σ_i M_ij ∂L/∂z_i,   that is   ∇_p L = Mᵀ ∇_z L (+ the elementwise part),
// where ∇_z L is what differentiate.ts's vectorGradient gives for the placeholder: for mean((z - y)²) it
// is 2(z - y)/len(z), so ∇_p L = 2 Mᵀ(M p - y)/len(M). When M is a vector, s = M @ p is a number (an
// inner product) and ∇_p L = M dL/ds, with dL/ds the scalar chain rule. Outside this class: null, and
// derive says so (autograd still gives the values).
import {
  add,
  children,
  dot,
  freeNames,
  freshName,
  mapChildren,
  mentions,
  mul,
  name,
  num,
  pow,
  reduce,
  replaceNames,
  transpose,
  type Node,
} from '../tree/ast';
import { differentiate, vectorGradient } from './differentiate';
import { indexedGradient } from './indexedGradient';
import { keyOf } from '../tree/keys';
import { isArrayValued, isMatrixValued, type Shapes } from '../shapes/arrayShapes';

/** One distinct product with p, and the name that stands for it while the rest is differentiated. */
export interface Product {
  node: Node;
  placeholder: string;
  /** The operand that is not p. */
  other: Node;
  /** p @ A (p on the left) is Aᵀ p. */
  pLeft: boolean;
  /** A matrix times p (a vector z); else an inner product (a number). */
  matrix: boolean;
}

/** (Aᵀ)ᵀ = A: a transpose of a transpose is never built. */
export const transposeOf = (node: Node): Node => (node.kind === 'transpose' ? node.arg : transpose(node));

/** The products `other @ p` and `p @ other` in the tree, one per distinct product; null if p is used in another product. */
export function productsWith(root: Node, p: string, shapes: Shapes): Product[] | null {
  const found = new Map<string, Product>();
  const taken = new Set(freeNames(root));
  const stack = [root];
  while (stack.length) {
    const node = stack.pop() as Node;
    if (node.kind !== 'dot' || !mentions(node, p)) {
      stack.push(...children(node));
      continue;
    }
    const pLeft = node.left.kind === 'name' && node.left.name === p;
    const pRight = node.right.kind === 'name' && node.right.name === p;
    const other = pLeft ? node.right : node.left;
    if (pLeft === pRight || mentions(other, p)) return null; // p @ p, X @ (2*w), (X @ w) @ v: not this class
    const matrix = isMatrixValued(other, shapes);
    // an inner product only when values say x is 1-D: a lowercase x with no value may be a matrix
    const vector =
      !matrix && isArrayValued(other, shapes) && freeNames(other).every((n) => shapes.isKnown?.(n) ?? false);
    if (!matrix && !vector) return null;
    const key = keyOf(node);
    if (found.has(key)) continue;
    found.set(key, { node, placeholder: freshName(`__z${found.size}`, taken), other, pLeft, matrix });
  }
  return [...found.values()];
}

export function replaceProducts(node: Node, byKey: Map<string, Product>): Node {
  if (node.kind === 'dot') {
    const product = byKey.get(keyOf(node));
    if (product) return name(product.placeholder);
  }
  return mapChildren(node, (child) => replaceProducts(child, byKey));
}

/** Reductions that mix p with a product (mean((X @ w)*w)): their lengths differ, there is no formula. */
export function mixesLengths(node: Node, p: string, products: Product[]): boolean {
  if (node.kind === 'reduce' && mentions(node, p) && products.some((q) => mentions(node, q.placeholder))) return true;
  return children(node).some((child) => mixesLengths(child, p, products));
}

/** len(z) written len(M), the number of rows z = M p has. */
function rowsOf(node: Node, z: string, m: Node): Node {
  if (node.kind === 'len' && node.arg.kind === 'name' && node.arg.name === z) return { kind: 'len', arg: m };
  return mapChildren(node, (child) => rowsOf(child, z, m));
}

/** The factors of a product, nested products and signs opened: -(2*(u*v)) -> [-1, 2, u, v]. */
function factorsOf(node: Node): Node[] {
  if (node.kind === 'mul') return node.factors.flatMap(factorsOf);
  if (node.kind === 'neg') return [{ kind: 'num', value: -1 }, ...factorsOf(node.arg)];
  return [node];
}

/**
 * Mᵀ @ (c u) = c (Mᵀ @ u) for numbers and scalars c: the teacher's 2·Xᵀ(Xw − y)/n, not Xᵀ(2(Xw − y)/n).
 * Null when g is one number for every element (mean(X @ w)): Mᵀ times a vector of ones has no short form here.
 */
export function matrixTimes(m: Node, g: Node, shapes: Shapes): Node | null {
  const factors = factorsOf(g);
  const scalars = factors.filter((f) => !isArrayValued(f, shapes));
  const arrays = factors.filter((f) => isArrayValued(f, shapes));
  if (!arrays.length) return null;
  const product = dot(m, arrays.length === 1 ? arrays[0] : mul(arrays), undefined, '@');
  return scalars.length ? mul([...scalars, product]) : product;
}

function matrixVectorGradient(root: Node, p: string, shapes: Shapes): Node | null {
  if (shapes.isMatrix?.(p)) return null; // X @ W with a matrix W: z is a matrix, and mean(z) divides by more than len(X)
  const products = productsWith(root, p, shapes);
  if (!products || !products.length) return null;
  const reduced = replaceProducts(root, new Map(products.map((q) => [keyOf(q.node), q])));
  if (mixesLengths(reduced, p, products)) return null;
  const terms: Node[] = [];
  for (const q of products) {
    const isPlaceholder = (id: string) => id === q.placeholder;
    const placeholderShapes: Shapes = {
      isArray: (id) => (isPlaceholder(id) ? q.matrix : shapes.isArray(id)),
      isMatrix: (id) => !isPlaceholder(id) && (shapes.isMatrix?.(id) ?? false),
      isKnown: (id) => isPlaceholder(id) || (shapes.isKnown?.(id) ?? false),
    };
    if (q.matrix) {
      // z = M p with M = A for A @ p, and M = Aᵀ for p @ A; ∇_p = Mᵀ ∇_z
      const m = q.pLeft ? transposeOf(q.other) : q.other;
      const dz = vectorGradient(reduced, q.placeholder, placeholderShapes);
      const term = dz && matrixTimes(transposeOf(m), dz, placeholderShapes);
      if (!term) return null;
      terms.push(rowsOf(term, q.placeholder, m));
    } else {
      // s = x @ p is a number: ∇_p = x dL/ds
      const ds = differentiate(reduced, q.placeholder, placeholderShapes);
      if (ds) terms.push(mul([q.other, ds]));
    }
  }
  if (mentions(reduced, p)) {
    const direct = vectorGradient(reduced, p, shapes);
    if (!direct) return null;
    terms.push(direct);
  }
  const bindings = new Map(products.map((q) => [q.placeholder, q.node]));
  const gradient = terms.length === 0 ? null : terms.length === 1 ? terms[0] : add(terms);
  return gradient && replaceNames(gradient, bindings);
}

/**
 * u @ v for two vectors that both depend on p is sum(u*v): the L2 penalty w @ w and the squared error
 * (X @ w - y) @ (X @ w - y) become sums the elementwise and matrix-product rules know. (An inner product
 * with p on one side only, x @ w, is one of the products above.)
 */
function innerProductsAsSums(node: Node, p: string, shapes: Shapes): Node {
  const inner = mapChildren(node, (child) => innerProductsAsSums(child, p, shapes));
  if (inner.kind !== 'dot' || !mentions(inner.left, p) || !mentions(inner.right, p)) return inner;
  const vector = (n: Node) => isArrayValued(n, shapes) && !isMatrixValued(n, shapes);
  if (!vector(inner.left) || !vector(inner.right)) return inner;
  // r @ r is sum(r**2), so its gradient reads 2 Xᵀ r rather than Xᵀ(r + r) multiplied out
  const product = keyOf(inner.left) === keyOf(inner.right) ? pow(inner.left, num(2)) : mul([inner.left, inner.right]);
  return reduce('sum', product);
}

/** The note of an elementwise formula; check.ts looks for it to say "element by element". */
export const elementwiseNote = (p: string) =>
  `${p} is a vector: ∂L/∂${p} is elementwise, element i of the formula is ∂L/∂${p}[i]`;

/**
 * A vector parameter's gradient as one formula, with the note that says how to read it: elementwise
 * (element i of the formula is ∂L/∂p_i), element by element (p[0], p[1]: a list of partials), or through
 * matrix products (the formula is the whole vector).
 * Null when p is used in a way neither covers.
 */
export function vectorParameterGradient(
  tree: Node,
  p: string,
  shapes: Shapes,
  length: number | null = null,
): { raw: Node; note: string } | null {
  const root = innerProductsAsSums(tree, p, shapes);
  const elementwise = vectorGradient(root, p, shapes);
  if (elementwise) return { raw: elementwise, note: elementwiseNote(p) };
  const byElement = indexedGradient(root, p, shapes, length);
  if (byElement)
    return {
      raw: byElement,
      note: `${p} is a vector used through its elements: ∂L/∂${p} lists ∂L/∂${p}[0], ∂L/∂${p}[1], …`,
    };
  const throughProducts = matrixVectorGradient(root, p, shapes);
  return (
    throughProducts && {
      raw: throughProducts,
      note: `${p} is a vector: so is ∂L/∂${p}, element i of the formula is ∂L/∂${p}[i]`,
    }
  );
}
