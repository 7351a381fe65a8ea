// softplus of a float32 tensor and its gradient take a faster path than Math (ops/softplusFloat32.ts); the
// values must be exactly Math's rounded to float32, bit for bit: softplus(x) = x above 20, else
// Math.log1p(Math.exp(x)), and the gradient g * e^x / (e^x + 1) (1 above 20). bench/softplusFloat32.ts
// checks all 2^32 inputs of the forward; here, the places where the fast path could go wrong.
import assert from 'node:assert/strict';
import { tensor } from '../../../src/autograd';

function float32Run(from: number, count: number): number[] {
  const bits = Uint32Array.from({ length: count }, (_, i) => from + i);
  return Array.from(new Float32Array(bits.buffer));
}
const bitsOf = (v: number) => new Uint32Array(Float32Array.of(v).buffer)[0];
const around = (v: number, ulps: number) => float32Run(bitsOf(v) - ulps, 2 * ulps + 1);

const softplus = (x: number) => (x > 20 ? x : Math.log1p(Math.exp(x)));
const sigmoid = (x: number) => (x > 20 ? 1 : Math.exp(x) / (Math.exp(x) + 1));

/** softplus(x).backward(g) on float32 tensors, against Math. */
function assertSoftplusExact(xs: number[], gs: number[] = xs.map(() => 1)): void {
  const x = tensor(Float32Array.from(xs), { requiresGrad: true });
  const y = x.softplus();
  y.backward(tensor(Float32Array.from(gs)));
  xs.forEach((v, i) => {
    const xi = Math.fround(v);
    const gi = Math.fround(gs[i]);
    const expected = Math.fround(softplus(xi));
    assert.ok(Object.is(y.data[i], expected), `softplus(${xi}) = ${y.data[i]}, Math gives ${expected}`);
    const product = gi * sigmoid(xi);
    const gradient = Math.fround(product === product || gi !== 0 ? product : 0);
    assert.ok(
      Object.is(x.grad?.data[i], gradient),
      `${gi} * sigmoid(${xi}) = ${x.grad?.data[i]}, Math gives ${gradient}`,
    );
  });
}

describe('softplus of float32 tensors', () => {
  it('is exactly Math rounded to float32 at zeros, subnormals, infinities, NaN, and where the fast path ends (-80, 20)', () => {
    assertSoftplusExact([0, -0, Infinity, -Infinity, NaN, 2 ** -149, -(2 ** -149), 1e-30, -1e-20]);
    assertSoftplusExact([...around(-80, 2000), ...around(20, 2000), ...around(-87.3, 200), ...around(-103.9, 200)]);
  });

  it('is exact around the boundaries of its range reduction and of its two ways to take ln(1 + t)', () => {
    for (let k = 1; k < 3700; k += 7) assertSoftplusExact(around(-((k + 0.5) * Math.LN2) / 32, 3));
    assertSoftplusExact([...around(-Math.log(256), 300), ...around(Math.log(256), 300)]); // t = 2^-8
  });

  it('is exact where softplus lies within 2^-37 of a float32 rounding boundary (those elements take Math)', () => {
    const near: number[] = [];
    for (const x of float32Run(bitsOf(-6), 300_000)) {
      const q = softplus(x);
      if (Math.fround(q * (1 - 2 ** -37)) !== Math.fround(q * (1 + 2 ** -37))) near.push(x);
    }
    assert.ok(near.length >= 20, `only ${near.length} such inputs found`);
    assertSoftplusExact(near);
  });

  it('gives the gradient exactly, for gradients of every size and sign, 0 and -0, and infinite or NaN ones', () => {
    let state = 99;
    const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
    const xs = Array.from({ length: 200_000 }, () => (next() / 2 ** 32) * 70 - 45);
    const gs = xs.map(() => ((next() / 2 ** 32) * 2 - 1) * 2 ** -(next() % 60));
    assertSoftplusExact(xs, gs);
    assertSoftplusExact([1, -3, 25, -90, 0.5, 2], [0, -0, Infinity, -Infinity, NaN, 1e-45]);
  });

  it('is exact on 200,000 random float32 bit patterns', () => {
    let state = 4321;
    const bits = Uint32Array.from({ length: 200_000 }, () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0));
    assertSoftplusExact(Array.from(new Float32Array(bits.buffer)));
  });
});
