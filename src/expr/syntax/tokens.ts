// The tokenizer shared by the three syntaxes. Each token keeps its offsets so every error can point
// at a column. Unicode math signs (·, ×, −, ÷, ², ³) become their ASCII meaning here.
import type { Syntax } from '../types';
import { ExprFailure } from '../tree/errors';

export type Token =
  | { type: 'num'; value: number; text: string; start: number; end: number }
  | { type: 'name'; text: string; start: number; end: number }
  | { type: 'str'; text: string; start: number; end: number }
  | { type: 'op'; text: string; start: number; end: number }
  | { type: 'eof'; text: ''; start: number; end: number };

/** Longest first within each leading character, so `**` wins over `*` and `===` over `==`. */
const OPERATORS = [
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
/** The operators by their first character: one lookup per operator instead of a scan of the list. */
const OPERATORS_BY_FIRST = new Map<string, string[]>();
for (const op of OPERATORS) OPERATORS_BY_FIRST.set(op[0], [...(OPERATORS_BY_FIRST.get(op[0]) ?? []), op]);
const UNICODE_OPS: Record<string, string> = { '·': '*', '⋅': '*', '×': '*', '−': '-', '÷': '/', '∗': '*' };
const SUPERSCRIPTS: Record<string, number> = { '²': 2, '³': 3 };
const NUMBER = /(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[\p{L}_$][\p{L}\p{Nd}_$]*/uy; // \p{Nd}: w² is w squared, not a name

// Character classes by code, so the common ASCII cases need no regular expression (a 10,000-character
// loss is tokenized on every hover): the regular expressions above decide everything else.
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36; // a-z A-Z _ $
const isAsciiSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 11 || c === 12;

/** Where an ASCII name starting at `i` ends, or -1 when a non-ASCII character needs the Unicode pattern. */
function asciiNameEnd(text: string, i: number): number {
  let j = i + 1;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (isAsciiLetter(c) || isDigit(c)) continue;
    return c < 128 ? j : -1;
  }
  return j;
}

export function tokenize(text: string, syntax: Syntax): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const ch = text[i];
    if (isAsciiSpace(code) || (code > 127 && /\s/.test(ch))) {
      i++;
      continue;
    }
    if ((ch === '#' && syntax === 'python') || (text.startsWith('//', i) && syntax === 'js')) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (isDigit(code) || (ch === '.' && isDigit(text.charCodeAt(i + 1)))) {
      NUMBER.lastIndex = i;
      const raw = (NUMBER.exec(text) as RegExpExecArray)[0];
      tokens.push({
        type: 'num',
        value: Number(raw.includes('_') ? raw.replace(/_/g, '') : raw),
        text: raw,
        start: i,
        end: i + raw.length,
      });
      i += raw.length;
      continue;
    }
    const asciiEnd = isAsciiLetter(code) ? asciiNameEnd(text, i) : -1;
    if (asciiEnd > 0) {
      tokens.push({ type: 'name', text: text.slice(i, asciiEnd), start: i, end: asciiEnd });
      i = asciiEnd;
      continue;
    }
    if (code > 127 || isAsciiLetter(code)) {
      NAME.lastIndex = i;
      const nameMatch = NAME.exec(text);
      if (nameMatch) {
        tokens.push({ type: 'name', text: nameMatch[0], start: i, end: i + nameMatch[0].length });
        i += nameMatch[0].length;
        continue;
      }
    }
    if (ch === '"' || ch === "'") {
      const close = text.indexOf(ch, i + 1);
      if (close < 0) throw new ExprFailure('unterminated string', i);
      tokens.push({ type: 'str', text: text.slice(i + 1, close), start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (UNICODE_OPS[ch]) {
      tokens.push({ type: 'op', text: UNICODE_OPS[ch], start: i, end: i + 1 });
      i++;
      continue;
    }
    if (SUPERSCRIPTS[ch] !== undefined) {
      tokens.push({ type: 'op', text: '^', start: i, end: i });
      tokens.push({ type: 'num', value: SUPERSCRIPTS[ch], text: ch, start: i, end: i + 1 });
      i++;
      continue;
    }
    const op = OPERATORS_BY_FIRST.get(ch)?.find((candidate) => candidate.length === 1 || text.startsWith(candidate, i));
    if (!op) throw new ExprFailure(`unexpected character '${ch}'`, i);
    tokens.push({ type: 'op', text: op, start: i, end: i + op.length });
    i += op.length;
  }
  tokens.push({ type: 'eof', text: '', start: text.length, end: text.length });
  return tokens;
}
