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

/** ln2/32 = LN2_32_HI + LN2_32_LO, LN2_32_HI's last 21 bits zero, so k * LN2_32_HI is exact. */
const LN2_32_HI = 0.6931471803691238 / 32;
const LN2_32_LO = 1.9082149292705877e-10 / 32;
const INV_LN2_32 = 32 / Math.LN2;
const PADE_MAX = 0.6;
/** Above this, 1 - tanh(a) < 2^-54 and tanh rounds to 1. */
const LARGE = 19.1;
/** 2^(j/32), j = 0..31, each correctly rounded (computed with mpmath at 40 digits). */
const EXP2_FRACTION = Float64Array.of(
  1.0,
  1.0218971486541166,
  1.0442737824274138,
  1.0671404006768237,
  1.0905077326652577,
  1.1143867425958924,
  1.1387886347566916,
  1.1637248587775775,
  1.189207115002721,
  1.215247359980469,
  1.241857812073484,
  1.2690509571917332,
  1.2968395546510096,
  1.3252366431597413,
  1.3542555469368927,
  1.383909881963832,
  1.4142135623730951,
  1.4451808069770467,
  1.4768261459394993,
  1.5091644275934228,
  1.5422108254079407,
  1.5759808451078865,
  1.6104903319492543,
  1.645755478153965,
  1.681792830507429,
  1.718619298122478,
  1.7562521603732995,
  1.7947090750031072,
  1.8340080864093424,
  1.8741676341103,
  1.9152065613971474,
  1.9571441241754002,
);
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
