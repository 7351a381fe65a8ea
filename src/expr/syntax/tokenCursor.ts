// The parser's position in the token list, and the errors that say what was expected where: an
// unbalanced parenthesis points at the ( never closed, an early end at the end.
import type { Syntax } from '../types';
import { ExprFailure } from '../tree/errors';
import type { Token } from './tokens';

/**
 * Words of Python or JS that no expression here may use as a name. In math syntax two names side by side
 * multiply, so without this `w if w > 0 else -w` would be read as a product of w, if, w, ...
 */
const KEYWORD_MEANING: Record<string, string> = {
  if: 'a conditional expression is written a if c else b',
  else: "'else' without its 'if': a conditional expression is written a if c else b",
  and: 'logical operators (and, or, not) are not read',
  or: 'logical operators (and, or, not) are not read',
  not: 'logical operators (and, or, not) are not read',
  in: 'membership (in) is not read',
  is: 'identity (is) is not read',
  for: 'a comprehension or loop is not read: write the sum or mean of the array itself',
  lambda: 'a lambda is not read here: select the expression it returns',
  None: 'None is not a number',
  True: 'True and False are not read as numbers here',
  False: 'True and False are not read as numbers here',
  new: 'a constructor call (new ...) is not read',
  typeof: 'typeof is not read',
  function: 'a function is not an expression here: select the expression it returns',
};

/** The refusal for a keyword met where a value belongs, or null for an ordinary name. */
export function keywordRefusal(t: Token): ExprFailure | null {
  if (t.type !== 'name' || !Object.hasOwn(KEYWORD_MEANING, t.text)) return null;
  return new ExprFailure(`'${t.text}': ${KEYWORD_MEANING[t.text]}`, t.start);
}

export class TokenCursor {
  protected pos = 0;
  /** The ( still open, so an early end of input can point at the one never closed. */
  protected readonly openParens: Token[] = [];

  constructor(
    protected readonly tokens: Token[],
    protected readonly syntax: Syntax,
  ) {}

  protected peek(): Token {
    return this.tokens[this.pos];
  }
  protected next(): Token {
    return this.tokens[this.pos++];
  }
  protected peekOp(op: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.text === op;
  }

  protected expect(op: string, opener?: Token): Token {
    const t = this.peek();
    if (t.type === 'op' && t.text === op) return this.next();
    const foreign = this.foreignConditional(t);
    if (foreign) throw foreign;
    if (op === ')' && opener) {
      if (t.type === 'eof') throw new ExprFailure('unbalanced parenthesis: this ( is never closed', opener.start);
      throw new ExprFailure(`expected ')' to close the ( at column ${opener.start + 1}, found '${t.text}'`, t.start);
    }
    throw t.type === 'eof' ? new ExprFailure(`expected '${op}' at the end`, t.start) : this.unexpected(t);
  }

  /** Another language's conditional (`?` in Python, `if` in JS): say how this one writes it. */
  protected foreignConditional(t: Token): ExprFailure | null {
    const word = t.type === 'name' && t.text === 'if' && this.syntax !== 'python';
    const mark = t.type === 'op' && t.text === '?' && this.syntax !== 'js';
    if (!word && !mark) return null;
    const here =
      this.syntax === 'math'
        ? 'here a conditional is written where(c, a, b)'
        : this.syntax === 'js'
          ? 'in JavaScript write c ? a : b'
          : 'in Python write a if c else b';
    const what = word ? "a if c else b is Python's conditional" : "c ? a : b is JavaScript's conditional";
    return new ExprFailure(`'${t.text}': ${what}; ${here}`, t.start);
  }

  protected unexpected(t: Token): ExprFailure {
    const open = this.openParens[this.openParens.length - 1];
    if (t.type === 'eof' && open) return new ExprFailure('unbalanced parenthesis: this ( is never closed', open.start);
    if (t.type === 'eof') return new ExprFailure('unexpected end of expression', t.start);
    const foreign = this.foreignConditional(t);
    if (foreign) return foreign;
    const keyword = keywordRefusal(t);
    if (keyword) return keyword;
    if (t.type === 'op' && t.text === ')')
      return new ExprFailure("unbalanced parenthesis: ')' without a matching '('", t.start);
    if (t.type === 'op' && t.text === '=')
      return new ExprFailure('an assignment is not an expression: select its right-hand side', t.start);
    if (t.type === 'op' && t.text === '^' && this.syntax !== 'math')
      return new ExprFailure("'^' is XOR here: write ** for a power", t.start);
    return new ExprFailure(`unexpected '${t.text}'`, t.start);
  }
}
