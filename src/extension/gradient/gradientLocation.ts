// Where a hand-written gradient and the loss it should match sit in a document. Pure: src/expr's
// findLossStatement is passed in, so the search is unit-tested without the engine.
import type { GradientDefinition, Span } from '../../expr';

export type FindLossStatement = (documentText: string, offset: number) => { text: string; span: Span } | null;

/** Offsets where each line's code starts (its first non-blank character), with 1-based line numbers. */
function codeStarts(text: string): Array<{ line: number; offset: number }> {
  const starts: Array<{ line: number; offset: number }> = [];
  let offset = 0;
  text.split('\n').forEach((line, i) => {
    const indent = line.search(/\S/);
    if (indent >= 0) starts.push({ line: i + 1, offset: offset + indent });
    offset += line.length + 1;
  });
  return starts;
}

export function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}

/** The gradient's expression in the document (searched from its definition's line), or null. */
export function locateExpression(text: string, definition: GradientDefinition): Span | null {
  const from = lineOffset(text, definition.line);
  const at = text.indexOf(definition.expression, from);
  return at < 0 ? null : { start: at, end: at + definition.expression.length };
}

/** Where `name` is defined (Python def or assignment, JS function/const/let/var), or -1. */
function definitionOffset(text: string, name: string): number {
  const escaped = name.replace(/[$]/g, '\\$');
  const pattern = new RegExp(
    `(?:\\bdef\\s+|\\bfunction\\s+|\\b(?:const|let|var)\\s+|^[ \\t]*)${escaped}\\b(?=\\s*[(=:])`,
    'm',
  );
  const match = pattern.exec(text);
  return match ? match.index : -1;
}

/**
 * The loss statement the gradient should match: the first one inside the function `lossName` when the
 * definition names it, else the first loss statement of the file outside the gradient itself.
 */
export function findLossFor(
  text: string,
  definition: GradientDefinition,
  findLossStatement: FindLossStatement,
): { text: string; span: Span } | null {
  const gradient = locateExpression(text, definition);
  const gradientStart = lineOffset(text, definition.line);
  const gradientEnd = gradient ? gradient.end : gradientStart;
  const outsideGradient = (span: Span) => span.end <= gradientStart || span.start >= gradientEnd;
  const preferredFrom = definition.lossName ? definitionOffset(text, definition.lossName) : -1;
  let fallback: { text: string; span: Span } | null = null;
  for (const { offset } of codeStarts(text)) {
    if (offset >= gradientStart && offset < gradientEnd) continue;
    const statement = findLossStatement(text, offset);
    if (!statement || !outsideGradient(statement.span)) continue;
    if (preferredFrom < 0 || statement.span.start >= preferredFrom) return statement;
    fallback ??= statement;
  }
  return fallback;
}

/** The file's first loss statement, for commands that act on "the loss" of a file. */
export function firstLossStatement(
  text: string,
  findLossStatement: FindLossStatement,
): { text: string; span: Span } | null {
  for (const { offset } of codeStarts(text)) {
    const statement = findLossStatement(text, offset);
    if (statement) return statement;
  }
  return null;
}
