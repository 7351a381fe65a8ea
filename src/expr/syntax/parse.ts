// Recursive descent by precedence climbing (Pratt): few stack frames per nesting level, and an explicit
// depth guard so a pathological input gives an error instead of a stack overflow.
//   a if c else b, c ? a : b < comparison < (+ -) < (* / @, implicit in math) < unary minus < (** ^, right-assoc) < call . []
// Python's `-x**2` is -(x**2) because unary minus parses its operand at a level that includes `**`.
import {
  add,
  call,
  depth,
  dot,
  mentions,
  mul,
  name as nameNode,
  neg,
  num,
  pow,
  reduce,
  replaceNames,
  select,
  sub,
  transpose,
  type CompareOp,
  type Node,
} from '../tree/ast';
import type { Span, Syntax } from '../types';
import { ExprFailure } from '../tree/errors';
import { buildCall, buildMethod, KNOWN_FUNCTIONS, type Arg, type CallSite } from './vocabulary';
import { keywordRefusal, TokenCursor } from './tokenCursor';
import { copyComparison, rememberComparison, selection } from './conditions';
import { tokenize, type Token } from './tokens';

/** Documented limits: nesting deeper than this, or text longer, is refused with a clear error. */
export const MAX_DEPTH = 1000;
export const MAX_LENGTH = 20_000;

const MODULES = new Set([
  'np',
  'numpy',
  'torch',
  'math',
  'F',
  'Math',
  'nn',
  'functional',
  'tf',
  'jnp',
  'scipy',
  'special',
  'jax',
  'linalg', // np.linalg.norm, and `from numpy import linalg`
  'K', // the Keras backend: K.mean, K.square
  'backend',
]);
/** JS constructors whose `new X([...])` is just the numbers. */
const TYPED_ARRAYS = new Set(['Float32Array', 'Float64Array', 'Array']);
const CONSTANTS: Record<string, number> = {
  pi: Math.PI,
  PI: Math.PI,
  e: Math.E,
  E: Math.E,
  inf: Infinity,
  Infinity: Infinity,
};
const STATEMENT_WORDS = new Set([
  'def',
  'return',
  'for',
  'while',
  'if',
  'import',
  'from',
  'class',
  'const',
  'let',
  'var',
  'function',
  'with',
  'lambda',
  'async',
  'await',
]);
const INFIX: Record<string, { bp: number; right?: boolean }> = {
  '>': { bp: 1 },
  '<': { bp: 1 },
  '>=': { bp: 1 },
  '<=': { bp: 1 },
  '==': { bp: 1 },
  '!=': { bp: 1 },
  '===': { bp: 1 },
  '!==': { bp: 1 },
  '+': { bp: 2 },
  '-': { bp: 2 },
  '*': { bp: 3 },
  '/': { bp: 3 },
  '@': { bp: 3 },
  '**': { bp: 5, right: true },
  '^': { bp: 5, right: true },
};
const UNARY_BP = 4;
/** `a if c else b` and `c ? a : b` bind looser than comparisons, and nest to the right. */
const CONDITIONAL_BP = 0.5;
/** JS spells equality === and !==; == and != mean the same for numbers. */
const RELATIONS: Record<string, CompareOp> = {
  '>': '>',
  '<': '<',
  '>=': '>=',
  '<=': '<=',
  '==': '==',
  '!=': '!=',
  '===': '==',
  '!==': '!=',
};

type Operand = { node: Node } | { path: string[]; start: number; end: number };

export function parseExpression(text: string, syntax: Syntax): Node {
  if (text.length > MAX_LENGTH) {
    throw new ExprFailure(`expression longer than ${MAX_LENGTH} characters (${text.length})`, MAX_LENGTH);
  }
  const parser = new Parser(text, tokenize(text, syntax), syntax);
  const tree = parser.parseAll();
  const measured = depth(tree);
  if (measured.depth > 2 * MAX_DEPTH) {
    throw new ExprFailure(`expression nested deeper than ${MAX_DEPTH} levels`, measured.deepest.span?.start ?? 0);
  }
  return tree;
}

class Parser extends TokenCursor {
  private nesting = 0;
  /** Index names of the enclosing .map((x, i) => ...) callbacks. */
  private readonly elementIndices: string[] = [];

  constructor(
    private readonly text: string,
    tokens: Token[],
    syntax: Syntax,
  ) {
    super(tokens, syntax);
  }

  parseAll(): Node {
    const first = this.peek();
    if (first.type === 'eof') throw new ExprFailure('empty expression', 0);
    if (first.type === 'name' && STATEMENT_WORDS.has(first.text)) {
      throw new ExprFailure(
        `'${first.text}' starts a statement, not an expression: select the expression itself`,
        first.start,
      );
    }
    const node = this.expression(0);
    while (this.peekOp(';')) this.pos++;
    const rest = this.peek();
    if (rest.type !== 'eof') throw this.unexpected(rest);
    return node;
  }

  private enter(at: number): void {
    if (++this.nesting > MAX_DEPTH + 1) throw new ExprFailure(`expression nested deeper than ${MAX_DEPTH} levels`, at);
  }

  private expression(minBp: number): Node {
    this.enter(this.peek().start);
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (this.startsConditional(t)) {
        if (CONDITIONAL_BP <= minBp) break;
        left = this.conditional(left);
        continue;
      }
      let op = t.type === 'op' ? t.text : null;
      if (op === '^' && this.syntax !== 'math') throw this.unexpected(t);
      if ((op === '===' || op === '!==') && this.syntax !== 'js') throw this.unexpected(t);
      if ((op === null || op === '(') && this.implicitMultiplication(t)) op = 'implicit';
      const info = op === 'implicit' ? INFIX['*'] : op ? INFIX[op] : undefined;
      if (!op || !info || info.bp <= minBp) break;
      if (op !== 'implicit') this.pos++;
      const right = this.expression(info.right ? info.bp - 1 : info.bp);
      left = this.combine(op, left, right);
    }
    this.nesting--;
    return left;
  }

  /** Python's `if` after a value, or JS's `?`: a conditional expression begins. */
  private startsConditional(t: Token): boolean {
    if (this.syntax === 'python') return t.type === 'name' && t.text === 'if';
    return this.syntax === 'js' && t.type === 'op' && t.text === '?';
  }

  /** `then if condition else otherwise` (Python) or `condition ? then : otherwise` (JS), `first` already read. */
  private conditional(first: Node): Node {
    this.pos++; // `if` or `?`
    if (this.syntax === 'python') {
      const condition = this.expression(CONDITIONAL_BP);
      const word = this.peek();
      if (!(word.type === 'name' && word.text === 'else'))
        throw new ExprFailure("a conditional expression needs its 'else': a if c else b", word.start);
      this.pos++;
      const otherwise = this.expression(0);
      return selection(condition, first, otherwise, { kind: 'ifElse' }, spanOf(first, otherwise));
    }
    const then = this.expression(0);
    const colon = this.peek();
    if (!(colon.type === 'op' && colon.text === ':'))
      throw new ExprFailure("a conditional expression needs its ':': c ? a : b", colon.start);
    this.pos++;
    const otherwise = this.expression(0);
    return selection(first, then, otherwise, { kind: 'ternary' }, spanOf(first, otherwise));
  }

  private implicitMultiplication(t: Token): boolean {
    if (this.syntax !== 'math') return false;
    return t.type === 'num' || t.type === 'name' || (t.type === 'op' && t.text === '(');
  }

  private combine(op: string, left: Node, right: Node): Node {
    const span: Span = { start: left.span?.start ?? 0, end: right.span?.end ?? 0 };
    switch (op) {
      case '+':
        return add([...(left.kind === 'add' ? left.terms : [left]), right], span);
      case '-':
        return add([...(left.kind === 'add' ? left.terms : [left]), neg(right, right.span)], span);
      case '*':
      case 'implicit':
        return mul([...(left.kind === 'mul' ? left.factors : [left]), right], span);
      case '/':
        return mul([...(left.kind === 'mul' ? left.factors : [left]), pow(right, num(-1), right.span)], span);
      case '@':
        return dot(left, right, span, '@');
      // e**u and e^u are exp(u), so the derivative reads exp(u), not e^u*log(e)
      case '**':
      case '^':
        return left.kind === 'num' && left.value === Math.E ? call('exp', right, span) : pow(left, right, span);
      // step(u) is 1 where u > 0, strictly; a tie makes u >= v true, so u >= v is 1 - step(v - u).
      case '>':
        return rememberComparison(call('step', sub(left, right), span), '>', left, right);
      case '<':
        return rememberComparison(call('step', sub(right, left), span), '<', left, right);
      case '>=':
        return rememberComparison(sub(num(1), call('step', sub(right, left), span), span), '>=', left, right);
      case '<=':
        return rememberComparison(sub(num(1), call('step', sub(left, right), span), span), '<=', left, right);
      // an equality as a number is the 0/1 mask select(a == b, 1, 0), printed back as the comparison
      case '==':
      case '!=':
      case '===':
      case '!==':
        return select(RELATIONS[op], left, right, num(1), num(0), { kind: 'mask' }, span);
      default:
        throw new ExprFailure(`unexpected '${op}'`, span.start);
    }
  }

  private unary(): Node {
    const t = this.peek();
    if (t.type === 'op' && (t.text === '-' || t.text === '+')) {
      this.pos++;
      const operand = this.expression(UNARY_BP);
      const span = { start: t.start, end: operand.span?.end ?? t.end };
      if (t.text === '+') return operand;
      return operand.kind === 'num' ? num(-operand.value, span) : neg(operand, span);
    }
    return this.postfix(this.primary());
  }

  private primary(): Operand {
    const t = this.next();
    switch (t.type) {
      case 'num':
        return { node: num(t.value, { start: t.start, end: t.end }) };
      case 'name': {
        // new Float32Array([...]) is the array it holds; any other constructor is refused below
        const typed = this.tokens[this.pos];
        if (t.text === 'new' && typed?.type === 'name' && TYPED_ARRAYS.has(typed.text)) return this.primary();
        const keyword = this.foreignConditional(t) ?? keywordRefusal(t);
        if (keyword) throw keyword;
        if (MODULES.has(t.text) && this.peekOp('.')) return { path: [t.text], start: t.start, end: t.end };
        if (this.syntax === 'math' && (t.text === 'π' || t.text === 'pi'))
          return { node: num(Math.PI, { start: t.start, end: t.end }) };
        if (this.syntax === 'math' && t.text === 'e' && !this.peekOp('('))
          return { node: num(Math.E, { start: t.start, end: t.end }) };
        return { path: [t.text], start: t.start, end: t.end };
      }
      case 'op':
        if (t.text === '(') {
          this.openParens.push(t);
          const inner = this.expression(0);
          // a Python tuple, (2, 3) in np.ones((2, 3)): its items, as a list
          const items = [inner];
          let tuple = false;
          while (this.syntax === 'python' && this.peekOp(',')) {
            this.pos++;
            tuple = true;
            if (this.peekOp(')')) break; // (3,)
            items.push(this.expression(0));
          }
          const close = this.expect(')', t);
          this.openParens.pop();
          const span = { start: t.start, end: close.end };
          return { node: tuple ? { kind: 'array', items, span } : withSpan(inner, span) };
        }
        if (t.text === '[') return { node: this.arrayLiteral(t) };
        throw this.unexpected(t);
      case 'str':
        throw new ExprFailure('a string is not a number', t.start);
      case 'eof':
        throw this.unexpected(t);
    }
  }

  private arrayLiteral(open: Token): Node {
    const items: Node[] = [];
    while (!this.peekOp(']')) {
      items.push(this.expression(0));
      if (!this.peekOp(',')) break;
      this.pos++;
    }
    const close = this.peek();
    if (!(close.type === 'op' && close.text === ']')) {
      throw close.type === 'eof'
        ? new ExprFailure('unbalanced bracket: this [ is never closed', open.start)
        : this.unexpected(close);
    }
    this.pos++;
    if (!items.length) throw new ExprFailure('an empty array [] has no values to differentiate', open.start);
    return { kind: 'array', items, span: { start: open.start, end: close.end } };
  }

  /** `[:2]`, `[:]` and `[:, k]` right after the bracket: a slice with no start, or a column; null when an index or a start comes first. */
  private sliceAfterBracket(object: Node, open: number): Node | null {
    if (!this.peekOp(':')) return null;
    const after = this.tokens[this.pos + 1];
    if (after?.type === 'op' && after.text === ',') return this.column(object, open);
    return this.sliceFrom(object, null, open);
  }

  /** x[:, k]: column k of a matrix, which is row k of its transpose (x.T[k]); printed back as x[:, k]. */
  private column(object: Node, open: number): Node {
    this.pos += 2; // ':' ','
    const index = this.expression(0);
    const k = this.wholeBound(index, index.span?.start ?? open);
    if (k < 0) throw new ExprFailure('a column index counts from 0: x[:, 0]', index.span?.start ?? open, index.span);
    const close = this.expect(']');
    const span = { start: object.span?.start ?? open, end: close.end };
    return { kind: 'index', arg: { kind: 'transpose', arg: object, span: object.span, column: true }, index: k, span };
  }

  /** The rest of `a[start:stop]` from its colon: NumPy's slice along the first axis, bounds whole numbers. */
  private sliceFrom(object: Node, startNode: Node | null, open: number): Node {
    const colon = this.next(); // ':'
    const start = startNode && this.wholeBound(startNode, colon.start);
    const stopNode = this.peekOp(']') || this.peekOp(':') || this.peekOp(',') ? null : this.expression(0);
    const stop = stopNode && this.wholeBound(stopNode, colon.end);
    if (this.peekOp(':')) {
      const step = this.next();
      if (!this.peekOp(']')) throw new ExprFailure('a slice with a step (a[::2]) is not supported', step.start);
    }
    if (this.peekOp(',')) throw this.subscriptOfMatrix(object);
    const close = this.expect(']');
    return { kind: 'slice', arg: object, start, stop, span: { start: object.span?.start ?? open, end: close.end } };
  }

  /** A slice bound: a whole number as written (`1`, `-1`); a name's length is not known when the loss is read. */
  private wholeBound(node: Node, at: number): number {
    const value =
      node.kind === 'num' ? node.value : node.kind === 'neg' && node.arg.kind === 'num' ? -node.arg.value : NaN;
    if (!Number.isInteger(value))
      throw new ExprFailure('a slice bound must be a whole number, such as 1 or -1', node.span?.start ?? at, node.span);
    return value;
  }

  /** x[:, 0], x[i, j]: two subscripts index a matrix, which is read only through @ and its transpose. */
  private subscriptOfMatrix(object: Node): ExprFailure {
    const comma = this.peek();
    return new ExprFailure(
      `a subscript with two positions is read only as a column, ${printedName(object)}[:, 0]: slice rows with ${printedName(object)}[1:], or use the matrix whole`,
      comma.start,
      { start: comma.start, end: comma.end },
    );
  }

  /** Calls, attributes and indexing, which bind tightest. */
  private postfix(operand: Operand): Node {
    for (;;) {
      const t = this.peek();
      if (t.type === 'op' && t.text === '.') {
        this.pos++;
        const attr = this.next();
        if (attr.type !== 'name') throw this.unexpected(attr);
        if ('path' in operand && MODULES.has(operand.path[0])) {
          operand = { path: [...operand.path, attr.text], start: operand.start, end: attr.end };
          continue;
        }
        const object = this.resolve(operand);
        const span = { start: object.span?.start ?? attr.start, end: attr.end };
        if (attr.text === 'map' && this.peekOp('(')) {
          operand = { node: this.mapOver(object, span.start) };
        } else if (attr.text === 'reduce' && this.peekOp('(')) {
          operand = { node: this.sumOver(object, span.start, attr.start) };
        } else if (this.peekOp('(')) {
          const site = this.callSite(`.${attr.text}`, span);
          const built = buildMethod(attr.text, object, site);
          if (!built)
            throw new ExprFailure(`unknown method .${attr.text}()`, attr.start, { start: attr.start, end: attr.end });
          operand = { node: withSpan(built, site.span) };
        } else if (attr.text === 'length' || attr.text === 'size') {
          operand = { node: { kind: 'len', arg: object, span } };
        } else if (attr.text === 'shape' && this.peekOp('[')) {
          this.pos++;
          const index = this.next();
          const close = this.expect(']');
          if (index.type !== 'num' || index.value !== 0)
            throw new ExprFailure('only shape[0] of a 1-D array is supported', index.start);
          operand = { node: { kind: 'len', arg: object, span: { start: span.start, end: close.end } } };
        } else if (attr.text === 'T') {
          operand = { node: transpose(object, span) }; // a vector's .T is itself: prepare.ts drops it once shapes are known
        } else if (attr.text === 'data') {
          operand = { node: object };
        } else if (object.kind === 'name') {
          // self.sigma, this.params.margin: an attribute of a plain object is a name of its own
          operand = { node: nameNode(`${object.name}.${attr.text}`, span) };
        } else {
          throw new ExprFailure(`unknown attribute .${attr.text}`, attr.start, { start: attr.start, end: attr.end });
        }
      } else if (t.type === 'op' && t.text === '(') {
        if (!('path' in operand)) {
          if (this.syntax === 'math') return this.resolve(operand);
          throw new ExprFailure('only a function name can be called', t.start);
        }
        if (
          this.syntax === 'math' &&
          operand.path.length === 1 &&
          !KNOWN_FUNCTIONS.has(operand.path[0]) &&
          operand.path[0].length === 1
        ) {
          return this.resolve(operand); // `w(x+1)` in math is w times (x+1)
        }
        const written = operand.path.join('.');
        const site = this.callSite(written, { start: operand.start, end: operand.end });
        const base = operand.path[operand.path.length - 1];
        const built = buildCall(base, site);
        if (built) operand = { node: withSpan(built, site.span) };
        else if (operand.path.length === 1) {
          operand = {
            node: { kind: 'apply', name: base, args: site.args.map((a) => a.node ?? num(NaN)), span: site.span },
          };
        } else
          throw new ExprFailure(`unknown function ${written}`, operand.start, {
            start: operand.start,
            end: operand.end,
          });
      } else if (t.type === 'op' && t.text === '[') {
        const object = this.resolve(operand);
        this.pos++;
        const sliced = this.sliceAfterBracket(object, t.start);
        if (sliced) {
          operand = { node: sliced };
          continue;
        }
        const index = this.expression(0);
        if (this.peekOp(',')) throw this.subscriptOfMatrix(object);
        if (this.peekOp(':')) {
          operand = { node: this.sliceFrom(object, index, t.start) };
          continue;
        }
        const close = this.expect(']');
        if (index.kind === 'name' && this.elementIndices.includes(index.name)) {
          operand = { node: object }; // y[i] inside x.map((xi, i) => ...) is y, elementwise
          continue;
        }
        const value = index.kind === 'num' ? index.value : NaN;
        if (!Number.isInteger(value))
          throw new ExprFailure('an index must be a whole number', index.span?.start ?? t.start);
        operand = {
          node: {
            kind: 'index',
            arg: object,
            index: value,
            span: { start: object.span?.start ?? t.start, end: close.end },
          },
        };
      } else {
        return this.resolve(operand);
      }
    }
  }

  /**
   * JS arrays: `x.map((xi, i) => w * xi - y[i])` is the elementwise `w * x - y`. The element name is
   * replaced by the array and `y[i]` (with the index name) by `y`.
   */
  private mapOver(array: Node, start: number): Node {
    const open = this.expect('(');
    this.openParens.push(open);
    const names = this.arrowParameters('.map() needs an arrow function such as (xi) => w * xi');
    this.elementIndices.push(names[1] ?? '');
    const body = this.expression(0);
    this.elementIndices.pop();
    const close = this.expect(')', open);
    this.openParens.pop();
    return { ...replaceNames(body, new Map([[names[0], array]])), span: { start, end: close.end } };
  }

  /**
   * arr.reduce((acc, v, i) => acc + f(v, i), init) is init + sum(f(arr)): the sums JS code writes by hand.
   * Any other reducer (a product, a max, one that uses acc twice) is refused, not guessed.
   */
  private sumOver(array: Node, start: number, at: number): Node {
    const open = this.expect('(');
    this.openParens.push(open);
    const [acc, element, index] = this.arrowParameters('.reduce() needs an arrow function such as (acc, v) => acc + v');
    if (!element) throw new ExprFailure('.reduce() needs two parameters, the running total and the element', at);
    this.elementIndices.push(index ?? '');
    const body = this.expression(0);
    this.elementIndices.pop();
    const terms = body.kind === 'add' ? body.terms : [body];
    const running = terms.filter((t) => t.kind === 'name' && t.name === acc);
    const rest = terms.filter((t) => !(t.kind === 'name' && t.name === acc));
    if (running.length !== 1 || !rest.length || rest.some((t) => mentions(t, acc))) {
      throw new ExprFailure(
        `only a sum is read in .reduce(): ${acc} + (an expression of ${element})`,
        body.span?.start ?? at,
      );
    }
    if (!this.peekOp(',')) throw new ExprFailure('.reduce() needs its initial value, such as 0', this.peek().start);
    this.pos++;
    const initial = this.expression(0);
    const close = this.expect(')', open);
    this.openParens.pop();
    const summed = reduce('sum', replaceNames(rest.length === 1 ? rest[0] : add(rest), new Map([[element, array]])));
    const span = { start, end: close.end };
    return initial.kind === 'num' && initial.value === 0 ? { ...summed, span } : add([initial, summed], span);
  }

  /** The parameters of an arrow function up to and past its `=>`: `(a, i) =>`, `a =>`, `(a: number) =>`. */
  private arrowParameters(usage: string): string[] {
    const names: string[] = [];
    const parenthesized = this.peekOp('(');
    if (parenthesized) this.pos++;
    while (this.peek().type === 'name') {
      names.push(this.next().text);
      if (this.peekOp(':')) {
        // a type annotation: skip to the next parameter
        while (!this.peekOp(',') && !this.peekOp(')') && this.peek().type !== 'eof') this.pos++;
      }
      if (!this.peekOp(',')) break;
      this.pos++;
    }
    if (parenthesized) this.expect(')');
    const arrow = this.peek();
    if (!names.length || !(arrow.type === 'op' && arrow.text === '=>')) throw new ExprFailure(usage, arrow.start);
    this.pos++;
    return names;
  }

  /** A bare name or module constant (np.pi) once we know it is not called. */
  private resolve(operand: Operand): Node {
    if ('node' in operand) return operand.node;
    const span = { start: operand.start, end: operand.end };
    const last = operand.path[operand.path.length - 1];
    if (operand.path.length === 1) return nameNode(last, span);
    if (CONSTANTS[last] !== undefined) return num(CONSTANTS[last], span);
    throw new ExprFailure(`unknown name ${operand.path.join('.')}`, operand.start, span);
  }

  private callSite(written: string, calleeSpan: Span): CallSite {
    const open = this.expect('(');
    this.openParens.push(open);
    const args: Arg[] = [];
    while (!this.peekOp(')')) {
      const t = this.peek();
      if (t.type === 'eof') throw new ExprFailure('unbalanced parenthesis: this ( is never closed', open.start);
      const after = this.tokens[this.pos + 1];
      if (t.type === 'name' && after?.type === 'op' && after.text === '=') {
        this.pos += 2;
        const value = this.peek();
        if (value.type === 'str') {
          this.pos++;
          args.push({ name: t.text, node: null, text: value.text, start: t.start });
        } else args.push({ name: t.text, node: this.keywordValue(), text: null, start: t.start });
      } else if (t.type === 'str') {
        this.pos++;
        args.push({ name: null, node: null, text: t.text, start: t.start });
      } else {
        args.push({ name: null, node: this.expression(0), text: null, start: t.start });
      }
      if (!this.peekOp(',')) break;
      this.pos++;
    }
    const close = this.expect(')', open);
    this.openParens.pop();
    return { name: written, args, span: { start: calleeSpan.start, end: close.end } };
  }

  /** dtype=np.float32, requires_grad=True: kept as a name, the context reads them from the text. */
  private keywordValue(): Node {
    const t = this.peek();
    if (
      t.type === 'name' &&
      (MODULES.has(t.text) || ['True', 'False', 'None', 'true', 'false', 'null'].includes(t.text))
    ) {
      const start = t.start;
      let end = t.end;
      this.pos++;
      while (this.peekOp('.') && this.tokens[this.pos + 1]?.type === 'name') {
        end = this.tokens[this.pos + 1].end;
        this.pos += 2;
      }
      return nameNode(this.text.slice(start, end), { start, end });
    }
    return this.expression(0);
  }
}

function withSpan(node: Node, span: Span): Node {
  return copyComparison(node, { ...node, span });
}

function spanOf(first: Node, last: Node): Span {
  return { start: first.span?.start ?? 0, end: last.span?.end ?? 0 };
}

/** How a message names the sliced thing: its name, or "x" for an expression. */
function printedName(node: Node): string {
  return node.kind === 'name' ? node.name : 'x';
}
