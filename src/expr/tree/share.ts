// One object per distinct subexpression: `c` inlined twice into `c + (c + 1)` becomes one subtree read
// twice, so the autograd engine computes it once and the graph shows one node with two consumers, as
// in the program that named it. Values are pure, so a repeated subexpression has one value either way.
import { mapChildren, type Node } from './ast';
import { keyOf } from './keys';

/**
 * The tree with structurally equal subtrees (spans aside) replaced by the first one met, in source
 * order. Call it inside a key scope (withKeyScope) and read keys of the result in the same scope.
 */
export function shareRepeats(root: Node): Node {
  const canonical = new Map<string, Node>();
  const share = (node: Node): Node => {
    const rebuilt = mapChildren(node, share);
    const key = keyOf(rebuilt);
    const first = canonical.get(key);
    if (first) return first;
    canonical.set(key, rebuilt);
    return rebuilt;
  };
  return share(root);
}
