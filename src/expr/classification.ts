// Whether a loss expression is recognisably a classification loss of a prediction (the trainer's y_pred)
// against labels (y), and of which kind: read off the tree, so only the forms written below count, each
// reduced by a mean or a sum, alone or beside terms that use neither the prediction nor the labels (an L2
// penalty). Anything else is not guessed at: the trainer then reports no accuracy.
import type { ClassifierOutput } from './types';
import { mentions, type Node } from './tree/ast';

const isName = (node: Node, id: string) => node.kind === 'name' && node.name === id;
const isNumber = (node: Node, value: number) => node.kind === 'num' && node.value === value;

/** t*f or f*t. */
function isProduct(node: Node, f: string, t: string): boolean {
  if (node.kind !== 'mul' || node.factors.length !== 2) return false;
  const [a, b] = node.factors;
  return (isName(a, f) && isName(b, t)) || (isName(a, t) && isName(b, f));
}

/** u in max(0, u), max(u, 0), clamp(u, min=0) and relu(u); null for anything else. */
function positivePart(node: Node): Node | null {
  if (node.kind === 'call2' && node.fn === 'maximum') {
    if (isNumber(node.left, 0)) return node.right;
    if (isNumber(node.right, 0)) return node.left;
  }
  if (node.kind === 'clamp' && node.min && isNumber(node.min, 0) && node.max === null) return node.arg;
  if (node.kind === 'call' && node.fn === 'relu') return node.arg;
  return null;
}

/** The kind of one reduced term, mean(...) or sum(...), or null. */
function classifierTerm(node: Node, f: string, t: string): ClassifierOutput | null {
  if (node.kind !== 'reduce' || (node.op !== 'mean' && node.op !== 'sum')) return null;
  const u = node.arg;
  // binary_cross_entropy(f, t); of sigmoid(f), f is a logit
  if (u.kind === 'call2' && u.fn === 'bce' && isName(u.right, t)) {
    if (isName(u.left, f)) return 'probability';
    if (u.left.kind === 'call' && u.left.fn === 'sigmoid' && isName(u.left.arg, f)) return 'logit';
  }
  // binary_cross_entropy_with_logits(f, t) = softplus(f) - t*f, as the vocabulary writes it
  if (u.kind === 'add' && u.terms.length === 2) {
    const [a, b] = u.terms;
    if (a.kind === 'call' && a.fn === 'softplus' && isName(a.arg, f) && b.kind === 'neg' && isProduct(b.arg, f, t))
      return 'logit';
  }
  // max(0, 1 - t*f)
  const margin = positivePart(u);
  if (margin?.kind === 'add' && margin.terms.length === 2) {
    const [one, minus] = margin.terms;
    if (isNumber(one, 1) && minus.kind === 'neg' && isProduct(minus.arg, f, t)) return 'hinge';
  }
  return null;
}

/** The kind of classification loss `root` is of the prediction `f` against the labels `t`, or null. */
export function classifierOutput(root: Node, f: string, t: string): ClassifierOutput | null {
  if (root.kind !== 'add') return classifierTerm(root, f, t);
  const found = root.terms.map((term) => classifierTerm(term, f, t));
  const kinds = found.filter((kind): kind is ClassifierOutput => kind !== null);
  const others = root.terms.filter((_, i) => found[i] === null);
  if (kinds.length !== 1 || others.some((term) => mentions(term, f) || mentions(term, t))) return null;
  return kinds[0];
}
