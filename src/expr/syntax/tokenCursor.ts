// The parser's position in the token list, and the errors that say what was expected where: an
// unbalanced parenthesis points at the ( never closed, an early end at the end.
import type { Syntax } from '../types';
import { ExprFailure } from '../tree/errors';
import type { Token } from './tokens';

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
    if (op === ')' && opener) {
      if (t.type === 'eof') throw new ExprFailure('unbalanced parenthesis: this ( is never closed', opener.start);
      throw new ExprFailure(`expected ')' to close the ( at column ${opener.start + 1}, found '${t.text}'`, t.start);
    }
    throw t.type === 'eof' ? new ExprFailure(`expected '${op}' at the end`, t.start) : this.unexpected(t);
  }

  protected unexpected(t: Token): ExprFailure {
    const open = this.openParens[this.openParens.length - 1];
    if (t.type === 'eof' && open) return new ExprFailure('unbalanced parenthesis: this ( is never closed', open.start);
    if (t.type === 'eof') return new ExprFailure('unexpected end of expression', t.start);
    if (t.type === 'op' && t.text === ')')
      return new ExprFailure("unbalanced parenthesis: ')' without a matching '('", t.start);
    if (t.type === 'op' && t.text === '=')
      return new ExprFailure('an assignment is not an expression: select its right-hand side', t.start);
    if (t.type === 'op' && t.text === '^' && this.syntax !== 'math')
      return new ExprFailure("'^' is XOR here: write ** for a power", t.start);
    return new ExprFailure(`unexpected '${t.text}'`, t.start);
  }
}
