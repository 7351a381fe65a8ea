// CSV data for training: a header row, then numeric rows. Every error names its line and column
// (1-based, as editors count) so the CLI can print `file.csv:3:7: ...` and the panel can point at it.
import { failure, ok, type Result, type UserError } from '../../common/result';
import type { Dataset } from '../types';

/** Larger files are refused before reading (the CLI checks the size first; parseCsv checks the text). */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

/** A CSV error always says where: line and column, 1-based. */
export interface CsvError extends UserError {
  line: number;
  column: number;
}

interface Cell {
  text: string;
  column: number;
}

// Plain decimal numbers as numpy.loadtxt / pandas write them; no hex, no 'NaN', no 'Infinity'.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

class CsvFailure extends Error {
  constructor(readonly error: CsvError) {
    super(error.message);
  }
}

function fail(message: string, line: number, column: number): never {
  throw new CsvFailure({ message, line, column });
}

/** Splits one line into cells, honouring double quotes ("a,b" and "" for a quote). */
function splitLine(text: string, line: number): Cell[] {
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

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** A one-column header that holds ';' or a tab was written with another separator (Excel in many locales uses ';'). */
function refuseOtherSeparator(header: string, line: number): void {
  const at = header.search(/[;\t]/);
  if (at < 0) return;
  const separator = header[at] === ';' ? "';'" : 'tabs';
  fail(`this file seems to use ${separator} as separator; autograd-lab reads comma-separated values`, line, at + 1);
}

function readHeader(cells: Cell[], target: string): { targetIndex: number; names: string[] } {
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

function parseOrThrow(text: string, target: string): Dataset {
  if (text.length > MAX_CSV_BYTES) {
    fail(`the file is larger than the ${MAX_CSV_BYTES / 1024 / 1024} MB limit`, 1, 1);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) fail('the file is empty: expected a header row such as x,y', 1, 1);
  const headerCells = splitLine(lines[headerIndex], headerIndex + 1);
  if (headerCells.length === 1) refuseOtherSeparator(lines[headerIndex], headerIndex + 1);
  const { targetIndex, names } = readHeader(headerCells, target);
  const width = names.length;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = headerIndex + 1; k < lines.length; k++) {
    if (lines[k].trim() === '') continue; // blank lines are skipped, as pandas does
    const line = k + 1;
    const cells = splitLine(lines[k], line);
    if (cells.length !== width) {
      const column = cells.length > width ? cells[width].column : lines[k].length + 1;
      fail(`row has ${count(cells.length, 'cell')} but the header has ${width}`, line, column);
    }
    cells.forEach((cell, c) => {
      if (cell.text === '') fail(`empty cell in column "${names[c]}"`, line, cell.column);
      if (!NUMBER.test(cell.text)) fail(`"${cell.text}" is not a number (column "${names[c]}")`, line, cell.column);
      const value = Number(cell.text);
      if (!Number.isFinite(value)) {
        fail(
          `"${cell.text}" overflows to ${value > 0 ? '' : '-'}infinity (column "${names[c]}"; the largest number is about 1.8e308)`,
          line,
          cell.column,
        );
      }
      if (c === targetIndex) ys.push(value);
      else xs.push(value);
    });
  }
  if (ys.length === 0) fail('the file has a header but no data rows', headerIndex + 2, 1);
  return {
    n: ys.length,
    d: width - 1,
    x: Float64Array.from(xs),
    y: Float64Array.from(ys),
    featureNames: names.filter((_, c) => c !== targetIndex),
    targetName: target,
  };
}

/** Parses CSV text into a data set whose target is the column named `target`; every other column is a feature. */
export function parseCsv(text: string, target: string): Result<Dataset, CsvError> {
  try {
    return ok(parseOrThrow(text, target));
  } catch (e) {
    if (e instanceof CsvFailure) return failure(e.error);
    throw e;
  }
}
