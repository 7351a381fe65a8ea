// tanh of a float64 tensor is computed inline (ops/tanhFloat64.ts), not by Math.tanh: its values must be
// within 2 units in the last place of tanh itself, here tanh to 40 digits rounded once (a fixture written by
// test/fixtures/math/tanh_reference.py with mpmath), and keep tanh's exact values: signed zeros, ±1, NaN.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tensor } from '../../../src/autograd';
import { ulpsApart } from './ulps';

const reference = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/math/tanh_reference.json'), 'utf8')) as {
  x: number[];
  tanh: number[];
};

const tanhOf = (xs: number[]) => Array.from(tensor(Float64Array.from(xs)).tanh().data);

describe('tanh of float64 tensors', () => {
  it('is within 2 ulp of tanh (40 digits, rounded once) on 4,000 points over its whole range', () => {
    const ours = tanhOf(reference.x);
    const worst = Math.max(...ours.map((v, i) => ulpsApart(v, reference.tanh[i])));
    const mathWorst = Math.max(...reference.x.map((x, i) => ulpsApart(Math.tanh(x), reference.tanh[i])));
    console.log(`      farthest from the rounded tanh: ours ${worst} ulp, Math.tanh ${mathWorst} ulp`);
    assert.ok(worst <= 2, `${worst} ulp`);
  });

  it('is within 3 ulp of Math.tanh on 1,000,000 random values of every magnitude', () => {
    let state = 777;
    const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const xs = Array.from({ length: 1_000_000 }, (_, i) => (i % 2 ? -1 : 1) * next() * 2 ** (next() * 14 - 9));
    const ours = tanhOf(xs);
    const far = xs.filter((x, i) => ulpsApart(ours[i], Math.tanh(x)) > 3);
    assert.deepEqual(far, []);
  });

  it('keeps the sign of zero, is exactly x for tiny x, ±1 far out, and NaN for NaN', () => {
    const xs = [0, -0, 5e-324, -5e-324, 1e-300, -(2 ** -30), 19.1, -19.1, 25, 1e300, Infinity, -Infinity, NaN];
    const expected = [0, -0, 5e-324, -5e-324, 1e-300, -(2 ** -30), 1, -1, 1, 1, 1, -1, NaN];
    tanhOf(xs).forEach((v, i) => assert.ok(Object.is(v, expected[i]), `tanh(${xs[i]}) = ${v}`));
  });

  it('is odd: tanh(-x) = -tanh(x) bit for bit', () => {
    const xs = reference.x.map(Math.abs);
    const positive = tanhOf(xs);
    const negative = tanhOf(xs.map((x) => -x));
    positive.forEach((v, i) => assert.ok(Object.is(negative[i], -v), `x = ${xs[i]}`));
  });
});
