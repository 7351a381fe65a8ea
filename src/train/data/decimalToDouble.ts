// A decimal's significant digits and power of ten to the nearest double, as Number() rounds it, without
// building its text: the Eisel–Lemire algorithm (Lemire, "Number Parsing at a Gigabyte per Second", 2021),
// in the form of Go's strconv eiselLemire64 (https://nigeltao.github.io/blog/2020/eisel-lemire.html). The
// digits, at most 19 of them, make a 64-bit integer w; w times a 128-bit truncation of 10^q gives the top bits
// of the exact product, and two checks say when those bits could round either way. Then, and outside the
// table's exponents or the normal doubles, the answer is UNDECIDED and the caller asks Number().
// JS numbers hold 53 bits, so w and the table are 16-bit limbs (each limb product fits in 32 bits) and the
// product is summed into 32-bit words, every sum exact in a double. No BigInt here: it allocates per number.

/** The answer when the algorithm cannot decide: the caller reads the text with Number(). Never a value. */
export const UNDECIDED = -1;

/** The powers of ten in the table (Go's range); anything outside under- or overflows, or is UNDECIDED. */
const MIN_POWER = -348;
const MAX_POWER = 347;
const LIMB = 2 ** 16;
const INVERSE_LIMB = 1 / LIMB;
const WORD = 2 ** 32;
const INVERSE_WORD = 1 / WORD;
const TWO_TO_21 = 2 ** 21;
const TWO_TO_22 = 2 ** 22;
const TWO_TO_52 = 2 ** 52;
const TWO_TO_53 = 2 ** 53;

/**
 * 10^q's first 128 bits, normalized so the top bit is set, as eight 16-bit limbs (least significant first)
 * at (q - MIN_POWER) * 8. Made once here with BigInt, by the formula of fast_float's table_generation.py
 * (also Rust's dec2flt_table.py): for q >= 0, 5^q truncated; for -27 <= q < 0, 2^(z+127) / 5^-q rounded up
 * (z the bit length of 5^-q); below, floor(2^(2z+128) / 5^-q) + 1 truncated. It equals Go's
 * detailedPowersOfTen row by row (the tests compare a few rows with Go's literal values).
 */
export const POWERS_OF_TEN = powersOfTen();

function powersOfTen(): Uint16Array {
  const table = new Uint16Array((MAX_POWER - MIN_POWER + 1) * 8);
  const bitLength = (n: bigint) => n.toString(2).length;
  for (let q = MIN_POWER; q <= MAX_POWER; q++) {
    let mantissa: bigint;
    if (q >= 0) {
      const power = 5n ** BigInt(q);
      const shift = 128 - bitLength(power);
      mantissa = shift >= 0 ? power << BigInt(shift) : power >> BigInt(-shift);
    } else {
      const power = 5n ** BigInt(-q);
      const z = bitLength(power - 1n); // the least z with 2^z >= 5^-q
      const wide = q >= -27 ? (1n << BigInt(z + 127)) / power + 1n : (1n << BigInt(2 * z + 128)) / power + 1n;
      mantissa = wide >> BigInt(Math.max(0, bitLength(wide) - 128));
    }
    for (let k = 0; k < 8; k++) table[(q - MIN_POWER) * 8 + k] = Number((mantissa >> BigInt(16 * k)) & 0xffffn);
  }
  return table;
}

/** 2^(e - 1075) for a double's biased exponent e in 1..2046: a 53-bit integer times it is that double. */
const SCALES = Float64Array.from({ length: 2047 }, (_, e) => 2 ** (e - 1075));

/**
 * w times 64 bits of the table at POWERS_OF_TEN[at..at+3], the 128-bit product as four 32-bit words, least
 * significant first, in `out`. The 16 limb products (below 2^32 each) are summed in columns of 16 bits, two
 * columns make a word (below 2^51, exact), and a word's carry goes to the next one: three floors a product.
 */
function multiply(out: Float64Array, m0: number, m1: number, m2: number, m3: number, at: number): void {
  const p0 = POWERS_OF_TEN[at];
  const p1 = POWERS_OF_TEN[at + 1];
  const p2 = POWERS_OF_TEN[at + 2];
  const p3 = POWERS_OF_TEN[at + 3];
  let word = m0 * p0 + (m0 * p1 + m1 * p0) * LIMB;
  let carry = Math.floor(word * INVERSE_WORD);
  out[0] = word - carry * WORD;
  word = carry + m0 * p2 + m1 * p1 + m2 * p0 + (m0 * p3 + m1 * p2 + m2 * p1 + m3 * p0) * LIMB;
  carry = Math.floor(word * INVERSE_WORD);
  out[1] = word - carry * WORD;
  word = carry + m1 * p3 + m2 * p2 + m3 * p1 + (m2 * p3 + m3 * p2) * LIMB;
  carry = Math.floor(word * INVERSE_WORD);
  out[2] = word - carry * WORD;
  out[3] = carry + m3 * p3;
}

/** w x the power's upper 64 bits, then its lower 64 bits (module scratch: no allocation per number). */
const product = new Float64Array(4);
const lowerProduct = new Float64Array(4);

/** Whether the 64 bits high:low (32-bit words) plus w (wHigh:wLow) reach 2^64: Go's `lo+man < man`. */
function carriesOut(low: number, high: number, wLow: number, wHigh: number): boolean {
  return high + wHigh + (low + wLow >= WORD ? 1 : 0) >= WORD;
}

/**
 * The double nearest to w x 10^q, w = high x 2^32 + low (each an unsigned 32-bit integer, w > 0), or
 * UNDECIDED: q outside the table, a result that is subnormal or overflows, or a product too close to a
 * rounding boundary for 128 bits to tell.
 */
export function eiselLemire(high: number, low: number, q: number): number {
  if (q < MIN_POWER || q > MAX_POWER) return UNDECIDED;
  // Normalization: w shifted left until its top bit is set, wHigh:wLow, and as 16-bit limbs m3 m2 m1 m0.
  const zeros = high !== 0 ? Math.clz32(high) : 32 + Math.clz32(low);
  let wHigh = high;
  let wLow = low;
  if (zeros >= 32) {
    wHigh = (low << (zeros - 32)) >>> 0;
    wLow = 0;
  } else if (zeros > 0) {
    wHigh = ((high << zeros) | (low >>> (32 - zeros))) >>> 0;
    wLow = (low << zeros) >>> 0;
  }
  const m0 = wLow & 0xffff;
  const m1 = wLow >>> 16;
  const m2 = wHigh & 0xffff;
  const m3 = wHigh >>> 16;
  // floor(q log2(10)) + 64 + the exponent bias, minus the shift: the biased exponent if the product's top bit is set
  let exponent = ((217706 * q) >> 16) + 64 + 1023 - zeros;

  // Multiplication: w times the power's upper 64 bits, the 128-bit product x3:x2 (xHi) x1:x0 (xLo).
  const row = (q - MIN_POWER) * 8;
  const x = product;
  multiply(x, m0, m1, m2, m3, row + 4);
  let x0 = x[0];
  let x1 = x[1];
  let x2 = x[2];
  let x3 = x[3];
  // Wider approximation: the power's lower 64 bits can carry into the 9 bits below the rounding bit only
  // when these are all ones and xLo is within w of 2^64.
  if ((x2 & 0x1ff) === 0x1ff && carriesOut(x0, x1, wLow, wHigh)) {
    const y = lowerProduct;
    multiply(y, m0, m1, m2, m3, row);
    // x += y >> 64
    let sum = x0 + y[2];
    let carry = sum >= WORD ? 1 : 0;
    x0 = sum - carry * WORD;
    sum = x1 + y[3] + carry;
    carry = sum >= WORD ? 1 : 0;
    x1 = sum - carry * WORD;
    sum = x2 + carry;
    carry = sum >= WORD ? 1 : 0;
    x2 = sum - carry * WORD;
    x3 += carry;
    const lowAllOnes = x0 === WORD - 1 && x1 === WORD - 1;
    if ((x2 & 0x1ff) === 0x1ff && lowAllOnes && carriesOut(y[0], y[1], wLow, wHigh)) return UNDECIDED;
  }

  // Shifting to 54 bits: the 53-bit mantissa and a rounding bit, with 9 (or 10) bits of xHi below them.
  const msb = x3 >>> 31;
  exponent -= 1 ^ msb;
  const below = 9 + msb;
  const roundBit = (x2 >>> below) & 1;
  const lastBit = (x2 >>> (below + 1)) & 1;
  let mantissa = msb === 1 ? x3 * TWO_TO_21 + (x2 >>> 11) : x3 * TWO_TO_22 + (x2 >>> 10);
  // Half-way ambiguity: a tie in the bits we have (nothing set below the rounding bit) may be no tie at all.
  if (roundBit === 1 && lastBit === 0 && (x2 & 0x1ff) === 0 && x0 === 0 && x1 === 0) return UNDECIDED;
  // From 54 to 53 bits: round half up (a tie was refused above, so this is to nearest).
  mantissa += roundBit;
  if (mantissa === TWO_TO_53) {
    mantissa = TWO_TO_52;
    exponent++;
  }
  if (exponent <= 0 || exponent >= 0x7ff) return UNDECIDED; // subnormal, or infinite
  return mantissa * SCALES[exponent];
}

/**
 * The double nearest to w x 10^q where w is the decimal's first 19 significant digits, and `truncated` says
 * that nonzero digits came after them: then the exact value lies in (w, w+1) x 10^q, and the answer is
 * decided only when w and w+1 give the same double. UNDECIDED otherwise (see eiselLemire).
 */
export function decimalToDouble(high: number, low: number, q: number, truncated: boolean): number {
  if (high === 0 && low === 0) return 0;
  const value = eiselLemire(high, low, q);
  if (!truncated || value === UNDECIDED) return value;
  const next = low + 1 === WORD ? eiselLemire(high + 1, 0, q) : eiselLemire(high, low + 1, q);
  return next === value ? value : UNDECIDED;
}

/** Significant digits taken into w: 19 fit below 2^64 (10^19 - 1 < 2^64 - 1); the first 15 in one exact double. */
const MAX_DIGITS = 19;
const HEAD_DIGITS = 15;
const TAIL_SCALES = [1, 10, 100, 1000, 10000];

/**
 * The magnitude of a decimal written in ASCII in bytes[start, end) (digits with at most one point among them,
 * no sign, no exponent) times 10^exponent: 0 when no digit is nonzero, else decimalToDouble of its first 19
 * significant digits, so UNDECIDED when the algorithm cannot tell.
 */
export function digitsValue(bytes: Uint8Array, start: number, end: number, exponent: number): number {
  let point = end; // where the point is, as if after the last digit when there is none
  let k = start;
  // leading zeros, and the point among them: only their places count
  for (; k < end; k++) {
    const b = bytes[k];
    if (b === 46) point = k;
    else if (b !== 48) break;
  }
  // w = the first 15 significant digits (head, below 10^15 < 2^53: exact) then up to 4 more (tail)
  let head = 0;
  let count = 0;
  for (; k < end && count < HEAD_DIGITS; k++) {
    const b = bytes[k];
    if (b === 46) point = k;
    else {
      head = head * 10 + (b - 48);
      count++;
    }
  }
  let tail = 0;
  for (; k < end && count < MAX_DIGITS; k++) {
    const b = bytes[k];
    if (b === 46) point = k;
    else {
      tail = tail * 10 + (b - 48);
      count++;
    }
  }
  // the last digit taken, and past it the dropped ones: any nonzero puts the value between w and w + 1
  const last = count < MAX_DIGITS && bytes[k - 1] === 46 ? k - 2 : k - 1;
  let truncated = false;
  for (; k < end; k++) {
    const b = bytes[k];
    if (b > 48) truncated = true;
    else if (b === 46) point = k;
  }
  // w's last digit stands for 10^(point - last - 1) before the point, 10^(point - last) after it
  const q = exponent + (last < point ? point - last - 1 : point - last);
  if (count === 0) return 0;
  // w = head x 10^t + tail in 32-bit halves: head = h1 2^16 + h0, so w = (h1 10^t) 2^16 + (h0 10^t + tail),
  // every product below 2^53.
  const scale = TAIL_SCALES[count > HEAD_DIGITS ? count - HEAD_DIGITS : 0];
  const h1 = Math.floor(head * INVERSE_LIMB);
  const upper = h1 * scale; // below 2^34 x 10^4 < 2^48
  const lower = (head - h1 * LIMB) * scale + tail; // below 2^31
  const u1 = Math.floor(upper * INVERSE_LIMB);
  const rest = (upper - u1 * LIMB) * LIMB + lower; // w = u1 2^32 + rest, rest below 2^33
  const carry = rest >= WORD ? 1 : 0;
  return decimalToDouble(u1 + carry, rest - carry * WORD, q, truncated);
}
