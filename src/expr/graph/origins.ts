// Where a subtree of the inlined loss came from: the document's name for it (`c` for the inlined
// `a + b`) and the line it was written on, so a graph node says `c`, line 7, as the program does.
import type { Origin } from '../document/inline';
import { children, type Node } from '../tree/ast';
import { keyOf } from '../tree/keys';
import type { DeriveOptions, Substitution } from '../types';

/** The name of a subtree an assignment produced (the first such assignment, innermost first). Keys of the current scope. */
export function originNames(origins: readonly Origin[]): (node: Node) => string | null {
  const names = new Map<string, string>();
  for (const o of origins) {
    const key = keyOf(o.tree);
    if (o.name !== null && !names.has(key)) names.set(key, o.name);
  }
  return (node) => names.get(keyOf(node)) ?? null;
}

/**
 * The document line of a subtree: where its text is, when it was written in the expression at a known
 * offset of the document; else the line of the innermost definition it was inlined from; a data or
 * parameter name's, the line that gave its value; else null.
 */
export function nodeLines(
  prep: { origins: readonly Origin[]; substitutions: readonly Substitution[] },
  context: DeriveOptions['context'],
): (node: Node) => number | null {
  const fromDefinitions = new Map<string, number>();
  for (const o of prep.origins) {
    // innermost first: a subtree already placed keeps its line, and so do all the subtrees inside it
    const stack = [o.tree];
    while (stack.length) {
      const node = stack.pop() as Node;
      if (node.kind === 'name' || node.kind === 'num') continue;
      const key = keyOf(node);
      if (fromDefinitions.has(key)) continue;
      fromDefinitions.set(key, o.line);
      stack.push(...children(node));
    }
  }
  const valueLines = new Map<string, number>();
  for (const s of prep.substitutions) if (s.kind === 'value' && !valueLines.has(s.name)) valueLines.set(s.name, s.line);
  const lineAt = lineFinder(context?.text ?? '');
  return (node) => {
    if (node.span && context?.offset !== undefined) return lineAt(context.offset + node.span.start);
    if (node.kind === 'name') return valueLines.get(node.name) ?? null;
    return fromDefinitions.get(keyOf(node)) ?? null;
  };
}

/** 1-based line of an offset, by binary search over the line starts (a graph asks up to MAX_GRAPH_NODES times). */
function lineFinder(text: string): (offset: number) => number {
  let starts: number[] | null = null;
  return (offset) => {
    if (starts === null) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
