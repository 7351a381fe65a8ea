// The "Show steps" side document: the chain rule, one local derivative per subexpression, in the order
// backpropagation visits them, then the simplified result. Pure markdown text.
import type { DeriveResult } from '../../expr';
import { escapeMarkdown, inlineCode } from '../hover/markdownText';
import {
  hasFormula,
  noFormulaLine,
  partialSymbol,
  questionLine,
  substitutionText,
  valueLine,
} from '../hover/hoverMarkdown';

interface StepsView {
  result: DeriveResult;
  asWritten?: string;
  /** Where the expression came from: 'tutorial_numpy.py, line 23'. */
  origin?: string;
  precision: number;
  lineLabel?: (line: number) => string;
}

export function stepsMarkdown(view: StepsView): string {
  const { result } = view;
  const lineLabel = view.lineLabel ?? ((line: number) => `line ${line}`);
  const out: string[] = [`# ${questionLine(result, view.asWritten, false)}`];
  if (view.origin) out.push(`From ${escapeMarkdown(view.origin)}.`);
  if (result.substitutions.length) {
    out.push('Definitions inlined from the file:');
    out.push(result.substitutions.map((s) => `- ${substitutionText(s, lineLabel)}`).join('\n'));
  }
  for (const parameter of result.parameters) {
    const derivative = result.derivatives[parameter];
    if (!derivative) continue;
    const symbol = partialSymbol(derivative, parameter);
    out.push(`## ${escapeMarkdown(symbol)}`);
    if (!hasFormula(derivative)) {
      out.push(noFormulaLine(result, parameter, view.precision)); // no empty chain to show
      continue;
    }
    if (derivative.steps.length) {
      out.push(
        'Each subexpression with its local derivative, in the order backpropagation visits them (from the loss back to the parameter):',
      );
      out.push(
        derivative.steps
          .map(
            (step, i) =>
              `${i + 1}. ${inlineCode(step.expression)}: local derivative ${inlineCode(step.local)}  \n   ${escapeMarkdown(step.unicode)}`,
          )
          .join('\n'),
      );
    }
    out.push(`Multiplied along the path (the chain rule), unsimplified: ${inlineCode(derivative.raw)}`);
    out.push(`Simplified: ${inlineCode(derivative.source)}  \n${escapeMarkdown(derivative.unicode)}`);
    const value = valueLine(result, parameter, view.precision);
    if (value) out.push(`At the file's values: ${value}`);
  }
  if (result.warnings.length)
    out.push(`## Warnings\n\n${result.warnings.map((w) => `- ${escapeMarkdown(w)}`).join('\n')}`);
  return `${out.join('\n\n')}\n`;
}
