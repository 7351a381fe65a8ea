// Reads the definitions a loss depends on out of the surrounding document, without running anything:
// single assignments (`y_pred = forward(x)`), one-return functions (`def forward(x):` / `return w * x`,
// `const forward = (x) => w * x`, `function f(x) { return ... }`, `f = lambda x: ...`) and literal values
// (`np.array([1,2,3,4], dtype=np.float32)`, `w = 0.0`, `torch.tensor(0.0, requires_grad=True)`, `[1, 2]`).
// A program is read in order, as it runs: a name may be assigned again, or updated (`c += c + 1` is
// `c = c + (c + 1)`), and each use sees the assignment before it. An update inside a loop
// (`w -= lr * dw`) changes the name every iteration: it is marked, and a use reads the name as it was
// before the loop.
import type { Syntax } from '../types';
import { blockReader, type FunctionScope } from './blocks';

export interface Definition {
  name: string;
  line: number; // 1-based
  offset: number; // of the statement in the document
  /** Where the statement ends (its last line's end): a use inside the statement does not see it yet. */
  end: number;
  kind: 'assignment' | 'function';
  params: string[];
  text: string; // the right-hand side, or the function's returned expression
  /** An update inside a for/while loop (`w -= lr * dw`, `w = w - lr * dw`): the value changes every iteration. */
  loopUpdate?: boolean;
  /** An augmented assignment whose operator the expression language does not read (`//=`, `%=`, `@=`, ...). */
  unreadable?: string;
  /** The header of the if/else (or except) branch it sits in: whether it runs depends on the data. */
  branch?: string;
  /** The function body it sits in: a local name, visible only there. */
  scope?: FunctionScope;
}

export interface ContextScan {
  syntax: Syntax;
  definitions: Definition[];
  /** The function bodies of the program: a name used there may be assigned later, before the call. */
  functionBodies: FunctionScope[];
}

const PY_ASSIGN = /^([ \t]*)([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*(?::\s*[^=]+)?=(?!=)\s*(.+)$/;
const PY_DEF = /^([ \t]*)def\s+([A-Za-z_]\w*)\s*\(([^)]*)\)\s*(?:->[^:]+)?:\s*(.*)$/;
const PY_LAMBDA = /^lambda\s*([^:]*):\s*(.+)$/;
const PY_AUGMENTED = /^([ \t]*)([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*(\*\*|\/\/|>>|<<|[-+*/%@&|^])=(?!=)\s*(.+)$/;
const JS_AUGMENTED =
  /^([ \t]*)([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(\*\*|>>>|>>|<<|\?\?|&&|\|\||[-+*/%&|^])=(?!=)\s*(.+)$/;
/** Augmented operators read as `name = name OP (rhs)`. */
const READ_OPERATORS = new Set(['+', '-', '*', '/', '**']);
const JS_DECL = /^([ \t]*)(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[^=]+)?=(?!=)\s*(.+)$/;
const JS_ASSIGN = /^([ \t]*)([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*=(?![=>])\s*(.+)$/;
const JS_FUNCTION = /^([ \t]*)(?:export\s+)?function\s+([A-Za-z_$][\w$]*)\s*\(([^)]*)\)[^{]*\{\s*(.*)$/;
const JS_ARROW = /^(?:function\s*)?\(?\s*([\w$\s,:<>[\]]*?)\s*\)?\s*(?::\s*[\w[\]<>]+\s*)?=>\s*(.+)$/;

/** Drops a trailing comment and semicolon (naively: strings with # or // in them are rare in numeric code). */
function stripComment(line: string, syntax: Syntax): string {
  const marker = syntax === 'python' ? line.indexOf('#') : line.indexOf('//');
  return (marker >= 0 ? line.slice(0, marker) : line).replace(/;\s*$/, '').trimEnd();
}

function paramNames(list: string): string[] {
  return list
    .split(',')
    .map((p) =>
      p
        .trim()
        .replace(/[:=].*$/, '')
        .replace(/^\*+/, '')
        .trim(),
    )
    .filter(Boolean);
}

/** Joins continuation lines while brackets are open, so a multi-line np.array(...) is one statement. */
function statementAt(lines: string[], start: number, syntax: Syntax): { text: string; last: number } {
  let text = stripComment(lines[start], syntax);
  let last = start;
  // ( and [ only: a { opens a block (a loop, a function body) whose statements are read one by one
  const depthOf = (s: string) => (s.match(/[([]/g)?.length ?? 0) - (s.match(/[)\]]/g)?.length ?? 0);
  while (depthOf(text) > 0 && last + 1 < lines.length && last - start < 200) {
    last++;
    text += ' ' + stripComment(lines[last], syntax).trim();
  }
  return { text, last };
}

export function scanDocument(document: string, syntax: Syntax): ContextScan {
  const lines = document.split('\n');
  const offsets: number[] = [];
  let at = 0;
  for (const line of lines) {
    offsets.push(at);
    at += line.length + 1;
  }
  const definitions: Definition[] = [];
  const placeOf = blockReader(syntax);
  let placement = placeOf('', 0);
  let statementEnd = 0;
  const functionBodies = new Set<FunctionScope>();
  const add = (name: string, i: number, kind: Definition['kind'], params: string[], text: string) => {
    const definition: Definition = {
      name,
      line: i + 1,
      offset: offsets[i],
      end: statementEnd,
      kind,
      params,
      text: text.trim(),
    };
    if (kind === 'assignment' && placement.inLoop && mentionsName(definition.text, name)) definition.loopUpdate = true;
    if (placement.branch) definition.branch = placement.branch;
    // self.sigma = ... in __init__ is the object's state, not a local: visible in every method
    if (placement.scope && !name.includes('.')) definition.scope = placement.scope;
    definitions.push(definition);
    return definition;
  };
  const augmented = (match: RegExpExecArray | null, i: number): boolean => {
    if (!match) return false;
    const [, , name, operator, rhs] = match;
    const definition = add(name, i, 'assignment', [], `${name} ${operator} (${rhs.trim()})`);
    if (!READ_OPERATORS.has(operator)) definition.unreadable = `${operator}=`;
    return true;
  };

  for (let i = 0; i < lines.length; i++) {
    const { text: line, last } = statementAt(lines, i, syntax);
    const start = i;
    i = last; // continuation lines belong to this statement
    statementEnd = offsets[last] + lines[last].length;
    placement = placeOf(line, offsets[start]);
    if (placement.scope) functionBodies.add(placement.scope);
    if (augmented((syntax === 'python' ? PY_AUGMENTED : JS_AUGMENTED).exec(line), start)) continue;
    if (syntax === 'python') {
      const def = PY_DEF.exec(line);
      if (def) {
        const body = def[4].trim() ? { text: def[4], line: start } : nextStatement(lines, start, syntax);
        const returned = body && /^return\s+(.+)$/.exec(body.text.trim());
        if (returned && body && isOnlyStatement(lines, body.line, def[1].length, syntax))
          add(def[2], start, 'function', paramNames(def[3]), returned[1]);
        continue;
      }
      const assign = PY_ASSIGN.exec(line);
      if (assign) {
        const lambda = PY_LAMBDA.exec(assign[3].trim());
        if (lambda) add(assign[2], start, 'function', paramNames(lambda[1]), lambda[2]);
        else add(assign[2], start, 'assignment', [], assign[3]);
      }
    } else {
      const fn = JS_FUNCTION.exec(line);
      if (fn) {
        const inline = /^return\s+(.+?)\s*;?\s*\}?\s*$/.exec(fn[4].trim());
        const next = inline ? null : nextStatement(lines, start, syntax);
        const returned = inline ?? (next && /^return\s+(.+?)\s*;?\s*$/.exec(next.text.trim()));
        if (returned) add(fn[2], start, 'function', paramNames(fn[3]), returned[1].replace(/;?\s*\}\s*$/, ''));
        continue;
      }
      const decl = JS_DECL.exec(line) ?? JS_ASSIGN.exec(line);
      if (decl) {
        const arrow = JS_ARROW.exec(decl[3].trim());
        if (arrow && !arrow[2].trim().startsWith('{')) add(decl[2], start, 'function', paramNames(arrow[1]), arrow[2]);
        else if (arrow) {
          const inline = /^\{\s*return\s+(.+?)\s*;?\s*\}$/.exec(arrow[2].trim());
          const next = inline ? null : nextStatement(lines, start, syntax);
          const returned = inline ?? (next && /^return\s+(.+?)\s*;?\s*$/.exec(next.text.trim()));
          if (returned) add(decl[2], start, 'function', paramNames(arrow[1]), returned[1]);
        } else add(decl[2], start, 'assignment', [], decl[3]);
      }
    }
  }
  return { syntax, definitions, functionBodies: [...functionBodies] };
}

function mentionsName(text: string, name: string): boolean {
  return new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);
}

/** The first non-blank, non-comment statement after line `i`. */
function nextStatement(lines: string[], i: number, syntax: Syntax): { text: string; line: number } | null {
  for (let j = i + 1; j < lines.length; j++) {
    const stripped = stripComment(lines[j], syntax).trim();
    if (stripped) return { text: statementAt(lines, j, syntax).text.trim(), line: j };
  }
  return null;
}

/** A Python function body is one return when the next statement at body indentation is outside the function. */
function isOnlyStatement(lines: string[], bodyLine: number, defIndent: number, syntax: Syntax): boolean {
  const last = statementAt(lines, bodyLine, syntax).last;
  for (let j = last + 1; j < lines.length; j++) {
    const stripped = stripComment(lines[j], syntax);
    if (!stripped.trim()) continue;
    return stripped.length - stripped.trimStart().length <= defIndent;
  }
  return true;
}

/**
 * The definition of `name` in force at `offset`: the last one whose statement ends before it (the end of
 * the document when `offset` is undefined); updates inside loops are skipped. A use inside an assignment's
 * own statement (the `c + 1` of `c += c + 1`) sees the name before that line, or, when there is none, that
 * line's own assignment (the L selected in `L = (w - 3)**2`). A use before any assignment
 * gets the first one after it only inside a function body, which runs when it is called, later; at module
 * level the program has not assigned it yet (Python's NameError), so there is none.
 */
export function definitionOf(
  scan: ContextScan,
  name: string,
  offset: number | undefined,
  kind?: Definition['kind'],
): Definition | null {
  const visible = (d: Definition) =>
    !d.scope || (offset !== undefined && offset >= d.scope.start && offset < d.scope.end);
  const all = scan.definitions.filter(
    (d) => d.name === name && (!kind || d.kind === kind) && !d.loopUpdate && visible(d),
  );
  if (!all.length) return null;
  if (offset === undefined) return all[all.length - 1];
  const before = all.filter((d) => d.end <= offset);
  if (before.length) return before[before.length - 1];
  // the name's own first assignment, used or selected on its own line (the L of `L = (w - 3)**2`)
  const own = all.find((d) => d.offset <= offset && offset <= d.end);
  if (own) return own;
  const inBody = scan.functionBodies.some((body) => offset >= body.start && offset < body.end);
  return inBody ? all[0] : null;
}

/** The updates of `name` inside loops, which a use does not follow (it reads the value before the loop). */
export function loopUpdatesOf(scan: ContextScan, name: string): Definition[] {
  return scan.definitions.filter((d) => d.name === name && d.loopUpdate);
}

/** Names the document marks trainable: requires_grad=True, nn.Parameter, tf.Variable, micrograd's Value. */
export function isTrainable(definition: Definition): boolean {
  return /requires_grad\s*=\s*True|\bnn\.Parameter\s*\(|\btf\.Variable\s*\(|requiresGrad\s*:\s*true|^Value\s*\(/.test(
    definition.text,
  );
}

/** float32 when the value says so (or is a torch tensor, whose default dtype is float32). */
export function declaredFloat32(definition: Definition): boolean {
  return (
    /float32|Float32Array/.test(definition.text) ||
    (/\btorch\.tensor\s*\(/.test(definition.text) && !/float64|double/.test(definition.text))
  );
}
