// The binary cross-entropy of logits computes e^-|z| and ln(1 + e) inline (ops/bceKernels.ts), not with
// Math.exp and Math.log1p: each must be within 2 units in the last place of the true value, here 40-digit
// values rounded once (test/fixtures/math/logistic_reference.py, mpmath).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expOfNegative, log1pOfUnit } from '../../../src/autograd/ops/bceKernels';
import { ulpsApart } from './ulps';

const reference = JSON.parse(
  readFileSync(path.join(__dirname, '../../fixtures/math/logistic_reference.json'), 'utf8'),
) as { a: number[]; exp: number[]; log1p: number[] };

describe('the inline exponential and logarithm of the logistic loss', () => {
  it('e^-a is within 2 ulp of its 40-digit value for 0 <= a < 40, on 4,200 points', () => {
    const worst = Math.max(...reference.a.map((a, i) => ulpsApart(expOfNegative(a), reference.exp[i])));
    const mathWorst = Math.max(...reference.a.map((a, i) => ulpsApart(Math.exp(-a), reference.exp[i])));
    console.log(`      e^-a: ours ${worst} ulp from the rounded value at worst, Math.exp ${mathWorst}`);
    assert.ok(worst <= 2, `${worst} ulp`);
    assert.equal(expOfNegative(0), 1);
  });

  it('ln(1 + e) is within 2 ulp of its 40-digit value for 0 <= e <= 1, small e keeping all its digits', () => {
    const worst = Math.max(...reference.exp.map((e, i) => ulpsApart(log1pOfUnit(e), reference.log1p[i])));
    const mathWorst = Math.max(...reference.exp.map((e, i) => ulpsApart(Math.log1p(e), reference.log1p[i])));
    console.log(`      ln(1 + e): ours ${worst} ulp at worst, Math.log1p ${mathWorst}`);
    assert.ok(worst <= 2, `${worst} ulp`);
    assert.equal(log1pOfUnit(0), 0);
    assert.equal(log1pOfUnit(2 ** -80), 2 ** -80);
    assert.equal(log1pOfUnit(1), Math.LN2);
  });

  it('agrees with Math.exp and Math.log1p within 3 ulp on 1,000,000 random arguments', () => {
    let state = 99;
    const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    let far = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const a = next() * 40;
      if (ulpsApart(expOfNegative(a), Math.exp(-a)) > 3) far++;
      const e = next() ** 4;
      if (ulpsApart(log1pOfUnit(e), Math.log1p(e)) > 3) far++;
    }
    assert.equal(far, 0);
  });
});
