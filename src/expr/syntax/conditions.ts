// Conditions and selections as people write them: `np.where(c, a, b)`, `torch.where(c, a, b)`, Python's
// `a if c else b`, JS's `c ? a : b`. A comparison used as a number stays what it always was (x > 0 is
// step(x - 0), a 0/1 value); used as a condition, the comparison as written is kept, so the selection
// prints back as the user wrote it. The parser notes each comparison it builds here for that.
import { num, select, type CompareOp, type Node, type SelectForm } from '../tree/ast';
import type { Span } from '../types';
import { ExprFailure } from '../tree/errors';
import type { CallSite } from './vocabulary';

interface Comparison {
  relation: CompareOp;
  left: Node;
  right: Node;
}

/** The comparison each comparison node was parsed from; a WeakMap, so a tree dropped takes its entries along. */
const written = new WeakMap<Node, Comparison>();

/** Called by the parser for every comparison it builds, and for the same node given new parentheses. */
export function rememberComparison(node: Node, relation: CompareOp, left: Node, right: Node): Node {
  written.set(node, { relation, left, right });
  return node;
}

export function copyComparison(from: Node, to: Node): Node {
  const comparison = written.get(from);
  if (comparison) written.set(to, comparison);
  return to;
}

/** The condition `node` states: its comparison as written, or `node != 0` for a mask (any nonzero is true). */
function conditionOf(node: Node): Comparison {
  const comparison = written.get(node);
  if (comparison) return comparison;
  if (node.kind === 'select' && node.form.kind === 'mask')
    return { relation: node.relation, left: node.left, right: node.right };
  return { relation: '!=', left: node, right: num(0) };
}

/** where(condition, then, otherwise) in the given written form. */
export function selection(condition: Node, then: Node, otherwise: Node, form: SelectForm, span: Span): Node {
  const { relation, left, right } = conditionOf(condition);
  return select(relation, left, right, then, otherwise, form, span);
}

/**
 * np.where(c, a, b) and its kin. With one argument np.where returns the indices where c holds, an array
 * of positions rather than a value to differentiate: refused in words.
 */
export function buildWhere(site: CallSite): Node {
  const plain = site.args.filter((a) => a.name === null);
  const byName = (...names: string[]) => site.args.find((a) => a.name !== null && names.includes(a.name))?.node;
  const condition = plain[0]?.node ?? byName('condition');
  const then = plain[1]?.node ?? byName('input', 'x');
  const otherwise = plain[2]?.node ?? byName('other', 'y');
  if (condition && !then && !otherwise && site.args.length === 1)
    throw new ExprFailure(
      `${site.name}(condition) with one argument gives the indices where the condition holds, not a value: write ${site.name}(condition, a, b)`,
      site.span.start,
      site.span,
    );
  if (!condition || !then || !otherwise || site.args.length !== 3)
    throw new ExprFailure(
      `${site.name} needs three arguments: ${site.name}(condition, a, b)`,
      site.span.start,
      site.span,
    );
  return selection(condition, then, otherwise, { kind: 'where', written: site.name }, site.span);
}
