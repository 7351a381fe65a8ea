// Microseconds per derivative (parse + differentiate + simplify + print three ways; the chain-rule steps
// are computed when first read, which a hover does not do, and are not timed) on
// typical losses, side by side with mathjs `derivative` (+ toString) on the scalar forms it supports,
// measured in alternating blocks (all typical losses with ours, then all with mathjs, the order flipped
// every round) so load from elsewhere slows both alike. A full garbage collection before each block makes
// each library pay for its own garbage: one call of each in turn made us pay for mathjs's (our p50 doubled
// next to it). Also the time for one 10,000-character expression.
//
// Run: `npm run bench [-- --json]` (the bundle as shipped, see bench/index.ts), or the source through tsx,
// which is slower: node --import tsx --expose-gc bench/derive.ts [--json] [--rounds N]
// Targets: at least 20x faster than mathjs at the median, p99 under 5 ms, 10k chars under 50 ms.
import { derivative } from 'mathjs';
import { derive } from '../src/expr';

const args = process.argv.slice(2);
const json = args.includes('--json');
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 100;

/** [ours (as written), mathjs's scalar equivalent or null when mathjs cannot express it]. */
const typical: [string, string | null][] = [
  ['((w*x - y)**2).mean()', '(w*x - y)^2'],
  ['((w*x + b - y)**2).mean()', '(w*x + b - y)^2'],
  ['np.abs(w*x - y).mean()', 'abs(w*x - y)'],
  ['F.huber_loss(w*x + b, y)', null],
  [
    'F.binary_cross_entropy(torch.sigmoid(w*x + b), y)',
    '-(y*log(1/(1 + exp(-(w*x + b)))) + (1 - y)*log(1 - 1/(1 + exp(-(w*x + b)))))',
  ],
  ['F.binary_cross_entropy_with_logits(w*x + b, y)', 'log(1 + exp(w*x + b)) - y*(w*x + b)'],
  ['np.log(1 + np.exp(-y*(w*x + b))).mean()', 'log(1 + exp(-y*(w*x + b)))'],
  ['np.maximum(0, 1 - y*(w*x + b)).mean()', null],
  ['((w*x - y)**2).mean() + 0.01*w**2', '(w*x - y)^2 + 0.01*w^2'],
  ['((np.tanh(w*x + b) - y)**2).mean()', '(tanh(w*x + b) - y)^2'],
  ['torch.logsumexp(w*x + b, 0) - (w*x[1] + b)', null],
  ['mean((w x + b − y)²)', '(w x + b - y)^2'],
  ['Math.pow(w * x - y, 2) + Math.abs(w)', '(w*x - y)^2 + abs(w)'],
  ['np.sqrt(((w*x - y)**2).mean() + 1e-8)', 'sqrt((w*x - y)^2 + 1e-8)'],
  ['((w1*x + w2*x**2 + b - y)**2).mean()', '(w1*x + w2*x^2 + b - y)^2'],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function timeUs(f: () => void): number {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1000;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
/**
 * A full collection, then 10 ms of waiting on the CPU (not asleep: an idle isolate starts shrinking its
 * heap, which made the next block slower). The forced collection leaves sweeping to V8's background
 * threads; on two cores they preempted the measured thread for a 4 ms scheduler tick now and then, which
 * was most of the p99 (with --single-threaded-gc the p99 fell from 4.4 to 2.7 ms). A hover is never
 * preceded by a forced full collection, so this cost is the bench's, not the user's.
 */
function collectGarbage(): void {
  gc();
  const until = process.hrtime.bigint() + 10_000_000n;
  while (process.hrtime.bigint() < until);
}
const ours: number[] = [];
const theirs: number[] = [];
const oursOnShared: number[] = [];

function oursBlock(record: boolean): void {
  for (const [text, mathjsText] of typical) {
    const us = timeUs(() => {
      const result = derive(text);
      if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
    });
    if (!record) continue;
    ours.push(us);
    if (mathjsText) oursOnShared.push(us);
  }
}

function mathjsBlock(record: boolean): void {
  for (const [text, mathjsText] of typical) {
    if (!mathjsText) continue;
    const wrt = text.includes('w1') ? 'w1' : 'w';
    const us = timeUs(() => {
      derivative(mathjsText, wrt).toString();
    });
    if (record) theirs.push(us);
  }
}

for (let round = -5; round < rounds; round++) {
  const blocks = round % 2 === 0 ? [oursBlock, mathjsBlock] : [mathjsBlock, oursBlock];
  for (const block of blocks) {
    collectGarbage();
    block(round >= 0);
  }
}
ours.sort((a, b) => a - b);
theirs.sort((a, b) => a - b);
oursOnShared.sort((a, b) => a - b);

// One 10,000-character expression: a sum of logistic terms over 170-odd named samples. Its first run is
// timed apart (cold: the optimizing compiler has not yet seen code paths this size), then 3 untimed runs,
// then 9 timed ones, the steady state a user who hovers long losses gets. No forced collection between
// them: measured, one before each run made the median 1.5-2x slower than any real sequence of hovers.
const terms: string[] = [];
for (let i = 0; terms.join(' + ').length < 9_950; i++) terms.push(`np.log(1 + np.exp(-y${i}*(w*x${i} + b)))`);
const long = terms.slice(0, -1).join(' + ');
const deriveLong = () => {
  const result = derive(long);
  if (!result.ok) throw new Error(result.error.message);
};
collectGarbage();
const firstLongMs = timeUs(deriveLong) / 1000;
for (let i = 0; i < 3; i++) deriveLong();
const longMs: number[] = [];
for (let i = 0; i < 9; i++) longMs.push(timeUs(deriveLong) / 1000);
longMs.sort((a, b) => a - b);

const typicalLine = {
  bench: 'derive-typical',
  losses: typical.length,
  calls: ours.length,
  ours_p50_us: Math.round(percentile(ours, 0.5)),
  ours_p99_us: Math.round(percentile(ours, 0.99)),
  mathjs_p50_us: Math.round(percentile(theirs, 0.5)),
  mathjs_p99_us: Math.round(percentile(theirs, 0.99)),
  ours_p50_us_on_mathjs_subset: Math.round(percentile(oursOnShared, 0.5)),
  speedup_p50: Number((percentile(theirs, 0.5) / percentile(oursOnShared, 0.5)).toFixed(1)),
};
const longLine = {
  bench: 'derive-10k-chars',
  chars: long.length,
  ours_median_ms: Number(longMs[4].toFixed(1)),
  ours_max_ms: Number(longMs[8].toFixed(1)),
  ours_first_ms: Number(firstLongMs.toFixed(1)),
};

if (json) {
  console.log(JSON.stringify(typicalLine));
  console.log(JSON.stringify(longLine));
} else {
  console.log(
    `derive, ${typical.length} typical losses x ${rounds} rounds (mathjs on the ${typical.filter((t) => t[1]).length} it can express):`,
  );
  console.log(`  ours   p50 ${typicalLine.ours_p50_us} us, p99 ${typicalLine.ours_p99_us} us`);
  console.log(
    `  mathjs p50 ${typicalLine.mathjs_p50_us} us, p99 ${typicalLine.mathjs_p99_us} us  (ours on the same losses: p50 ${typicalLine.ours_p50_us_on_mathjs_subset} us; ${typicalLine.speedup_p50}x faster)`,
  );
  console.log(
    `  a ${long.length}-character expression: median ${longLine.ours_median_ms} ms, max ${longLine.ours_max_ms} ms (the first run, cold: ${longLine.ours_first_ms} ms)`,
  );
}
