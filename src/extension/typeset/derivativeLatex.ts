// The LaTeX of a whole equation, `\frac{\partial L}{\partial w} = ...`, whether src/expr wrote the
// left-hand side or only the right.
import type { DerivativeOut } from '../../expr';

export function derivativeLatex(derivative: DerivativeOut, parameter: string): string {
  const latex = derivative.latex.trim();
  if (/^\\frac\s*\{\s*\\partial/.test(latex) || latex.includes('=')) return latex;
  const name = parameter.length === 1 ? parameter : `\\mathrm{${parameter.replace(/_/g, '\\_')}}`;
  return `\\frac{\\partial L}{\\partial ${name}} = ${latex}`;
}
