// CSV read in chunks as they arrive (a Node stream in the CLI, one string in the panel's worker): lines are
// cut at '\n' (a '\r' before it dropped), so a chunk may end anywhere, inside a number, a quoted cell or a
// CRLF. Values go straight into growing typed arrays of the run's dtype, no object per row, so 1e7 rows of
// float32 take about their own 16 bytes each. Errors are csvLines.ts's, at the same line and column.
import { failure, ok, type Result } from '../../common/result';
import type { Dataset, DType } from '../types';
import {
  CsvFailure,
  cellValue,
  count,
  fail,
  readHeader,
  refuseOtherSeparator,
  splitLine,
  type CsvError,
} from './csvLines';

/** Exact powers of ten: a mantissa below 2^53 times or over one of them is rounded once, so exactly as Number() rounds. */
const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MANTISSA_LIMIT = 2 ** 53 / 10 - 1;

/** What scanNumber read: the value when it is exact, else the cell is read by Number(). */
const scanned = { value: 0, exact: false };

/**
 * A cell of text[pos, end) up to the next comma, read as csvLines.ts NUMBER (with spaces and tabs around it):
 * the index of the comma or `end`, or -1 when the cell is anything else (the slow path then says what).
 */
function scanNumber(text: string, pos: number, end: number): number {
  let ch = text.charCodeAt(pos);
  while (pos < end && (ch === 32 || ch === 9)) ch = text.charCodeAt(++pos);
  const negative = ch === 45;
  if (pos < end && (ch === 45 || ch === 43)) ch = text.charCodeAt(++pos);
  let mantissa = 0;
  let power = 0;
  let digits = 0;
  let exact = true;
  while (pos < end && ch >= 48 && ch <= 57) {
    if (mantissa < MANTISSA_LIMIT) mantissa = mantissa * 10 + (ch - 48);
    else {
      exact = false; // more digits than a double holds: Number() reads the cell
      power++;
    }
    digits++;
    ch = text.charCodeAt(++pos);
  }
  if (pos < end && ch === 46) {
    ch = text.charCodeAt(++pos);
    while (pos < end && ch >= 48 && ch <= 57) {
      if (mantissa < MANTISSA_LIMIT) {
        mantissa = mantissa * 10 + (ch - 48);
        power--;
      } else exact = false;
      digits++;
      ch = text.charCodeAt(++pos);
    }
  }
  if (digits === 0) return -1;
  if (pos < end && (ch === 101 || ch === 69)) {
    ch = text.charCodeAt(++pos);
    const below = ch === 45;
    if (pos < end && (ch === 45 || ch === 43)) ch = text.charCodeAt(++pos);
    let exponent = 0;
    let expDigits = 0;
    while (pos < end && ch >= 48 && ch <= 57) {
      if (exponent < 100_000) exponent = exponent * 10 + (ch - 48);
      expDigits++;
      ch = text.charCodeAt(++pos);
    }
    if (expDigits === 0) return -1;
    power += below ? -exponent : exponent;
  }
  while (pos < end && (ch === 32 || ch === 9)) ch = text.charCodeAt(++pos);
  if (pos < end && ch !== 44) return -1;
  scanned.exact = exact && power >= -22 && power <= 22;
  if (scanned.exact) {
    const magnitude = power >= 0 ? mantissa * POWERS[power] : mantissa / POWERS[-power];
    scanned.value = negative ? -magnitude : magnitude;
  }
  return pos;
}
/** Rows read before the buffers are sized from the bytes per row so far and the file's size. */
const SAMPLE_ROWS = 1024;

type Values = Float32Array | Float64Array;

/** A typed array that grows as values are appended, then is cut to its length. */
class GrowingArray {
  private values: Values;
  length = 0;

  constructor(
    private readonly dtype: DType,
    capacity: number,
  ) {
    this.values = this.allocate(capacity);
  }

  private allocate(capacity: number): Values {
    return this.dtype === 'float32' ? new Float32Array(capacity) : new Float64Array(capacity);
  }

  reserve(capacity: number): void {
    if (capacity <= this.values.length) return;
    const grown = this.allocate(capacity);
    grown.set(this.values.subarray(0, this.length));
    this.values = grown;
  }

  push(value: number): void {
    if (this.length === this.values.length) this.reserve(Math.max(16, Math.ceil(this.values.length * 1.5)));
    this.values[this.length++] = value;
  }

  /** The values: a view when little room is left over (no copy of a large file's data), else a trimmed copy. */
  finish(): Values {
    const used = this.values.subarray(0, this.length);
    return this.values.length - this.length <= this.length / 8 ? used : used.slice();
  }
}

export interface CsvReaderOptions {
  /** The column to predict; every other column is a feature. */
  target: string;
  /** The typed arrays' precision: the run's dtype, so a float32 run keeps one float32 copy of its data. */
  dtype: DType;
  /** The file's size in bytes, if known: after a sample of rows the buffers are sized for the whole file. */
  sizeHint?: number;
}

export class CsvReader {
  private pending = '';
  private line = 0;
  private started = false;
  private header: { targetIndex: number; names: string[]; line: number } | null = null;
  private readonly x: GrowingArray;
  private readonly y: GrowingArray;
  private rows = 0;
  private charsRead = 0;
  private error: CsvError | null = null;

  constructor(private readonly options: CsvReaderOptions) {
    this.x = new GrowingArray(options.dtype, 1024);
    this.y = new GrowingArray(options.dtype, 256);
  }

  /** Reads a chunk; an error (its line and column) ends the reading. */
  push(chunk: string): Result<void, CsvError> {
    return this.guard(() => {
      let text = this.pending + chunk;
      if (!this.started && text.length > 0) {
        this.started = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        this.readLine(text, start, end);
        start = nl + 1;
      }
      this.charsRead += start;
      this.pending = text.slice(start);
    });
  }

  /** The last line (with no newline after it), and the data set. */
  finish(): Result<Dataset, CsvError> {
    return this.guard(() => {
      this.readLine(this.pending, 0, this.pending.length);
      this.pending = '';
      if (!this.header) fail('the file is empty: expected a header row such as x,y', 1, 1);
      if (this.rows === 0) fail('the file has a header but no data rows', this.header.line + 1, 1);
      return {
        n: this.rows,
        d: this.header.names.length - 1,
        x: this.x.finish(),
        y: this.y.finish(),
        featureNames: this.header.names.filter((_, c) => c !== this.header?.targetIndex),
        targetName: this.options.target,
      };
    });
  }

  private guard<T>(read: () => T): Result<T, CsvError> {
    if (this.error) return failure(this.error);
    try {
      return ok(read());
    } catch (e) {
      if (!(e instanceof CsvFailure)) throw e;
      this.error = e.error;
      return failure(e.error);
    }
  }

  private readLine(text: string, start: number, end: number): void {
    const line = ++this.line;
    const first = text.charCodeAt(start);
    // blank lines are skipped, as pandas does (the slice only for a line that starts with white space)
    if (start === end || ((first <= 32 || first >= 0xa0) && text.slice(start, end).trim() === '')) return;
    if (!this.header) return this.readHeaderLine(text.slice(start, end), line);
    if (!this.readFast(text, start, end)) this.readSlow(text.slice(start, end), line);
    if (++this.rows === SAMPLE_ROWS) this.sizeFromSample(start);
  }

  private readHeaderLine(text: string, line: number): void {
    const cells = splitLine(text, line);
    if (cells.length === 1) refuseOtherSeparator(text, line);
    this.header = { ...readHeader(cells, this.options.target), line };
  }

  /** A row of plain numbers, without a quote: read in place. False (nothing stored) when anything is unusual. */
  private readFast(text: string, start: number, end: number): boolean {
    const header = this.header as NonNullable<CsvReader['header']>;
    const width = header.names.length;
    const rowX = this.x.length;
    let target = NaN;
    let pos = start;
    for (let c = 0; c < width; c++) {
      const cellEnd = scanNumber(text, pos, end);
      if (cellEnd < 0) return this.undo(rowX);
      const value = scanned.exact ? scanned.value : Number(text.slice(pos, cellEnd));
      if (!Number.isFinite(value)) return this.undo(rowX);
      if (c === header.targetIndex) target = value;
      else this.x.push(value);
      if (cellEnd === end) {
        if (c !== width - 1) return this.undo(rowX);
        this.y.push(target);
        return true;
      }
      pos = cellEnd + 1; // past the comma
    }
    return this.undo(rowX); // more cells than the header
  }

  private undo(rowX: number): false {
    this.x.length = rowX;
    return false;
  }

  /** Any other row: the cells as csvLines.ts splits them, each error said at its column. */
  private readSlow(text: string, line: number): void {
    const { names, targetIndex } = this.header as NonNullable<CsvReader['header']>;
    const width = names.length;
    const cells = splitLine(text, line);
    if (cells.length !== width) {
      const column = cells.length > width ? cells[width].column : text.length + 1;
      fail(`row has ${count(cells.length, 'cell')} but the header has ${width}`, line, column);
    }
    cells.forEach((cell, c) => {
      const value = cellValue(cell, names[c], line);
      if (c === targetIndex) this.y.push(value);
      else this.x.push(value);
    });
  }

  /** Room for the whole file, from the characters per row so far (plus a tenth), so the arrays grow once. */
  private sizeFromSample(lineStart: number): void {
    const { sizeHint } = this.options;
    const chars = this.charsRead + lineStart;
    if (sizeHint === undefined || chars === 0) return;
    const rows = Math.ceil(((sizeHint / chars) * this.rows * 11) / 10);
    this.y.reserve(rows);
    this.x.reserve(rows * (this.x.length / this.rows));
  }
}

/** Reads chunks to the end: the data set, or the first error at its line and column. */
export function readCsvChunks(chunks: Iterable<string>, options: CsvReaderOptions): Result<Dataset, CsvError> {
  const reader = new CsvReader(options);
  for (const chunk of chunks) {
    const read = reader.push(chunk);
    if (!read.ok) return read;
  }
  return reader.finish();
}
