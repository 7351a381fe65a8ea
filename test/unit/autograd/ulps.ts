// Distances between doubles, for tests of the engine's inline float64 functions against reference values.
const bits = new BigInt64Array(1);
const view = new Float64Array(bits.buffer);

/** How many doubles lie between a and b (both finite, same sign): their distance in units in the last place. */
export function ulpsApart(a: number, b: number): number {
  view[0] = a;
  const ba = bits[0];
  view[0] = b;
  return Math.abs(Number(ba - bits[0]));
}
