import { prepare } from './src/expr/prepare';
import { differentiate } from './src/expr/differentiate';
import { simplifier } from './src/expr/simplify';
import { printSource } from './src/expr/print/source';
import { shapesFrom } from './src/expr/shapes';
import * as poly from './src/expr/polynomial';
import { keyOf } from './src/expr/keys';
import type { Node } from './src/expr/ast';
const typical = ['((w*x - y)**2).mean()','((w*x + b - y)**2).mean()','np.abs(w*x - y).mean()','F.huber_loss(w*x + b, y)','F.binary_cross_entropy(torch.sigmoid(w*x + b), y)','F.binary_cross_entropy_with_logits(w*x + b, y)','np.log(1 + np.exp(-y*(w*x + b))).mean()','np.maximum(0, 1 - y*(w*x + b)).mean()','((w*x - y)**2).mean() + 0.01*w**2','((np.tanh(w*x + b) - y)**2).mean()','torch.logsumexp(w*x + b, 0) - (w*x[1] + b)','mean((w x + b − y)²)','Math.pow(w * x - y, 2) + Math.abs(w)','np.sqrt(((w*x - y)**2).mean() + 1e-8)','((w1*x + w2*x**2 + b - y)**2).mean()'];
for (const t of typical) {
  const prep = prepare(t); const shapes = shapesFrom(prep.values, prep.parameters);
  const printed = new Map();
  const s = simplifier({ shapes, measure: (n: Node) => printSource(n, prep.dialect, printed).length, parameters: prep.parameters });
  (globalThis as any).__polyLog = [];
  for (const p of prep.parameters) s(differentiate(prep.tree, p, shapes)!);
  const log: string[] = (globalThis as any).__polyLog;
  console.log(t, 'poly calls', log.length, 'distinct', new Set(log).size, 'rewrites', (globalThis as any).__rw);
  (globalThis as any).__rw = 0;
}
