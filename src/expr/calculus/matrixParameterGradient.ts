// The gradient with respect to a matrix parameter W, as one formula the shape of W, for two uses and
// their sums: W on the right of matrix products with data, Z = X @ W (a linear layer), inside an
// elementwise loss of Z reduced by one mean or sum; and W elementwise with numbers inside a reduction of
// its own (the L2 penalty sum(W*W)). With Z a placeholder, ∂L/∂W_jk = Σ_i X_ij ∂L/∂Z_ik, that is
//   ∇_W L = Xᵀ ∇_Z L,   ∇_Z L elementwise: for sum((Z - Y)²) it is 2(Z - Y), so ∇_W = 2 Xᵀ(XW - Y),
// and the elementwise part is the scalar rule at each element: ∂/∂W sum(W²) = 2W. A mean over a matrix
// divides by its element count, rows times columns: len(X)*len(W.T) for Z, len(W)*len(W.T) for W.
// Outside these uses (W on the left, W times a data array elementwise, W indexed): null, and derive
// gives autograd's value without a formula.
import { add, children, mentions, mapChildren, mul, name, replaceNames, type Node } from '../tree/ast';
import { vectorGradient } from './differentiate';
import { matrixTimes, mixesLengths, productsWith, replaceProducts, transposeOf, type Product } from './matrixGradient';
import { keyOf } from '../tree/keys';
import { isArrayValued, type Shapes } from '../shapes/arrayShapes';

/** The number of elements of a matrix with these rows and columns, written len(rows)*len(columns.T). */
const elementCount = (rows: Node, columns: Node): Node =>
  mul([
    { kind: 'len', arg: rows },
    { kind: 'len', arg: transposeOf(columns) },
  ]);

/** len(id) written as the element count: a mean over a matrix divides by rows times columns. */
function lengthAsCount(node: Node, id: string, count: Node): Node {
  if (node.kind === 'len' && node.arg.kind === 'name' && node.arg.name === id) return count;
  return mapChildren(node, (child) => lengthAsCount(child, id, count));
}

/** Whether every operand W meets outside products is a number: W*x with an array x would need a sum over its broadcast. */
function onlyNumbersBeside(node: Node, p: string, flat: Shapes): boolean {
  return children(node).every((child) =>
    mentions(child, p) ? onlyNumbersBeside(child, p, flat) : !isArrayValued(child, flat),
  );
}

export function matrixParameterGradient(tree: Node, p: string, shapes: Shapes): { raw: Node; note: string } | null {
  const products = productsWith(tree, p, shapes);
  if (!products || products.some((q) => q.pLeft || !q.matrix)) return null; // W @ A: ∇ = ∇_Z Aᵀ, not covered
  const reduced = products.length ? replaceProducts(tree, new Map(products.map((q) => [keyOf(q.node), q]))) : tree;
  if (mixesLengths(reduced, p, products)) return null;
  const placeholders = new Set(products.map((q) => q.placeholder));
  // elementwise in every array: the matrices are arrays whose rule is the scalar one at each element
  const flat: Shapes = {
    isArray: (id) => placeholders.has(id) || shapes.isArray(id) || (shapes.isMatrix?.(id) ?? false),
    isMatrix: () => false,
    isKnown: (id) => placeholders.has(id) || (shapes.isKnown?.(id) ?? false),
  };
  const terms: Node[] = [];
  for (const q of products) terms.push(...throughProduct(reduced, q, p, flat));
  if (terms.length < products.length) return null;
  if (mentions(reduced, p)) {
    if (!onlyNumbersBeside(reduced, p, flat)) return null;
    const direct = vectorGradient(reduced, p, flat);
    if (!direct) return null;
    terms.push(lengthAsCount(direct, p, elementCount(name(p), name(p))));
  }
  if (!terms.length) return null;
  const bindings = new Map(products.map((q) => [q.placeholder, q.node]));
  return {
    raw: replaceNames(terms.length === 1 ? terms[0] : add(terms), bindings),
    note: `${p} is a matrix: so is ∂L/∂${p}, element (i, j) of the formula is ∂L/∂${p}[i, j]`,
  };
}

/** Xᵀ ∇_Z L for Z = X @ W; [] when ∇_Z L has no elementwise formula. */
function throughProduct(reduced: Node, q: Product, p: string, flat: Shapes): Node[] {
  const dz = vectorGradient(reduced, q.placeholder, flat);
  if (!dz) return [];
  const counted = lengthAsCount(dz, q.placeholder, elementCount(q.other, name(p)));
  const term = matrixTimes(transposeOf(q.other), counted, flat);
  return term ? [term] : [];
}
