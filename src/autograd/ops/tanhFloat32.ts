// tanh of float32 values, exactly what Math.fround(Math.tanh(x)) gives, in about a third of the time.
//
// Math.tanh is a call into C per element (some 40 ns, most of a tanh network's step), and its 53 bits are
// rounded to 24 right away. Here tanh is computed to about 2e-15 (relative) by arithmetic the JIT
// inlines, and kept only when every number within 2^-36 of it (relative) rounds to the same float32.
// Math.tanh is within a double's last bit of tanh, so it lies inside that interval and, rounding being
// monotonic, rounds to that same float32. An element whose interval holds a rounding boundary (about one
// in 3000) calls Math.tanh, and so do 0, |x| >= 9 (where the float32 is ±1), infinities and NaN.
// bench/tanhFloat32.ts checks every float32 input against Math.tanh.
//
// The approximation, for a = |x| (tanh is odd; the sign goes back at the end): below 0.5, where a network's
// units mostly are, the [7/6] Padé approximant; above,
//   tanh(a) = t / (t + 2)  with  t = e^(2a) - 1;  2a = k ln2/32 + r, |r| <= ln2/64,  so  t = E e^r - 1, E = 2^(k/32)
//   t = E (e^r - 1) + (E - 1), with e^r - 1 = r + r^2/2 + ... + r^6/6!: the terms left out are below 1e-15 of it.
// E comes from a table (each entry within a double's last bit of 2^(k/32)); t / (t + 2) carries t's relative
// error at most once. A short polynomial after a finer reduction keeps each element's chain of dependent
// operations short, so the CPU works on several elements at once.

/** ln2/32 = LN2_32_HI + LN2_32_LO, LN2_32_HI's last 21 bits zero, so k * LN2_32_HI is exact and r accurate. */
const LN2_32_HI = 0.6931471803691238 / 32;
const LN2_32_LO = 1.9082149292705877e-10 / 32;
const INV_LN2_32 = 32 / Math.LN2;
/** Above this, tanh rounds to ±1 in float32 and is left to Math.tanh (rare in a network that trains). */
const LARGE = 9;
/** 2^(k/32) for the k that 2a < 2 LARGE needs. */
const EXP2_32 = Float64Array.from({ length: Math.ceil((2 * LARGE * 32) / Math.LN2) + 2 }, (_, k) => 2 ** (k / 32));
/** Below this, a rational function of a^2 (Lambert's continued fraction cut short) is within 2^-50 of tanh. */
const PADE_MAX = 0.5;
/** Relative half-width of the interval that must round to one float32: far above the error, far below float32's 2^-24. */
const MARGIN = 2 ** -36;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;

/** out[i] = Math.fround(Math.tanh(x[i])) for every i. */
export function tanhFloat32(x: Float32Array, out: Float32Array): void {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const a = Math.abs(v);
    if (a < PADE_MAX && a !== 0) {
      // tanh(a) = a (135135 + 17325 a^2 + 378 a^4 + a^6) / (135135 + 62370 a^2 + 3150 a^4 + 28 a^6) + O(a^15)
      const a2 = a * a;
      const q = (a * (135135 + a2 * (17325 + a2 * (378 + a2)))) / (135135 + a2 * (62370 + a2 * (3150 + a2 * 28)));
      const d = q * MARGIN;
      if (Math.fround(q - d) === Math.fround(q + d)) {
        out[i] = v < 0 ? -q : q;
        continue;
      }
    } else if (a < LARGE && a !== 0) {
      const u = a + a;
      const k = (u * INV_LN2_32 + 0.5) | 0;
      const r = u - k * LN2_32_HI - k * LN2_32_LO;
      const r2 = r * r;
      const em1 = r + r2 * (0.5 + r * C3) + r2 * r2 * (C4 + r * C5 + r2 * C6);
      const e = EXP2_32[k];
      const t = e * em1 + (e - 1);
      const q = t / (t + 2);
      const d = q * MARGIN;
      if (Math.fround(q - d) === Math.fround(q + d)) {
        out[i] = v < 0 ? -q : q;
        continue;
      }
    }
    out[i] = Math.tanh(v);
  }
}
