// CSV read in chunks as they arrive (a file's bytes in the CLI, one string in the panel's worker): lines are
// cut at '\n' (a '\r' before it dropped), so a chunk may end anywhere, inside a number, a quoted cell, a
// UTF-8 character or a CRLF. Values go straight into growing typed arrays of the run's dtype, no object per
// row, so 1e7 rows of float32 take about their own 16 bytes each. Rows of plain numbers are read in place
// (csvNumbers.ts); any other line is read as text by csvLines.ts, whose errors say the line and column.
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
import { GrowingArray } from './growingArray';
import { NEED_MORE, scanNumber, scanNumberRow, scanned } from './csvNumbers';

/** Rows read before the buffers are sized from the bytes per row so far and the file's size. */
const SAMPLE_ROWS = 1024;

export interface CsvReaderOptions {
  /** The column to predict; every other column is a feature. */
  target: string;
  /** The typed arrays' precision: the run's dtype, so a float32 run keeps one float32 copy of its data. */
  dtype: DType;
  /** The file's size in bytes, if known: after a sample of rows the buffers are sized for the whole file. */
  sizeHint?: number;
}

/** A line's text from its UTF-8 bytes, a byte order mark kept (only the file's first one is dropped). */
const lineText = new TextDecoder('utf-8', { ignoreBOM: true });

export class CsvReader {
  private pending = '';
  /** pushBytes' line not ended yet, in the pieces it came in. */
  private pendingBytes: Uint8Array[] = [];
  private pendingLength = 0;
  /** The pending line and the chunk in one buffer, with a 0 after them (scanNumberRow's stop). */
  private work = new Uint8Array(0);
  /** One row of values as scanNumberRow reads it, once the header says how many. */
  private row: Float64Array | null = null;
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
      if (this.pendingLength > 0) throw new Error('CsvReader: text and bytes pushed to one reader');
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

  /**
   * Reads a chunk of the file's bytes (UTF-8), the CLI's way: a row of plain numbers is read from the bytes
   * themselves, any other line as text. An error (its line and column) ends the reading.
   */
  pushBytes(chunk: Uint8Array): Result<void, CsvError> {
    return this.guard(() => {
      if (this.pending !== '') throw new Error('CsvReader: text and bytes pushed to one reader');
      this.started = true;
      if (chunk.indexOf(10) < 0) {
        // no line ends here: keep the piece (a long line is joined once, when it ends)
        this.pendingBytes.push(chunk.slice());
        this.pendingLength += chunk.length;
        return;
      }
      const limit = this.pendingLength + chunk.length;
      if (this.work.length <= limit) this.work = new Uint8Array(limit + 1 + (limit >> 2));
      const work = this.work;
      let at = 0;
      for (const piece of this.pendingBytes) {
        work.set(piece, at);
        at += piece.length;
      }
      work.set(chunk, at);
      work[limit] = 0;
      const unread = this.readByteLines(work, limit);
      this.charsRead += unread;
      this.pendingBytes = unread < limit ? [work.slice(unread, limit)] : [];
      this.pendingLength = limit - unread;
    });
  }

  /** Reads the lines of bytes[0, limit) that end there; returns where the unended one starts. */
  private readByteLines(bytes: Uint8Array, limit: number): number {
    let start = 0;
    while (start < limit) {
      if (this.header !== null) {
        if (this.row === null) this.row = new Float64Array(this.header.names.length);
        const nl = scanNumberRow(bytes, start, limit, this.row);
        if (nl >= 0) {
          this.line++;
          this.storeRow(this.row, start);
          start = nl + 1;
          continue;
        }
        if (nl === NEED_MORE) return start;
      }
      const nl = bytes.indexOf(10, start);
      if (nl < 0 || nl >= limit) return start;
      this.readTextLine(bytes.subarray(start, nl > start && bytes[nl - 1] === 13 ? nl - 1 : nl));
      start = nl + 1;
    }
    return start;
  }

  /** A line of bytes the fast path did not take, read as text (the file's byte order mark dropped). */
  private readTextLine(bytes: Uint8Array): void {
    let text = lineText.decode(bytes);
    if (this.line === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.readLine(text, 0, text.length);
  }

  private storeRow(row: Float64Array, lineStart: number): void {
    const { targetIndex } = this.header as NonNullable<CsvReader['header']>;
    for (let c = 0; c < row.length; c++) {
      if (c === targetIndex) this.y.push(row[c]);
      else this.x.push(row[c]);
    }
    if (++this.rows === SAMPLE_ROWS) this.sizeFromSample(lineStart);
  }

  /** The last line (with no newline after it), and the data set. */
  finish(): Result<Dataset, CsvError> {
    return this.guard(() => {
      if (this.pendingLength > 0) {
        const line = new Uint8Array(this.pendingLength);
        let at = 0;
        for (const piece of this.pendingBytes) {
          line.set(piece, at);
          at += piece.length;
        }
        this.readTextLine(line);
      }
      this.pendingBytes = [];
      this.pendingLength = 0;
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
