// Checks src/autograd/ops/softplusFloat32.ts against Math for every float32 x (all 2^32 bit patterns):
// the forward is exactly Math.fround(softplus(x)) (x > 20 ? x : Math.log1p(Math.exp(x))), and the slope the
// forward keeps is within 2^-40 of e^x / (e^x + 1), which the backward's check needs (it allows 2^-36); then
// the backward against Math.fround(g * slope) on random pairs (g, x). Times the forward against Math's.
// Run it again when Node's V8 changes.
//
// Run: node --import tsx bench/softplusFloat32.ts [--every N]   (N > 1 checks every Nth pattern only)
import { softplusFloat32, softplusGradientFloat32 } from '../src/autograd/ops/softplusFloat32';

const args = process.argv.slice(2);
const every = Number(args[args.indexOf('--every') + 1]) || 1;
const CHUNK = 1 << 20;
const bits = new Uint32Array(CHUNK);
const x = new Float32Array(bits.buffer);
const fast = new Float32Array(CHUNK);
const slope = new Float64Array(CHUNK);
const reference = new Float32Array(CHUNK);
const sigmoid = (v: number) => {
  const e = Math.exp(v);
  return v > 20 ? 1 : e / (e + 1);
};
let checked = 0;
let mismatches = 0;
let worstSlope = 0;
let fastMs = 0;
let mathMs = 0;
const start = performance.now();
for (let first = 0; first < 2 ** 32; first += CHUNK * every) {
  for (let i = 0; i < CHUNK; i++) bits[i] = first + i * every;
  let t = performance.now();
  softplusFloat32(x, fast, slope);
  fastMs += performance.now() - t;
  t = performance.now();
  for (let i = 0; i < CHUNK; i++) reference[i] = x[i] > 20 ? x[i] : Math.log1p(Math.exp(x[i]));
  mathMs += performance.now() - t;
  for (let i = 0; i < CHUNK; i++) {
    if (!Object.is(fast[i], reference[i]) && mismatches++ < 20)
      console.log(`x = ${x[i]}: ${fast[i]} !== ${reference[i]}`);
    const s = sigmoid(x[i]);
    if (s > 0 && Number.isFinite(s)) worstSlope = Math.max(worstSlope, Math.abs(slope[i] - s) / s);
    else if (!Object.is(slope[i], s) && mismatches++ < 20) console.log(`x = ${x[i]}: slope ${slope[i]} !== ${s}`);
  }
  checked += CHUNK;
}
// the backward on random (g, x): g and x float32, as a float32 graph has them
let state = 7;
const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
let backwardChecked = 0;
for (let round = 0; round < 64; round++) {
  const g = new Float32Array(CHUNK);
  for (let i = 0; i < CHUNK; i++) {
    x[i] = (next() / 2 ** 32) * 60 - 40;
    g[i] = ((next() / 2 ** 32) * 2 - 1) * 2 ** -(next() % 40);
  }
  softplusFloat32(x, fast, slope);
  const out = new Float32Array(CHUNK);
  softplusGradientFloat32(x, g, slope, out);
  for (let i = 0; i < CHUNK; i++) {
    const expected = Math.fround(g[i] * sigmoid(x[i]));
    if (!Object.is(out[i], expected) && mismatches++ < 20)
      console.log(`g = ${g[i]}, x = ${x[i]}: ${out[i]} !== ${expected}`);
  }
  backwardChecked += CHUNK;
}
console.log(
  `${checked} float32 inputs checked in ${((performance.now() - start) / 1000).toFixed(0)} s, and ${backwardChecked} gradients: ` +
    `${mismatches} differ from Math; the slope's largest relative error is 2^${Math.log2(worstSlope).toFixed(1)}; ` +
    `ns per element: softplusFloat32 ${((fastMs * 1e6) / checked).toFixed(1)}, Math ${((mathMs * 1e6) / checked).toFixed(1)}`,
);
process.exitCode = mismatches === 0 && worstSlope <= 2 ** -40 ? 0 : 1;
