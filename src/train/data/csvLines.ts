// One line of CSV at a time, as both readers use it (csvReader.ts streams, csv.ts parses a whole text): a
// line split into cells honouring quotes, the header checked, a cell read as a number. Every error names its
// line and column (1-based, as editors count).
import type { UserError } from '../../common/result';

/** A CSV error always says where: line and column, 1-based. */
export interface CsvError extends UserError {
  line: number;
  column: number;
}

export interface Cell {
  text: string;
  column: number;
}

// Plain decimal numbers as numpy.loadtxt / pandas write them; no hex, no 'NaN', no 'Infinity'.
export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export class CsvFailure extends Error {
  constructor(readonly error: CsvError) {
    super(error.message);
  }
}

export function fail(message: string, line: number, column: number): never {
  throw new CsvFailure({ message, line, column });
}

/** Splits one line into cells, honouring double quotes ("a,b" and "" for a quote). */
export function splitLine(text: string, line: number): Cell[] {
  const cells: Cell[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    const column = i + 1; // the cell's first visible character, or where it would be when empty
    let value = '';
    if (text[i] === '"') {
      for (i++; ;) {
        if (i >= text.length) fail('unterminated quoted cell', line, column);
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        if (text[i] === '"') {
          i++;
          break;
        }
        value += text[i++];
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < text.length && text[i] !== ',') fail('unexpected text after a quoted cell', line, i + 1);
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      value = text.slice(i, end).trim();
      i = end;
    }
    cells.push({ text: value, column });
    if (i >= text.length) return cells;
    i++; // the comma
  }
}

export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** A one-column header that holds ';' or a tab was written with another separator (Excel in many locales uses ';'). */
export function refuseOtherSeparator(header: string, line: number): void {
  const at = header.search(/[;\t]/);
  if (at < 0) return;
  const separator = header[at] === ';' ? "';'" : 'tabs';
  fail(`this file seems to use ${separator} as separator; autograd-lab reads comma-separated values`, line, at + 1);
}

export function readHeader(cells: Cell[], target: string): { targetIndex: number; names: string[] } {
  const names = cells.map((c) => c.text);
  names.forEach((name, k) => {
    if (name === '') fail(`column ${k + 1} of the header has no name`, 1, cells[k].column);
    const first = names.indexOf(name);
    if (first !== k) fail(`duplicate column name "${name}" (also column ${first + 1})`, 1, cells[k].column);
  });
  const targetIndex = names.indexOf(target);
  if (targetIndex < 0) {
    fail(`no column named "${target}"; the columns are ${names.join(', ')}`, 1, 1);
  }
  if (names.length < 2) fail(`the file needs at least one feature column besides the target "${target}"`, 1, 1);
  return { targetIndex, names };
}

/** A cell's number, or the error that says why it is not one, at its line and column. */
export function cellValue(cell: Cell, name: string, line: number): number {
  if (cell.text === '') fail(`empty cell in column "${name}"`, line, cell.column);
  if (!NUMBER.test(cell.text)) fail(`"${cell.text}" is not a number (column "${name}")`, line, cell.column);
  const value = Number(cell.text);
  if (!Number.isFinite(value)) {
    fail(
      `"${cell.text}" overflows to ${value > 0 ? '' : '-'}infinity (column "${name}"; the largest number is about 1.8e308)`,
      line,
      cell.column,
    );
  }
  return value;
}
