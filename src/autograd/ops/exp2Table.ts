// The argument reduction and the table that the inline float64 exponentials share (tanhFloat64.ts,
// bceKernels.ts): e^x = 2^(k/32) e^r with x = k ln2/32 + r, |r| <= ln2/64. A kernel copies these into
// constants of its own module at load: an imported binding is reached through a getter where modules are
// not bundled (benches, tests), once per use in a hot loop.

/** ln2/32 = LN2_32_HI + LN2_32_LO, LN2_32_HI's last 21 bits zero, so k * LN2_32_HI is exact for |k| < 2^21. */
export const LN2_32_HI = 0.6931471803691238 / 32;
export const LN2_32_LO = 1.9082149292705877e-10 / 32;
export const INV_LN2_32 = 32 / Math.LN2;
/** 2^(j/32), j = 0..31, each correctly rounded (computed with mpmath at 40 digits). */
export const EXP2_FRACTION = Float64Array.of(
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
