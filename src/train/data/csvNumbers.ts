// Plain numbers read in place, without cutting the line into strings: the CSV readers' fast path. A cell is
// csvLines.ts's NUMBER with spaces and tabs around it; its value is exactly Number()'s: a mantissa below 2^53
// times or over an exact power of ten (at most 10^22) is one correctly rounded operation (Clinger's fast
// path); any other cell (17 digits as pandas and repr() write them, a bigger exponent) has its digits read
// again by decimalToDouble.ts (Eisel–Lemire), and the rare cell it cannot decide is read by Number() itself.
// Whatever else a line holds (a quote, a letter, a missing cell, a non-ASCII byte) is not read here: the
// caller reads that line as text with csvLines.ts, which says what is wrong and where.

import { digitsValue, UNDECIDED } from './decimalToDouble';

/** Exact powers of ten: a mantissa below 2^53 times or over one of them is rounded once, as Number() rounds. */
const POWERS = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Digits are added while the mantissa stays below this, so it never reaches 2^53. */
const MANTISSA_LIMIT = 2 ** 53 / 10 - 1;

/**
 * An exponent past this many digits is taken as infinite, so no count of digits before it can bring the
 * cell's power of ten back into range: the cell goes to Number(), which says 0 or Infinity.
 */
const MAX_EXPONENT = 100_000;

/** scanNumberRow's answers besides a newline's index. */
export const NEED_MORE = -1;
export const NOT_PLAIN = -2;

/**
 * The digits taken as one integer are exact below this: the integer grows with each digit, and once its
 * exact value reaches 2^53 its rounded value does too (2^53 + 1 rounds to 2^53 itself, so the test is strict).
 */
const EXACT_MANTISSA = 2 ** 53;

// The bytes of a cell that needs Number(): all ASCII, so any one-byte decoding gives its text.
const cellText = new TextDecoder('latin1');

/**
 * Reads the line that starts at bytes[start] (UTF-8) as row.length plain numbers separated by commas, into
 * `row`. Returns the index of the '\n' that ends it (a '\r' before it is allowed), NEED_MORE when the line
 * goes on past `limit`, NOT_PLAIN for any other line (then `row` holds nothing of use). bytes[limit] must be
 * 0 (a byte no number holds), so the loops stop there without checking.
 */
export function scanNumberRow(bytes: Uint8Array, start: number, limit: number, row: Float64Array): number {
  const width = row.length;
  let pos = start;
  for (let c = 0; c < width; c++) {
    let b = bytes[pos];
    while (b === 32 || b === 9) b = bytes[++pos];
    const negative = b === 45;
    if (b === 45 || b === 43) b = bytes[++pos];
    // the digits as one integer, exact while it stays below 2^53; the power of ten from the digits after the point
    let mantissa = 0;
    const wholeStart = pos;
    while (b >= 48 && b <= 57) {
      mantissa = mantissa * 10 + (b - 48);
      b = bytes[++pos];
    }
    let digitCount = pos - wholeStart;
    let power = 0;
    if (b === 46) {
      b = bytes[++pos];
      const fractionStart = pos;
      while (b >= 48 && b <= 57) {
        mantissa = mantissa * 10 + (b - 48);
        b = bytes[++pos];
      }
      power = fractionStart - pos;
      digitCount += pos - fractionStart;
    }
    if (digitCount === 0) return pos < limit ? NOT_PLAIN : NEED_MORE;
    const digitsEnd = pos;
    let exponent = 0;
    if (b === 101 || b === 69) {
      b = bytes[++pos];
      const below = b === 45;
      if (b === 45 || b === 43) b = bytes[++pos];
      const exponentStart = pos;
      while (b >= 48 && b <= 57) {
        exponent = exponent < MAX_EXPONENT ? exponent * 10 + (b - 48) : Infinity;
        b = bytes[++pos];
      }
      if (pos === exponentStart) return pos < limit ? NOT_PLAIN : NEED_MORE;
      if (below) exponent = -exponent;
      power += exponent;
    }
    if (pos >= limit) return NEED_MORE;
    let magnitude: number;
    if (mantissa < EXACT_MANTISSA && power >= -22 && power <= 22) {
      magnitude = power >= 0 ? mantissa * POWERS[power] : mantissa / POWERS[-power];
    } else {
      magnitude = digitsValue(bytes, wholeStart, digitsEnd, exponent);
      if (magnitude === UNDECIDED) magnitude = Number(cellText.decode(bytes.subarray(wholeStart, pos)));
      if (magnitude === Infinity) return NOT_PLAIN; // csvLines.ts says it overflows
    }
    const value = negative ? -magnitude : magnitude;
    row[c] = value;
    while (b === 32 || b === 9) b = bytes[++pos];
    if (pos >= limit) return NEED_MORE;
    if (c < width - 1) {
      if (b !== 44) return NOT_PLAIN;
      pos++;
    } else if (b === 13) {
      if (pos + 1 >= limit) return NEED_MORE;
      return bytes[pos + 1] === 10 ? pos + 1 : NOT_PLAIN;
    } else if (b !== 10) {
      return NOT_PLAIN;
    }
  }
  return pos;
}

/** The characters of a text cell off Clinger's path, as bytes for digitsValue (grown for a longer cell). */
let cellBytes = new Uint8Array(64);

/** digitsValue of text[start, end): ASCII digits and a point, copied to bytes. */
function textValue(text: string, start: number, end: number, exponent: number): number {
  if (end - start > cellBytes.length) cellBytes = new Uint8Array(2 * (end - start));
  for (let k = start; k < end; k++) cellBytes[k - start] = text.charCodeAt(k);
  return digitsValue(cellBytes, 0, end - start, exponent);
}

/** What scanNumber read: the value when it is known here, else (exact false) the cell is read by Number(). */
export const scanned = { value: 0, exact: false };

/**
 * A cell of text[pos, end) up to the next comma, read as csvLines.ts NUMBER (with spaces and tabs around it):
 * the index of the comma or `end`, or -1 when the cell is anything else (the slow path then says what).
 */
export function scanNumber(text: string, pos: number, end: number): number {
  let ch = text.charCodeAt(pos);
  while (pos < end && (ch === 32 || ch === 9)) ch = text.charCodeAt(++pos);
  const negative = ch === 45;
  if (pos < end && (ch === 45 || ch === 43)) ch = text.charCodeAt(++pos);
  const digitsStart = pos;
  let mantissa = 0;
  let power = 0;
  let digitCount = 0;
  let exact = true;
  while (pos < end && ch >= 48 && ch <= 57) {
    if (mantissa < MANTISSA_LIMIT) mantissa = mantissa * 10 + (ch - 48);
    else {
      exact = false; // more digits than a double holds: decimalToDouble.ts reads the cell
      power++;
    }
    digitCount++;
    ch = text.charCodeAt(++pos);
  }
  if (pos < end && ch === 46) {
    ch = text.charCodeAt(++pos);
    while (pos < end && ch >= 48 && ch <= 57) {
      if (mantissa < MANTISSA_LIMIT) {
        mantissa = mantissa * 10 + (ch - 48);
        power--;
      } else exact = false;
      digitCount++;
      ch = text.charCodeAt(++pos);
    }
  }
  if (digitCount === 0) return -1;
  const digitsEnd = pos;
  let exponent = 0;
  if (pos < end && (ch === 101 || ch === 69)) {
    ch = text.charCodeAt(++pos);
    const below = ch === 45;
    if (pos < end && (ch === 45 || ch === 43)) ch = text.charCodeAt(++pos);
    let expDigits = 0;
    while (pos < end && ch >= 48 && ch <= 57) {
      exponent = exponent < MAX_EXPONENT ? exponent * 10 + (ch - 48) : Infinity;
      expDigits++;
      ch = text.charCodeAt(++pos);
    }
    if (expDigits === 0) return -1;
    if (below) exponent = -exponent;
    power += exponent;
  }
  while (pos < end && (ch === 32 || ch === 9)) ch = text.charCodeAt(++pos);
  if (pos < end && ch !== 44) return -1;
  let magnitude: number;
  if (exact && power >= -22 && power <= 22) {
    magnitude = power >= 0 ? mantissa * POWERS[power] : mantissa / POWERS[-power];
  } else {
    magnitude = textValue(text, digitsStart, digitsEnd, exponent);
  }
  scanned.exact = magnitude !== UNDECIDED;
  scanned.value = negative ? -magnitude : magnitude;
  return pos;
}
