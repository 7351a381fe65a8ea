// A notebook cell's definitions usually live in earlier cells: the hover reads the code cells up to the
// hovered one as one text, and names lines back as `cell 2, line 3`.

interface CellText {
  /** The cell's index in the notebook (0-based). */
  index: number;
  text: string;
}

interface JoinedCells {
  text: string;
  /** Offset of the hovered cell's first character in `text`. */
  base: number;
  /** A 1-based line of `text` named in the notebook's terms. */
  lineLabel(line: number): string;
}

/** Joins `cells` (in notebook order, ending with the hovered one) with newlines. */
export function joinCells(cells: CellText[]): JoinedCells {
  const starts: Array<{ line: number; index: number }> = [];
  let line = 1;
  let text = '';
  let base = 0;
  cells.forEach((cell, i) => {
    if (i > 0) text += '\n';
    base = text.length;
    starts.push({ line, index: cell.index });
    text += cell.text;
    line += cell.text.split('\n').length;
  });
  return {
    text,
    base,
    lineLabel(target: number) {
      let owner = starts[0];
      for (const start of starts) if (start.line <= target) owner = start;
      return owner ? `cell ${owner.index + 1}, line ${target - owner.line + 1}` : `line ${target}`;
    },
  };
}
