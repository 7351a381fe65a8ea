// softplus of float32 values and its gradient, exactly what Math gives rounded to float32, in about a third
// of the time: the BCE-of-logits loss spends most of its elementwise time here.
//
// Forward: Math.fround(Math.log1p(Math.exp(x))) (x itself above 20), two calls into C per element. As in
// tanhFloat32.ts, softplus is computed here to about 1e-13 (relative) by polynomials the JIT inlines and
// kept only when every number within 2^-36 of it rounds to the same float32; the rare element near a
// rounding boundary (and every x outside [-80, 20], and NaN) goes to Math. The forward also keeps
// sigmoid(x) = e^x / (e^x + 1), the slope, to about 1e-15, for the backward.
// Backward: Math.fround(g * slope) with the slope computed from Math.exp(x). The kept slope gives g * slope
// to within 2^-36 too, so the same check applies; an element that fails it recomputes the slope with Math.
// bench/softplusFloat32.ts checks every float32 input against Math, and the slope's error.
//
// The approximation, with t = e^-|x| in (0, 1]:  softplus(x) = max(x, 0) + ln(1 + t),  sigmoid(x) = t / (1 + t)
// for x <= 0 and 1 / (1 + t) above.
//   t = 2^(k/32) e^r  with -|x| = k ln2/32 + r, |r| <= ln2/64, e^r = 1 + r + ... + r^5/5! (the rest < 3e-15),
//   2^(k/32) = 2^(k>>5) 2^((k&31)/32) from two tables;
//   ln(1 + t) = t - t^2/2 + ... + t^7/7 for t < 2^-8 (the rest < 1e-17 of it), else ln(1 + t) = -ln(R) + ln(1 + u)
//   with R near 1/(1 + t) from a table of 65 and u = (1 + t) R - 1, |u| < 0.008, ln(1 + u) by six terms (the
//   rest < 3e-16, against ln(1 + t) >= 0.0039).

/** ln2/32 = LN2_32_HI + LN2_32_LO, LN2_32_HI's last 21 bits zero, so k * LN2_32_HI is exact. */
const LN2_32_HI = 0.6931471803691238 / 32;
const LN2_32_LO = 1.9082149292705877e-10 / 32;
const INV_LN2_32 = 32 / Math.LN2;
/** The fast path's range of x: below, e^x nears float32's smallest numbers; above, softplus(x) = x. */
const LOWEST = -80;
const THRESHOLD = 20;
/** 2^(j/32), j = 0..31, and 2^m for m = -116..0 (index m + 116). */
const EXP2_FRACTION = Float64Array.from({ length: 32 }, (_, j) => 2 ** (j / 32));
const POW2 = Float64Array.from({ length: 117 }, (_, i) => 2 ** (i - 116));
/** For 1 + t in the slice i = floor(64 t): R near 1/(1 + (i + 0.5)/64), and -ln(R). */
const RECIPROCAL = Float64Array.from({ length: 65 }, (_, i) => 1 / (1 + (i + 0.5) / 64));
const MINUS_LOG_RECIPROCAL = RECIPROCAL.map((r) => -Math.log(r));
const SMALL_T = 2 ** -8;
/** Relative half-width of the interval that must round to one float32: far above the error, far below float32's 2^-24. */
const MARGIN = 2 ** -36;

/**
 * out[i] = Math.fround(softplus(x[i])) with softplus as elementwise.ts computes it; slope[i] (when given)
 * = sigmoid(x[i]) within 2^-40 (relative).
 */
export function softplusFloat32(x: Float32Array, out: Float32Array, slope: Float64Array | null): void {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v >= LOWEST && v <= THRESHOLD) {
      const u = v > 0 ? -v : v;
      const k = (u * INV_LN2_32 - 0.5) | 0; // nearest to u / (ln2/32), u <= 0
      const r = u - k * LN2_32_HI - k * LN2_32_LO;
      const r2 = r * r;
      const er = r + r2 * (0.5 + r * (1 / 6)) + r2 * r2 * (1 / 24 + r * (1 / 120));
      const scale = POW2[(k >> 5) + 116] * EXP2_FRACTION[k & 31];
      const t = scale + scale * er;
      let log1pT: number;
      if (t < SMALL_T) {
        log1pT = t * (1 + t * (-0.5 + t * (1 / 3 + t * (-0.25 + t * (0.2 + t * (-1 / 6 + t * (1 / 7)))))));
      } else {
        const j = (t * 64) | 0;
        const w = (1 + t) * RECIPROCAL[j] - 1;
        const w2 = w * w;
        log1pT =
          MINUS_LOG_RECIPROCAL[j] + (w + w2 * (-0.5 + w * (1 / 3)) + w2 * w2 * (-0.25 + w * 0.2 + w2 * (-1 / 6)));
      }
      const y = v > 0 ? v + log1pT : log1pT;
      const d = y * MARGIN;
      if (slope !== null) slope[i] = v > 0 ? 1 / (1 + t) : t / (1 + t);
      if (Math.fround(y - d) === Math.fround(y + d)) {
        out[i] = y;
        continue;
      }
      out[i] = Math.log1p(Math.exp(v));
      continue;
    }
    if (v > THRESHOLD) {
      out[i] = v;
      if (slope !== null) slope[i] = 1;
    } else {
      const e = Math.exp(v);
      out[i] = Math.log1p(e);
      if (slope !== null) slope[i] = e / (e + 1);
    }
  }
}

/**
 * out[i] = Math.fround(g[i] * sigmoid(x[i])) with sigmoid(x) = e^x / (e^x + 1) from Math.exp (1 above 20), and
 * no gradient where g is 0 (as elementwise.ts's times), given the forward's slope.
 */
export function softplusGradientFloat32(x: Float32Array, g: Storage, slope: Float64Array, out: Float32Array): void {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const w = gi * slope[i];
    const d = w * MARGIN;
    if (Math.fround(w - d) === Math.fround(w + d)) {
      out[i] = w;
      continue;
    }
    const v = x[i];
    const e = Math.exp(v);
    const exact = gi * (v > THRESHOLD ? 1 : e / (e + 1));
    out[i] = exact === exact || gi !== 0 ? exact : 0;
  }
}

type Storage = Float32Array | Float64Array;
