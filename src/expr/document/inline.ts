// Inlines what the document defines: `y_pred` -> `forward(x)` -> `w*x`, and collects literal values
// (x = np.array([...]), w = 0.0). Every substitution is reported with its line, so the user sees
// exactly which definitions the derivative used.
import type { Substitution, Syntax, Numeric } from '../types';
import { freeNames, mapChildren, type Node } from '../tree/ast';
import { definitionOf, declaredFloat32, isTrainable, loopUpdatesOf, type ContextScan, type Definition } from './scan';
import { ExprFailure } from '../tree/errors';
import { evaluate } from '../evaluate/numeric';
import { matrixLiteral, type Matrix } from '../evaluate/matrixValues';
import { parseExpression } from '../syntax/parse';

interface Resolution {
  tree: Node;
  substitutions: Substitution[];
  values: Record<string, Numeric>;
  /** 2-D literal values, kept apart from `values` (see evaluate/matrixValues.ts). */
  matrices: Record<string, Matrix>;
  trainable: string[];
  float32: string[];
  /** What the reader wants the user to know: a name updated in a loop was read as before the loop. */
  notes: string[];
  /**
   * Literal names whose uses see two assignments (k = 2 ... k = 5): the later ones are written out as
   * numbers, which is exact for data but leaves nothing to differentiate by, so such a name cannot be a
   * parameter (prepare.ts refuses it). The lines, in the order met.
   */
  reassigned: Map<string, number[]>;
  /**
   * Each inlined definition's tree with the name and line it came from, innermost first (a definition
   * is listed after those it inlined): what lets a graph label `c + (c + 1)` as `c`, written on line 9.
   */
  origins: Origin[];
}

/** An inlined subtree and where the document wrote it: an assignment to `name`, or a function's body (name null). */
export interface Origin {
  tree: Node;
  name: string | null;
  line: number;
}

const MAX_INLINE_DEPTH = 32;

function withoutSpans(node: Node): Node {
  return { ...mapChildren(node, withoutSpans), span: undefined };
}

export function parseDefinition(def: Definition, syntax: Syntax): Node | null {
  try {
    return withoutSpans(parseExpression(def.text, syntax));
  } catch {
    return null;
  }
}

/** A tree with no names and no calls: a literal number, array or matrix. */
export function isConstant(tree: Node): boolean {
  if (freeNames(tree).length) return false;
  const stack = [tree];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.kind === 'apply') return false;
    stack.push(...mapChildrenList(n));
  }
  return true;
}

function mapChildrenList(node: Node): Node[] {
  const out: Node[] = [];
  mapChildren(node, (c) => {
    out.push(c);
    return c;
  });
  return out;
}

/** The number, array or matrix a constant tree stands for; null when it is none of these (a ragged list). */
export function constantValue(constant: Node): { numeric: Numeric } | { matrix: Matrix } | null {
  try {
    return { numeric: evaluate(constant, {}) };
  } catch {
    const matrix = matrixLiteral(constant); // evaluate reads 1-D only
    return matrix ? { matrix } : null;
  }
}

/** Replaces names by trees, all at once (function parameters by the call's arguments). */
function substitute(node: Node, bindings: Map<string, Node>): Node {
  if (node.kind === 'name') return bindings.get(node.name) ?? node;
  return mapChildren(node, (c) => substitute(c, bindings));
}

/**
 * @param keep names never inlined (the explicit parameters).
 */
export function resolveNames(
  tree: Node,
  scan: ContextScan | null,
  offset: number | undefined,
  keep: Set<string>,
): Resolution {
  const substitutions: Substitution[] = [];
  const values: Record<string, Numeric> = {};
  const matrices: Record<string, Matrix> = {};
  const trainable = new Set<string>();
  const float32 = new Set<string>();
  const record = (s: Substitution) => {
    if (!substitutions.some((t) => t.name === s.name && t.line === s.line)) substitutions.push(s);
  };
  const notes: string[] = [];
  // Definitions being inlined, so a function that calls itself stops instead of looping.
  const inProgress: Definition[] = [];
  // The definition each literal name was read from: a name keeps one value (the first it is used with);
  // a use that sees another assignment of it gets that value inlined as a literal.
  const valueSources = new Map<string, Definition>();
  const reassigned = new Map<string, number[]>();
  const origins: Origin[] = [];

  // `at`: where the name is used. A program is read in order, so each use sees the assignment before it,
  // and the names in an assignment's right-hand side see the assignments before that one.
  const visit = (node: Node, bound: Set<string>, at: number | undefined): Node => {
    if (node.kind === 'name' && keep.has(node.name) && !bound.has(node.name)) return keptName(node, at);
    if (node.kind === 'name') return bound.has(node.name) ? node : resolveName(node, at);
    if (node.kind === 'apply') return inlineCall(node, bound, at);
    return mapChildren(node, (c) => visit(c, bound, at));
  };

  /** A literal assignment's value becomes the name's value (with its dtype and where it was read). */
  const takeValue = (name: string, def: Definition, constant: NonNullable<ReturnType<typeof constantValue>>) => {
    if ('matrix' in constant) matrices[name] = constant.matrix;
    else values[name] = constant.numeric;
    if (declaredFloat32(def)) float32.add(name);
    record({ name, line: def.line, text: def.text, kind: 'value' });
  };

  const resolveName = (node: Extract<Node, { kind: 'name' }>, at: number | undefined): Node => {
    const def = scan && definitionOf(scan, node.name, at, 'assignment');
    if (!scan || !def || inProgress.includes(def) || inProgress.length > MAX_INLINE_DEPTH) return node;
    if (def.unreadable) {
      throw new ExprFailure(
        `${node.name} is updated with ${def.unreadable} on line ${def.line}, which Autograd Lab does not read`,
        node.span?.start ?? 0,
        node.span,
      );
    }
    if (def.branch) {
      throw new ExprFailure(
        `${node.name} is assigned inside \`${def.branch}\` (line ${def.line}): whether that runs depends on the data, so Autograd Lab does not pick a value`,
        node.span?.start ?? 0,
        node.span,
      );
    }
    noteLoopUpdates(node.name, def);
    const rhs = parseDefinition(def, scan.syntax);
    if (!rhs) return node;
    if (isConstant(rhs)) {
      const constant = constantValue(rhs);
      if (!constant) return node;
      const earlier = valueSources.get(node.name);
      if (earlier && earlier !== def) {
        // The name already stands for its value on another line: this use gets its own value as a literal.
        const lines = reassigned.get(node.name) ?? [earlier.line];
        if (!lines.includes(def.line)) reassigned.set(node.name, [...lines, def.line]);
        record({ name: node.name, line: def.line, text: def.text, kind: 'assignment' });
        return rhs;
      }
      valueSources.set(node.name, def);
      if (isTrainable(def)) trainable.add(node.name);
      takeValue(node.name, def, constant);
      return node;
    }
    inProgress.push(def);
    const inlined = visit(rhs, new Set(), def.offset);
    inProgress.pop();
    record({ name: node.name, line: def.line, text: def.text, kind: 'assignment' });
    origins.push({ tree: inlined, name: node.name, line: def.line });
    return inlined;
  };

  // A parameter named by the caller stays a name; its uses must all mean the same assignment of it.
  const keptSources = new Map<string, Definition>();
  const keptName = (node: Extract<Node, { kind: 'name' }>, at: number | undefined): Node => {
    const def = scan && definitionOf(scan, node.name, at, 'assignment');
    if (!def) return node;
    const earlier = keptSources.get(node.name);
    if (earlier && earlier !== def) {
      throw new ExprFailure(
        `${node.name} is assigned on line ${earlier.line} and again on line ${def.line}, and the loss uses both: Autograd Lab does not pick which one to differentiate by`,
        node.span?.start ?? 0,
        node.span,
      );
    }
    keptSources.set(node.name, def);
    // the parameter stays a name, and its literal value (`w = 0.0`) is where the derivative is evaluated
    const rhs = scan && !def.branch && !def.unreadable ? parseDefinition(def, scan.syntax) : null;
    const constant = rhs && isConstant(rhs) ? constantValue(rhs) : null;
    if (constant && !(node.name in values) && !(node.name in matrices)) takeValue(node.name, def, constant);
    return node;
  };

  const noteLoopUpdates = (name: string, used: Definition) => {
    for (const update of loopUpdatesOf(scan as ContextScan, name)) {
      const note = `${name} is updated in a loop (line ${update.line}); the value used is ${name} before it, from line ${used.line}`;
      if (update.offset > used.offset && !notes.includes(note)) notes.push(note);
    }
  };

  // A function's body reads the names in force where it is called (Python and JS look globals up then).
  const inlineCall = (node: Extract<Node, { kind: 'apply' }>, bound: Set<string>, at: number | undefined): Node => {
    const def = scan && definitionOf(scan, node.name, at, 'function');
    const body = def && scan && !inProgress.includes(def) ? parseDefinition(def, scan.syntax) : null;
    if (!def || !body) throw new ExprFailure(`unknown function ${node.name}`, node.span?.start ?? 0, node.span);
    if (node.args.length !== def.params.length) {
      throw new ExprFailure(
        `${node.name} takes ${def.params.length} argument${def.params.length === 1 ? '' : 's'} (line ${def.line}), got ${node.args.length}`,
        node.span?.start ?? 0,
        node.span,
      );
    }
    const args = node.args.map((a) => visit(a, bound, at));
    inProgress.push(def);
    const resolvedBody = visit(body, new Set(def.params), at);
    inProgress.pop();
    record({ name: node.name, line: def.line, text: def.text, kind: 'function' });
    const inlined = substitute(resolvedBody, new Map(def.params.map((p, i) => [p, args[i]])));
    origins.push({ tree: inlined, name: null, line: def.line });
    return inlined;
  };

  const resolved = visit(tree, new Set(), offset);
  substitutions.sort((a, b) => a.line - b.line);
  return {
    tree: resolved,
    substitutions,
    values,
    matrices,
    trainable: [...trainable],
    float32: [...float32],
    notes,
    reassigned,
    origins,
  };
}
