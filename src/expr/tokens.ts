// The tokenizer shared by the three syntaxes. Each token keeps its offsets so every error can point
// at a column. Unicode math signs (·, ×, −, ÷, ², ³) become their ASCII meaning here.
import type { Syntax } from './api';
import { ExprFailure } from './errors';

export type Token =
  | { type: 'num'; value: number; text: string; start: number; end: number }
  | { type: 'name'; text: string; start: number; end: number }
  | { type: 'str'; text: string; start: number; end: number }
  | { type: 'op'; text: string; start: number; end: number }
  | { type: 'eof'; text: ''; start: number; end: number };

const OPERATORS = ['===', '!==', '**', '>=', '<=', '==', '!=', '=>', '+', '-', '*', '/', '^', '@', '(', ')', '[', ']', ',', '.', '=', '>', '<', ':', '?', ';', '{', '}', '%', '!', '&', '|'];
const UNICODE_OPS: Record<string, string> = { '·': '*', '⋅': '*', '×': '*', '−': '-', '÷': '/', '∗': '*' };
const SUPERSCRIPTS: Record<string, number> = { '²': 2, '³': 3 };
const NUMBER = /(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[\p{L}_$][\p{L}\p{Nd}_$]*/uy; // \p{Nd}: w² is w squared, not a name

export function tokenize(text: string, syntax: Syntax): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) { i++; continue; }
    if ((ch === '#' && syntax === 'python') || (text.startsWith('//', i) && syntax === 'js')) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    NUMBER.lastIndex = i;
    const numMatch = NUMBER.exec(text);
    if (numMatch) {
      const raw = numMatch[0];
      tokens.push({ type: 'num', value: Number(raw.replace(/_/g, '')), text: raw, start: i, end: i + raw.length });
      i += raw.length;
      continue;
    }
    NAME.lastIndex = i;
    const nameMatch = NAME.exec(text);
    if (nameMatch) {
      tokens.push({ type: 'name', text: nameMatch[0], start: i, end: i + nameMatch[0].length });
      i += nameMatch[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const close = text.indexOf(ch, i + 1);
      if (close < 0) throw new ExprFailure('unterminated string', i);
      tokens.push({ type: 'str', text: text.slice(i + 1, close), start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (UNICODE_OPS[ch]) { tokens.push({ type: 'op', text: UNICODE_OPS[ch], start: i, end: i + 1 }); i++; continue; }
    if (SUPERSCRIPTS[ch] !== undefined) {
      tokens.push({ type: 'op', text: '^', start: i, end: i });
      tokens.push({ type: 'num', value: SUPERSCRIPTS[ch], text: ch, start: i, end: i + 1 });
      i++;
      continue;
    }
    const op = OPERATORS.find((candidate) => text.startsWith(candidate, i));
    if (!op) throw new ExprFailure(`unexpected character '${ch}'`, i);
    tokens.push({ type: 'op', text: op, start: i, end: i + op.length });
    i += op.length;
  }
  tokens.push({ type: 'eof', text: '', start: text.length, end: text.length });
  return tokens;
}
