// tanh of a float32 tensor takes a faster path than Math.tanh (ops/tanhFloat32.ts); its values must be
// exactly Math.fround(Math.tanh(x)), bit for bit, for every input. bench/tanhFloat32.ts checks all 2^32
// inputs; here, the places where the fast path could go wrong, and a broad random sample.
import assert from 'node:assert/strict';
import { tensor } from '../../../src/autograd';

/** The float32 values whose bit patterns are `from` .. `from + count - 1`. */
function float32Run(from: number, count: number): number[] {
  const bits = Uint32Array.from({ length: count }, (_, i) => from + i);
  return Array.from(new Float32Array(bits.buffer));
}

const bitsOf = (v: number) => new Uint32Array(Float32Array.of(v).buffer)[0];

/** Every float32 within `ulps` steps of v (v itself a float32), on both sides. */
const around = (v: number, ulps: number) => float32Run(bitsOf(v) - ulps, 2 * ulps + 1);

function assertTanhExact(xs: number[]): void {
  const t = tensor(Float32Array.from(xs)).tanh();
  assert.equal(t.dtype, 'float32');
  xs.forEach((x, i) => {
    const expected = Math.fround(Math.tanh(Math.fround(x)));
    assert.ok(Object.is(t.data[i], expected), `tanh(${x}) = ${t.data[i]}, Math gives ${expected}`);
  });
}

describe('tanh of float32 tensors', () => {
  it('is exactly Math.fround(Math.tanh(x)) at zeros, subnormals, infinities and NaN', () => {
    assertTanhExact([0, -0, Infinity, -Infinity, NaN, 2 ** -149, -(2 ** -149), 2 ** -126, 1e-30, -1e-20]);
    assertTanhExact(float32Run(0, 2000)); // the smallest subnormals
    assertTanhExact(float32Run(0x80000000, 2000)); // and their negatives
  });

  it('is exact on both sides of 9, where the fast path hands over to Math.tanh, and where tanh rounds to 1', () => {
    assertTanhExact(around(9, 3000));
    assertTanhExact(around(-9, 3000));
    assertTanhExact(around(8.3177661667, 3000)); // tanh rounds to 1 in float32 from about here
  });

  it('is exact around every boundary of its range reduction (2|x| a half-integer multiple of ln2/32)', () => {
    for (let k = 0; k < 2 * 9 * 46; k++) {
      const a = Math.fround(((k + 0.5) * Math.LN2) / 64);
      if (a > 0 && a < 9) assertTanhExact(around(a, 20));
    }
  });

  it('is exact where tanh lies within 2^-37 of a float32 rounding boundary (those elements take Math.tanh)', () => {
    const near: number[] = [];
    for (const x of float32Run(bitsOf(0.05), 400_000)) {
      const q = Math.tanh(x);
      if (Math.fround(q * (1 - 2 ** -37)) !== Math.fround(q * (1 + 2 ** -37))) near.push(x, -x);
    }
    assert.ok(near.length >= 20, `only ${near.length} such inputs found`);
    assertTanhExact(near);
  });

  it('is exact on 300,000 random float32 bit patterns and 300,000 random values in [-4, 4]', () => {
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
    const bits = Uint32Array.from({ length: 300_000 }, next);
    assertTanhExact(Array.from(new Float32Array(bits.buffer)));
    assertTanhExact(Array.from({ length: 300_000 }, () => (next() / 2 ** 32) * 8 - 4));
  });
});
