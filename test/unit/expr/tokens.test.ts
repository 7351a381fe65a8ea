import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Syntax } from '../../../src/expr';
import { ExprFailure } from '../../../src/expr/tree/errors';
import { tokenize, type Token } from '../../../src/expr/syntax/tokens';

/**
 * The tokenizer's rules as plain regular expressions, one per token class, tried in order at every
 * position. tokenize() reaches the same tokens through character-code fast paths; this is what it must
 * agree with on any input.
 */
function referenceTokens(text: string, syntax: Syntax): Token[] | string {
  const operators = [
    '===',
    '!==',
    '**',
    '>=',
    '<=',
    '==',
    '!=',
    '=>',
    '+',
    '-',
    '*',
    '/',
    '^',
    '@',
    '(',
    ')',
    '[',
    ']',
    ',',
    '.',
    '=',
    '>',
    '<',
    ':',
    '?',
    ';',
    '{',
    '}',
    '%',
    '!',
    '&',
    '|',
  ];
  const unicodeOps: Record<string, string> = { '·': '*', '⋅': '*', '×': '*', '−': '-', '÷': '/', '∗': '*' };
  const superscripts: Record<string, number> = { '²': 2, '³': 3 };
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ch = text[i];
    if (/^\s/.test(rest)) {
      i++;
      continue;
    }
    if ((ch === '#' && syntax === 'python') || (rest.startsWith('//') && syntax === 'js')) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const number = /^(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
    if (number) {
      tokens.push({
        type: 'num',
        value: Number(number[0].replace(/_/g, '')),
        text: number[0],
        start: i,
        end: i + number[0].length,
      });
      i += number[0].length;
      continue;
    }
    const name = /^[\p{L}_$][\p{L}\p{Nd}_$]*/u.exec(rest);
    if (name) {
      tokens.push({ type: 'name', text: name[0], start: i, end: i + name[0].length });
      i += name[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const close = text.indexOf(ch, i + 1);
      if (close < 0) return `unterminated string at ${i}`;
      tokens.push({ type: 'str', text: text.slice(i + 1, close), start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (unicodeOps[ch]) {
      tokens.push({ type: 'op', text: unicodeOps[ch], start: i, end: i + 1 });
      i++;
      continue;
    }
    if (superscripts[ch] !== undefined) {
      tokens.push({ type: 'op', text: '^', start: i, end: i });
      tokens.push({ type: 'num', value: superscripts[ch], text: ch, start: i, end: i + 1 });
      i++;
      continue;
    }
    const op = operators.find((candidate) => rest.startsWith(candidate));
    if (!op) return `unexpected character '${ch}' at ${i}`;
    tokens.push({ type: 'op', text: op, start: i, end: i + op.length });
    i += op.length;
  }
  tokens.push({ type: 'eof', text: '', start: text.length, end: text.length });
  return tokens;
}

function tokensOrError(text: string, syntax: Syntax): Token[] | string {
  try {
    return tokenize(text, syntax);
  } catch (err) {
    if (err instanceof ExprFailure) return `${err.message} at ${err.offset}`;
    throw err;
  }
}

describe('the tokenizer', () => {
  // letters, digits, every operator character, Unicode letters, signs and spaces, quotes and comments
  const alphabet = [
    'w',
    'x',
    'X',
    'y_',
    '$',
    'e',
    'E',
    '0',
    '1',
    '9',
    '_',
    '.',
    ' ',
    '\t',
    '\n',
    '\u00a0',
    '\u2003',
    '*',
    '**',
    '+',
    '-',
    '/',
    '^',
    '@',
    '(',
    ')',
    '[',
    ']',
    ',',
    '=',
    '==',
    '!',
    '<',
    '>',
    ':',
    '#',
    '//',
    '"',
    "'",
    'α',
    'θ',
    'é',
    '²',
    '³',
    '·',
    '×',
    '−',
    '÷',
    'σ',
    '٣',
    '€',
    '\\',
  ];
  const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }).map((parts) => parts.join(''));
  const syntax = fc.constantFrom<Syntax>('python', 'js', 'math');

  it('gives the tokens of the plain regular-expression rules on any input, errors included', () => {
    fc.assert(
      fc.property(text, syntax, (t, s) => {
        assert.deepEqual(tokensOrError(t, s), referenceTokens(t, s));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads names with Unicode letters after ASCII ones, and w² as w squared', () => {
    assert.deepEqual(
      tokenize('wα + w²', 'math').map((t) => t.text),
      ['wα', '+', 'w', '^', '²', ''],
    );
  });

  it('reads numbers with underscores, exponents and a leading point', () => {
    assert.deepEqual(
      tokenize('1_000 + .5e-3 + 2.', 'python')
        .filter((t) => t.type === 'num')
        .map((t) => t.type === 'num' && t.value),
      [1000, 0.0005, 2],
    );
  });
});
