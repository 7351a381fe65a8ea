// decimalToDouble.ts turns a decimal's digits and exponent into the nearest double, or says UNDECIDED. Its
// reference is Number() itself: every decided value must be Number()'s bit for bit (the sign of zero too),
// and UNDECIDED must be rare where the algorithm applies (normal doubles), or the fast path would be idle.
import assert from 'node:assert/strict';
import { POWERS_OF_TEN, UNDECIDED, digitsValue, eiselLemire } from '../../../src/train/data/decimalToDouble';

/** An unsigned decimal, "ddd.ddd" with an optional "e±N", as digitsValue reads it; null when UNDECIDED. */
function decide(text: string): number | null {
  const match = /^([0-9.]+)(?:[eE]([-+]?[0-9]+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const value = digitsValue(Buffer.from(match[1], 'latin1'), 0, match[1].length, Number(match[2] ?? 0));
  return value === UNDECIDED ? null : value;
}

/** What the CSV reader stores: the decided value, else Number()'s. */
const read = (text: string) => decide(text) ?? Number(text);

function assertAsNumber(texts: Iterable<string>): { count: number; undecided: number } {
  let count = 0;
  let undecided = 0;
  for (const text of texts) {
    count++;
    const value = decide(text);
    if (value === null) undecided++;
    else if (!Object.is(value, Number(text))) assert.fail(`${text}: ${value}, Number() gives ${Number(text)}`);
  }
  return { count, undecided };
}

/** A seeded generator (mulberry32): the same cases every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random finite doubles, every exponent equally likely (the bits drawn at random). */
function randomDoubles(count: number, seed: number): number[] {
  const next = random(seed);
  const view = new DataView(new ArrayBuffer(8));
  const doubles: number[] = [];
  while (doubles.length < count) {
    view.setUint32(0, Math.floor(next() * 2 ** 32) & 0x7fffffff); // positive: the sign is the scanner's
    view.setUint32(4, Math.floor(next() * 2 ** 32));
    const value = view.getFloat64(0);
    if (Number.isFinite(value)) doubles.push(value);
  }
  return doubles;
}

/** The exact decimal of m x 2^e (m a BigInt), all its digits. */
function exactDecimal(m: bigint, e: number): string {
  if (e >= 0) return (m << BigInt(e)).toString();
  const digits = (m * 5n ** BigInt(-e)).toString().padStart(-e + 1, '0');
  return `${digits.slice(0, e)}.${digits.slice(e)}`;
}

/** x's integer mantissa and power of two: x = m x 2^e, m below 2^53. */
function binary(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0 ? { m: fraction, e: -1074 } : { m: fraction | (1n << 52n), e: biased - 1075 };
}

/** The same decimal with its last digit moved by `step` (the point kept where it is). */
function nudge(text: string, step: bigint): string {
  const point = text.indexOf('.');
  const digits = (BigInt(text.replace('.', '')) + step).toString().padStart(text.length - (point < 0 ? 0 : 1), '0');
  return point < 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
}

describe('decimalToDouble (Eisel–Lemire)', () => {
  it('builds the table of 10^q that Go strconv lists (its rows 1e-348, 1e-342, 1e-1, 1e43, 1e347)', () => {
    // [lo, hi] 64-bit halves as Go's detailedPowersOfTen writes them
    const rows: [number, string, string][] = [
      [-348, '1732C869CD60E453', 'FA8FD5A0081C0288'],
      [-342, '113FAA2906A13B3F', 'EEF453D6923BD65A'],
      [-1, 'CCCCCCCCCCCCCCCD', 'CCCCCCCCCCCCCCCC'],
      [43, '6D9CCD05D0000000', 'E596B7B0C643C719'],
      [347, '4B7195F2D2D1A9FB', 'D13EB46469447567'],
    ];
    for (const [q, lo, hi] of rows) {
      const limbs = POWERS_OF_TEN.subarray((q + 348) * 8, (q + 349) * 8);
      const hex = [...limbs].reverse().map((limb) => limb.toString(16).toUpperCase().padStart(4, '0'));
      assert.equal(hex.join(''), hi + lo, `1e${q}`);
    }
  });

  it('reads a million random decimals as Number() does: 1 to 25 digits, the point anywhere, exponents -330 to 310', () => {
    const next = random(20240611);
    const texts = function* () {
      for (let n = 0; n < 1_000_000; n++) {
        const length = 1 + Math.floor(next() * 25);
        let digits = '';
        for (let k = 0; k < length; k++) digits += Math.floor(next() * 10);
        const point = Math.floor(next() * (length + 1));
        yield `${digits.slice(0, point)}.${digits.slice(point)}e${Math.floor(next() * 641) - 330}`;
      }
    };
    const { count, undecided } = assertAsNumber(texts());
    assert.equal(count, 1_000_000);
    assert.ok(undecided < count * 0.06, `${undecided} undecided`); // mostly subnormal, infinite or out of the table
  });

  it('decides all but a few in 1000 decimals whose double is normal, each as Number() does', () => {
    const next = random(7);
    const texts: string[] = [];
    for (let n = 0; n < 100_000; n++) {
      const length = 1 + Math.floor(next() * 19);
      let digits = String(1 + Math.floor(next() * 9));
      for (let k = 1; k < length; k++) digits += Math.floor(next() * 10);
      texts.push(`${digits}e${Math.floor(next() * 580) - 300}`); // 1e-300 to 1e299
    }
    const { undecided } = assertAsNumber(texts);
    // left to Number(): exact products (w x 10^q, q <= 27) that end in a rounding bit and zeros, where Go's
    // half-way check (which this follows) gives up even when a bit just outside its window breaks the tie
    assert.ok(undecided < texts.length / 1000, `${undecided} of ${texts.length} undecided`);
  });

  it('reads what repr() and pandas write: the shortest round trip and toPrecision(17) of random doubles', () => {
    const doubles = randomDoubles(100_000, 99);
    const plain = (text: string) => text.replace('e+', 'e');
    const { count, undecided } = assertAsNumber(doubles.flatMap((x) => [plain(String(x)), plain(x.toPrecision(17))]));
    // left to Number(): subnormals (1 in 2048 random bit patterns) and exact ties, which the shortest form of
    // a large integer can be (233388661300275600 lies halfway between two doubles 32 apart)
    assert.ok(undecided < count / 1000, `${undecided} undecided`);
    // and in the range data sets live in, each double decided and itself again
    const next = random(5);
    for (let n = 0; n < 100_000; n++) {
      const x = (next() - 0.5) * 10 ** Math.floor(next() * 20 - 10);
      for (const text of [String(Math.abs(x)), Math.abs(x).toPrecision(17)].map(plain))
        assert.ok(Object.is(decide(text), Math.abs(x)), text);
    }
  });

  it('rounds exact midpoints between adjacent doubles to even, and a last digit more or less away from it', () => {
    const doubles = [
      ...randomDoubles(300, 3),
      1,
      0.1,
      2 ** 53,
      1e23,
      123456789,
      2 ** -1022,
      2 ** -1074,
      5e-324,
      Number.MAX_VALUE / 2,
      ...Array.from({ length: 200 }, (_, k) => (k + 1) * 2 ** (k - 100)),
    ];
    const texts: string[] = [];
    for (const x of doubles) {
      const { m, e } = binary(x);
      const midpoint = exactDecimal(2n * m + 1n, e - 1);
      texts.push(midpoint, nudge(midpoint, 1n), nudge(midpoint, -1n));
      texts.push(`${midpoint}000000`, `${midpoint.includes('.') ? midpoint : `${midpoint}.`}0000000000001`);
    }
    texts.push('9007199254740993', '9007199254740995', '9007199254740993.0000000000000001', '1e23');
    texts.push('18014398509481993', '18014398509481995', '18014398509481997'); // 2^54 + 9, ties and not
    for (const text of texts) assert.ok(Object.is(read(text), Number(text)), text.slice(0, 60));
    // a tie that fits in 19 digits is one the 128-bit product cannot see past: the algorithm must not guess
    assert.equal(decide('9007199254740993'), null);
  });

  it('reads subnormals, 2^-1074, the edges of the normal range and of DBL_MAX, overflow and underflow as Number() does', () => {
    const texts = [
      '4.9406564584124654e-324',
      '5e-324',
      '2.4703282292062327e-324', // just below half of 2^-1074: 0
      '2.4703282292062328e-324', // just above: 2^-1074
      '2.2250738585072009e-308', // the largest subnormal
      '2.2250738585072014e-308', // DBL_MIN
      '2.2250738585072011e-308',
      '1.7976931348623157e308', // DBL_MAX
      '1.7976931348623158e308',
      '1.7976931348623158079e308', // just below the midpoint to 2^1024: DBL_MAX
      '1.797693134862315807937289714053e308', // at or above it: Infinity
      '1.7976931348623159e308',
      '1e309',
      '1e-400',
      '1e-330',
      '0.0000000000000000000000000000000000000000000000000000000000000001e-300',
    ];
    for (const text of texts) assert.ok(Object.is(read(text), Number(text)), text);
    assert.equal(decide('1.7976931348623157e308'), Number.MAX_VALUE);
    assert.equal(decide('2.2250738585072014e-308'), 2 ** -1022);
  });

  it('counts leading zeros only for their place and trailing zeros only for their power', () => {
    const texts = [
      '0',
      '0.000',
      '000',
      '0e999999',
      '0000000000000000000000123.456',
      '0.0000000000000000000000000123456789012345678901',
      '.000000000000000000000000000000000000000001',
      '123456789012345678900000000000000000',
      '1234567890123456789000000000000000000.0000000000000',
      '1.000000000000000000000000000000000001',
      '1.00000000000000011102230246251565404236316680908203125', // 1 + 2^-53, a tie: to even (1)
      '1.00000000000000011102230246251565404236316680908203126',
      '99999999999999999999',
      '9999999999999999999',
      '18446744073709551615',
      '18446744073709551616',
      '5.e-30', // a point after the last digit
      '1234567890123456789.e5',
      '12345678901234567891.5e-3',
      '0.e-30',
      '.5e-30',
    ];
    for (const text of texts) assert.ok(Object.is(read(text), Number(text)), text);
    assert.equal(decide('0.000'), 0);
    assert.equal(decide('123456789012345678900000000000000000'), 1.2345678901234568e35);
  });

  it('returns UNDECIDED outside its table, never a value', () => {
    assert.equal(eiselLemire(0, 1, -349), UNDECIDED);
    assert.equal(eiselLemire(0, 1, 348), UNDECIDED);
    assert.equal(eiselLemire(0, 1, 308), 1e308);
    assert.equal(eiselLemire(0, 1, 309), UNDECIDED); // overflows: Number() says Infinity
  });
});
