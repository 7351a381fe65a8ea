// tanh of float64 values by arithmetic the JIT inlines, within 2 units in the last place of tanh: about
// three times as fast as Math.tanh, a call into C per element that was most of a tanh network's float64 step.
// Neither result is "the" tanh: Math.tanh (fdlibm) is within 1 ulp, PyTorch's (SLEEF) within 1 ulp, and
// each rounds differently in the last bit. test/unit/autograd/tanhFloat64.test.ts measures the distance
// to Math.tanh and to a 40-digit tanh.
//
// For a = |x| (tanh is odd; the sign goes back at the end):
//   a < 0.6      the [17/16] Padé approximant (Lambert's continued fraction to 2a/17), within 2^-58 of tanh,
//                written as a - a z M(z) / D(z), z = a^2: the correction is under a tenth of a, so its
//                rounding errors hardly reach a's last bit;
//   0.6 <= a     tanh(a) = t / (t + 2) with t = e^(2a) - 1, no cancellation anywhere:
//                2a = k ln2/32 + r, |r| <= ln2/64;  e^(2a) = F e^r with F = 2^(k/32);  t = F (e^r - 1) + (F - 1),
//                F - 1 exact; e^r - 1 = r + r^2/2 + ... + r^6/6!, the rest below 2^-59 of it;
//                F = 2^(k >> 5) 2^((k & 31)/32), the second from a table of 32 correctly rounded values.
//   19.1 <= a    tanh rounds to 1 (and NaN stays NaN).

import {
  EXP2_FRACTION as SHARED_EXP2_FRACTION,
  INV_LN2_32 as SHARED_INV_LN2_32,
  LN2_32_HI as SHARED_LN2_32_HI,
  LN2_32_LO as SHARED_LN2_32_LO,
} from './exp2Table';

const PADE_MAX = 0.6;
/** Above this, 1 - tanh(a) < 2^-54 and tanh rounds to 1. */
const LARGE = 19.1;
const LN2_32_HI = SHARED_LN2_32_HI;
const LN2_32_LO = SHARED_LN2_32_LO;
const INV_LN2_32 = SHARED_INV_LN2_32;
const EXP2_FRACTION = SHARED_EXP2_FRACTION; // a constant of this module (exp2Table.ts says why)
/** 2^m for the m = k >> 5 that 2a < 2 LARGE gives. */
const POW2 = Float64Array.from({ length: 56 }, (_, m) => 2 ** m);
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;

/** out[i] = tanh(x[i]) within 2 ulp, for every i. One loop body, so the JIT inlines all of it. */
export function tanhFloat64(x: ArrayLike<number>, out: Float64Array): void {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const a = Math.abs(v);
    if (a < PADE_MAX) {
      // tanh(x) = x - x z (z^3 + 594 z^2 + 45045 z + 675675) / (z^4 + 630 z^3 + 51975 z^2 + 945945 z + 2027025)
      const z = v * v;
      const m = 675675 + z * (45045 + z * (594 + z));
      const d = 2027025 + z * (945945 + z * (51975 + z * (630 + z)));
      out[i] = a === 0 ? v : v - (v * z * m) / d; // -0 - (-0) would be +0
    } else if (a < LARGE) {
      const u = a + a;
      const k = (u * INV_LN2_32 + 0.5) | 0;
      const r = u - k * LN2_32_HI - k * LN2_32_LO;
      const r2 = r * r;
      const em1 = r + r2 * (0.5 + r * C3) + r2 * r2 * (C4 + r * C5 + r2 * C6);
      const f = POW2[k >> 5] * EXP2_FRACTION[k & 31];
      const t = f * em1 + (f - 1);
      const q = t / (t + 2);
      out[i] = v < 0 ? -q : q;
    } else {
      out[i] = a === a ? (v > 0 ? 1 : -1) : v; // NaN stays NaN
    }
  }
}
