// Where a statement of a program sits, read from its indentation (Python) or its braces (JS): inside a
// loop (its assignments change every iteration), inside a branch of an if/else or an except (whether it
// ran depends on the data), inside a function body (its names are that function's own). The scan asks
// once per statement, in order; nothing is run.
import type { Syntax } from '../types';

/** A function body's extent in the document: its names are visible only at offsets inside it. */
export interface FunctionScope {
  start: number;
  /** Set when the body closes; open to the end of the document until then. */
  end: number;
}

export interface Placement {
  inLoop: boolean;
  /** The header of the innermost conditional block around the statement (`if epoch % 2 == 0:`), if any. */
  branch: string | null;
  /** The innermost function body around the statement, or null at module level. */
  scope: FunctionScope | null;
}

type BlockKind = 'loop' | 'branch' | 'function' | 'plain';

interface Block {
  /** Python: the header's indentation; JS: the brace depth inside the block. */
  level: number;
  kind: BlockKind;
  header: string;
  scope: FunctionScope | null;
}

const PY_LOOP = /^(?:async\s+)?(?:for|while)\b/;
// `if __name__ == '__main__':` always runs as a script: not a branch.
const PY_BRANCH = /^(?:if|elif|else|except|match|case)\b(?!\s+__name__\s*==)/;
const PY_FUNCTION = /^(?:async\s+)?def\b|^class\b/;
const JS_LOOP = /^(?:\}\s*)?(?:for|while|do)\b/;
const JS_BRANCH = /^(?:\}\s*)?(?:if|else|switch|case|catch)\b/;
const JS_FUNCTION = /\bfunction\b|=>\s*\{/;

function placementIn(open: Block[]): Placement {
  const branch = [...open].reverse().find((b) => b.kind === 'branch');
  const scope = [...open].reverse().find((b) => b.kind === 'function');
  return { inLoop: open.some((b) => b.kind === 'loop'), branch: branch?.header ?? null, scope: scope?.scope ?? null };
}

function kindOf(header: string, syntax: Syntax): BlockKind {
  if (syntax === 'python') {
    if (PY_LOOP.test(header)) return 'loop';
    if (PY_BRANCH.test(header)) return 'branch';
    return PY_FUNCTION.test(header) ? 'function' : 'plain';
  }
  if (JS_LOOP.test(header)) return 'loop';
  if (JS_BRANCH.test(header)) return 'branch';
  return JS_FUNCTION.test(header) ? 'function' : 'plain';
}

/** A reader of placements: call it with each statement in order, with the offset where it starts. */
export function blockReader(syntax: Syntax): (statement: string, offset: number) => Placement {
  const open: Block[] = [];
  const close = (block: Block, offset: number) => {
    if (block.scope) block.scope.end = offset;
  };
  if (syntax === 'python') {
    return (statement, offset) => {
      if (!statement.trim()) return placementIn(open);
      const indent = statement.length - statement.trimStart().length;
      while (open.length && open[open.length - 1].level >= indent) close(open.pop() as Block, offset);
      const placement = placementIn(open);
      const header = statement.trim();
      if (header.endsWith(':')) {
        const kind = kindOf(header, syntax);
        open.push({
          level: indent,
          kind,
          header,
          scope: kind === 'function' ? { start: offset, end: Infinity } : null,
        });
      }
      return placement;
    };
  }
  let depth = 0;
  return (statement, offset) => {
    const header = statement.trim();
    const closes = (statement.match(/\}/g) ?? []).length;
    const opens = (statement.match(/\{/g) ?? []).length;
    // A line that only closes a block (or closes and reopens: `} else {`) is outside the closed one.
    const leading = /^\}/.test(header) ? 1 : 0;
    depth -= leading;
    while (open.length && open[open.length - 1].level > depth) close(open.pop() as Block, offset);
    const placement = placementIn(open);
    if (opens > 0) {
      const kind = kindOf(header, syntax);
      open.push({
        level: depth + 1,
        kind,
        header,
        scope: kind === 'function' ? { start: offset, end: Infinity } : null,
      });
    }
    depth += opens - (closes - leading);
    while (open.length && open[open.length - 1].level > depth) close(open.pop() as Block, offset);
    return placement;
  };
}
