import { derive } from './src/expr/api';
const typical = ['((w*x - y)**2).mean()','((w*x + b - y)**2).mean()','np.abs(w*x - y).mean()','F.huber_loss(w*x + b, y)','F.binary_cross_entropy(torch.sigmoid(w*x + b), y)','F.binary_cross_entropy_with_logits(w*x + b, y)','np.log(1 + np.exp(-y*(w*x + b))).mean()','np.maximum(0, 1 - y*(w*x + b)).mean()','((w*x - y)**2).mean() + 0.01*w**2','((np.tanh(w*x + b) - y)**2).mean()','torch.logsumexp(w*x + b, 0) - (w*x[1] + b)','mean((w x + b − y)²)','Math.pow(w * x - y, 2) + Math.abs(w)','np.sqrt(((w*x - y)**2).mean() + 1e-8)','((w1*x + w2*x**2 + b - y)**2).mean()'];
const g = globalThis as any;
for (const t of typical) { g.__rwk = []; derive(t); console.log(g.__rwk.length, new Set(g.__rwk).size, t); }
