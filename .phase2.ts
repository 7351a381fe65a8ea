import { prepare } from './src/expr/prepare';
import { differentiate } from './src/expr/differentiate';
import { simplifier } from './src/expr/simplify';
import { printSource } from './src/expr/print/source';
import { shapesFrom } from './src/expr/shapes';
import type { Node } from './src/expr/ast';
const typical = ['((w*x - y)**2).mean()','((w*x + b - y)**2).mean()','np.abs(w*x - y).mean()','F.huber_loss(w*x + b, y)','F.binary_cross_entropy(torch.sigmoid(w*x + b), y)','F.binary_cross_entropy_with_logits(w*x + b, y)','np.log(1 + np.exp(-y*(w*x + b))).mean()','np.maximum(0, 1 - y*(w*x + b)).mean()','((w*x - y)**2).mean() + 0.01*w**2','((np.tanh(w*x + b) - y)**2).mean()','torch.logsumexp(w*x + b, 0) - (w*x[1] + b)','mean((w x + b − y)²)','Math.pow(w * x - y, 2) + Math.abs(w)','np.sqrt(((w*x - y)**2).mean() + 1e-8)','((w1*x + w2*x**2 + b - y)**2).mean()'];
const R = 300;
const jobs = typical.map((t) => { const prep = prepare(t); const shapes = shapesFrom(prep.values, prep.parameters); return { t, prep, shapes, raws: prep.parameters.map((p) => differentiate(prep.tree, p, shapes)!) }; });
for (const withPoly of [true, false]) {
  let measureTime = 0; let calls = 0;
  const t0 = performance.now();
  for (let r = 0; r < R; r++) for (const j of jobs) {
    const printed = new Map();
    const measure = (n: Node) => { calls++; const a = performance.now(); const l = printSource(n, j.prep.dialect, printed).length; measureTime += performance.now() - a; return l; };
    const s = simplifier({ shapes: j.shapes, measure, parameters: j.prep.parameters, polynomial: withPoly });
    for (const raw of j.raws) s(raw);
  }
  const n = R * jobs.length;
  console.log('poly', withPoly, 'simplify/loss', ((performance.now() - t0) / n * 1000).toFixed(0), 'us; measure', (measureTime / n * 1000).toFixed(0), 'us', (calls / n).toFixed(0), 'calls');
}
