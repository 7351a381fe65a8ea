// The gradient with respect to a vector parameter used only through its elements, p[0], p[1], ...
// (`np.mean((w[0] + w[1]*x - y)**2)`): each element is a number, so the gradient is the list of ordinary
// partial derivatives, [∂L/∂p[0], ∂L/∂p[1], ...], written as the array literal a teacher writes.
import { children, freeNames, freshName, mapChildren, name, num, replaceNames, type Node } from '../tree/ast';
import { differentiate } from './differentiate';
import type { Shapes } from '../shapes/arrayShapes';

/** Past this many components the list is no longer a formula anyone reads. */
const MAX_INDEXED_COMPONENTS = 32;

/**
 * The literal indices p is used with, made non-negative with the length when known; null when p appears
 * any other way (bare, sliced, with a computed index) or an index is outside the vector.
 */
function elementIndices(root: Node, p: string, length: number | null): Set<number> | null {
  const found = new Set<number>();
  const stack = [root];
  while (stack.length) {
    const node = stack.pop() as Node;
    if (node.kind === 'name' && node.name === p) return null; // p itself, not one of its elements
    if (node.kind === 'index' && node.arg.kind === 'name' && node.arg.name === p) {
      const k = node.index < 0 && length !== null ? length + node.index : node.index;
      if (k < 0 || (length !== null && k >= length)) return null;
      found.add(k);
      continue;
    }
    stack.push(...children(node));
  }
  return found;
}

export function indexedGradient(root: Node, p: string, shapes: Shapes, length: number | null): Node | null {
  const indices = elementIndices(root, p, length);
  if (!indices || indices.size === 0) return null;
  const n = length ?? Math.max(...indices) + 1;
  if (n > MAX_INDEXED_COMPONENTS) return null;
  // each element used becomes a scalar name of its own while the loss is differentiated
  const taken = new Set(freeNames(root));
  const placeholderOf = new Map<number, string>();
  for (const k of indices) placeholderOf.set(k, freshName(`__${p}_${k}`, taken));
  const elementOf = new Map([...placeholderOf].map(([k, id]) => [id, k]));
  const elements = new Map(
    [...placeholderOf].map(([k, id]): [string, Node] => [id, { kind: 'index', arg: name(p), index: k }]),
  );
  const toNames = (node: Node): Node =>
    node.kind === 'index' && node.arg.kind === 'name' && node.arg.name === p
      ? name(placeholderOf.get(node.index < 0 ? n + node.index : node.index) as string)
      : mapChildren(node, toNames);
  const scalarShapes: Shapes = { ...shapes, isArray: (id) => !elementOf.has(id) && shapes.isArray(id) };
  const scalar = toNames(root);
  const components: Node[] = [];
  for (let k = 0; k < n; k++) {
    const id = placeholderOf.get(k);
    const d = id === undefined ? null : differentiate(scalar, id, scalarShapes);
    components.push(d ? replaceNames(d, elements) : num(0)); // an element the loss never uses has derivative 0
  }
  return { kind: 'array', items: components };
}
