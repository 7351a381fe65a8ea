// What a hover is about: the selected text, trimmed to the expression a person meant, with its offsets
// in the document, so errors and highlights land on the right characters.

interface TextSlice {
  text: string;
  /** Offsets in the document: text === documentText.slice(start, end). */
  start: number;
  end: number;
}

/** Pairs that may wrap an expression in prose or markdown: `loss`, $x^2$, $$x^2$$. */
const WRAPPERS: Array<[string, string]> = [
  ['$$', '$$'],
  ['$', '$'],
  ['``', '``'],
  ['`', '`'],
];

/**
 * The expression inside a selection [selStart, selEnd) when `hoverOffset` lies in it, else null.
 * Surrounding whitespace, a statement's trailing `;`, and markdown/math delimiters are dropped.
 */
export function selectedExpression(
  documentText: string,
  selStart: number,
  selEnd: number,
  hoverOffset: number,
): TextSlice | null {
  if (selEnd <= selStart || hoverOffset < selStart || hoverOffset > selEnd) return null;
  return trimExpression({ text: documentText.slice(selStart, selEnd), start: selStart, end: selEnd });
}

export function trimExpression(slice: TextSlice): TextSlice | null {
  let { start, end } = slice;
  const text = slice.text;
  let from = 0;
  let to = text.length;
  const skipSpace = () => {
    while (from < to && /\s/.test(text[from])) from++;
    while (to > from && /\s/.test(text[to - 1])) to--;
  };
  skipSpace();
  if (to > from && text[to - 1] === ';') {
    to--;
    skipSpace();
  }
  for (const [open, close] of WRAPPERS) {
    if (to - from > open.length + close.length && text.startsWith(open, from) && text.endsWith(close, to)) {
      from += open.length;
      to -= close.length;
      skipSpace();
      break;
    }
  }
  if (to <= from) return null;
  start += from;
  end = slice.start + to;
  return { text: text.slice(from, to), start, end };
}

/** 1-based line and column of a document offset. */
export function lineColumn(documentText: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < documentText.length; i++) {
    if (documentText[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
