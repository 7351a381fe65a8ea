// Checks src/autograd/ops/tanhFloat32.ts against Math.fround(Math.tanh(x)) for every float32 x (all 2^32
// bit patterns: NaNs, infinities, zeros and subnormals included), and times both on the same inputs. Run it
// again when Node's V8 changes: tanhFloat32 relies on Math.tanh being within 2^-36 of tanh.
//
// Run: node --import tsx bench/tanhFloat32.ts [--every N]   (N > 1 checks every Nth pattern only)
import { tanhFloat32 } from '../src/autograd/ops/tanhFloat32';

const args = process.argv.slice(2);
const every = Number(args[args.indexOf('--every') + 1]) || 1;
const CHUNK = 1 << 20;
const bits = new Uint32Array(CHUNK);
const x = new Float32Array(bits.buffer);
const fast = new Float32Array(CHUNK);
const reference = new Float32Array(CHUNK);
let checked = 0;
let mismatches = 0;
let fastMs = 0;
let mathMs = 0;
const start = performance.now();
for (let first = 0; first < 2 ** 32; first += CHUNK * every) {
  for (let i = 0; i < CHUNK; i++) bits[i] = first + i * every;
  let t = performance.now();
  tanhFloat32(x, fast);
  fastMs += performance.now() - t;
  t = performance.now();
  for (let i = 0; i < CHUNK; i++) reference[i] = Math.tanh(x[i]);
  mathMs += performance.now() - t;
  for (let i = 0; i < CHUNK; i++) {
    if (!Object.is(fast[i], reference[i])) {
      if (mismatches++ < 20) console.log(`x = ${x[i]} (0x${bits[i].toString(16)}): ${fast[i]} !== ${reference[i]}`);
    }
  }
  checked += CHUNK;
}
console.log(
  `${checked} float32 inputs checked in ${((performance.now() - start) / 1000).toFixed(0)} s: ${mismatches} differ from Math.fround(Math.tanh(x)); ` +
    `ns per element: tanhFloat32 ${((fastMs * 1e6) / checked).toFixed(1)}, Math.tanh ${((mathMs * 1e6) / checked).toFixed(1)}`,
);
process.exitCode = mismatches === 0 ? 0 : 1;
