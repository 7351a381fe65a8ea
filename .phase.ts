import { prepare } from './src/expr/prepare';
import { differentiate } from './src/expr/differentiate';
import { simplifier } from './src/expr/simplify';
import { printSource } from './src/expr/print/source';
import { printUnicode } from './src/expr/print/unicode';
import { printLatex } from './src/expr/print/latex';
import { lowerForDialect } from './src/expr/print/lower';
import { shapesFrom } from './src/expr/shapes';
import { derive } from './src/expr/api';
import type { Node } from './src/expr/ast';
const typical = ['((w*x - y)**2).mean()','((w*x + b - y)**2).mean()','np.abs(w*x - y).mean()','F.huber_loss(w*x + b, y)','F.binary_cross_entropy(torch.sigmoid(w*x + b), y)','F.binary_cross_entropy_with_logits(w*x + b, y)','np.log(1 + np.exp(-y*(w*x + b))).mean()','np.maximum(0, 1 - y*(w*x + b)).mean()','((w*x - y)**2).mean() + 0.01*w**2','((np.tanh(w*x + b) - y)**2).mean()','torch.logsumexp(w*x + b, 0) - (w*x[1] + b)','mean((w x + b − y)²)','Math.pow(w * x - y, 2) + Math.abs(w)','np.sqrt(((w*x - y)**2).mean() + 1e-8)','((w1*x + w2*x**2 + b - y)**2).mean()'];
const T: Record<string, number> = { prepare: 0, diff: 0, simplify: 0, source: 0, unicode: 0, latex: 0, echo: 0, total: 0 };
const now = () => performance.now();
for (let r = 0; r < 400; r++) for (const t of typical) {
  const t0 = now(); const prep = prepare(t); const t1 = now(); T.prepare += t1 - t0;
  const shapes = shapesFrom(prep.values, prep.parameters);
  const printed = new Map();
  const measure = (n: Node) => printSource(n, prep.dialect, printed).length;
  const s = simplifier({ shapes, measure, parameters: prep.parameters });
  for (const p of prep.parameters) {
    let a = now(); const raw = differentiate(prep.tree, p, shapes)!; let b = now(); T.diff += b - a;
    a = now(); const simp = s(raw); b = now(); T.simplify += b - a;
    a = now(); printSource(lowerForDialect(simp, prep.dialect), prep.dialect, printed); printSource(raw, prep.dialect, printed); b = now(); T.source += b - a;
    a = now(); printUnicode(simp); b = now(); T.unicode += b - a;
    a = now(); printLatex(simp); b = now(); T.latex += b - a;
  }
  let a = now(); printSource(prep.tree, prep.dialect); T.echo += now() - a;
  a = now(); derive(t); T.total += now() - a;
}
const n = 400 * typical.length;
console.log(Object.entries(T).map(([k, v]) => `${k} ${(v / n * 1000).toFixed(0)}us`).join('  '));
